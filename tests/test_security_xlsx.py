"""Security of file checks (issue 21, points 2, 7 and 8): merged ranges in every spelling an XML
parser accepts, sheet and row counts, legacy .xls sheets sized before xlrd unfolds them, file
checks for signed-in editors only and one at a time per session, evidence checked beyond its
first bytes."""

from __future__ import annotations

import io
import threading
import time
import tracemalloc
import zipfile

import openpyxl
import pytest

from ingest import limits
from ingest.evidence import EvidenceProblem, check_evidence
from ingest.limits import LimitProblem, check_xlsx
from ingest.reader import FileProblem, read_table
from services.bootstrap import initialise
from tests.hostile_corpus import AKSI, INDIKATOR, KEGIATAN, PENGUKURAN, check
from tests.ingest_files import pdf, png, xls
from tests.test_analysis_pages import open_page
from tests.users import signed_in

MB = 1024 * 1024
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
WHOLE_SHEET = "A1:XFD1048576"
LOCK_KEY = "periksa.kunci"  # ui.checking.LOCK_KEY, spelled out so this module imports on old code


def workbook(sheets: int = 1) -> bytes:
    """A small workbook from openpyxl: a title merged over A1:B1 and a number, then ``sheets - 1``
    more sheets with one number each."""
    book = openpyxl.Workbook()
    book.active["A1"], book.active["B2"] = "judul", 1
    book.active.merge_cells("A1:B1")
    for i in range(sheets - 1):
        book.create_sheet(f"L{i}")["A1"] = i
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def edited(data: bytes, edit) -> bytes:
    """``data`` with ``edit(xml)`` applied to every worksheet part."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename.startswith("xl/worksheets/sheet"):
                content = edit(content)
            target.writestr(info.filename, content)
    return out.getvalue()


def with_merge(tag: str) -> bytes:
    """The workbook with its merged range written as ``tag``."""
    return edited(workbook(), lambda xml: xml.replace(b'<mergeCell ref="A1:B1"/>', tag.encode()))


SPELLINGS = {
    "single_quotes": f"<mergeCell ref='{WHOLE_SHEET}'/>",
    "spaces_around_equals": f'<mergeCell ref = "{WHOLE_SHEET}"/>',
    "lower_case": f'<mergeCell ref="{WHOLE_SHEET.lower()}"/>',
    "dollar_refs": '<mergeCell ref="$A$1:$XFD$1048576"/>',
    "prefix_x": f'<x:mergeCell xmlns:x="{MAIN_NS}" ref="{WHOLE_SHEET}"/>',
    "prefix_with_dot": f'<s.x:mergeCell xmlns:s.x="{MAIN_NS}" ref="{WHOLE_SHEET}"/>',
    "ref_after_other_attribute": f'<mergeCell catatan="a" ref="{WHOLE_SHEET}"/>',
    "ref_after_gt_in_value": f'<mergeCell catatan="a>b" ref="{WHOLE_SHEET}"/>',
    "ref_before_other_attribute": f"<mergeCell ref='{WHOLE_SHEET}' catatan=\"a\"/>",
    "line_break_and_end_tag": f'<mergeCell\n\tref="{WHOLE_SHEET}"></mergeCell>',
    "whole_columns": '<mergeCell ref="A:XFD"/>',
}


@pytest.mark.parametrize("tag", SPELLINGS.values(), ids=SPELLINGS.keys())
def test_merged_range_in_any_spelling_is_refused_quickly(tag):
    """A merged range over a whole sheet is counted whatever its spelling, and refused in
    well under a second (openpyxl would build 17 billion cells)."""
    started = time.perf_counter()
    with pytest.raises(LimitProblem, match="sel gabungan"):
        check_xlsx(with_merge(tag))
    assert time.perf_counter() - started < 2


def test_hyperlink_over_a_range_is_counted(monkeypatch):
    """openpyxl copies a hyperlink into every cell of its range: counted like a merged range
    (cap lowered so that the old code's copies stay small)."""
    monkeypatch.setattr(limits, "MAX_CELLS", 1_000)
    link = b"<hyperlinks><hyperlink ref='A1:Z100' display='x'/></hyperlinks><pageMargins"
    data = edited(workbook(), lambda xml: xml.replace(b"<pageMargins", link, 1))
    with pytest.raises(FileProblem, match="rentang tautan"):
        read_table(data, "tautan.xlsx")


@pytest.mark.parametrize(
    "tag",
    ['<mergeCell ref="&#65;1:XFD1048576"/>', '<mergeCell ref="A1:B2 C3:D4"/>', "<mergeCell/>"],
    ids=["character_reference", "two_ranges", "no_ref"],
)
def test_merged_range_that_cannot_be_read_is_refused(tag):
    """A ``ref`` the check cannot read is refused, never guessed small."""
    with pytest.raises(LimitProblem, match="mergeCell yang rangkaiannya tidak dapat dibaca"):
        check_xlsx(with_merge(tag))


@pytest.mark.parametrize("tag", ["<mergeCell ref='A1:Z100'/>", '<mergeCell ref="$a$1:$z$100"/>'])
def test_read_table_refuses_a_merge_it_would_unfold(tag, monkeypatch):
    """Through ``read_table`` (every upload's reader), with the cap lowered so that the old
    code's unfolding stays small: the refusal names merged cells and the fix."""
    monkeypatch.setattr(limits, "MAX_CELLS", 1_000)
    with pytest.raises(FileProblem, match=r"sel gabungan.*CSV"):
        read_table(with_merge(tag), "gabungan.xlsx")


@pytest.mark.parametrize("kind", [INDIKATOR, PENGUKURAN, AKSI, KEGIATAN])
def test_reported_payload_is_refused_by_every_upload(kind, tmp_path, ref):
    """The issue's workbook (a whole-sheet merge in single quotes) through the dry run of each
    upload that reads spreadsheets: indicators, measurements, aksi progress, activity register."""
    store = initialise(f"sqlite:///{tmp_path / 'db.sqlite'}", with_demo=False)[0]
    started = time.perf_counter()
    outcome = check(kind, with_merge(SPELLINGS["single_quotes"]), "bom.xlsx", store, ref)
    assert time.perf_counter() - started < 10
    assert outcome.commit is None
    assert outcome.problems["pesan"].str.contains("sel gabungan").any(), outcome.problems
    store.dispose()


def test_dimension_beyond_the_cap_is_refused():
    """A sheet declaring a dimension of more than ``MAX_CELLS`` cells is refused."""
    data = edited(
        workbook(), lambda xml: xml.replace(b'ref="A1:B2"', f"ref='{WHOLE_SHEET}'".encode())
    )
    with pytest.raises(LimitProblem, match="mencakup 17.179.869.184 sel"):
        check_xlsx(data)


def test_many_sheets_each_under_the_cap_are_refused_together(monkeypatch):
    """Four sheets of 300 row records each pass one by one, but not together (openpyxl builds
    every sheet, with an object per row record that carries a height)."""
    monkeypatch.setattr(limits, "MAX_CELLS", 1_000)
    rows = b"".join(b'<row r="%d" ht="20" customHeight="1"/>' % r for r in range(3, 303))
    data = edited(workbook(4), lambda xml: xml.replace(b"</sheetData>", rows + b"</sheetData>"))
    with pytest.raises(FileProblem, match="di semua lembar kerja"):
        read_table(data, "banyak_lembar.xlsx")


def test_too_many_sheets_are_refused():
    """A workbook of more than ``MAX_SHEETS`` sheets is refused before openpyxl builds them."""
    with pytest.raises(FileProblem, match="lembar kerja; batasnya 200"):
        read_table(workbook(201), "lembar.xlsx")  # MAX_SHEETS + 1


def test_xls_overlapping_merges_are_refused(monkeypatch):
    """Ten merged ranges over the same 20 × 20 sheet would be filled cell by cell ten times."""
    import xlwt  # noqa: PLC0415 - test-only dependency

    monkeypatch.setattr(limits, "MAX_CELLS", 1_000)
    book = xlwt.Workbook()
    sheet = book.add_sheet("Rekap")
    sheet.write(0, 0, "judul")
    sheet.write(19, 19, 1)
    sheet._Worksheet__merged_ranges.extend([(0, 19, 0, 19)] * 10)  # noqa: SLF001 - no API
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(FileProblem, match="sel gabungan seluas 4.000 sel"):
        read_table(buffer.getvalue(), "gabungan.xls")


def test_xls_sheet_is_sized_before_xlrd_unfolds_it():
    """20,000 rows with one number in column IV: a 0.7 MB file xlrd would spread over 5 million
    slots; refused from its cell records, in little memory."""
    data = xls([[None] * 255 + [1] for _ in range(20_000)])
    tracemalloc.start()
    try:
        with pytest.raises(FileProblem, match="kolom, lebih dari 1.000.000 sel"):
            read_table(data, "lebar.xls")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 16 * MB, f"{peak / MB:.0f} MB"


def test_xls_with_too_many_sheets_is_refused():
    import xlwt  # noqa: PLC0415 - test-only dependency

    book = xlwt.Workbook()
    for i in range(201):  # MAX_SHEETS + 1
        book.add_sheet(f"L{i}").write(0, 0, i)
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(FileProblem, match="lembar kerja; batasnya 200"):
        read_table(buffer.getvalue(), "lembar.xls")


@pytest.mark.parametrize(
    "page", ["pages/pengukuran.py", "pages/data.py", "pages/aksi.py", "pages/program.py"]
)
def test_anonymous_visitor_gets_no_file_uploader(app, page):
    """Visitors who are not signed in cannot start any file check: no uploader on any page."""
    open_page(app, page)
    assert not app.exception
    assert not app.get("file_uploader")


def test_measurement_upload_is_for_signed_in_editors(app):
    """On Pengukuran a visitor gets the template and the sign-in note; an editor the uploader."""
    open_page(app, "pages/pengukuran.py")
    assert any("dapat memeriksa dan menyimpan rekaman pengukuran" in i.value for i in app.info)
    assert app.get("download_button")  # the template stays public
    signed_in(app)
    app.run()
    assert not app.exception
    assert app.file_uploader(key="ukur.file")


def measurement_file() -> bytes:
    from ingest import templates  # noqa: PLC0415
    from services.reference import load_reference  # noqa: PLC0415
    from settings import REFERENCE_DIR  # noqa: PLC0415
    from text import files

    kelurahan = load_reference(REFERENCE_DIR).kelurahan
    return files.to_csv_bytes(templates.measurement_template(kelurahan))


def test_second_check_in_the_same_session_is_refused(app, monkeypatch):
    """While a check of this session runs (its lock held) past the wait, a new upload is
    refused with a message naming the file; once the lock is free the same file is checked."""
    from ui import checking

    monkeypatch.setattr(checking, "WAIT_SECONDS", 0.5)
    signed_in(app)
    open_page(app, "pages/pengukuran.py")
    lock = threading.Lock()
    app.session_state[LOCK_KEY] = lock
    lock.acquire()
    app.file_uploader(key="ukur.file").set_value(("ukur.csv", measurement_file(), "text/csv"))
    app.run()
    assert not app.exception
    warnings = [w.value.replace("\\", "") for w in app.warning]  # markdown escapes dropped
    assert any("ukur.csv belum diperiksa: pemeriksaan berkas lain" in w for w in warnings)
    assert not any(h.value == "Hasil pemeriksaan (belum disimpan)" for h in app.subheader)
    lock.release()
    app.run()
    assert not app.exception
    assert any(h.value == "Hasil pemeriksaan (belum disimpan)" for h in app.subheader)
    assert not lock.locked()


def zip_of(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def jpeg() -> bytes:
    from PIL import Image  # noqa: PLC0415

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, "JPEG")
    return buffer.getvalue()


HUGE_PNG = png()[:16] + (100_000).to_bytes(4, "big") * 2 + png()[24:]  # IHDR of 10^10 pixels
CONTENT_TYPES = b"<?xml version='1.0'?><Types/>"
ONLY_MAGIC = {
    "notulen.pdf": b"%PDF-1.7\n" + b"x" * 200,
    "pdf_tanpa_xref.pdf": b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
    "pdf_terpotong.pdf": pdf()[:-40],
    "foto.png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 200,
    "png_terpotong.png": png(20, 20)[:-30],
    "png_raksasa.png": HUGE_PNG,
    "foto.jpg": b"\xff\xd8\xff\xe0" + b"\x00" * 200,
    "jpg_terpotong.jpeg": jpeg()[: len(jpeg()) // 2],
    "laporan.docx": b"PK\x03\x04" + b"\x00" * 200,
    "tanpa_dokumen.docx": zip_of({"[Content_Types].xml": CONTENT_TYPES}),
    "makro.docx": zip_of(
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "word/document.xml": b"<w:document/>",
            "word/vbaProject.bin": b"\x00",
        }
    ),
    "bom_gabungan.xlsx": with_merge(SPELLINGS["single_quotes"]),
    "rekap.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
    "notulen.doc": xls([[1]]),  # a compound document, but a workbook
    "paparan.ppt": b"\xd0\xcf\x11\xe0" + b"\x00" * 600,
}


@pytest.mark.parametrize("name", ONLY_MAGIC, ids=ONLY_MAGIC.keys())
def test_evidence_with_only_valid_first_bytes_is_refused(name):
    """Each of these starts with its kind's magic bytes, yet is not a whole file of it."""
    with pytest.raises(EvidenceProblem, match=name.replace(".", r"\.")) as found:
        check_evidence(name, ONLY_MAGIC[name], 10 * MB)
    assert "unggah" in str(found.value).lower() or "simpan ulang" in str(found.value).lower()


@pytest.mark.parametrize(
    ("name", "build"),
    [
        ("notulen.pdf", pdf),
        ("foto.png", png),
        ("foto.jpg", jpeg),
        ("rekap.xlsx", workbook),
        ("rekap.xls", lambda: xls([["a", 1]])),
    ],
)
def test_whole_evidence_files_are_kept(name, build):
    assert check_evidence(name, build(), 10 * MB).nama_berkas == name
