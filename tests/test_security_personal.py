"""Personal data never leaks (issue 21, points 6 and 7): files holding it are never archived
and their personal columns are named (not shown) in the dry run, whatever their headers; archived
originals go to signed-in editors only; stored child ages cannot give the birth date back; and
problem tables and their CSV never echo a NIK, a name or a birth date."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import delete, text, update
from streamlit.testing.v1 import AppTest

from analysis import schema as s
from analysis.zscore import DAYS_PER_MONTH, score_records
from ingest import templates
from ingest.mapping import KNOWN_IGNORED, UNCLEAR
from ingest.options import ImportOptions
from services import measure_uploads, uploads
from services.bootstrap import initialise
from services.reference import load_reference
from settings import REFERENCE_DIR
from store import tables
from store.database import Store
from store.growth import growth_tables
from tests import ingest_files as f
from tests.apps import app_on
from tests.users import signed_in
from text import files
from text.tables import problems_table

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2025, 12, 1)
NIK = "3172010101010001"
NAME = "Siti Aminah"
BIRTH = "2021-03-04"


@pytest.fixture()
def store_ref(tmp_path):
    store, ref, _ = initialise(f"sqlite:///{tmp_path / 'db.sqlite'}", with_demo=False)
    yield store, ref
    store.dispose()


def dry_run_and_commit(store, ref, content: bytes, name: str):
    plan, comparison = uploads.dry_run(store, ref, content, name, ImportOptions(periode="2024"))
    return plan, uploads.commit(store, plan, comparison, content, "uji")


def assert_not_archived(store, plan, dataset_id: int, name: str, columns: list[str]) -> None:
    """Not archived, the columns named by header in the dry run and no personal value shown."""
    assert plan.personal_columns == columns
    assert not plan.keeps_original
    note = next(n for n in plan.notes if "data pribadi" in n)
    assert all(c in note for c in columns)
    shown = " ".join(plan.notes) + plan.problems.to_csv()
    assert NIK not in shown and "Siti" not in shown and "2021" not in shown
    assert store.dataset_file(dataset_id) == (name, None)
    assert "data pribadi" in store.datasets().set_index("id").loc[dataset_id, "catatan"]
    raw = Path(store.engine.url.database).read_bytes()  # no personal value stored anywhere
    assert NIK.encode() not in raw and b"Siti" not in raw and b"Aminah" not in raw


def test_personal_headers_are_recognised_beyond_nik_and_nama(store_ref):
    """Headers "No KTP", "Tgl Lahir" and "Ibu Kandung" (and glued or punctuated spellings)
    make a file personal: it is not archived and the dry run names those columns."""
    store, ref = store_ref
    content = f.csv(
        [
            "kelurahan;SAS03;No KTP;Tgl Lahir;Ibu Kandung",
            "Warakas;1;-;-;-",
            "Sunter Agung;2;-;-;-",
        ]
    )
    plan, ds = dry_run_and_commit(store, ref, content, "ktp.csv")
    assert len(plan.values) == 2
    assert_not_archived(store, plan, ds, "ktp.csv", ["No KTP", "Tgl Lahir", "Ibu Kandung"])
    glued = f.csv(
        ["kelurahan;SAS03;no_ktp;TglLahir;NAMA_IBU_KANDUNG;No. HP;RT/RW", "Warakas;1;;;;;"]
    )
    plan, _ = uploads.dry_run(store, ref, glued, "g.csv", ImportOptions(periode="2024"))
    assert plan.personal_columns == ["no_ktp", "TglLahir", "NAMA_IBU_KANDUNG", "No. HP", "RT/RW"]


@pytest.mark.parametrize("nik", [NIK, "3172 0101 0101 0001", "3172.0101.0101.0001", "3.17201E+15"])
def test_personal_contents_are_recognised_under_innocent_headers(store_ref, nik):
    """NIK-shaped numbers (also with separators, or as Excel writes them), dates of birth and
    people's names make a file personal whatever its headers say; notes and posyandu names do
    not (that file is archived)."""
    store, ref = store_ref
    content = f.csv(
        [
            "kelurahan;SAS03;Kolom A;Data 1;Info;Posyandu;Keterangan",
            f"Warakas;1;{nik};{BIRTH};{NAME};Mawar Merah;Belum lengkap",
            "Sunter Agung;2;3172010101010002;2020-11-23;Budi Santoso;Melati Putih;Sudah sesuai",
            "Papanggo;3;3172010101010003;15/08/2022;DEWI LESTARI;Anggrek Bulan;Belum lengkap",
        ]
    )
    plan, ds = dry_run_and_commit(store, ref, content, "polos.csv")
    assert len(plan.values) == 3
    assert_not_archived(store, plan, ds, "polos.csv", ["Kolom A", "Data 1", "Info"])
    innocent = f.csv(
        [
            "kelurahan;SAS03;Posyandu;Keterangan",
            "Warakas;1;Mawar Merah;Belum lengkap",
            "Sunter Agung;2;Melati Putih;Sudah sesuai",
            "Papanggo;3;Anggrek Bulan;Data final",
        ]
    )
    plan, ds = dry_run_and_commit(store, ref, innocent, "biasa.csv")
    assert plan.personal_columns == [] and plan.keeps_original
    assert store.dataset_file(ds) == ("biasa.csv", innocent)


# People's names as a kelurahan table's notes might hold them: a few officers over many rows.
NAMES = ["Siti Aminah", "Budi Santoso", "Dewi Lestari", "Agus Salim", "Rina Wati",
         "Ahmad bin Yusuf", "M. Rizki Pratama", "NUR HASANAH", "Nur'aini Putri"]  # fmt: skip


def template_with(ref, extra: dict[str, list[str]]) -> bytes:
    """The Data page's wide template (31 kelurahan) with one indicator filled in and ``extra``
    columns (header → the cell of each row, repeated to fill the 31 rows)."""
    frame = templates.wide_template(ref.kelurahan, ref.indikator)
    pembilang, penyebut = frame.columns[3:5]
    assert (pembilang, penyebut) == ("OUT01_pembilang", "OUT01_penyebut")
    frame[pembilang], frame[penyebut] = range(1, len(frame) + 1), 100
    for header, cells in extra.items():
        frame[header] = [cells[i % len(cells)] for i in range(len(frame))]
    return files.to_csv_bytes(frame)


@pytest.mark.parametrize("header", ["keterangan", "catatan_b", "Catatan Petugas", "Info"])
def test_names_are_personal_under_a_notes_header(store_ref, header):
    """A column whose cells are mostly people's names is personal whatever its header, a notes
    header ("keterangan", "catatan_b") included and however few different names it holds: the
    file is not archived, the dry run names the column by header only and no name is stored."""
    store, ref = store_ref
    cells = [*NAMES, "", "Belum lengkap"]  # a few empty cells and a real note among the names
    content = template_with(ref, {header: cells})
    plan, ds = dry_run_and_commit(store, ref, content, "templat.csv")
    assert plan.n_errors == 0, plan.problems
    assert len(plan.values) == 31
    assert not any("diabaikan:" in n and header in n for n in plan.notes)  # not "ignored"
    assert_not_archived(store, plan, ds, "templat.csv", [header])
    for name in NAMES:
        assert name not in " ".join(plan.notes)


def test_notes_and_place_names_are_not_personal(store_ref):
    """Real notes, posyandu notes, the reference's kelurahan and kecamatan names ("Sunter Agung",
    "Kelapa Gading", shaped like people's names) and "Puskesmas Koja" are no people's names,
    whatever the header: that file is archived."""
    store, ref = store_ref
    places = ["Sunter Agung", "Sunter Jaya", "Tanjung Priok", "Kebon Bawang", "Sungai Bambu",
              "Kamal Muara", "Kapuk Muara", "Pegangsaan Dua", "Kelapa Gading"]  # fmt: skip
    assert set(places) <= {*ref.kelurahan[s.KELURAHAN], *ref.kelurahan[s.KECAMATAN]}
    places.append("Puskesmas Koja")
    content = template_with(
        ref,
        {
            "keterangan": ["data belum lengkap", "menunggu laporan posyandu", "", "Data Final"],
            "catatan_b": ["Posyandu Melati RW 02", "Posyandu Mawar Merah", "Sudah diverifikasi"],
            "Daerah": [*places, *[""] * (31 - len(places))],  # each once, as names would be
            "Posyandu": ["Mawar Merah", "Melati Putih", "Harapan Bunda", "Kenanga Indah"],
        },
    )
    plan, ds = dry_run_and_commit(store, ref, content, "catatan.csv")
    assert plan.n_errors == 0, plan.problems
    assert plan.personal_columns == [] and plan.keeps_original
    unread = {c.header for c in plan.columns if c.status in (KNOWN_IGNORED, UNCLEAR)}
    assert unread == {"keterangan", "catatan_b", "Daerah", "Posyandu"}  # not read, not personal
    assert store.dataset_file(ds) == ("catatan.csv", content)


def test_nik_as_an_excel_number_is_recognised(store_ref):
    """A NIK typed into Excel is a float cell (3172010101010001.0): still personal."""
    store, ref = store_ref
    content = f.xlsx([["kelurahan", "SAS03", "Nomor"], ["Warakas", 1, float(NIK)]])
    plan, ds = dry_run_and_commit(store, ref, content, "angka.xlsx")
    assert_not_archived(store, plan, ds, "angka.xlsx", ["Nomor"])


@pytest.fixture()
def data_page(demo_copy, monkeypatch):
    """The Data page on a copy of the demo database holding one archived upload."""
    store = Store(demo_copy)
    content = f.long_csv("3172021007;;SPE02;2024-Q2;8;10;")
    plan, comparison = uploads.dry_run(
        store, load_reference(REFERENCE_DIR), content, "arsip.csv", ImportOptions()
    )
    dataset_id = uploads.commit(store, plan, comparison, content, "uji")
    assert store.dataset_file(dataset_id) == ("arsip.csv", content)
    store.dispose()
    yield from app_on(demo_copy, monkeypatch)


def test_data_page_dry_run_names_the_personal_columns(data_page):
    """The Data page's dry run warns that the file holds personal data, naming the columns by
    header and never showing a value."""
    at = signed_in(data_page)
    at.run()
    at.switch_page("pages/data.py")
    at.run()
    content = f.csv(["kelurahan;SAS03;No KTP;Kolom B", f"Warakas;1;{NIK};{NAME}"])
    at.session_state["data.periode"] = "2024"
    at.file_uploader(key="data.upload").set_value(("ktp.csv", content, "text/csv")).run()
    assert not at.exception
    warnings = [w.value for w in at.warning if "Data pribadi" in w.value]
    assert warnings == [
        "Data pribadi ditemukan di kolom No KTP \\(NIK/KK\\), Kolom B \\(nama\\). Kolom itu "
        "diabaikan dan tidak disimpan, dan berkas aslinya tidak diarsipkan."
    ]  # markdown-escaped
    page = " ".join(e.value for e in [*at.markdown, *at.warning, *at.info, *at.error])
    assert NIK not in page and "Siti" not in page


def original_buttons(at: AppTest) -> list:
    return [b for b in at.get("download_button") if b.proto.label == "Unduh berkas asli"]


def test_anonymous_visitor_cannot_download_an_archived_original(data_page, monkeypatch):
    """The history tab offers the archived original to a signed-in editor only: an anonymous
    visitor gets no download (and so no media URL of its bytes). Through the router. The
    editor's button is deferred: drawing the page reads no archived bytes, pressing it gives
    the file back exactly (unpacked from its zstd archive)."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    reads, deferred = [], []
    read, add_deferred = Store.dataset_file, MediaFileManager.add_deferred
    monkeypatch.setattr(Store, "dataset_file", lambda self, i: reads.append(i) or read(self, i))
    monkeypatch.setattr(
        MediaFileManager,
        "add_deferred",
        lambda self, *a, **kw: deferred.append((a, kw)) or add_deferred(self, *a, **kw),
    )
    at = data_page
    at.run()
    at.switch_page("pages/data.py")
    at.run()
    assert not at.exception
    assert at.selectbox(key="data.pilih_3").value == 3  # the archived upload is chosen
    assert original_buttons(at) == []
    assert any("mengunduh berkas asli" in i.value for i in at.info)
    signed_in(at).run()
    assert not at.exception
    [button] = original_buttons(at)
    assert button.proto.deferred_file_id and reads == []
    produce = next(a[0] for a, kw in deferred if kw.get("file_name") == "arsip.csv")
    assert produce() == f.long_csv("3172021007;;SPE02;2024-Q2;8;10;") and reads == [3]


