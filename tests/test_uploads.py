"""Uploads end to end through the store, on SQLite and PostgreSQL: round trips, versioning,
roll-back, never lossy, CLI, and the Data page."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from sqlalchemy import inspect, select
from sqlalchemy.engine import make_url

import manage
from analysis.reference import with_user_indicators
from ingest import templates
from ingest.options import ImportOptions
from ingest.reference_checks import user_indicator
from ingest.reference_problems import ReferenceDataError
from services import uploads
from services.bootstrap import initialise
from services.reference import load_reference
from settings import REFERENCE_DIR
from store import archive
from store.database import Store
from tests import ingest_files as f
from tests.apps import app_on
from tests.test_analysis_pages import open_page
from tests.users import signed_in
from text import files

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture()
def store_ref(store_url):
    store, ref, _ = initialise(store_url, with_demo=False)
    yield store, ref
    store.dispose()


def read_sql(url: str, sql: str) -> pd.DataFrame:
    """A query on the database at ``url``, through the store's engine (any backend)."""
    store = Store(url)
    try:
        return pd.read_sql(sql, store.engine)
    finally:
        store.dispose()


def snapshot(store: Store) -> dict[str, list]:
    """Every row of every table, in a fixed order: what the database holds, on any backend."""
    from store import tables

    with store.engine.connect() as conn:
        names = inspect(conn).get_table_names()
        return {
            t.name: sorted(map(repr, conn.execute(select(t))))
            for t in tables.metadata.sorted_tables
            if t.name in names
        }


def upload(store, ref, content: bytes, name: str, user: str = "uji", **options):
    plan, comparison = uploads.dry_run(store, ref, content, name, ImportOptions(**options))
    return plan, comparison, uploads.commit(store, plan, comparison, content, user)


def current(store, kode="SPE02") -> dict:
    v = store.indicator_values()
    v = v[v["kode_indikator"] == kode]
    return dict(zip(v["kode_wilayah"], v["nilai"], strict=True))


def test_long_template_round_trip(store_ref):
    """Long template → filled → imported → exactly those values stored."""
    store, ref = store_ref
    frame = templates.long_template(ref.kelurahan).assign(
        kode_indikator="SPE02", periode="Triwulan II 2024"
    )
    frame["pembilang"] = range(1, 32)
    frame["penyebut"] = 40
    plan, comparison, _ = upload(store, ref, files.to_csv_bytes(frame), "panjang.csv")
    assert (comparison.added, comparison.updated, plan.n_errors) == (31, 0, 0)
    stored = store.indicator_values().sort_values("kode_wilayah")
    assert stored["pembilang"].tolist() == list(range(1, 32))
    assert stored["nilai"].iloc[0] == 2.5  # 1 / 40 × 100
    assert set(stored["periode"]) == {"2024-Q2"} and set(stored["sumber_data"]) == {"LAPRUT"}


def test_wide_xlsx_template_round_trip(store_ref):
    """Wide XLSX template → filled → imported with the period chosen → values stored."""
    store, ref = store_ref
    frame = templates.wide_template(ref.kelurahan, ref.indikator)
    frame["SPE02_pembilang"], frame["SPE02_penyebut"], frame["SAS01"] = 30, 60, 1000
    book = files.to_xlsx_bytes({"Data": frame, "Petunjuk": templates.guide(ref.indikator, True)})
    plan, comparison, _ = upload(store, ref, book, "lebar.xlsx", periode="2024-Q3")
    assert (comparison.added, plan.n_errors) == (62, 0)
    assert set(current(store).values()) == {50.0}
    assert set(current(store, "SAS01").values()) == {1000.0}


