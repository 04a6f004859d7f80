"""Importing child measurements: e-PPGBM exports and the template, privacy, storage, bad files."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import func, inspect, select

from analysis.zscore import score_records
from demo.measurements import eppgbm_export, synthetic_measurements
from ingest.problems import GALAT, PERINGATAN
from services import measure_uploads
from store import tables
from store.growth import growth_tables

TODAY = date(2025, 12, 1)
ALLOWED = {
    "id",
    "berkas_id",
    "kode_wilayah",
    "posyandu",
    "jenis_kelamin",
    "umur_hari",
    "tanggal_ukur",
    "periode",
    "tinggi_cm",
    "berat_kg",
    "cara_ukur",
    "edema",
    "zs_tbu_berkas",
    "status_tbu_berkas",
    "zs_bbu_berkas",
    "zs_bbtb_berkas",
    "haz",  # z-scores computed at import from the exact age (the stored age is month-rounded)
    "waz",
    "whz",
}


@pytest.fixture(scope="module")
def export(ref):
    """A synthetic e-PPGBM export: 31 kelurahan × 20 children, Agustus 2025."""
    lokus = set(ref.lokus["kode_kelurahan"])
    records = synthetic_measurements(growth_tables(), ref.kelurahan, lokus, 20, [(2025, 8)])
    return eppgbm_export(records, ref.kelurahan)


def csv_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False).encode("utf-8")


def test_eppgbm_export_is_read_and_personal_columns_dropped(ref, export):
    """Every row is read; NIK, names, parents' names, address and RT/RW are dropped by name."""
    plan = measure_uploads.dry_run(ref, csv_bytes(export), "eppgbm_agustus.csv", TODAY)
    assert plan.format == "e-PPGBM" and plan.n_errors == 0
    assert len(plan.records) == len(export) == 620
    assert plan.dropped_personal == ["NIK", "Nama", "Nama Ortu", "RT", "RW", "Alamat"]
    assert plan.birth_date_column == "Tgl Lahir"  # read for the age, then dropped too
    assert "Tgl Lahir" not in plan.records.columns and "nik" not in plan.records.columns
    first = plan.records.iloc[0]
    born = date.fromisoformat(export.loc[0, "Tgl Lahir"])
    measured = date.fromisoformat(export.loc[0, "Tanggal Pengukuran"])
    assert first["umur_hari"] == (measured - born).days
    assert first["baris"] == 2 and first["periode"] == "2025-08"
    assert (
        first["cara_ukur"]
        == {"Terlentang": "L", "Berdiri": "H", "": None}[export.loc[0, "Cara Ukur"]]
    )


def test_xlsx_export_reads_the_same_records(ref, export):
    """The same export saved as Excel gives the same records as the CSV."""
    buffer = io.BytesIO()
    export.head(50).to_excel(buffer, index=False)
    from_xlsx = measure_uploads.dry_run(ref, buffer.getvalue(), "eppgbm.xlsx", TODAY)
    from_csv = measure_uploads.dry_run(ref, csv_bytes(export.head(50)), "eppgbm.csv", TODAY)
    assert from_xlsx.n_errors == 0
    pd.testing.assert_frame_equal(from_xlsx.records, from_csv.records)


