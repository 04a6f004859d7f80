"""Hostile text (issue 21, points 5 and 7): control characters, direction overrides and
NIK-shaped numbers typed into forms, read from files or given on the command line are cleaned
before they are stored; values stored before that still render and export; user text shown
through markdown stays literal (no links, no remote images)."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import sqlalchemy as sa
from pptx import Presentation
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

import manage
from analysis import schema as s
from analysis.aksi import changes
from analysis.audit_log import export_frame
from analysis.text_clean import NIK_MASK, clean_frame, clean_text, drop_nik
from ingest.activities import clean_rows as clean_activity_rows
from ingest.aksi_file import export_frame as aksi_export
from ingest.aksi_file import read_aksi_file
from ingest.reference_checks import user_indicator
from report.deck import build_deck
from report.export import build_report
from services import measure_uploads
from services.bootstrap import initialise
from services.sources import load_sources
from store import tables
from store.database import Store
from store.users_store import ADMIN, User
from tests.test_auth import PASSWORD, gated_db  # noqa: F401 - the fixture, shared
from tests.users import signed_in
from text.files import to_csv_bytes, to_xlsx_bytes
from ui.sidebar import Filters

ROOT = Path(__file__).resolve().parent.parent
NIK = "3172 0101 0101 0001"
LINK = "[x](http://evil.invalid)"
IMAGE = "![](http://evil.invalid/img.png)"


def test_clean_text_drops_controls_and_overrides_and_keeps_lines_where_allowed():
    """C0/C1 controls, lone surrogates, U+FFFE/U+FFFF and direction overrides go; a one-line
    field gets a space for a line break, a multi-line one keeps tabs and line breaks."""
    hostile = "a\x00b\x0bc\x1bd\x7fe\x85f\x9fg\ud800h\ufffei\u202ej\u2066k\tl\r\nm"
    assert clean_text(hostile) == "ab cde fghijk l m"
    assert clean_text(hostile, multiline=True) == "ab\ncde\nfghijk\tl\nm"
    assert clean_text("Rina Marlina ✓ – Σ") == "Rina Marlina ✓ – Σ"
    assert clean_text(None) is None and clean_text(3.5) == 3.5


def test_drop_nik_masks_sixteen_digit_numbers_only():
    """16 digits, alone or grouped by spaces, dots or dashes, become the mask; phone
    numbers, rupiah and longer numbers stay."""
    text = f"NIK {NIK}, 3172010101010001; 3172.0101.0101.0001 dan 3172-0101-0101-0001."
    assert drop_nik(text) == f"NIK {NIK_MASK}, {NIK_MASK}; {NIK_MASK} dan {NIK_MASK}."
    kept = "telp 081234567890, Rp1.234.567.890, kode 12345678901234567"
    assert drop_nik(kept) == kept


def test_exports_hold_a_stored_control_character():
    """The XLSX and CSV writers drop what a worksheet cannot hold instead of failing."""
    names = pd.Series(["ri\x0bna", "sur\udc80rogate"], dtype=object)  # as a database may hold
    frame = pd.DataFrame({"nama\x0b": names, "n": [1, 2]})
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes({"x": frame})))
    assert [c.value for c in book["x"]["A"]] == ["nama ", "ri\nna", "surrogate"]
    assert "ri\nna" in to_csv_bytes(frame).decode("utf-8-sig")
    clean = frame.iloc[:, 1:]
    assert clean_frame(clean) is clean  # nothing to clean: no copy


def open_audit(at: AppTest) -> AppTest:
    at.run()
    at.switch_page("pages/audit.py")
    at.session_state["pengguna"] = User("kepala", "Kepala", ADMIN, "lokal")
    return at.run()


def test_failed_sign_in_with_a_control_character_keeps_the_audit_page_working(gated_db):  # noqa: F811
    """A name with ``\\x0b`` on the sign-in form is logged cleaned; the Audit page and its
    Excel export still work for every editor."""
    at = AppTest.from_file(str(ROOT / "pages/masuk.py"), default_timeout=60).run()
    at.text_input(key="auth.nama").input("ri\x0bna\u202e")
    at.text_input(key="auth.sandi").input("salah-sandi")
    at.button(key="auth.masuk").click().run()
    assert not at.exception
    audit = open_audit(AppTest.from_file(str(ROOT / "app.py"), default_timeout=60))
    assert not audit.exception
    assert audit.dataframe[0].value["Oleh"].iloc[0] == "ri na"
    store = Store(gated_db)
    assert store.audit_log()["oleh"].iloc[0] == "ri na"
    store.dispose()


def test_audit_page_renders_and_exports_a_stored_control_character(gated_db):  # noqa: F811
    """A row saved before input was cleaned (written straight into the table) renders, and
    the Excel export drops the character."""
    store = Store(gated_db)
    with store.engine.begin() as conn:
        conn.execute(
            sa.insert(tables.log_audit).values(
                waktu=pd.Timestamp.now(tz="UTC").to_pydatetime(),
                oleh="lama\x0b\x00",
                jenis="gagal masuk",
                objek="lama\x0b",
                rincian="catatan\x1b lama",
            )
        )
    log = store.audit_log()
    store.dispose()
    at = open_audit(AppTest.from_file(str(ROOT / "app.py"), default_timeout=60))
    assert not at.exception
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes({"log": export_frame(log)})))
    assert "lama\n" in [c.value for c in book["log"]["B"]]


@pytest.fixture()
def aksi_db(copy_in_app):
    return copy_in_app


def stored_aksi_note(url: str, note: str) -> None:
    """Write ``note`` into the first progress row of the newest year (the year the Aksi page
    opens on) as a stored value, without cleaning."""
    store = Store(url)
    rows = store.aksi_progress()
    tahun = int(rows[s.TAHUN].max())
    rows = rows.loc[rows[s.TAHUN] == tahun].reset_index(drop=True)
    edited = rows.copy()
    edited.loc[0, "catatan"] = note
    store.update_aksi_progress(tahun, edited, changes(rows, edited), "lama")
    store.dispose()


def test_aksi_page_renders_a_stored_note_with_a_control_character(aksi_db):
    """An aksi note holding ``\\x0b`` breaks neither the Aksi page (visitor and editor) nor
    its downloads."""
    stored_aksi_note(aksi_db, "catatan\x0blama\x00")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    at.switch_page("pages/aksi.py").run()
    assert not at.exception and at.get("download_button")
    signed_in(at).run()
    assert not at.exception


def test_aksi_file_import_cleans_notes_and_masks_nik(aksi_db):
    """A progress file whose note holds a control character and a NIK is read cleaned."""
    store = Store(aksi_db)
    rows = store.aksi_progress()
    store.dispose()
    rows = rows.loc[rows[s.TAHUN] == 2022].reset_index(drop=True)
    sheet = aksi_export(rows)
    sheet.loc[0, "Catatan"] = f"rujuk\x0banak NIK {NIK}\x1b"
    sheet.loc[0, "OPD"] = "Dinas\tKesehatan\u202e"
    content = sheet.to_csv(index=False).encode()
    plan = read_aksi_file(content, "progres.csv", rows)
    first = plan.edited.loc[plan.edited["id"] == rows.loc[0, "id"]].iloc[0]
    assert first["catatan"] == f"rujuk\nanak NIK {NIK_MASK}"
    assert first["opd"] == "Dinas Kesehatan"


def test_activity_rows_are_cleaned_for_form_editor_and_file():
    """Activity names lose control characters and line breaks; notes keep their lines and lose
    NIK-shaped numbers."""
    rows = pd.DataFrame(
        {s.NAMA_KEGIATAN: ["Kelas\x0bgizi\n"], s.SATUAN_VOLUME: ["kali\x00"],
         s.CATATAN: [f"baris 1\nNIK {NIK}\x0b"]}
    )  # fmt: skip
    cleaned = clean_activity_rows(rows)
    assert cleaned.iloc[0].tolist() == ["Kelas gizi ", "kali", f"baris 1\nNIK {NIK_MASK}\n"]
    assert rows.iloc[0, 0] == "Kelas\x0bgizi\n"  # the input is not changed
    one_line = clean_activity_rows(rows.assign(**{s.NAMA_KEGIATAN: ["Kelas\ngizi"]}))
    assert one_line[s.NAMA_KEGIATAN].tolist() == ["Kelas gizi"]


def test_activity_form_saves_a_clean_name(aksi_db):
    """The new-activity form stores a name without its control character and a note without
    the NIK."""
    at = signed_in(AppTest.from_file(str(ROOT / "pages/program.py"), default_timeout=60))
    at.session_state["filters"] = Filters(2025, "2025-Q4", None)
    at.run()
    at.text_input(key="prog.nama").input("Kelas\x0bgizi")
    at.text_input(key="prog.f_catatan").input(f"ibu NIK {NIK}")
    at.multiselect(key="prog.f_indikator").set_value(["SPE04"])
    at.multiselect(key="prog.f_kelurahan").set_value(["31.72.02.1007"])
    at.number_input(key="prog.f_pagu").set_value(75_000_000)
    at.button(key="prog.simpan_baru").click().run()
    assert not at.exception and not at.error
    store = Store(aksi_db)
    newest = store.activities().sort_values("id").iloc[-1]
    store.dispose()
    assert (newest[s.NAMA_KEGIATAN], newest[s.CATATAN]) == ("Kelas gizi", f"ibu NIK {NIK_MASK}")


@pytest.fixture(scope="module")
def deck(demo_db):
    store, ref, _ = initialise(demo_db, with_demo=False)
    built = build_deck(load_sources(store, ref), 2025, "2025-Q4", date(2026, 11, 28))
    store.dispose()
    return built


@pytest.mark.parametrize("fmt", ["pptx", "xlsx", "pdf"])
def test_meeting_note_with_a_control_character_exports(deck, fmt):
    """A stored meeting note holding ``\\x0b``, NUL, ESC and a direction override still gives a
    PowerPoint, Excel and PDF file; the note is in it without those characters."""
    data = build_report(deck, fmt, {"situasi": "Data\x0bKoja\x00\x1b\u202e siap"})
    if fmt == "pptx":
        notes = [x.notes_slide.notes_text_frame.text for x in Presentation(io.BytesIO(data)).slides]
        assert "Catatan rapat: Data\nKoja siap" in notes[1]
    elif fmt == "xlsx":
        sheet = openpyxl.load_workbook(io.BytesIO(data))["slide_dan_catatan"]
        assert "Data\nKoja siap" in [c.value for c in sheet["D"]]
    else:
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
        assert "Catatan rapat: Data\nKoja siap" in text and "\x1b" not in text


def test_meeting_note_saved_on_the_page_is_clean(aksi_db):
    """The Presentasi notes form stores the note without control characters or NIK."""
    at = signed_in(AppTest.from_file(str(ROOT / "pages/presentasi.py"), default_timeout=90))
    at.session_state["filters"] = Filters(2025, "2025-Q4", None)
    at.run()
    at.text_area(key="pres_note_2025_2025-Q4_judul").input(f"Catatan\x0bNIK {NIK}\x00")
    next(b for b in at.button if b.label == "Simpan catatan").click().run()
    assert not at.exception
    store = Store(aksi_db)
    assert store.meeting_notes(2025, "2025-Q4") == {"judul": f"Catatan\nNIK {NIK_MASK}"}
    store.dispose()


def test_markdown_in_an_indicator_name_shows_literally(aksi_db):
    """An indicator added in the app named with a markdown link and image is listed on the
    Program page as text: no link, no image for the browser to fetch."""
    store, ref, _ = initialise(aksi_db, with_demo=False)
    fields = {"kode": "SPE99", "nama": f"Tautan {LINK} {IMAGE}", "kelompok": "spesifik",
              "satuan": "persen", "arah": "tinggi_baik", "target": "90", "tahun_target": "2025",
              "sumber_data": "EPPGBM", "sasaran": "balita"}  # fmt: skip
    store.add_user_indicator(user_indicator(fields, ref), "rina")
    store.dispose()
    at = signed_in(AppTest.from_file(str(ROOT / "pages/program.py"), default_timeout=60))
    at.session_state["filters"] = Filters(2025, "2025-Q4", None)
    at.run()
    assert not at.exception
    (line,) = [x for m in at.markdown for x in m.value.splitlines() if "SPE99" in x]
    assert "](" not in line and "\\!\\[\\]\\(http" in line and "\\[x\\]" in line


def test_manage_add_user_cleans_the_display_name(store_url, monkeypatch):
    """``manage.py add-user --display-name`` stores the name without control characters."""
    initialise(store_url, with_demo=False)[0].dispose()
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert manage.main(["add-user", "sari", "--role", "editor", "--password-stdin",
                        "--display-name", "Sari\x0b\u202eB", "--db-url", store_url]) == 0  # fmt: skip
    store = Store(store_url)
    assert store.users().set_index("nama_pengguna").loc["sari", "nama_tampil"] == "Sari B"
    store.dispose()


def test_an_oidc_identity_is_cleaned(store_url):
    """The name and e-mail an OIDC provider sends are cleaned like any other input."""
    store = initialise(store_url, with_demo=False)[0]
    user = store.oidc_user("Kepala\x0b@jakarta.go.id", "Kepala\x0b\u202eDinas")
    assert (user.nama_pengguna, user.nama_tampil) == ("kepala @jakarta.go.id", "Kepala Dinas")
    store.dispose()


def test_measurement_file_free_text_is_cleaned(ref):
    """A posyandu name holding a control character or a NIK is stored without them."""
    from tests.test_measurements import TODAY, csv_bytes, template  # noqa: PLC0415

    names = ["Melati\x0bRW 02", f"Mawar {NIK}", "Anggrek\u202e"]
    plan = measure_uploads.dry_run(ref, csv_bytes(template(posyandu=names)), "t.csv", TODAY)
    assert plan.n_errors == 0, plan.problems
    assert plan.records["posyandu"].tolist() == ["Melati RW 02", f"Mawar {NIK_MASK}", "Anggrek"]


def test_indicator_name_with_html_is_escaped_in_charts():
    """plotly reads ``<a href>`` in titles and hover texts as a link: an indicator name is
    escaped there (shown as typed)."""
    from charts.indicator import build_bar_figure, build_heatmap  # noqa: PLC0415

    name = "SPE99 · Tautan <a href='http://evil.invalid'>klik</a>"
    grid = pd.DataFrame(
        {"wilayah": ["Koja"], s.KODE_INDIKATOR: ["SPE99"], s.ARAH: [s.ARAH_TINGGI_BAIK],
         s.CAKUPAN: [50.0], s.TARGET: [90.0], s.SELISIH_TARGET: [-40.0], s.PEMBILANG: [5],
         s.PENYEBUT: [10], "penyebut_kecil": [False], "status_target": ["belum"]}
    )  # fmt: skip
    bar = build_bar_figure(grid, name, set())
    heat = build_heatmap(grid, {"SPE99": name})
    assert "<a " not in bar.layout.title.text and "&lt;a href" in bar.layout.title.text
    assert "<a " not in heat.data[0].hovertext[0][0]