def test_new_upload_supersedes_and_rollback_restores(store_ref):
    """A second upload updates values; rolling it back brings the first values back; nothing is deleted."""
    store, ref = store_ref
    _, _, first = upload(store, ref, f.long_csv("3172021007;;SPE02;2024-Q2;8;10;"), "a.csv")
    plan, comparison, second = upload(
        store,
        ref,
        f.long_csv("3172021007;;SPE02;2024-Q2;9;10;", "3172041001;;SPE02;2024-Q2;1;2;"),
        "b.csv",
    )
    assert (comparison.added, comparison.updated, comparison.unchanged) == (1, 1, 0)
    assert current(store) == {"31.72.02.1007": 90.0, "31.72.04.1001": 50.0}
    store.set_dataset_active(second, False, "uji")
    assert current(store) == {"31.72.02.1007": 80.0}
    store.set_dataset_active(second, True, "uji")
    assert current(store) == {"31.72.02.1007": 90.0, "31.72.04.1001": 50.0}
    with pytest.raises(ValueError, match="sudah berstatus aktif"):
        store.set_dataset_active(second, True, "uji")
    history = store.dataset_history()
    assert history["aksi"].tolist() == ["pulihkan", "batalkan", "unggah", "unggah"]
    assert store.datasets().set_index("id").loc[second, "nilai_diperbarui"] == 1
    assert first != second


def test_same_values_are_counted_unchanged(store_ref):
    """Re-uploading the same file reports every value as unchanged."""
    store, ref = store_ref
    content = f.long_csv("3172021007;;SPE02;2024-Q2;8;10;")
    upload(store, ref, content, "a.csv")
    _, comparison = uploads.dry_run(store, ref, content, "a.csv", ImportOptions())
    assert (comparison.added, comparison.updated, comparison.unchanged) == (0, 0, 1)


COUNTS = f.long_csv("3172021007;;SPE02;2024-Q2;8;10;", "3172041001;;SPE02;2024-Q2;1;2;")
PERCENTS = f.long_csv("3172021007;;SPE02;2024-Q2;;;85", "3172041002;;SPE02;2024-Q2;;;70")


def test_dry_run_counts_stored_counts_a_percentage_would_replace(store_ref):
    """Stored 8/10 replaced by a bare 85%: one value with counts is named as replaced (the new
    kelurahan is not); saved as is, the newest value (85, no counts) is the current one."""
    store, ref = store_ref
    upload(store, ref, COUNTS, "hitungan.csv")
    plan, comparison, _ = upload(store, ref, PERCENTS, "persen.csv")
    assert (comparison.hitungan_diganti, comparison.added, comparison.updated) == (1, 1, 1)
    assert comparison.detail["mengganti_hitungan"].tolist() == [True, False]
    assert plan.hitungan_dipertahankan == 0
    assert current(store) == {"31.72.02.1007": 85.0, "31.72.04.1001": 50.0, "31.72.04.1002": 70.0}


def test_keeping_counts_leaves_out_percentages_that_would_replace_them(store_ref):
    """With "pertahankan hitungan" only the new kelurahan's 70% is saved; 8/10 (80%) stays,
    and the dry run says how many percentages were left out."""
    store, ref = store_ref
    upload(store, ref, COUNTS, "hitungan.csv")
    plan, comparison, _ = upload(store, ref, PERCENTS, "persen.csv", pertahankan_hitungan=True)
    assert (comparison.hitungan_diganti, comparison.added, comparison.updated) == (0, 1, 0)
    assert plan.hitungan_dipertahankan == 1 and plan.n_ignored_values == 1
    assert any(n.startswith("1 nilai persen saja tidak diimpor") for n in plan.notes)
    assert current(store) == {"31.72.02.1007": 80.0, "31.72.04.1001": 50.0, "31.72.04.1002": 70.0}
    stored = store.indicator_values().set_index("kode_wilayah")
    assert stored.loc["31.72.02.1007", ["pembilang", "penyebut"]].tolist() == [8.0, 10.0]


