"""The activity register: spreadsheet round trip, the import dry-run corpus, storage with its
log, and the synthetic demo register."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest
from sqlalchemy import inspect, select

from analysis import schema as s
from analysis.edits import field_changes
from demo.activities import synthetic_activities
from ingest.activities import blank_template, export_frame, parse_rupiah, read_activity_file
from ingest.problems import GALAT
from services.bootstrap import initialise
from store import tables
from store.database import Store
from text.files import to_csv_bytes, to_xlsx_bytes

WARAKAS, CILINCING = "31.72.02.1007", "31.72.04.1001"


def row(**change) -> dict:
    base = {
        s.TAHUN: 2025, s.NAMA_KEGIATAN: "PMT lokal balita gizi kurang", s.OPD: "SUDINKES",
        s.INDIKATOR: "SPE01;SPE08", s.KELURAHAN_SASARAN: f"{WARAKAS};{CILINCING}",
        s.VOLUME: 120.0, s.SATUAN_VOLUME: "balita", s.PAGU: 250_000_000.0, s.REALISASI: None,
        s.SUMBER_DANA: "APBD", s.STATUS: s.KEGIATAN_RENCANA, s.CATATAN: None,
    }  # fmt: skip
    return base | change


@pytest.fixture()
def stored(empty_store) -> tuple[Store, pd.DataFrame]:
    """A store holding two activities entered by 'ani'."""
    new = pd.DataFrame(
        [row(), row(**{s.NAMA_KEGIATAN: "Air bersih", s.OPD: "SUDINSDA", s.INDIKATOR: "SEN04",
                       s.KELURAHAN_SASARAN: "semua", s.SUMBER_DANA: "DAK"})]
    )  # fmt: skip
    empty_store.save_activities("ani", new=new)
    return empty_store, empty_store.activities()


@pytest.mark.parametrize(
    ("text", "value"),
    [("1500000000", 1.5e9), ("1.500.000.000", 1.5e9), ("Rp1.500.000.000", 1.5e9),
     ("Rp 1,5 M", 1.5e9), ("350 jt", 3.5e8), ("2 miliar", 2e9), ("", None), (1500.0, 1500.0)],
)  # fmt: skip
def test_rupiah_cells_as_planners_write_them(text, value):
    assert parse_rupiah(text) == value


@pytest.mark.parametrize("text", ["banyak", "1,5 kilo", "Rp"])
def test_unreadable_rupiah_is_refused(text):
    if text == "Rp":
        assert parse_rupiah(text) is None
    else:
        with pytest.raises(ValueError):
            parse_rupiah(text)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_reads_back_unchanged(stored, ref, fmt):
    """The exported register, imported as it is, adds and changes nothing."""
    _, acts = stored
    sheet = export_frame(acts, ref)
    assert sheet["Kelurahan sasaran"].tolist() == ["Warakas; Cilincing", "semua"]
    data = to_csv_bytes(sheet) if fmt == "csv" else to_xlsx_bytes({"kegiatan": sheet})
    plan = read_activity_file(data, f"kegiatan.{fmt}", acts, ref)
    assert plan.problems.empty and plan.new.empty and plan.diff.empty
    assert not plan.can_commit and plan.n_rows == 2


def test_import_adds_new_rows_and_updates_by_id(stored, ref):
    """An edited pagu and a new row written with names, a rupiah shorthand and 'semua'."""
    store, acts = stored
    sheet = export_frame(acts, ref).astype(object)
    sheet.loc[0, "Pagu (Rp)"] = "Rp300 jt"
    sheet.loc[0, "Status"] = "Berjalan"
    sheet.loc[0, "Realisasi (Rp)"] = "100.000.000"
    extra = {"ID": "", "Tahun": "2026", "Nama kegiatan": "Kampanye cegah stunting",
             "OPD": "Suku Dinas Komunikasi, Informatika dan Statistik",
             "Indikator": "SEN09, Remaja putri mengonsumsi TTD", "Kelurahan sasaran": "Seluruh kelurahan",
             "Pagu (Rp)": "Rp1,5 M", "Sumber dana": "dana kelurahan", "Status": "rencana"}  # fmt: skip
    sheet = pd.concat([sheet, pd.DataFrame([extra])], ignore_index=True)
    plan = read_activity_file(to_csv_bytes(sheet), "kegiatan.csv", acts, ref)
    assert plan.problems.empty and plan.can_commit
    shown = export_frame(plan.new.assign(id=None), ref)  # the dry run's table of new rows
    assert shown["Pagu (Rp)"].tolist() == [1_500_000_000] and shown["Realisasi (Rp)"].isna().all()
    assert sorted(zip(plan.diff["kolom"], plan.diff["nilai_baru"], strict=True)) == [
        (s.PAGU, "300000000"), (s.REALISASI, "100000000"), (s.STATUS, "berjalan"),
    ]  # fmt: skip
    new = plan.new.iloc[0]
    assert (new[s.OPD], new[s.INDIKATOR], new[s.KELURAHAN_SASARAN]) == (
        "SUDINKOMINFOTIK", "SEN09;SPE03", "semua"
    )  # fmt: skip
    assert (new[s.PAGU], new[s.SUMBER_DANA], new[s.TAHUN]) == (1.5e9, "DANA_KEL", 2026)
    store.save_activities("budi", new=plan.new, edited=plan.edited, diff=plan.diff)
    after = store.activities()
    assert len(after) == 3 and after.loc[0, s.PAGU] == 3e8
    log = store.activity_audit()
    assert set(log.loc[log["oleh"] == "budi", "kolom"]) == {
        s.PAGU,
        s.REALISASI,
        s.STATUS,
        "kegiatan baru",
    }


def sheet_with(ref, acts, **cells) -> pd.DataFrame:
    """The exported register with one extra row (new unless ``ID`` is given)."""
    base = {"ID": "", "Tahun": 2025, "Nama kegiatan": "Kegiatan uji", "OPD": "SUDINKES",
            "Indikator": "SPE02", "Kelurahan sasaran": "Warakas", "Volume target": "",
            "Satuan": "", "Pagu (Rp)": "100000000", "Realisasi (Rp)": "",
            "Sumber dana": "APBD", "Status": "rencana", "Catatan": ""}  # fmt: skip
    return pd.concat(
        [export_frame(acts, ref).astype(object), pd.DataFrame([base | cells])], ignore_index=True
    )


# (name, cells of the extra row, column named, message fragment); the extra row is Excel row 4.
CORPUS = [
    ("unknown id", {"ID": "99"}, "ID", "tidak ada di daftar"),
    ("repeated id", {"ID": "1"}, "ID", "sudah dipakai di baris 2"),
    ("bad year", {"Tahun": "dua ribu"}, "Tahun", "Tahun tidak valid"),
    ("empty name", {"Nama kegiatan": ""}, "Nama kegiatan", "kosong"),
    ("unknown unit", {"OPD": "Dinas Antah"}, "OPD", "tidak dikenal"),
    ("outcome indicator", {"Indikator": "OUT01"}, "Indikator", "Bukan indikator intervensi"),
    ("unknown indicator", {"Indikator": "SPE99"}, "Indikator", "Bukan indikator intervensi"),
    ("place outside", {"Kelurahan sasaran": "Warakas; Kali Baru Bekasi"}, "Kelurahan sasaran", "tidak dikenal"),
    ("kecamatan not kelurahan", {"Kelurahan sasaran": "Kelapa Gading"}, "Kelurahan sasaran", "tidak dikenal"),
    ("no place", {"Kelurahan sasaran": ""}, "Kelurahan sasaran", "kosong"),
    ("pagu text", {"Pagu (Rp)": "seratus juta"}, "Pagu (Rp)", "bukan angka"),
    ("negative pagu", {"Pagu (Rp)": -5000}, "Pagu (Rp)", "negatif"),
    ("overspent", {"Realisasi (Rp)": "Rp200 jt", "Status": "selesai"}, "Realisasi (Rp)", "melebihi pagu"),
    ("unknown fund", {"Sumber dana": "Hibah rahasia"}, "Sumber dana", "tidak dikenal"),
    ("unknown status", {"Status": "ditunda"}, "Status", "tidak dikenal"),
    ("volume without unit", {"Volume target": "50"}, "Satuan", "tanpa satuan"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "cells", "kolom", "pesan"), CORPUS, ids=[c[0] for c in CORPUS])
def test_bad_rows_are_reported_with_row_column_and_fix(stored, ref, name, cells, kolom, pesan):
    """Each broken row is reported at its Excel row and column, with a fix; nothing commits."""
    _, acts = stored
    plan = read_activity_file(to_csv_bytes(sheet_with(ref, acts, **cells)), "k.csv", acts, ref)
    assert not plan.can_commit
    found = plan.problems.loc[plan.problems["baris"] == 4]
    assert len(found) == 1, found.to_dict("records")
    problem = found.iloc[0]
    assert (problem["kolom"], problem["tingkat"]) == (kolom, GALAT)
    assert pesan in problem["pesan"] and problem["saran"]


def test_every_problem_of_a_file_is_reported_at_once(stored, ref):
    """A row broken in five places gives five problems."""
    _, acts = stored
    bad = {"Tahun": "x", "OPD": "?", "Indikator": "", "Pagu (Rp)": "?", "Status": "?"}
    plan = read_activity_file(to_csv_bytes(sheet_with(ref, acts, **bad)), "k.csv", acts, ref)
    assert len(plan.problems) == 5


def xlsx_bytes(rows: list[list]) -> bytes:
    wb = openpyxl.Workbook()
    for r in rows:
        wb.active.append(r)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "fragment"),
    [
        ("kosong.csv", b"", "kosong"),
        ("gambar.csv", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, ""),
        ("lain.csv", b"nama;nilai\nA;1\n", "Kolom wajib"),
        ("sebagian.xlsx", xlsx_bytes([["Tahun", "Nama kegiatan", "OPD"], [2025, "x", "SUDINKES"]]), "Kolom wajib"),
    ],
)  # fmt: skip
def test_unusable_files_are_refused_with_a_message(stored, ref, name, data, fragment):
    _, acts = stored
    plan = read_activity_file(data, name, acts, ref)
    assert not plan.can_commit and plan.n_errors == 1
    assert fragment in plan.problems.iloc[0]["pesan"]


def test_template_lists_codes_and_its_example_imports(ref, empty_store):
    """The blank template's example row is a valid new activity; its code sheet lists units."""
    sheets = blank_template(ref)
    assert set(sheets["daftar_kode"]["Isian"]) == {"Status", "OPD", "Sumber dana", "Indikator"}
    plan = read_activity_file(to_xlsx_bytes(sheets), "templat.xlsx", empty_store.activities(), ref)
    assert plan.problems.empty and len(plan.new) == 1