def test_an_original_kept_out_of_the_archive_says_why(data_page, demo_copy):
    """A file with personal data columns is stored without its original: the editor sees why
    in the history tab, and no download button."""
    store = Store(demo_copy)
    ref = load_reference(REFERENCE_DIR)
    personal = f.csv(["NIK;nama;kelurahan;SAS03", "3172010101010001;Budi;Warakas;1"])
    plan, comparison = uploads.dry_run(
        store, ref, personal, "pribadi.csv", ImportOptions(periode="2024")
    )
    dataset_id = uploads.commit(store, plan, comparison, personal, "uji")
    store.dispose()
    at = signed_in(data_page)
    at.run()
    at.switch_page("pages/data.py")
    at.run()
    assert not at.exception
    assert at.selectbox(key=f"data.pilih_{dataset_id}").value == dataset_id
    assert original_buttons(at) == []
    assert any("memuat kolom data pribadi" in c.value for c in at.caption)


def measurement_file(birth: list[str], measured: list[str]) -> bytes:
    frame = pd.DataFrame(
        {
            "NIK": [NIK, "3172010101010002", "3172010101010003"],
            "Nama": [NAME, "Budi Santoso", "Dewi Lestari"],
            "kelurahan": ["Warakas", "Sunter Agung", "Papanggo"],
            "jenis_kelamin": ["L", "P", "L"],
            "tanggal_lahir": birth,
            "tanggal_ukur": measured,
            "tinggi_cm": ["82,5", "88.0", "93"],
            "berat_kg": ["10,9", "11.5", "13"],
            "cara_ukur": ["H", "H", "H"],
        }
    )
    return frame.to_csv(index=False).encode("utf-8")