def test_original_file_is_archived_but_not_with_personal_data(store_ref):
    """The upload's bytes are kept for audit, except when the file holds NIK or names."""
    store, ref = store_ref
    content = f.long_csv("3172021007;;SPE02;2024-Q2;8;10;")
    _, _, ds = upload(store, ref, content, "a.csv")
    assert store.dataset_file(ds) == ("a.csv", content)
    personal = f.csv(["NIK;nama;kelurahan;SAS03", "3172010101010001;Budi;Warakas;1"])
    _, _, ds2 = upload(store, ref, personal, "pribadi.csv", periode="2024")
    assert store.dataset_file(ds2) == ("pribadi.csv", None)
    assert "pribadi" in store.datasets().set_index("id").loc[ds2, "catatan"]


def test_original_is_archived_compressed_and_read_back_whole(store_ref, store_url):
    """A recap repeating its names on every row is kept as zstd, far smaller than the file, and
    the download gives back the exact bytes; ``ukuran`` stays the original's size."""
    store, ref = store_ref
    codes = ref.kelurahan["kode_kelurahan_10"].tolist()
    rows = [f"{k};;SPE02;2024-{m:02d};8;10;" for m in range(1, 13) for k in codes]
    content = f.long_csv(*rows)
    _, _, ds = upload(store, ref, content, "bulanan.csv")
    assert store.dataset_file(ds) == ("bulanan.csv", content)
    stored = read_sql(
        store_url, f"SELECT isi, kompresi, ukuran FROM dataset_berkas WHERE dataset_id = {ds}"
    )
    assert stored.loc[0, "kompresi"] == "zstd" and stored.loc[0, "ukuran"] == len(content)
    assert len(bytes(stored.loc[0, "isi"])) < len(content) / 3


def test_a_file_archived_raw_before_migration_16_reads_back(store_url, monkeypatch):
    """Rows archived before compression (``kompresi`` NULL after migration 16) download as
    stored."""
    from store import migrations

    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:15])
    monkeypatch.setattr(archive, "pack", lambda data: (data, None))
    store, ref, _ = initialise(store_url, with_demo=False)
    content = f.long_csv(*[f"3172021007;;SPE02;2024-{m:02d};8;10;" for m in range(1, 13)])
    _, _, ds = upload(store, ref, content, "lama.csv")
    store.dispose()
    monkeypatch.undo()
    store, ref, report = initialise(store_url, with_demo=False)
    assert report.migrations[0] == 16
    assert store.dataset_file(ds) == ("lama.csv", content)
    stored = read_sql(
        store_url, f"SELECT isi, kompresi FROM dataset_berkas WHERE dataset_id = {ds}"
    )
    assert stored.loc[0, "kompresi"] is None and bytes(stored.loc[0, "isi"]) == content
    store.dispose()


def test_failed_commit_leaves_database_byte_for_byte(store_ref, monkeypatch):
    """A failure in the middle of a commit rolls everything back: every table holds what it held
    (and a SQLite file is identical byte for byte)."""
    store, ref = store_ref
    upload(store, ref, f.long_csv("3172021007;;SPE02;2024-Q2;8;10;"), "a.csv")
    plan, comparison = uploads.dry_run(
        store, ref, f.long_csv("3172041001;;SPE02;2024-Q2;1;2;"), "b.csv", ImportOptions()
    )
    rows = snapshot(store)
    store.dispose()
    sqlite = store.engine.dialect.name == "sqlite"
    path = Path(make_url(str(store.engine.url)).database or "")
    before = hashlib.sha256(path.read_bytes()).hexdigest() if sqlite else None

    def broken(conn, values, dataset_id):
        raise OSError("disk penuh (simulasi)")

    monkeypatch.setattr(type(store), "_insert_values", staticmethod(broken))
    with pytest.raises(OSError):
        uploads.commit(store, plan, comparison, b"x", "uji")
    assert snapshot(store) == rows
    store.dispose()
    if sqlite:
        assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_cli_import_commits_and_reports_usage_errors(store_url, tmp_path, capsys):
    """Exit 0 after a commit, 2 for a missing file or an unknown period or source."""
    url = store_url
    path = tmp_path / "a.csv"
    path.write_bytes(f.long_csv("3172021007;;SPE02;2024-Q2;8;10;"))
    assert manage.main(["import", str(path), "--db-url", url, "--user", "rina"]) == 0
    assert "Disimpan sebagai dataset #1 (1 nilai)." in capsys.readouterr().out
    assert manage.main(["import", str(tmp_path / "tidak_ada.csv"), "--db-url", url]) == 2
    assert manage.main(["import", str(path), "--db-url", url, "--period", "kemarin"]) == 2
    assert manage.main(["import", str(path), "--db-url", url, "--source", "XYZ"]) == 2
    with pytest.raises(SystemExit) as exit_info:
        manage.main(["import"])
    assert exit_info.value.code == 2
    store, _, _ = initialise(url, with_demo=False)
    assert store.datasets()["dibuat_oleh"].tolist() == ["rina"]
    store.dispose()


