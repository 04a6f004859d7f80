"""Storage on real temporary databases, each test on SQLite and on PostgreSQL (``store_url``,
``empty_store``): migrations, datasets, values, lokus, aksi, times and text as read back, and the
demo data read back the same from both."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import insert, inspect
from sqlalchemy.engine import make_url

from analysis import schema as s
from analysis.zscore import score_records
from services.bootstrap import initialise
from store import tables
from store.database import Store
from store.growth import growth_tables
from store.migrations import MIGRATIONS
from store.records import DatasetInfo

UPLOAD = DatasetInfo(
    nama="Rekap TW1",
    jenis="unggahan",
    dibuat_oleh="tester",
    sintetis=False,
    nama_berkas="rekap.xlsx",
)


def values(*rows):
    cols = [
        s.KODE_WILAYAH,
        s.KODE_INDIKATOR,
        s.PERIODE,
        s.SUMBER_DATA,
        s.PEMBILANG,
        s.PENYEBUT,
        s.NILAI,
    ]
    return pd.DataFrame(rows, columns=cols)


def table_names(store: Store) -> set[str]:
    return set(inspect(store.engine).get_table_names())


def test_migrations_run_once_and_create_tables(store_url):
    """A fresh database gets every migration; a second start applies none."""
    store = Store(store_url)
    assert store.migrate() == [v for v, _, _ in MIGRATIONS]
    assert store.migrate() == []
    names = table_names(store)
    assert {
        "dataset",
        "dataset_nilai",
        "scorecard_value",
        "lokus",
        "aksi_progress",
        "aksi_tahun",
        "schema_migrations",
    } <= names
    store.dispose()


def test_migration_4_moves_stored_rows_into_one_file_per_dataset(store_url):
    """A database of version 3 keeps every value, of every dataset, after the move to Arrow files."""
    store = Store(store_url)
    with store.engine.begin() as conn:
        tables.schema_migrations.create(conn)
        for version, name, step in MIGRATIONS[:3]:
            step(conn)
            conn.execute(
                tables.schema_migrations.insert().values(
                    version=version, name=name, applied_at=datetime.now(UTC)
                )
            )
    datasets = [
        {"id": i, "nama": f"d{i}", "jenis": "unggahan", "dibuat_pada": datetime(2026, 1, i),
         "dibuat_oleh": "x", "jumlah_baris": 2, "status": status, "sintetis": False}
        for i, status in ((1, "aktif"), (2, "dibatalkan"), (3, "aktif"))
    ]  # fmt: skip
    rows = [
        (1, "31.72.02.1007", "SPE02", "2024-Q1", "LAPRUT", 150, 200, 75),
        (1, "31.72.02.1006", "SPE02", "2024-Q1", "LAPRUT", 1, 2, 50),
        (2, "31.72.02.1007", "SPE02", "2024-Q1", "LAPRUT", 199, 200, 99.5),
        (3, "31.72.02.1007", "SPE02", "2024-Q1", "LAPRUT", 170, 200, 85),
        (3, "31.72", "OUT01", "2024", "SSGI", None, None, 17.8),
    ]
    names = ["dataset_id", "kode_wilayah", "kode_indikator", "periode", "sumber_data"]
    names += ["pembilang", "penyebut", "nilai"]
    with store.engine.begin() as conn:
        conn.execute(insert(tables.dataset), datasets)
        conn.execute(
            insert(tables.indicator_value), [dict(zip(names, r, strict=True)) for r in rows]
        )

    assert store.migrate() == [v for v, _, _ in MIGRATIONS if v >= 4]
    stored = [
        (i, *r)
        for i in (1, 2, 3)
        for r in store.dataset_values(i).itertuples(index=False, name=None)
    ]
    assert pd.DataFrame(stored).fillna(-1).values.tolist() == (
        pd.DataFrame(rows).fillna(-1).astype({5: float, 6: float, 7: float}).values.tolist()
    )
    current = store.indicator_values().set_index(s.KODE_WILAYAH)
    assert current[s.DATASET_ID].to_dict() == {"31.72.02.1006": 1, "31.72.02.1007": 3, "31.72": 3}
    names = table_names(store)
    assert "indicator_value" not in names and "dataset_nilai" in names
    store.dispose()


def test_default_path_comes_from_env(monkeypatch, tmp_path):
    """DASBOR_DB_URL chooses the database; the default is a git-ignored var/ file."""
    import settings

    monkeypatch.delenv("DASBOR_DB_URL", raising=False)
    assert settings.database_url().endswith("var/dasbor.sqlite")
    monkeypatch.setenv("DASBOR_DB_URL", f"sqlite:///{tmp_path / 'x.sqlite'}")
    assert settings.database_url() == f"sqlite:///{tmp_path / 'x.sqlite'}"


def test_value_keeps_numerator_and_denominator(empty_store):
    """Numerator, denominator and value round-trip unchanged, with provenance."""
    dataset_id = empty_store.add_dataset(
        UPLOAD, values(("31.72.02.1007", "SPE02", "2024-Q1", "LAPRUT", 170.0, 200.0, 85.0))
    )
    got = empty_store.indicator_values()
    assert got[[s.PEMBILANG, s.PENYEBUT, s.NILAI]].iloc[0].tolist() == [170.0, 200.0, 85.0]
    assert got[s.DATASET_ID].item() == dataset_id
    meta = empty_store.datasets().iloc[0]
    assert (meta["nama_berkas"], meta["jumlah_baris"], meta["status"]) == ("rekap.xlsx", 1, "aktif")


def test_newer_dataset_wins_and_older_is_kept(empty_store):
    """A second upload of the same key becomes current; the first stays stored."""
    key = ("31.72.02.1007", "SPE02", "2024-Q1", "LAPRUT")
    first = empty_store.add_dataset(UPLOAD, values((*key, 150.0, 200.0, 75.0)))
    second = empty_store.add_dataset(
        UPLOAD,
        values(
            (*key, 170.0, 200.0, 85.0), ("31.72.02.1006", "SPE02", "2024-Q1", "LAPRUT", 1, 2, 50)
        ),
    )
    current = empty_store.indicator_values().set_index(s.KODE_WILAYAH)
    assert current.loc["31.72.02.1007", s.PEMBILANG] == 170.0
    assert current.loc["31.72.02.1007", s.DATASET_ID] == second
    assert len(empty_store.dataset_values(first)) == 1
    assert empty_store.dataset_values(first)[s.PEMBILANG].tolist() == [150.0]
    assert len(empty_store.dataset_values(second)) == 2


def test_sources_are_kept_apart(empty_store):
    """The same indicator and period from two sources are two current values."""
    empty_store.add_dataset(
        UPLOAD,
        values(
            ("31.72", "OUT01", "2024", "SSGI", 120, 700, 17.1),
            ("31.72", "OUT01", "2024", "EPPGBM", 900, 9000, 10.0),
        ),
    )
    assert sorted(empty_store.indicator_values()[s.SUMBER_DATA]) == ["EPPGBM", "SSGI"]


def test_failed_insert_leaves_nothing_behind(empty_store):
    """A dataset whose rows violate a constraint is rolled back whole."""
    dup = ("31.72.02.1007", "SPE02", "2024-Q1", "LAPRUT", 1.0, 2.0, 50.0)
    with pytest.raises(Exception, match="UNIQUE"):
        empty_store.add_dataset(UPLOAD, values(dup, dup))
    assert empty_store.datasets().empty
    assert empty_store.indicator_values().empty


def test_lokus_sync_replaces_reference_years_only(empty_store, ref):
    """Re-syncing the reference lokus neither duplicates rows nor touches other years."""
    with empty_store.engine.begin() as conn:
        conn.exec_driver_sql(
            "insert into lokus (tahun, kode_kelurahan, asal) values (2026, '31.72.04.1003', 'pengguna'),"
            " (2022, '31.72.04.1003', 'pengguna')"
        )
        conn.exec_driver_sql(
            "update lokus set asal = 'pengguna' where tahun = 2022 and kode_kelurahan = '31.72.02.1007'"
        )
    empty_store.sync_lokus(ref.lokus)
    empty_store.sync_lokus(ref.lokus)
    lokus = empty_store.lokus()
    # 2022: the seven reference lokus (Warakas kept as the user's row) plus Marunda added by a user.
    assert lokus.groupby(s.TAHUN).size().to_dict() == {2022: 8, 2026: 1}
    assert lokus.groupby("asal").size().to_dict() == {"pengguna": 3, "referensi": 6}


def test_initialise_loads_demo_once(store_url):
    """The first start loads the demo data; later starts keep what is stored."""
    url = store_url
    store, _, first = initialise(url, with_demo=True)
    assert first.demo_dataset_id == 1 and first.demo_aksi_loaded
    n_values = len(store.indicator_values())
    store.dispose()
    store, _, second = initialise(url, with_demo=True)
    assert second.demo_dataset_id is None and not second.demo_aksi_loaded
    assert len(store.indicator_values()) == n_values
    assert len(store.datasets()) == 2  # indicator values, and the measurements (synthetic)
    store.dispose()


def test_invalid_reference_stops_before_the_database(store_url, tmp_path, monkeypatch):
    """Broken reference files raise before any database file or table is created."""
    from ingest.reference_problems import ReferenceDataError

    (tmp_path / "ref").mkdir()
    monkeypatch.setenv("DASBOR_REFERENCE_DIR", str(tmp_path / "ref"))
    with pytest.raises(ReferenceDataError, match="tidak ditemukan"):
        initialise(store_url)
    if store_url.startswith("sqlite"):
        assert not Path(make_url(store_url).database).exists()
    else:
        store = Store(store_url)
        assert table_names(store) == set()
        store.dispose()


def test_aksi_progress_round_trip(empty_store, ref):
    """Aksi rows keep dates, nullable tahapan/kelurahan and the framework of the year."""
    years = pd.DataFrame({s.TAHUN: [2022], s.KERANGKA: ["8AKSI"]})
    progress = pd.DataFrame(
        [
            {
                s.KERANGKA: "8AKSI",
                s.TAHUN: 2022,
                s.NOMOR_AKSI: 1,
                s.NOMOR_TAHAPAN: None,
                s.KODE_KELURAHAN: None,
                "rencana_mulai": pd.Timestamp("2022-06-01").date(),
                "realisasi_selesai": pd.Timestamp("2022-07-20").date(),
                s.STATUS: s.STATUS_SELESAI,
                s.PROGRES: 100.0,
                "sintetis": False,
                "diubah_oleh": "tester",
            },
            {
                s.KERANGKA: "8AKSI",
                s.TAHUN: 2022,
                s.NOMOR_AKSI: 5,
                s.NOMOR_TAHAPAN: None,
                s.KODE_KELURAHAN: "31.72.02.1007",
                s.STATUS: s.STATUS_BERJALAN,
                s.PROGRES: 40.0,
                "sintetis": False,
                "diubah_oleh": "tester",
            },
        ]
    )
    empty_store.add_aksi_progress(years, progress)
    got = empty_store.aksi_progress()
    assert got[s.NOMOR_TAHAPAN].isna().all()
    assert str(got.loc[0, "realisasi_selesai"])[:10] == "2022-07-20"
    assert got.loc[1, s.KODE_KELURAHAN] == "31.72.02.1007"
    assert empty_store.aksi_years().to_dict("records") == [{s.TAHUN: 2022, s.KERANGKA: "8AKSI"}]


def test_aksi_edits_are_saved_with_an_audit_row_per_field(empty_store, ref):
    """A new year from the template, then one edit: both logged, who and what."""
    from analysis.aksi import changes, year_template

    rows = year_template(ref.kerangka, ref.tahapan, "SKEMA2025", 2026, set())
    empty_store.add_aksi_year(2026, "SKEMA2025", rows, "Rina")
    with pytest.raises(ValueError, match="sudah ada"):
        empty_store.add_aksi_year(2026, "SKEMA2025", rows, "Rina")
    before = empty_store.aksi_progress()
    first = before.loc[before[s.NOMOR_TAHAPAN].isna()].iloc[[0]]
    after = first.assign(**{s.STATUS: "berjalan", s.PROGRES: 40.0, "opd": "Sudin Kesehatan"})
    diff = changes(first, after)
    assert empty_store.update_aksi_progress(2026, after, diff, "Budi") == 3
    stored = empty_store.aksi_progress().set_index("id").loc[first["id"].iloc[0]]
    assert (stored[s.STATUS], stored[s.PROGRES], stored["diubah_oleh"]) == (
        "berjalan",
        40.0,
        "Budi",
    )
    log = empty_store.aksi_audit()
    assert log[["oleh", "kolom", "nilai_lama", "nilai_baru"]].fillna("").values.tolist() == [
        ["Budi", "opd", "", "Sudin Kesehatan"],  # newest first
        ["Budi", "progres_persen", "0", "40"],
        ["Budi", "status", "belum mulai", "berjalan"],
        ["Rina", "tahun baru", "", "SKEMA2025"],
    ]


def test_evidence_is_kept_with_its_row_and_logged(empty_store, ref):
    from analysis.aksi import year_template
    from ingest.evidence import check_evidence
    from tests.ingest_files import pdf

    empty_store.add_aksi_year(
        2026, "SKEMA2025", year_template(ref.kerangka, ref.tahapan, "SKEMA2025", 2026, set()), "R"
    )
    row = int(empty_store.aksi_progress()["id"].iloc[0])
    evidence = check_evidence("../Notulen rembuk.pdf", pdf(b"isi"), 1024)
    evidence_id = empty_store.add_aksi_evidence(2026, row, evidence, "Rina")
    listed = empty_store.aksi_evidence([row])
    assert listed[["nama_berkas", "ukuran", "diunggah_oleh"]].values.tolist() == [
        ["Notulen_rembuk.pdf", len(pdf(b"isi")), "Rina"]
    ]
    assert empty_store.aksi_evidence_file(evidence_id) == ("Notulen_rembuk.pdf", pdf(b"isi"))
    assert empty_store.aksi_audit()["kolom"].iloc[0] == "berkas bukti"


def test_framework_switches_only_while_a_year_is_untouched(empty_store, ref):
    from analysis.aksi import changes, year_template

    def template(kerangka):
        return year_template(ref.kerangka, ref.tahapan, kerangka, 2026, set())

    empty_store.add_aksi_year(2026, "8AKSI", template("8AKSI"), "Rina")
    empty_store.switch_aksi_framework(2026, "SKEMA2025", template("SKEMA2025"), "Rina")
    assert empty_store.aksi_years().set_index(s.TAHUN).loc[2026, s.KERANGKA] == "SKEMA2025"
    assert set(empty_store.aksi_progress()[s.KERANGKA]) == {"SKEMA2025"}
    assert empty_store.aksi_audit()[["kolom", "nilai_lama", "nilai_baru"]].iloc[0].tolist() == [
        "kerangka",
        "8AKSI",
        "SKEMA2025",
    ]
    before = empty_store.aksi_progress().iloc[[0]]
    after = before.assign(**{s.STATUS: "berjalan", s.PROGRES: 10.0})
    empty_store.update_aksi_progress(2026, after, changes(before, after), "Budi")
    with pytest.raises(ValueError, match="progresnya sudah diisi"):
        empty_store.switch_aksi_framework(2026, "8AKSI", template("8AKSI"), "Rina")


def test_times_are_read_back_as_naive_utc(empty_store):
    """Times are stored in UTC and read back without a zone on every backend, whatever the
    server's time zone (the test server runs in Asia/Jakarta): an aware time and a naive (UTC)
    one come back as the same naive UTC time; write stamps are ``datetime.now(UTC)``."""
    before = datetime.now(UTC).replace(tzinfo=None)
    empty_store.add_dataset(UPLOAD)
    stamp = empty_store.datasets()["dibuat_pada"].iloc[0]
    assert before <= stamp <= datetime.now(UTC).replace(tzinfo=None) and stamp.tzinfo is None
    when = datetime(2025, 1, 2, 3, 4, 5, 678901)
    rows = pd.DataFrame(
        [
            {s.KERANGKA: "8AKSI", s.TAHUN: 2022, s.NOMOR_AKSI: n, s.STATUS: s.STATUS_BELUM,
             s.PROGRES: 0.0, "sintetis": False, "diubah_oleh": "uji", "diubah_pada": t,
             "rencana_mulai": date(2022, 2, 28)}
            for n, t in ((1, when.replace(tzinfo=UTC)), (2, when))
        ]
    )  # fmt: skip
    empty_store.add_aksi_progress(pd.DataFrame({s.TAHUN: [2022], s.KERANGKA: ["8AKSI"]}), rows)
    got = empty_store.aksi_progress()
    assert got["diubah_pada"].tolist() == [pd.Timestamp(when)] * 2
    assert got["rencana_mulai"].tolist() == [date(2022, 2, 28)] * 2


def test_text_longer_than_its_column_width_is_kept(empty_store):
    """SQLite keeps text of any length; so does PostgreSQL here (no VARCHAR limit), so a long name
    never fails on one database only."""
    info = DatasetInfo("n" * 400, "unggahan", "oleh " * 60, False, "b" * 350)
    empty_store.add_dataset(info)
    row = empty_store.datasets().iloc[0]
    assert (row["nama"], row["dibuat_oleh"], row["nama_berkas"]) == (
        info.nama,
        info.dibuat_oleh,
        info.nama_berkas,
    )


def _without(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """A frame without its write-time columns (the two demo databases were written apart)."""
    return frame.drop(columns=[c for c in columns if c in frame.columns])


def test_demo_reads_back_the_same_on_both_backends(demo_db, pg_demo, ref):
    """The demo data initialised on SQLite and on PostgreSQL reads back equal, frame by frame
    (values, types and order), and the analysis built on it (the rembuk deck) is the same."""
    from report.deck import build_deck
    from services.sources import load_sources

    stamps = ("dibuat_pada", "diubah_pada", "waktu")
    stores = [Store(demo_db), Store(pg_demo)]
    try:
        for method in (
            "indicator_values", "scorecard_values", "measurements", "measurement_batches",
            "datasets", "dataset_history", "lokus", "aksi_years", "aksi_progress", "aksi_audit",
            "activities", "activity_audit", "user_indicators", "boundary_versions",
        ):  # fmt: skip
            frames = [getattr(x, method)() for x in stores]
            for stamp in set(stamps) & set(frames[0].columns):  # same type; values differ
                assert frames[0][stamp].dtype == frames[1][stamp].dtype, (method, stamp)
            sqlite, postgresql = (_without(frame, *stamps) for frame in frames)
            pd.testing.assert_frame_equal(sqlite, postgresql, obj=method)
            if method in ("indicator_values", "scorecard_values", "measurements", "activities"):
                assert len(postgresql) > 50, method
        decks = [
            build_deck(load_sources(x, ref), 2025, "2025-Q4", date(2026, 11, 28)) for x in stores
        ]
        for a, b in zip(*(d.slides for d in decks), strict=True):
            assert (a.key, a.title, a.headline, a.points) == (b.key, b.title, b.headline, b.points)
            for name in a.tables:
                pd.testing.assert_frame_equal(a.tables[name], b.tables[name], obj=name)
    finally:
        for x in stores:
            x.dispose()


def test_measurement_records_round_trip(empty_store):
    """Records written in bulk (executemany on SQLite, COPY on PostgreSQL) read back as given:
    missing numbers, booleans, dates, and text with tabs, newlines, backslashes and quotes; a
    failing write leaves nothing behind."""
    from store.records import MeasurementBatch

    text = ["Mawar\tII", "Melati\n\\N", 'Anggrek "A" \\ ½', None]
    records = pd.DataFrame(
        {
            s.KODE_WILAYAH: ["31.72.02.1007"] * 4,
            s.POSYANDU: text,
            s.JENIS_KELAMIN: ["L", "P", "L", "P"],
            s.UMUR_HARI: [30, 400, 1200, 1800],
            s.TANGGAL_UKUR: pd.to_datetime(["2025-02-01", "2025-02-28", "2025-02-03", None]),
            s.PERIODE: ["2025-02"] * 4,
            s.TINGGI_CM: [52.5, None, 95.0, 108.25],
            s.BERAT_KG: [4.1, 9.0, None, 17.5],
            s.CARA_UKUR: ["L", None, "H", "H"],
            s.EDEMA: [False, True, False, False],
            s.ZS_TBU_BERKAS: [0.1, None, -2.5, 1.0],
            s.STATUS_TBU_BERKAS: ["Normal", None, "Pendek", "Normal"],
            s.ZS_BBU_BERKAS: [None] * 4,
            s.ZS_BBTB_BERKAS: [0.0, -1.0, None, 2.0],
        }
    )
    batch = MeasurementBatch("m.csv", "0" * 64, "templat", "uji", 4)
    with pytest.raises(Exception, match="(?i)null|not.null|constraint"):  # no date: NOT NULL
        empty_store.commit_measurements(batch, records, values())
    assert empty_store.measurements().empty and empty_store.datasets().empty
    records.loc[3, s.TANGGAL_UKUR] = pd.Timestamp("2025-02-04")
    dataset_id = empty_store.commit_measurements(batch, records, values())
    got = empty_store.measurements()
    assert (got.pop(s.DATASET_ID) == dataset_id).all() and not got.pop(s.SINTETIS).any()
    # Stored form: z-scores from the exact age beside it, the age rounded to the middle of its
    # month (30 → 15, 400 → 411, 1200 → 1202, 1800 → 1811), so the birth date cannot be rebuilt.
    z = score_records(growth_tables(), records)
    expected = records.astype({s.ZS_BBU_BERKAS: float}).assign(
        **{s.UMUR_HARI: [15, 411, 1202, 1811]}, **{c: z[c] for c in s.SCORE_COLUMNS}
    )
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)
    assert got[s.POSYANDU].tolist()[:3] == text[:3] and pd.isna(got.loc[3, s.POSYANDU])