def test_export_neutralises_formulas(stored, ref):
    """A name typed as a formula is exported as text (leading apostrophe)."""
    store, acts = stored
    edited = acts.assign(**{s.NAMA_KEGIATAN: ['=HYPERLINK("http://x","klik")', "+1"]})
    store.save_activities("ani", edited=edited, diff=field_changes(acts, edited, s.ACTIVITY_FIELDS))
    data = to_csv_bytes(export_frame(store.activities(), ref))
    text = data.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and ";'+1;" in text
    plan = read_activity_file(data, "kegiatan.csv", store.activities(), ref)
    assert plan.problems.empty and plan.diff.empty  # read back as typed, not with the apostrophe


def test_edits_and_removal_are_logged_and_nothing_is_deleted(stored):
    """A change logs old and new value; a removed activity is hidden but kept in the table."""
    store, acts = stored
    edited = acts.assign(**{s.PAGU: [300_000_000.0, acts.loc[1, s.PAGU]]})
    diff = field_changes(acts, edited, s.ACTIVITY_FIELDS)
    store.save_activities("budi", edited=edited, diff=diff, removed=[int(acts.loc[1, "id"])])
    assert list(store.activities()["id"]) == [acts.loc[0, "id"]]
    log = store.activity_audit()
    shown = log[["oleh", "kolom", "nilai_lama", "nilai_baru"]].head(2).fillna("")
    assert shown.to_dict("records") == [
        {"oleh": "budi", "kolom": "dihapus", "nilai_lama": "", "nilai_baru": ""},
        {"oleh": "budi", "kolom": "pagu", "nilai_lama": "250000000", "nilai_baru": "300000000"},
    ]
    with store.engine.connect() as conn:
        assert conn.execute(select(tables.kegiatan.c.dihapus)).scalars().all() == [False, True]