@pytest.fixture()
def data_app(demo_copy_url, monkeypatch):
    """The Data page on a private copy of the demo database (on each backend); yields the page
    and the database URL.

    The page script runs on its own: through ``app.py`` AppTest loses button clicks on this
    page (the click run reports the button as not pressed), while the browser test covers the
    page inside the app.
    """
    for at in app_on(demo_copy_url, monkeypatch, "pages/data.py"):
        signed_in(at).run()
        yield at, demo_copy_url


def metric(at, label):
    return next(m.value for m in at.metric if m.label == label)


def test_data_page_upload_dry_run_then_commit(data_app):
    """Uploading the recap shows the dry run, and Simpan stores it as a new dataset."""
    at, url = data_app
    at.file_uploader(key="data.upload").set_value(
        ("rekap.xlsx", f.recap_xlsx(), "application/vnd.ms-excel")
    ).run()
    assert not at.exception
    assert [
        metric(at, x)
        for x in ("Baris dibaca", "Nilai baru", "Nilai diperbarui", "Nilai sama", "Nilai diabaikan")
    ] == ["6", "0", "7", "0", "3"]
    assert any("Masalah: 2 galat, 1 peringatan" in m.value for m in at.markdown)
    assert at.button(key="data.simpan").disabled
    at.checkbox(key="data.skip_confirm").check().run()
    at.button(key="data.simpan").click().run()
    assert not at.exception
    # The file name is escaped for markdown (md_text): shown as "rekap.xlsx".
    assert at.success[0].value.startswith(
        "Tersimpan sebagai dataset #3: 7 nilai dari rekap\\.xlsx."
    )
    datasets = read_sql(url, "select id, dibuat_oleh, jumlah_baris from dataset order by id")
    assert datasets.to_dict("records")[-1] == {"id": 3, "dibuat_oleh": "rina", "jumlah_baris": 7}


def test_data_page_rolls_back_a_dataset(data_app):
    """The history tab rolls back the chosen dataset (the newest: the demo measurements) after
    confirmation and a name."""
    at, url = data_app
    assert at.selectbox(key="data.pilih_2").value == 2
    at.checkbox(key="data.yakin_2_1").check().run()
    at.button(key="data.batalkan").click().run()
    assert not at.exception
    assert any(
        s.value == "Dataset #2 dibatalkan; nilai sebelumnya berlaku lagi." for s in at.success
    )
    status = read_sql(url, "select status from dataset where id = 2")
    assert status["status"].tolist() == ["dibatalkan"]


NEW_INDICATOR = {
    "kode": "spe99",
    "nama": "Balita mendapat vitamin A",
    "kelompok": "spesifik",
    "satuan": "persen",
    "arah": "tinggi_baik",
    "target": "85,5",
    "tahun_target": "2026",
    "sumber_data": "LAPRUT",
}


