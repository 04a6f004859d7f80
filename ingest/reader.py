"""Reading an uploaded file's bytes into a grid of cells, whatever spreadsheet program made it.

CSV: UTF-8 with or without BOM, UTF-16 ("Unicode text" from Excel) or Windows-1252; delimiter
``,`` ``;`` tab or ``|`` detected. XLSX (openpyxl) and XLS (xlrd): merged cells filled with their
value, percent-formatted numbers read as percent. Row numbers are kept as Excel shows them.

Before a parser sees the bytes, ``ingest.limits`` refuses what would exhaust memory or time:
NUL bytes, overlong lines, too many sheets, columns, cells or merged cells, zip bombs and XML
entity declarations. Of an .xls only the sheet read is loaded. Every upload that reads a
spreadsheet (indicators, measurements, aksi progress, the activity register) comes through
``read_table``.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

import pandas as pd

from ingest.limits import (
    CHUNK,
    MAX_CELLS,
    XLSX_BROKEN,
    LimitProblem,
    check_cells,
    check_columns,
    check_form_rows,
    check_merged,
    check_sheet_count,
    check_text,
    check_xls_sheet,
    check_xlsx,
    shown,
    size_problem,
    thousands,
)

DELIMITERS = [";", ",", "\t", "|"]
DELIMITER_NAMES = {";": "titik koma (;)", ",": "koma (,)", "\t": "tab", "|": "garis tegak (|)"}
SAMPLE_LINES = 60
SAMPLE_CHARS = (
    1 << 20
)  # the delimiter is sniffed on the first lines of at most this many characters
BLANK = re.compile(rb"\s*\Z")
MAX_CATEGORIES = 10_000
XLS_BROKEN = "Berkas .xls tidak dapat dibuka ({error}). Simpan ulang dari Excel sebagai .xlsx."


class FileProblem(Exception):
    """The file as a whole cannot be read as a table; the message says why and what to do."""


@dataclass
class RawTable:
    """Cells of one sheet: ``cells.iloc[i, j]`` is Excel row ``i + 1``, column ``j + 1``."""

    cells: pd.DataFrame
    jenis: str  # csv | xlsx | xls
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when the start reads as UTF-16 without a byte order mark: ASCII
    text with a NUL byte beside every character."""
    head = data[:4096]
    even, odd = head[0::2], head[1::2]
    if len(head) < 8:
        return None
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _decode_utf16(data: bytes, encoding: str, note: str) -> tuple[str, str, list[str], str]:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        raise FileProblem(
            f"Berkas tampaknya berpengodean UTF-16 tetapi rusak di byte ke-{err.start + 1}. "
            "Simpan ulang dari Excel sebagai CSV (UTF-8)."
        ) from err
    check_text(text)
    return "utf-16", text[:SAMPLE_CHARS], [note], text


def _decodes(data: bytes, encoding: str) -> bool:
    """Whether all of ``data`` decodes, checked a megabyte at a time (no copy of the text)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    view = memoryview(data)
    try:
        for start in range(0, len(data), CHUNK):
            decoder.decode(view[start : start + CHUNK], final=False)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _decode_sample(data: bytes) -> tuple[str, str, list[str], str | None]:
    """(encoding for pandas, the first ``SAMPLE_CHARS`` characters, notes, and the whole text
    when pandas must be given text rather than bytes)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode_utf16(data, "utf-16", "Pengodean UTF-16 (teks Unicode dari Excel).")
    if encoding := _utf16_without_bom(data):
        return _decode_utf16(
            data, encoding, "Pengodean UTF-16 tanpa penanda BOM; periksa huruf pada pratinjau."
        )
    if b"\x00" in data[:65536]:
        raise FileProblem(
            "Berkas ini bukan tabel teks (berisi data biner). Simpan ulang dari Excel sebagai "
            "CSV (UTF-8) atau unggah berkas .xlsx aslinya."
        )
    check_text(data)
    bom = data.startswith(b"\xef\xbb\xbf")
    for encoding, note in (
        ("utf-8-sig", "Pengodean UTF-8 dengan BOM." if bom else "Pengodean UTF-8."),
        ("cp1252", "Pengodean Windows-1252 (bukan UTF-8)."),
        (
            "latin-1",
            "Pengodean tidak dikenali; dibaca sebagai Latin-1. Periksa huruf beraksen pada pratinjau.",
        ),
    ):
        if _decodes(data, encoding):
            decoder = codecs.getincrementaldecoder(encoding)()
            return encoding, decoder.decode(data[: SAMPLE_CHARS * 4])[:SAMPLE_CHARS], [note], None
    raise AssertionError("latin-1 decodes any bytes")


