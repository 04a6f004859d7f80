"""The two CSV readers agree: Arrow's fast reader for regular UTF-8 files, pandas for the rest."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from ingest.numbers import parse_numbers
from ingest.reader import _read_padded_csv, _read_regular_csv, read_csv_bytes, read_sheets

REGULAR = {
    "bom_crlf": "\ufeffkode;nama;nilai\r\n31.72.02.1007;Warakas;85,0\r\n31.72.02.1006;Papanggo;70\r\n",
    "quoted": 'kode,nama,catatan\n1,"Sunter, Agung","kata ""baru""\nbaris dua"\n2, Warakas ,\n',
    "tab_no_final_newline": "a\tb\tc\n1\t\t3\n4\t5\t ",
}


@pytest.mark.parametrize("name", REGULAR)
def test_fast_reader_gives_the_cells_of_the_general_reader(name):
    data = REGULAR[name].encode("utf-8")
    delim = {"bom_crlf": ";", "quoted": ",", "tab_no_final_newline": "\t"}[name]
    fast = _read_regular_csv(data, delim, 3)
    general = _read_padded_csv(io.BytesIO(data), delim, 3, "utf-8-sig")
    assert fast is not None
    assert fast.astype(str).values.tolist() == general.astype(str).values.tolist()
    assert all(str(t) == "category" for t in fast.dtypes)


def test_irregular_lines_go_to_the_general_reader():
    """A title line and a blank line: Arrow refuses, pandas pads them with empty cells."""
    data = b"Rekap Triwulan II 2024\n\nkode;nilai\n31.72.02.1007;85\n"
    assert _read_regular_csv(data, ";", 2) is None
    cells = read_csv_bytes(data).cells
    assert cells.values.tolist() == [
        ["Rekap Triwulan II 2024", ""],
        ["", ""],
        ["kode", "nilai"],
        ["31.72.02.1007", "85"],
    ]


def test_invalid_utf8_goes_to_the_general_reader():
    """Windows-1252 bytes: Arrow refuses them, the general reader decodes them."""
    data = "kode;nama\n1;Pademangan Barat – Timur\n".encode("cp1252")
    table = read_csv_bytes(data)
    assert table.cells.iloc[1, 1] == "Pademangan Barat – Timur"
    assert "Pengodean Windows-1252 (bukan UTF-8)." in table.notes


def _workbook(build) -> bytes:
    import openpyxl  # noqa: PLC0415 - only these tests build workbooks

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    build(wb)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_read_sheets_gives_every_visible_sheet_and_skips_empty_and_chart_sheets():
    """Cover and table sheets are read in order; hidden, empty and chart sheets are not."""
    from openpyxl.chart import BarChart  # noqa: PLC0415

    def build(wb):
        wb.create_sheet("Sampul").append(["Laporan"])
        wb.create_sheet("Kosong")
        hidden = wb.create_sheet("Rahasia")
        hidden.append(["x", "y"])
        hidden.sheet_state = "hidden"
        data = wb.create_sheet("TW I")
        data.append(["Kelurahan", "SPE09"])
        data.append(["Warakas", 80])
        wb.create_chartsheet("Grafik").add_chart(BarChart())

    book = read_sheets(_workbook(build), "rekap.xlsx")
    assert [t.sheet for t in book.tables] == ["Sampul", "TW I"]
    assert book.tables[1].cells.values.tolist() == [["Kelurahan", "SPE09"], ["Warakas", 80]]
    assert book.sheets == ["Sampul", "Kosong", "TW I"]
    assert book.skipped == [
        ("Kosong", "Lembar kerja kosong: tidak ada sel berisi."),
        ("Grafik", "lembar grafik, tanpa tabel"),
    ]


def test_read_sheets_of_an_xls_reads_each_sheet():
    """Every sheet of a legacy .xls is loaded, as ``read_xls_bytes`` loads one."""
    import xlwt  # noqa: PLC0415 - test-only dependency

    wb = xlwt.Workbook()
    for name, value in (("TW I", 80), ("TW II", 85)):
        ws = wb.add_sheet(name)
        ws.write(0, 0, "Kelurahan")
        ws.write(0, 1, "SPE09")
        ws.write(1, 0, "Warakas")
        ws.write(1, 1, value)
    buffer = io.BytesIO()
    wb.save(buffer)
    book = read_sheets(buffer.getvalue(), "rekap.xls")
    assert [(t.sheet, t.cells.iloc[1, 1]) for t in book.tables] == [("TW I", 80.0), ("TW II", 85.0)]
    assert book.jenis == "xls"


def test_read_sheets_of_a_text_file_or_one_chosen_sheet_is_one_table():
    """A CSV is one table; a chosen sheet (``--sheet``) is the only one read."""
    csv_book = read_sheets(b"Kelurahan;SPE09\nWarakas;80\n", "a.csv")
    assert [t.sheet for t in csv_book.tables] == [None]

    def build(wb):
        for name in ("A", "B"):
            wb.create_sheet(name).append(["Kelurahan", name])

    chosen = read_sheets(_workbook(build), "b.xlsx", "B")
    assert [(t.sheet, t.cells.iloc[0, 1]) for t in chosen.tables] == [("B", "B")]


@pytest.mark.parametrize(
    ("cell", "value", "percent", "empty"),
    [
        ("85,5%", 85.5, True, False),
        ("85,5 %", 85.5, True, False),
        ("1.234", 1234.0, False, False),
        ("12.345.678", 12345678.0, False, False),
        ("1 234", 1234.0, False, False),
        ("1\u00a0234", 1234.0, False, False),
        ("1\u202f234", 1234.0, False, False),
        ("1.234,5", 1234.5, False, False),
        ("-", None, False, True),
        ("–", None, False, True),
        ("—", None, False, True),
        ("", None, False, True),
    ],
)
def test_office_numbers(cell, value, percent, empty):
    """Percent strings, thousand dots and (non-breaking) spaces, dashes as missing."""
    values, bad, pct, blank = parse_numbers(pd.Series([cell], dtype=object))
    got = values.iloc[0]
    assert (None if pd.isna(got) else got, bool(bad.iloc[0]), bool(pct.iloc[0])) == (
        value,
        False,
        percent,
    )
    assert bool(blank.iloc[0]) is empty