def test_user_indicator_is_checked_like_the_catalogue(ref):
    """A new indicator gets every problem at once; a good one comes back typed."""
    with pytest.raises(ReferenceDataError) as err:
        user_indicator(
            {
                "kode": "SPE02",
                "nama": "",
                "kelompok": "spesifik",
                "satuan": "persen",
                "arah": "",
                "sumber_data": "XYZ",
            },
            ref,
        )
    assert [(p.kolom, p.pesan) for p in err.value.problems] == [
        ("nama", "nama indikator wajib diisi."),
        ("sumber_data", "sumber_data tidak ada di sumber_data.csv."),
        ("arah", "indikator persen wajib punya arah 'tinggi_baik' atau 'rendah_baik'."),
        ("kode", "kode sudah ada di katalog; pilih kode lain."),
    ]
    row = user_indicator(NEW_INDICATOR, ref)
    assert row[["kode", "target", "tahun_target"]].iloc[0].tolist() == ["SPE99", 85.5, 2026]


def test_added_indicator_makes_an_unknown_column_importable(store_ref):
    """A file with an unknown indicator column imports once the indicator is added to the catalogue."""
    store, ref = store_ref
    content = f.csv(["kelurahan;SPE99_pembilang;SPE99_penyebut", "Warakas;8;10"])
    plan, _ = uploads.dry_run(store, ref, content, "baru.csv", ImportOptions(periode="2024"))
    assert (plan.unknown_indicators, plan.n_errors, len(plan.values)) == (["SPE99"], 2, 0)
    store.add_user_indicator(user_indicator(NEW_INDICATOR, ref), "rina")
    merged = with_user_indicators(ref, store.user_indicators())
    assert (
        merged.indikator["kode"].tolist()[-1] == "SPE99"
        and len(merged.indikator) == len(ref.indikator) + 1
    )
    plan, comparison = uploads.dry_run(
        store, merged, content, "baru.csv", ImportOptions(periode="2024")
    )
    assert (plan.unknown_indicators, plan.n_errors, comparison.added) == ([], 0, 1)
    assert plan.values["nilai"].tolist() == [80.0]


def test_data_page_adds_an_unknown_indicator(data_app):
    """The catalogue form on the Data page adds the file's unknown indicator and re-checks the file."""
    at, url = data_app
    content = f.csv(["kelurahan;SPE99_pembilang;SPE99_penyebut", "Warakas;8;10"])
    at.file_uploader(key="data.upload").set_value(("baru.csv", content, "text/csv")).run()
    at.text_input(key="data.periode").input("2024").run()
    assert metric(at, "Nilai baru") == "0"
    # Form fields are sent together with the submit click, as in the browser.
    at.text_input(key="data.ind_nama_0").input("Balita mendapat vitamin A")
    next(b for b in at.button if b.label == "Tambahkan ke katalog").click().run()
    assert not at.exception
    assert any(
        s.value == "Indikator SPE99 ditambahkan ke katalog; berkas diperiksa ulang."
        for s in at.success
    )
    assert metric(at, "Nilai baru") == "1"
    stored = read_sql(url, "select kode, dibuat_oleh from indikator_pengguna")
    assert stored.to_dict("records") == [{"kode": "SPE99", "dibuat_oleh": "rina"}]


DUPLICATE_START = "Berkas ini sudah disimpan sebagai dataset #3 pada "
DUPLICATE_END = (
    "; tidak perlu disimpan lagi. Bila perlu menyimpannya ulang, batalkan dataset #3 dulu "
    "(tab Riwayat unggahan)."
)