def sniff_delimiter(lines: list[str]) -> tuple[str, int]:
    """The delimiter that splits the most lines into the same number (≥ 2) of fields, and the
    largest field count seen with it."""
    best: tuple[int, int, str, int] = (0, 0, ",", 1)
    for delim in DELIMITERS:
        counts = [len(r) for r in csv.reader(lines, delimiter=delim)]
        multi = [c for c in counts if c >= 2]
        if not multi:
            continue
        mode, agree = Counter(multi).most_common(1)[0]
        score = (agree, mode, delim, max(counts))
        if score[:2] > best[:2]:
            best = score
    return best[2], best[3]


def read_csv_bytes(data: bytes) -> RawTable:
    encoding, delim, width, notes, text = _csv_layout(data)
    if encoding == "utf-8-sig" and (cells := _read_regular_csv(data, delim, width)) is not None:
        return RawTable(cells, "csv", notes=notes)
    source = io.StringIO(text) if text is not None else io.BytesIO(data)
    return RawTable(_read_padded_csv(source, delim, width, encoding), "csv", notes=notes)


def _csv_layout(data: bytes) -> tuple[str, str, int, list[str], str | None]:
    """(encoding, delimiter, column count, notes, decoded text or None) of a delimited text."""
    encoding, sample, notes, text = _decode_sample(data)
    head = sample.splitlines()
    if len(sample) == SAMPLE_CHARS and len(head) > 1:
        head.pop()  # the cut may fall inside the last line
    lines = [line for line in head[: SAMPLE_LINES * 4] if line.strip()][:SAMPLE_LINES]
    if not lines:
        raise FileProblem("Berkas kosong: tidak ada baris data.")
    try:
        delim, width = sniff_delimiter(lines)
    except csv.Error as err:
        raise FileProblem(f"Berkas tidak dapat dibaca sebagai tabel ({err}).") from err
    check_columns(width)
    if width < 2:
        raise FileProblem(
            "Berkas ini bukan tabel: setiap baris hanya berisi satu kolom. Pisahkan kolom dengan "
            "koma, titik koma atau tab, atau unggah berkas Excel."
        )
    notes.append(f"Pemisah kolom: {DELIMITER_NAMES[delim]}.")
    return encoding, delim, width, notes, text


def _read_padded_csv(source, delim: str, width: int, encoding: str) -> pd.DataFrame:
    """Any delimited text, short lines (titles, blank lines) padded with empty cells."""
    with _parser_errors():
        return _padded_reader(source, delim, width, encoding).fillna("")


def _padded_reader(source, delim: str, width: int, encoding: str, chunksize: int | None = None):
    return pd.read_csv(
        source,
        sep=delim,
        header=None,
        names=list(range(width)),
        dtype=str,
        keep_default_na=False,
        na_filter=False,
        skip_blank_lines=False,
        encoding=None if isinstance(source, io.StringIO) else encoding,
        engine="c",
        quotechar='"',
        chunksize=chunksize,
    )


@contextmanager
def _parser_errors():
    """A parser error as a ``FileProblem`` saying what to fix."""
    try:
        yield
    except (pd.errors.ParserError, csv.Error) as err:
        detail = str(err).strip().splitlines()[-1][:200]
        raise FileProblem(
            f"Baris berkas tidak konsisten ({detail}). Setiap baris harus punya jumlah kolom yang "
            "sama dengan baris judul; periksa pemisah di dalam teks (beri tanda kutip)."
        ) from err


def read_chunks(data: bytes, filename: str, rows: int) -> tuple[list[str], Iterator[pd.DataFrame]]:
    """The notes and the cells of a file ``rows`` rows at a time, indexed by row (0 = Excel row
    1) as ``read_table`` gives them. A delimited text is parsed one chunk at a time, so a reader
    that stops early never holds the rest; a workbook is read whole, then cut. A ``FileProblem``
    may come with any chunk."""
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")) or BLANK.match(data):
        table = read_table(data, filename)
        cells = table.cells
        return table.notes, (cells.iloc[i : i + rows] for i in range(0, max(len(cells), 1), rows))
    try:
        encoding, delim, width, notes, text = _csv_layout(data)
    except LimitProblem as err:
        raise FileProblem(str(err)) from err
    notes[:0] = _named_as_workbook(filename)
    source = io.StringIO(text) if text is not None else io.BytesIO(data)

    def chunks() -> Iterator[pd.DataFrame]:
        with _parser_errors():
            yield from (c.fillna("") for c in _padded_reader(source, delim, width, encoding, rows))

    return notes, chunks()


