"""The two CSV readers agree: Arrow's fast reader for regular UTF-8 files, pandas for the rest."""

from __future__ import annotations

import io

import pytest

from ingest.reader import _read_padded_csv, _read_regular_csv, read_csv_bytes

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