def test_data_page_says_at_once_that_a_file_is_already_stored(data_app):
    """After Simpan the same file is offered no second save: not on the next run, and not when
    the same bytes are chosen again (under another name): the dry run says at once which active
    dataset holds the file, when and by whom, and shows no Simpan button."""
    at, url = data_app
    content = f.recap_xlsx()
    at.file_uploader(key="data.upload").set_value(
        ("rekap.xlsx", content, "application/vnd.ms-excel")
    ).run()
    assert not at.info
    at.checkbox(key="data.skip_confirm").check().run()
    at.button(key="data.simpan").click().run()
    assert at.success[0].value.startswith("Tersimpan sebagai dataset #3")
    at.run()  # another run (a tab or page switch) offers no second save
    assert not at.exception
    assert not [b for b in at.button if b.key == "data.simpan"]
    at.file_uploader(key="data.upload").set_value(
        ("rekap_lagi.xlsx", content, "application/vnd.ms-excel")
    ).run()
    assert not at.exception
    assert any(m.value.startswith("Hasil uji coba") for m in at.subheader)
    [info] = [i.value for i in at.info if i.value.startswith("Berkas ini sudah")]
    assert info.startswith(DUPLICATE_START) and info.endswith(DUPLICATE_END)
    assert " WIB oleh rina" in info
    assert not [b for b in at.button if b.key == "data.simpan"]
    assert not at.error
    assert read_sql(url, "select count(*) as n from dataset")["n"].tolist() == [3]


VRT = (
    b"<OGRVRTDataSource><OGRVRTLayer name='batas'><SrcDataSource>/etc/hostname</SrcDataSource>"
    b"</OGRVRTLayer></OGRVRTDataSource>"
)


def test_refused_boundary_file_shows_its_reason_in_full_and_no_match_counts(data_app):
    """A boundary file refused as a whole (an OGR VRT saved as .geojson) gets its reason in full
    as an error, and no "0 dari 31 kelurahan cocok" nor "Tidak ada kelurahan yang cocok"."""
    at, _ = data_app
    at.file_uploader(key="data.batas").set_value(
        ("batas.geojson", VRT, "application/geo+json")
    ).run()
    assert not at.exception
    [error] = [e.value.replace("\\", "") for e in at.error]  # markdown escapes dropped
    assert (
        error.startswith("batas.geojson: Berkas tidak dapat dibaca sebagai data batas wilayah")
        and "XML (mis. OGR VRT" in error
    )
    assert "tidak dibuka demi keamanan server" in error
    shown = [m.value for m in at.markdown] + [e.value for e in at.error]
    assert not any("kelurahan cocok" in x for x in shown)
    assert not [d for d in at.dataframe if d.key == "data.batas_masalah"]


def test_problems_file_name_has_one_extension(data_app, monkeypatch):
    """The problems CSV of ``ukur_pribadi.csv`` is ``masalah_ukur_pribadi.csv``, not
    ``…csv.csv``: the uploaded file's own extension is dropped, whatever it is."""
    at, _ = data_app
    names, download = [], st.download_button

    def spy(label, data, **kwargs):  # the name given to the browser is not in AppTest's tree
        names.append(kwargs.get("file_name"))
        return download(label, data, **kwargs)

    monkeypatch.setattr(st, "download_button", spy)
    content = f.csv(["kelurahan;SPE99_pembilang;SPE99_penyebut", "Warakas;8;10"])
    for name in ("ukur_pribadi.csv", "Rekap Juli.XLSX"):
        names.clear()
        at.file_uploader(key="data.upload").set_value((name, content, "text/csv")).run()
        assert not at.exception
        assert [n for n in names if n.startswith("masalah_")] == [
            "masalah_ukur_pribadi.csv" if name.endswith(".csv") else "masalah_Rekap_Juli.csv"
        ]


def test_uploaders_promise_the_apps_own_limits(data_app, monkeypatch):
    """The indicator and boundary uploaders say "50MB per file" (DASBOR_MAX_UPLOAD_MB), not
    Streamlit's 200 MB; a raised setting raises them."""
    at, _ = data_app
    assert at.file_uploader(key="data.upload").proto.max_upload_size_mb == 50
    assert at.file_uploader(key="data.batas").proto.max_upload_size_mb == 50
    monkeypatch.setenv("DASBOR_MAX_UPLOAD_MB", "120")
    at.run()
    assert at.file_uploader(key="data.upload").proto.max_upload_size_mb == 120