def test_commit_stores_no_personal_data_and_the_recomputed_prevalence(ref, export, empty_store):
    """The records table has only the allowed columns, no NIK or name reaches the database (the
    SQLite file's bytes, every stored text and blob on any backend), and the stored prevalence
    per kelurahan is cases ÷ valid records of the stored records."""
    plan = measure_uploads.dry_run(ref, csv_bytes(export), "eppgbm.csv", TODAY)
    dataset_id = measure_uploads.commit(empty_store, ref, plan, "Perencana")
    schema = inspect(empty_store.engine)
    assert {c["name"] for c in schema.get_columns("pengukuran")} == ALLOWED
    for table in schema.get_table_names():
        names = {c["name"].lower() for c in schema.get_columns(table)}
        assert not names & {"nik", "nama_anak", "nama_ortu", "alamat", "tanggal_lahir", "rt", "rw"}
    personal = [export.loc[0, "NIK"], export.loc[5, "Nama"], export.loc[9, "Alamat"]]
    personal = [v.encode() for v in personal] + [b"SINTETIS 0000"]
    with empty_store.engine.connect() as conn:
        archived = conn.scalar(select(func.count()).select_from(tables.dataset_berkas))
        stored_cells = [
            v if isinstance(v, bytes) else str(v).encode()
            for t in tables.metadata.sorted_tables
            if t.name in schema.get_table_names()
            for row in conn.execute(select(t))
            for v in row
            if v is not None
        ]
    assert archived == 0  # the original file holds personal data: never archived
    assert stored_cells and not any(p in cell for cell in stored_cells for p in personal)
    if empty_store.engine.dialect.name == "sqlite":
        raw = Path(empty_store.engine.url.database).read_bytes()
        assert not any(p in raw for p in personal)
    stored = empty_store.measurements()
    assert len(stored) == 620 and set(stored["dataset_id"]) == {dataset_id}
    values = empty_store.indicator_values()
    stunting = values.loc[
        (values["kode_indikator"] == "OUT01") & (values["sumber_data"] == "EPPGBM_HITUNG")
    ].set_index("kode_wilayah")
    assert len(stunting) == 31
    z = score_records(growth_tables(), stored)
    valid = z["haz"].notna() & ~z["flag_haz"]
    cases = valid & (z["haz"].round(2) < -2)
    kode = "31.72.02.1007"  # Warakas
    here = stored["kode_wilayah"] == kode
    assert stunting.loc[kode, "penyebut"] == (valid & here).sum()
    assert stunting.loc[kode, "pembilang"] == (cases & here).sum()
    assert stunting.loc[kode, "nilai"] == pytest.approx(
        100 * (cases & here).sum() / (valid & here).sum()
    )


def test_a_newer_file_replaces_the_same_kelurahan_and_month(ref, export, empty_store):
    """Uploading the same month again replaces those records (no double counting); rolling the
    newer dataset back restores the older."""
    first = measure_uploads.dry_run(ref, csv_bytes(export), "a.csv", TODAY)
    measure_uploads.commit(empty_store, ref, first, "A")
    part = export.loc[export["Desa/Kel"] == "WARAKAS"].head(5)
    second = measure_uploads.dry_run(ref, csv_bytes(part), "b.csv", TODAY)
    newer = measure_uploads.commit(empty_store, ref, second, "B")
    stored = empty_store.measurements()
    assert len(stored) == 620 - 20 + 5
    assert (stored.loc[stored["kode_wilayah"] == "31.72.02.1007", "dataset_id"] == newer).all()
    empty_store.set_dataset_active(newer, False, "B")
    assert len(empty_store.measurements()) == 620


def template(**changes) -> pd.DataFrame:
    rows = {
        "kelurahan": ["Warakas", "Kel. Sunter Agung", "PADEMANGAN BARAT"],
        "posyandu": ["Melati", "Mawar", "Anggrek"],
        "jenis_kelamin": ["L", "P", "laki-laki"],
        "tanggal_lahir": ["2023-02-10", "10/05/2022", "2021-12-01"],
        "tanggal_ukur": ["2025-02-12", "12/02/2025", "2025-02-14"],
        "tinggi_cm": ["82,5", "88.0", "93"],
        "berat_kg": ["10,9", "11.5", "13"],
        "cara_ukur": ["H", "berdiri", ""],
    }
    rows.update(changes)
    return pd.DataFrame(rows)


def test_template_with_indonesian_spellings(ref):
    """Name variants, day-first dates, decimal commas and sex/position words are understood."""
    plan = measure_uploads.dry_run(ref, csv_bytes(template()), "templat.csv", TODAY)
    assert plan.format == "templat" and plan.n_errors == 0, plan.problems
    rec = plan.records
    assert rec["kode_wilayah"].tolist() == ["31.72.02.1007", "31.72.02.1006", "31.72.05.1002"]
    assert rec["tinggi_cm"].tolist() == [82.5, 88.0, 93.0]
    assert rec["jenis_kelamin"].tolist() == ["L", "P", "L"]
    assert rec["cara_ukur"].fillna("").tolist() == ["H", "H", ""]
    assert rec["umur_hari"].tolist() == [733, 1009, 1171]