@pytest.fixture()
def any_store(store_url, ref):
    """A migrated store on each backend (SQLite, PostgreSQL), without demo data."""
    store, _, _ = initialise(store_url, with_demo=False)
    yield store, ref
    store.dispose()


def test_stored_ages_are_month_rounded_so_the_birth_date_cannot_be_rebuilt(any_store):
    """Stored ages are the middle day of their month; measure date − stored age is not the birth
    date; the stored z-scores are those of the exact age, so the prevalence is unchanged."""
    store, ref = any_store
    births = ["2023-02-10", "2022-05-10", "2021-12-01"]
    measured = ["2025-02-12", "2025-02-12", "2025-02-14"]
    plan = measure_uploads.dry_run(ref, measurement_file(births, measured), "ukur.csv", TODAY)
    assert plan.n_errors == 0, plan.problems
    exact = plan.records[s.UMUR_HARI].tolist()
    assert exact == [733, 1009, 1171]
    measure_uploads.commit(store, ref, plan, "uji")
    stored = store.measurements()
    months = [int(d // DAYS_PER_MONTH) for d in exact]
    assert stored[s.UMUR_HARI].tolist() == [int((m + 0.5) * DAYS_PER_MONTH + 0.5) for m in months]
    rebuilt = (stored[s.TANGGAL_UKUR] - pd.to_timedelta(stored[s.UMUR_HARI], unit="D")).dt.date
    assert not set(rebuilt.astype(str)) & set(births)
    z = score_records(growth_tables(), plan.records)
    for name in s.SCORE_COLUMNS:
        assert stored[name].tolist() == pytest.approx(z[name].tolist(), nan_ok=True)
    assert score_records(growth_tables(), stored)["haz"].tolist() == pytest.approx(
        z["haz"].tolist()
    )


def test_migration_rounds_the_ages_already_stored(any_store):
    """A database before migration 14 (exact ages, no stored z-scores) gets the z-scores of the exact
    ages and then month-rounded ages."""
    store, ref = any_store
    births = ["2023-02-10", "2022-05-10", "2021-12-01"]
    measured = ["2025-02-12", "2025-02-12", "2025-02-14"]
    plan = measure_uploads.dry_run(ref, measurement_file(births, measured), "ukur.csv", TODAY)
    measure_uploads.commit(store, ref, plan, "uji")
    p = tables.pengukuran
    with (
        store.engine.begin() as conn
    ):  # back to before migration 14: exact ages, no z-score columns
        ids = [row.id for row in conn.execute(p.select().order_by(p.c.id))]
        for row_id, days in zip(ids, [733, 1009, 1171], strict=True):
            conn.execute(update(p).where(p.c.id == row_id).values(umur_hari=days))
        for name in s.SCORE_COLUMNS:
            conn.execute(text(f"ALTER TABLE pengukuran DROP COLUMN {name}"))
        conn.execute(
            delete(tables.schema_migrations).where(tables.schema_migrations.c.version == 14)
        )
    assert store.migrate() == [14]
    stored = store.measurements()
    assert stored[s.UMUR_HARI].tolist() == [746, 1020, 1172]
    z = score_records(growth_tables(), plan.records)
    assert stored["haz"].tolist() == pytest.approx(z["haz"].tolist())
    assert store.migrate() == []


def problems_csv(plan) -> str:
    """The problems file the page offers for download."""
    return files.to_csv_bytes(problems_table(plan.problems)).decode("utf-8-sig")


def test_measurement_names_under_an_innocent_header_are_dropped_as_personal(ref):
    """In a measurement file a column the file is not read by whose cells are people's names
    (the mothers' names under "keterangan", the officers' under "Info") is listed as personal
    (dropped), not as ignored; a notes column stays merely ignored."""
    births = ["2023-02-10", "2022-05-10", "2021-12-01"]
    measured = ["2025-02-12", "2025-02-12", "2025-02-14"]
    frame = pd.read_csv(io.BytesIO(measurement_file(births, measured)), dtype=str)
    frame["keterangan"] = ["Ani Suryani", "Rina Wati", "Dewi Lestari"]
    frame["Info"] = ["Agus Salim", "Agus Salim", "Budi Santoso"]
    frame["catatan"] = ["data belum lengkap", "menunggu laporan posyandu", "Posyandu Melati RW 02"]
    content = frame.to_csv(index=False).encode("utf-8")
    plan = measure_uploads.dry_run(ref, content, "ukur.csv", TODAY)
    assert plan.n_errors == 0, plan.problems
    assert plan.dropped_personal == ["NIK", "Nama", "keterangan", "Info"]
    assert plan.ignored_columns == ["catatan"]


def test_problem_table_and_csv_mask_nik_name_and_birth_date(store_ref):
    """A NIK typed as a kelurahan, a skipped row holding a NIK and a name, and a birth date after
    the measurement are reported, masked, in the table and in its CSV."""
    store, ref = store_ref
    content = f.csv(
        [
            "kelurahan;SAS03;NIK;Nama;Catatan",
            f"{NIK};4;;;",
            f"Bukan kelurahan;;{NIK};{NAME};{BIRTH}",
            "Warakas;1;;;",
        ]
    )
    plan, _ = uploads.dry_run(store, ref, content, "masalah.csv", ImportOptions(periode="2024"))
    table, csv_text = plan.problems.to_csv(), problems_csv(plan)
    assert plan.n_errors and len(plan.problems) >= 2, plan.problems
    for shown in (table, csv_text):
        assert NIK not in shown and "Siti" not in shown and "Aminah" not in shown
        assert "3172…****" in shown
    births = ["2026-01-05", "2022-05-10", "2021-12-01"]
    measured = ["2025-02-12", "2025-02-12", "2025-02-14"]
    ukur = measure_uploads.dry_run(ref, measurement_file(births, measured), "ukur.csv", TODAY)
    row = ukur.problems.loc[ukur.problems["pesan"].str.contains("sesudah tanggal pengukuran")]
    assert row["nilai"].tolist() == ["[tanggal lahir]"]
    for shown in (ukur.problems.to_csv(), problems_csv(ukur)):
        assert "2026-01-05" not in shown and NIK not in shown


def test_a_nik_typed_into_a_stored_text_column_is_masked(store_ref):
    """The posyandu text of a measurement is stored; a NIK typed into it is stored masked."""
    store, ref = store_ref
    births = ["2023-02-10", "2022-05-10", "2021-12-01"]
    measured = ["2025-02-12", "2025-02-12", "2025-02-14"]
    frame = pd.read_csv(io.BytesIO(measurement_file(births, measured)), dtype=str)
    frame["posyandu"] = [f"Melati {NIK}", "Mawar", "Anggrek"]
    content = frame.to_csv(index=False).encode("utf-8")
    plan = measure_uploads.dry_run(ref, content, "ukur.csv", TODAY)
    measure_uploads.commit(store, ref, plan, "uji")
    assert store.measurements()[s.POSYANDU].tolist() == ["Melati [NIK dihapus]", "Mawar", "Anggrek"]
    assert NIK.encode() not in Path(store.engine.url.database).read_bytes()