def test_rollback_confirmation_is_for_editors_only(app):
    """An anonymous visitor on Riwayat unggahan sees the datasets and the sign-in note, but no
    "Saya yakin" checkbox and no roll-back button."""
    open_page(app, "pages/data.py")
    assert app.selectbox(key="data.pilih_2").value == 2
    assert not [c for c in app.checkbox if c.key.startswith("data.yakin")]
    assert not any(c.label.startswith("Saya yakin") for c in app.checkbox)
    assert not [b for b in app.button if b.key == "data.batalkan"]
    assert any("dapat membatalkan atau memulihkan dataset" in i.value for i in app.info)


def test_data_page_warns_of_counts_replaced_and_keeps_them_on_request(data_app):
    """A bare-percentage file over the demo's SPE02 2025-Q4 counts: the dry run says all 31
    counted values would be replaced; ticking "Pertahankan" leaves them out (31 ignored) and the
    save keeps every stored pembilang/penyebut."""
    at, url = data_app
    ref = load_reference(REFERENCE_DIR)
    rows = [f"{c},SPE02,2025-Q4,LAPRUT,50" for c in ref.kelurahan["kode_kelurahan"]]
    content = "\n".join(["kode_wilayah,kode_indikator,periode,sumber_data,nilai", *rows]).encode()
    at.file_uploader(key="data.upload").set_value(("persen.csv", content, "text/csv")).run()
    assert not at.exception
    [warning] = [w.value for w in at.warning if "nilai berhitungan" in w.value]
    assert warning.startswith("31 nilai berhitungan (pembilang/penyebut) akan diganti")
    at.checkbox(key="data.pertahankan_hitungan").check().run()
    assert not at.exception
    assert [metric(at, x) for x in ("Nilai diperbarui", "Nilai diabaikan")] == ["0", "31"]
    assert any("31 nilai persen saja tidak diimpor" in i.value for i in at.info)
    assert not [w for w in at.warning if "nilai berhitungan" in w.value]
    counts = read_sql(
        url,
        "select count(*) as n from dataset where jenis = 'unggahan'",
    )
    assert counts.loc[0, "n"] == 0


def test_data_page_roll_back_resets_its_confirmation_and_relabels(data_app):
    """After a roll-back the "Saya yakin" box is unticked, names the restore, and the dataset box
    no longer says "(aktif)", so "Pulihkan" needs a fresh confirmation."""
    at, _url = data_app
    at.checkbox(key="data.yakin_2_1").check().run()
    at.button(key="data.batalkan").click().run()
    assert not at.exception
    box = next(c for c in at.checkbox if c.key.startswith("data.yakin"))
    assert box.value is False
    assert box.label.startswith("Saya yakin: nilai dataset #2") and box.label.endswith(
        "dipakai lagi"
    )
    assert at.button(key="data.batalkan").disabled
    assert any(c.value == "Status dataset ini: **dibatalkan**" for c in at.caption)


def test_data_page_says_so_when_every_value_keeps_its_counts(data_app):
    """A file whose 31 bare percentages all sit over stored counts, with "Pertahankan" ticked:
    the page says nothing needs saving, not that the file has no valid value."""
    at, _ = data_app
    ref = load_reference(REFERENCE_DIR)
    rows = [f"{c},SPE02,2025-Q4,LAPRUT,50" for c in ref.kelurahan["kode_kelurahan"]]
    content = "\n".join(["kode_wilayah,kode_indikator,periode,sumber_data,nilai", *rows]).encode()
    at.file_uploader(key="data.upload").set_value(("persen.csv", content, "text/csv")).run()
    at.checkbox(key="data.pertahankan_hitungan").check().run()
    assert not at.exception
    assert any(
        i.value.startswith(
            "Semua nilai berkas ini sudah punya pembilang/penyebut tersimpan yang "
            "dipertahankan; tidak ada yang perlu disimpan."
        )
        for i in at.info
    )
    assert not any("Tidak ada nilai valid" in w.value for w in at.warning)
    assert not [b for b in at.button if b.key == "data.simpan"]