CORPUS = [
    # (name, changes to the template, level, row, column starts with, message fragment)
    ("jenis kelamin tidak dikenal", {"jenis_kelamin": ["L", "X", "P"]}, GALAT, 3,
     "jenis_kelamin (C)", "Jenis kelamin kosong atau tidak dikenali"),
    ("kecamatan bukan kelurahan", {"kelurahan": ["Warakas", "Kelapa Gading", "Sunter Agung"]},
     GALAT, 3, "kelurahan (A)", "Kelapa Gading"),
    ("kelurahan kosong", {"kelurahan": ["Warakas", "", "Sunter Agung"]}, GALAT, 3,
     "kelurahan (A)", "Kolom kelurahan kosong"),
    ("tanggal ukur tak terbaca", {"tanggal_ukur": ["2025-02-12", "31/02/2025", "2025-02-14"]},
     GALAT, 3, "tanggal_ukur (E)", "tidak terbaca"),
    ("lahir sesudah diukur", {"tanggal_lahir": ["2023-02-10", "2025-03-01", "2021-12-01"]},
     GALAT, 3, "tanggal_lahir (D)", "sesudah tanggal pengukuran"),
    ("tanggal di masa depan", {"tanggal_ukur": ["2025-02-12", "2027-02-12", "2025-02-14"]},
     GALAT, 3, "tanggal_ukur (E)", "masa depan"),
    ("tinggi bukan angka", {"tinggi_cm": ["82,5", "delapan", "93"]}, GALAT, 3,
     "tinggi_cm (F)", "bukan angka"),
    ("tinggi dalam mm", {"tinggi_cm": ["82,5", "880", "93"]}, GALAT, 3, "tinggi_cm (F)",
     "di luar 38–150 cm"),
    ("berat dalam gram", {"berat_kg": ["10,9", "11500", "13"]}, GALAT, 3, "berat_kg (G)",
     "di luar 0,5–60 kg"),
    ("lebih dari 59 bulan", {"tanggal_lahir": ["2023-02-10", "2019-01-01", "2021-12-01"]},
     PERINGATAN, 3, "tanggal_lahir (D)", "60 bulan atau lebih"),
    ("cara ukur tak dikenal", {"cara_ukur": ["H", "duduk", ""]}, PERINGATAN, 3,
     "cara_ukur (H)", "Cara ukur kosong atau tidak dikenali"),
]  # fmt: skip


@pytest.mark.parametrize(("changes", "level", "row", "column", "fragment"),
                         [c[1:] for c in CORPUS], ids=[c[0] for c in CORPUS])  # fmt: skip
def test_bad_rows_are_reported_with_row_column_and_fix(ref, changes, level, row, column, fragment):
    """Each bad cell is reported on its Excel row and column with a fix; an error leaves that
    row out, a warning keeps or skips it as explained; the other rows are still read."""
    plan = measure_uploads.dry_run(ref, csv_bytes(template(**changes)), "templat.csv", TODAY)
    hit = plan.problems.loc[plan.problems["pesan"].str.contains(fragment, regex=False)]
    assert len(hit) == 1, plan.problems.to_string()
    problem = hit.iloc[0]
    assert (problem["tingkat"], problem["baris"]) == (level, row)
    assert problem["kolom"].startswith(column) and problem["saran"]
    assert len(plan.records) == (2 if level == GALAT or "60 bulan" in fragment else 3)


def test_excel_date_serials_and_repeated_lines(ref):
    """An Excel serial date is read as a date; a fully repeated line is stored once (warned)."""
    frame = template(tanggal_ukur=["45700", "12/02/2025", "2025-02-14"])
    frame = pd.concat([frame, frame.tail(1)], ignore_index=True)
    plan = measure_uploads.dry_run(ref, csv_bytes(frame), "templat.csv", TODAY)
    assert plan.records["tanggal_ukur"].iloc[0] == date(2025, 2, 12)
    assert len(plan.records) == 3
    assert plan.problems["pesan"].str.contains("sama persis").sum() == 1


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"", "kosong"),
        (b"\x00\x01\x02\xff" * 200, "bukan tabel"),
        (b"a,b,c\n1,2,3\n", "Baris judul kolom tidak ditemukan"),
        (b"kelurahan,tanggal_ukur,tinggi_cm,berat_kg\nWarakas,2025-02-01,80,10\n",
         "kolom wajib tidak ada: jenis kelamin, tanggal lahir atau umur"),
    ],
    ids=["kosong", "biner", "tanpa-judul", "kolom-wajib"],
)  # fmt: skip
def test_unusable_files_get_one_clear_message_and_store_nothing(ref, empty_store, data, fragment):
    """Files that cannot be read are refused with the file name and the reason; nothing stored."""
    plan = measure_uploads.dry_run(ref, data, "rusak.csv", TODAY)
    assert not plan.can_commit
    assert plan.problems["pesan"].str.contains(fragment).any(), plan.problems.to_string()
    assert plan.problems["pesan"].str.contains("rusak.csv").all()
    with pytest.raises(ValueError, match="Tidak ada rekaman valid"):
        measure_uploads.commit(empty_store, ref, plan, "X")
    assert empty_store.measurements().empty