def _read_regular_csv(data: bytes, delim: str, width: int) -> pd.DataFrame | None:
    """A UTF-8 file whose every line has ``width`` fields, read by Arrow's multithreaded reader
    into categorical text columns (an export of a million rows repeats few distinct values);
    None when a line differs (title or blank lines): the general reader then pads them.

    A column of mostly distinct values (as in a file of garbage) becomes Arrow-backed text
    instead: as categories it would cost a Python object per value, gigabytes for 50 MB."""
    import pyarrow as pa  # noqa: PLC0415 - keeps the import of this module light
    import pyarrow.csv as pa_csv  # noqa: PLC0415

    names = [str(i) for i in range(width)]
    try:
        table = pa_csv.read_csv(
            io.BytesIO(data),
            read_options=pa_csv.ReadOptions(column_names=names),
            parse_options=pa_csv.ParseOptions(
                delimiter=delim, newlines_in_values=True, ignore_empty_lines=False
            ),
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.dictionary(pa.int32(), pa.string())),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    text = pd.StringDtype("pyarrow", na_value=float("nan"))
    columns = {}
    for i, name in enumerate(names):
        column = table.column(name).combine_chunks()
        distinct = len(column.dictionary) > max(MAX_CATEGORIES, len(column) // 2)
        columns[i] = (
            column.dictionary_decode().to_pandas(types_mapper={pa.string(): text}.get)
            if distinct
            else column.to_pandas()
        )
        table = table.drop_columns([name])  # each column freed once converted
    return pd.DataFrame(columns)


def _cell_value(value, number_format: str | None):
    if (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and number_format
        and "%" in number_format
    ):
        return f"{round(value * 100, 10)!r}%"
    if isinstance(value, datetime) and value.hour == value.minute == value.second == 0:
        return value.date()
    return value


def _open_xlsx(data: bytes):
    """The workbook and its visible worksheets' names (within ``check_xlsx``'s limits, which
    count the cells of all sheets together)."""
    import openpyxl  # noqa: PLC0415 - only for Excel uploads

    check_xlsx(data)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as err:  # noqa: BLE001 - openpyxl raises many types for damaged files
        raise FileProblem(XLSX_BROKEN.format(error=type(err).__name__)) from err
    names = [ws.title for ws in book.worksheets if ws.sheet_state == "visible"] or book.sheetnames
    if not names:
        raise FileProblem("Berkas Excel tidak berisi lembar kerja. Simpan ulang dari Excel.")
    return book, names


def _xlsx_sheet(ws, names: list[str]) -> RawTable:
    if not hasattr(ws, "iter_rows"):  # a chart sheet has no cells
        raise FileProblem(f"Lembar '{ws.title}' bukan lembar data. Pilih lembar berisi tabel.")
    check_cells(ws.max_row, ws.max_column)
    rows = [[_cell_value(c.value, c.number_format) for c in row] for row in ws.iter_rows()]
    notes = []
    if ws.merged_cells.ranges:
        for rng in ws.merged_cells.ranges:
            if rng.min_row > len(rows) or rng.min_col > len(rows[rng.min_row - 1]):
                continue
            value = rows[rng.min_row - 1][rng.min_col - 1]
            for r in range(rng.min_row - 1, min(rng.max_row, len(rows))):
                for c in range(rng.min_col - 1, min(rng.max_col, len(rows[r]))):
                    rows[r][c] = value
        notes.append(f"{len(ws.merged_cells.ranges)} sel gabungan diisi dengan nilainya.")
    return RawTable(_grid(rows), "xlsx", ws.title, names, notes)


def read_xlsx_bytes(data: bytes, sheet: str | None) -> RawTable:
    book, names = _open_xlsx(data)
    return _xlsx_sheet(book[sheet] if sheet else book[names[0]], names)


def _open_xls(data: bytes):
    import xlrd  # noqa: PLC0415 - only for legacy Excel uploads

    try:
        # Only the sheets read are loaded (on demand), their rows as long as their cells.
        book = xlrd.open_workbook(
            file_contents=data, formatting_info=True, on_demand=True, ragged_rows=True
        )
    except Exception as err:  # noqa: BLE001 - xlrd raises many types for damaged files
        raise FileProblem(XLS_BROKEN.format(error=type(err).__name__)) from err
    names = book.sheet_names()
    if not names:
        raise FileProblem("Berkas .xls tidak berisi lembar kerja. Simpan ulang dari Excel.")
    check_sheet_count(len(names))
    return book, names


def _load_xls_sheet(book, index: int):
    """One sheet of an .xls, its records checked before xlrd reads them."""
    if book.on_demand:  # xlrd reads the oldest formats whole, without sheet positions
        check_xls_sheet(book.mem, book._sh_abs_posn[index])  # noqa: SLF001 - xlrd is frozen
    try:
        ws = book.sheet_by_index(index)
    except Exception as err:  # noqa: BLE001 - as above
        raise FileProblem(XLS_BROKEN.format(error=type(err).__name__)) from err
    check_cells(ws.nrows, ws.ncols)
    return ws


def _xls_sheet(book, ws, names: list[str]) -> RawTable:
    import xlrd  # noqa: PLC0415 - only for legacy Excel uploads

    merged = sum(
        (min(r1, ws.nrows) - r0) * (min(c1, ws.ncols) - c0)
        for r0, r1, c0, c1 in ws.merged_cells
        if r0 < ws.nrows and c0 < ws.ncols
    )
    check_merged(merged)
    rows = []
    for r in range(ws.nrows):
        row = []
        for c in range(ws.ncols):
            if c >= ws.row_len(r):
                row.append(None)
                continue
            cell = ws.cell(r, c)
            value = cell.value
            if cell.ctype == xlrd.XL_CELL_DATE:
                value = xlrd.xldate_as_datetime(value, book.datemode).date()
            elif cell.ctype == xlrd.XL_CELL_EMPTY:
                value = None
            row.append(value)
        rows.append(row)
    for r0, r1, c0, c1 in ws.merged_cells:
        if r0 >= len(rows) or c0 >= len(rows[r0]):
            continue
        for r in range(r0, min(r1, len(rows))):
            for c in range(c0, min(c1, len(rows[r]))):
                rows[r][c] = rows[r0][c0]
    notes = (
        [f"{len(ws.merged_cells)} sel gabungan diisi dengan nilainya."] if ws.merged_cells else []
    )
    return RawTable(_grid(rows), "xls", ws.name, names, notes)


def read_xls_bytes(data: bytes, sheet: str | None) -> RawTable:
    book, names = _open_xls(data)
    if sheet is not None and sheet not in names:
        raise KeyError(sheet)
    index = names.index(sheet) if sheet else 0
    return _xls_sheet(book, _load_xls_sheet(book, index), names)


@dataclass
class Workbook:
    """Every sheet of a file read as a table (a text file is one), and the sheets skipped."""

    tables: list[RawTable]
    jenis: str
    sheets: list[str]  # the visible sheets, in order
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (sheet, why)
    notes: list[str] = field(default_factory=list)


def _each_sheet(names: list[str], read) -> Workbook:
    """``read(name)`` of every sheet; an empty sheet or one without cells is skipped."""
    tables, skipped = [], []
    for name in names:
        try:
            table = read(name)
        except FileProblem as err:
            skipped.append((name, str(err)))
            continue
        if table is not None:
            tables.append(table)
    if not tables:
        raise FileProblem(
            "Tidak ada lembar berisi sel: " + "; ".join(f"'{n}': {w}" for n, w in skipped)
        )
    return Workbook(tables, tables[0].jenis, names, skipped)


def _xls_visible(book, names: list[str]):
    """``read(name)`` of the visible sheets of an .xls, at most ``MAX_CELLS`` cells in all."""
    budget = [MAX_CELLS]

    def read(name: str) -> RawTable | None:
        ws = _load_xls_sheet(book, names.index(name))
        if ws.visibility:
            return None
        budget[0] -= ws.nrows * ws.ncols
        if budget[0] < 0:
            raise LimitProblem(
                f"Berkas .xls berisi lebih dari {thousands(MAX_CELLS)} sel di semua lembar "
                "kerja. Simpan lembar datanya sebagai CSV (UTF-8) dan unggah CSV-nya."
            )
        return _xls_sheet(book, ws, names)

    return read


def read_sheets(data: bytes, filename: str, sheet: str | None = None) -> Workbook:
    """Every visible sheet of a workbook (or only ``sheet``), each as a ``RawTable``; a text
    file as its one table. Sheets without cells (empty, charts) are in ``skipped``."""
    if not data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")) or sheet is not None:
        table = read_table(data, filename, sheet)
        return Workbook([table], table.jenis, table.sheets, notes=table.notes)
    try:
        if data.startswith(b"\xd0\xcf\x11\xe0"):
            book, names = _open_xls(data)
            return _each_sheet(names, _xls_visible(book, names))
        try:
            book, names = _open_xlsx(data)
        except FileProblem:
            read_table(data, filename)  # raises the problem as told for this file's name
            raise
        charts = [(c.title, "lembar grafik, tanpa tabel") for c in book.chartsheets
                  if c.sheet_state == "visible"]  # fmt: skip
        found = _each_sheet(names, lambda name: _xlsx_sheet(book[name], names))
        found.skipped += charts
        return found
    except LimitProblem as err:
        raise FileProblem(str(err)) from err


def _grid(rows: list[list]) -> pd.DataFrame:
    if not rows or not any(v not in (None, "") for row in rows for v in row):
        raise FileProblem("Lembar kerja kosong: tidak ada sel berisi.")
    width = max(len(r) for r in rows)
    frame = pd.DataFrame([r + [None] * (width - len(r)) for r in rows], dtype=object)
    return frame.where(frame.notna(), "")


def head_bytes(data: bytes, lines: int) -> bytes | None:
    """The first ``lines`` lines of a text file, to look at before parsing all of it; None when
    the file is not longer, or is Excel or UTF-16 (which a line break in bytes cannot cut)."""
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"\xff\xfe", b"\xfe\xff")):
        return None
    if _utf16_without_bom(data):
        return None
    pos = 0
    for _ in range(lines):
        pos = data.find(b"\n", pos) + 1
        if pos == 0:
            return None
    return data[:pos] if pos < len(data) else None