def test_a_failing_save_changes_nothing(stored):
    """A write that fails half-way (a NULL name) rolls back the rows saved before it."""
    store, acts = stored
    new = pd.DataFrame([row(), row(**{s.NAMA_KEGIATAN: None})])
    with pytest.raises(Exception):  # noqa: B017, PT011 - the driver's IntegrityError
        store.save_activities("ani", new=new)
    assert len(store.activities()) == 2 and len(store.activity_audit()) == 2


def test_demo_register_is_seeded_valid_and_synthetic(ref, demo_url):
    """The same demo register on every run; every row passes the checks; stored as synthetic."""
    from analysis.activities import check_activities, intervention_codes

    lokus = set(ref.lokus.loc[ref.lokus[s.TAHUN] == 2022, s.KODE_KELURAHAN])
    first, again = (
        synthetic_activities(ref.kelurahan, lokus),
        synthetic_activities(ref.kelurahan, lokus),
    )
    pd.testing.assert_frame_equal(first, again)
    problems = check_activities(first, intervention_codes(ref.indikator),
                                list(ref.kelurahan[s.KODE_KELURAHAN]), list(ref.opd[s.KODE]),
                                list(ref.sumber_dana[s.KODE]))  # fmt: skip
    assert problems.empty
    store = Store(demo_url)
    acts = store.activities()
    assert len(acts) == len(first) and acts["sintetis"].all()
    assert store.activity_audit().empty  # demo rows are not logged as someone's edits
    store.dispose()


def test_an_older_demo_database_gets_the_register_once(store_url, monkeypatch):
    """A demo database migrated to version 8 gets the demo activities when it reaches 9, once."""
    from services import bootstrap
    from store import migrations

    url = store_url
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:8])  # the old code
    monkeypatch.setattr(bootstrap, "load_demo_activities", lambda *_: 0)
    for module in (  # no audit log before 11
        "store.datasets_store",
        "store.measurements_store",
        "store.indicators_store",
        "store.boundaries_store",
        "store.aksi_store",
        "store.activities_store",
        "store.lokus_store",
    ):
        monkeypatch.setattr(f"{module}.log_event", lambda *_, **__: None)
    store, _, _ = initialise(url, with_demo=True)
    assert "kegiatan" not in inspect(store.engine).get_table_names()
    store.dispose()
    monkeypatch.undo()
    store, _, report = initialise(url, with_demo=True)
    assert report.migrations[0] == 9 and len(store.activities()) > 0
    n = len(store.activities())
    store.dispose()
    store, _, _ = initialise(url, with_demo=True)
    assert len(store.activities()) == n
    store.dispose()