def test_demo_measurements_are_synthetic_and_plausible(demo_url):
    """The demo data holds 9,300 synthetic records whose stunting prevalence is plausible."""
    from store.database import Store

    store = Store(demo_url)
    stored = store.measurements()
    store.dispose()
    assert len(stored) == 31 * 150 * 2 and stored["sintetis"].all()
    z = score_records(growth_tables(), stored)
    share = np.mean(z["haz"].round(2) < -2)
    assert 0.08 < share < 0.2


def test_the_downloadable_template_reads_without_problems(ref):
    """The template offered on the page is itself a valid measurement file."""
    from ingest.templates import measurement_template

    plan = measure_uploads.dry_run(
        ref, csv_bytes(measurement_template(ref.kelurahan)), "templat.csv", TODAY
    )
    assert plan.format == "templat" and len(plan.problems) == 0 and len(plan.records) == 2


def mixed_file(good: int, bad: int, lead: int = 2) -> bytes:
    """``good`` template rows (repeating the three, so most are double exports) with ``bad``
    rows whose measurement date is unreadable after the first ``lead`` of them."""
    rows = pd.concat([template()] * (good // 3 + 1), ignore_index=True).head(good)
    broken = template(tanggal_ukur=["kemarin"] * 3)
    broken = pd.concat([broken] * (bad // 3 + 1), ignore_index=True).head(bad)
    broken["posyandu"] = [f"Pos {i}" for i in range(bad)]  # no double exports among them
    return csv_bytes(pd.concat([rows.head(lead), broken, rows.iloc[lead:]], ignore_index=True))


def test_checking_in_blocks_gives_the_same_plan_as_at_once(ref, monkeypatch):
    """Blocks of 4 rows: the same records, problems and row numbers as one block, double
    exports found across blocks too."""
    data = mixed_file(good=9, bad=4)
    whole = measure_uploads.dry_run(ref, data, "campur.csv", TODAY)
    monkeypatch.setattr("ingest.measurements.CHECK_ROWS", 4)
    blocks = measure_uploads.dry_run(ref, data, "campur.csv", TODAY)
    pd.testing.assert_frame_equal(blocks.records, whole.records)
    pd.testing.assert_frame_equal(blocks.problems, whole.problems)
    assert len(whole.records) == 3 and whole.rows_read == blocks.rows_read == 13
    assert whole.problems["pesan"].str.contains("sama persis").sum() == 6
    assert whole.problems["pesan"].str.contains("tidak terbaca").sum() == 4


def test_checking_stops_when_most_rows_are_bad(ref, monkeypatch):
    """Once MAX_BAD_ROWS rows, and more than half of those read, have errors, the rest of the
    file is not read: one message says so, and nothing can be stored."""
    monkeypatch.setattr("ingest.measurements.CHECK_ROWS", 4)
    monkeypatch.setattr("ingest.problems.MAX_BAD_ROWS", 3)
    plan = measure_uploads.dry_run(ref, mixed_file(good=6, bad=6), "campur.csv", TODAY)
    assert not plan.can_commit and plan.rows_read == 7
    first = plan.problems.iloc[0]
    assert pd.isna(first["baris"]) and first["tingkat"] == GALAT
    # Blocks of file rows 1–4 (header, 2 good, 1 bad) and 5–8 (4 bad): 5 of 7 rows bad.
    assert "5 dari 7 baris data pertama bermasalah" in first["pesan"]
    assert "sisa berkas (sekitar 5 baris)" in first["pesan"]
    assert "pemeriksaan dihentikan" in first["pesan"] and first["saran"]
    # 4 bad rows after 9 good ones: never more than half, every row is checked.
    plan = measure_uploads.dry_run(ref, mixed_file(good=12, bad=4, lead=9), "campur.csv", TODAY)
    assert plan.can_commit and plan.rows_read == 16
    assert not plan.problems["pesan"].str.contains("dihentikan").any()


def test_blank_rows_of_a_workbook_are_no_records(ref):
    """Empty rows between the records of an .xlsx file are skipped, not reported."""
    frame = template()
    blank = pd.DataFrame([[None] * frame.shape[1]], columns=frame.columns)
    buffer = io.BytesIO()
    pd.concat([frame.head(1), blank, frame.tail(2)]).to_excel(buffer, index=False)
    plan = measure_uploads.dry_run(ref, buffer.getvalue(), "templat.xlsx", TODAY)
    assert plan.n_errors == 0, plan.problems
    assert len(plan.records) == 3 and plan.records["baris"].tolist() == [2, 4, 5]