def read_table(data: bytes, filename: str, sheet: str | None = None) -> RawTable:
    """Read a file's bytes by its content (not only its name); raise ``FileProblem`` when it is
    empty or not a table."""
    if BLANK.match(data):
        raise FileProblem("Berkas kosong (0 baris). Pilih berkas yang berisi data.")
    try:
        if data.startswith(b"PK\x03\x04"):
            try:
                return read_xlsx_bytes(data, sheet)
            except FileProblem as err:
                if filename.lower().endswith((".xlsx", ".xlsm")):
                    raise
                raise FileProblem(
                    "Isi berkas ini arsip zip, bukan tabel CSV dan bukan berkas Excel yang utuh. "
                    "Unggah tabel CSV, atau berkas Excel .xlsx aslinya."
                ) from err
        if data.startswith(b"\xd0\xcf\x11\xe0"):
            return read_xls_bytes(data, sheet)
        table = read_csv_bytes(data)
    except LimitProblem as err:
        raise FileProblem(str(err)) from err
    table.notes[:0] = _named_as_workbook(filename)
    return table


def _named_as_workbook(filename: str) -> list[str]:
    """The note for a text file named as an Excel workbook (none for another name)."""
    if filename.lower().endswith((".xlsx", ".xlsm")):
        return [f"Berkas bernama {filename} tetapi isinya teks; dibaca sebagai CSV."]
    return []


def read_form(data: bytes, filename: str, max_bytes: int) -> pd.DataFrame:
    """The cells of a form-like upload (an aksi export, the activity register): refused unread
    above ``max_bytes``, and above ``MAX_FORM_ROWS`` rows; a ``FileProblem`` says why."""
    too_big = size_problem(filename, len(data), max_bytes, "DASBOR_MAX_UPLOAD_MB")
    if too_big:
        raise FileProblem(too_big)
    try:
        cells = read_table(data, filename).cells
        check_form_rows(len(cells))
    except (FileProblem, LimitProblem) as err:
        raise FileProblem(f"{shown(filename)}: {err}") from err
    return cells
