"""Limits that keep a hostile upload from exhausting memory or time, checked on the raw bytes
before any parser sees them: NUL bytes and line length in text files, and the members of a zip
(an .xlsx workbook, a zipped Shapefile): count, names, unpacked size, XML entity declarations;
and the number of sheets, cells, merged cells and rows a workbook would unfold into (merged
ranges read in every spelling an XML parser accepts; one it cannot read is refused), for a
legacy .xls sheet from its cell records before xlrd loads it.

Every check raises ``LimitProblem`` with a message in Bahasa Indonesia that says what to do;
the caller adds the file name and turns it into its own kind of problem.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import PurePosixPath

import numpy as np

MAX_LINE_BYTES = 100_000  # one row of a real table is a few kilobytes
MAX_COLUMNS = 1_000  # the widest template has a few hundred indicator columns
# Rows of the aksi progress and activity register files, checked one by one in Python: a year of
# aksi progress or a register holds a few thousand.
MAX_FORM_ROWS = 50_000
MAX_FORM_BYTES = 50 * 1024 * 1024  # the default of DASBOR_MAX_UPLOAD_MB; the app passes the setting
# Cells of a workbook held in memory at once: openpyxl keeps about half a kilobyte per cell.
MAX_CELLS = 1_000_000
XLSX_MAX_UNZIPPED = 150 * 1024 * 1024
XLSX_MAX_MEMBERS = 2_000
CHUNK = 1 << 20
XLSX_BROKEN = (
    "Berkas Excel tidak dapat dibuka ({error}). Pastikan berkas .xlsx tidak rusak atau terkunci "
    "sandi; simpan ulang dari Excel."
)
_DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
# Element names as an XML parser reads them: any namespace prefix, tags matched case-blind (a
# spelling openpyxl would not read is refused too, never let through uncounted).
_PREFIX = rb"(?:[^\s<>/:=\"']+:)?"
_CELL = re.compile(rb"<" + _PREFIX + rb"c[\s>/]", re.IGNORECASE)
_ROW = re.compile(rb"<" + _PREFIX + rb"row[\s>/]", re.IGNORECASE)
# The start of a tag whose ``ref`` sets a range (merged cells, a hyperlink, which openpyxl
# copies into every cell of its range, a sheet's dimension), then the whole tag by the XML grammar: attributes quoted either way, spaces around ``=``, so a ``>``
# inside a value cannot end it early.
_RANGE_TAG = re.compile(
    rb"<" + _PREFIX + rb"(mergeCell|hyperlink|dimension)(?=[\s>/])", re.IGNORECASE
)
_TAG_REST = re.compile(rb"""((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*/?>""")
_ATTRIBUTE = re.compile(rb"""([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_REF = re.compile(
    r"\$?([A-Z]{1,3})?\$?(\d{1,7})?(?::\$?([A-Z]{1,3})?\$?(\d{1,7})?)?", re.IGNORECASE
)
EXCEL_ROWS, EXCEL_COLUMNS = 1_048_576, 16_384
# Worksheets in one workbook: openpyxl builds every sheet, not only the one read.
MAX_SHEETS = 200


class LimitProblem(Exception):
    """The file exceeds a limit or holds something the app never reads; the message says what
    to do."""


def shown(name: str, limit: int = 80) -> str:
    """A name from a file (file, member or column name) as it may appear in a message: control
    and direction-changing characters (U+202E …) as ``?``, cut to ``limit`` characters."""
    clean = "".join(ch if ch.isprintable() else "?" for ch in str(name))
    return clean if len(clean) <= limit else clean[: limit - 1] + "…"


def thousands(n: int) -> str:
    """``12.345`` (Indonesian thousands separator)."""
    return f"{n:,}".replace(",", ".")


def megabytes(n: int) -> str:
    """``12,3 MB``."""
    return f"{n / 1024 / 1024:.1f}".replace(".", ",") + " MB"


def check_text(data: bytes | str) -> None:
    """A text table (raw bytes of UTF-8 or a single-byte code page, or decoded UTF-16 text): no
    NUL, no line longer than ``MAX_LINE_BYTES``. Found a megabyte at a time, nothing copied whole."""
    zero, newline = ("\x00", "\n") if isinstance(data, str) else (b"\x00", b"\n")
    nul = data.find(zero)
    if nul >= 0:
        row = data.count(newline, 0, nul) + 1
        raise LimitProblem(
            f"Baris {thousands(row)} berisi karakter NUL (data biner), padahal berkas teks tidak "
            "pernah memuatnya. Simpan ulang dari Excel sebagai CSV (UTF-8), atau unggah berkas "
            ".xlsx aslinya."
        )
    found = None if isinstance(data, bytes) and _lines_short(data) else _long_line(data)
    if found is not None:
        row, length = found
        raise LimitProblem(
            f"Baris {thousands(row)} terlalu panjang ({thousands(length)} byte; batasnya "
            f"{thousands(MAX_LINE_BYTES)} byte per baris). Berkas ini tampaknya bukan tabel; "
            "periksa pemisah barisnya, atau simpan ulang dari Excel sebagai CSV (UTF-8)."
        )


def _lines_short(data: bytes) -> bool:
    """True when no line of ``data`` is longer than ``MAX_LINE_BYTES``: the line breaks (``\\n``
    and ``\\r``, those of ``bytes.splitlines``) found by numpy a piece at a time, so a million
    lines cost hundredths of a second; ``_long_line`` then names the row only when one is long."""
    last = -1  # position of the previous line break
    for start in range(0, len(data), CHUNK):
        piece = np.frombuffer(data, np.uint8, count=min(CHUNK, len(data) - start), offset=start)
        breaks = np.flatnonzero((piece == 10) | (piece == 13))
        if breaks.size == 0:
            if start + len(piece) - last - 1 > MAX_LINE_BYTES:
                return False
            continue
        breaks += start
        if breaks[0] - last - 1 > MAX_LINE_BYTES:
            return False
        if breaks.size > 1 and int(np.diff(breaks).max()) - 1 > MAX_LINE_BYTES:
            return False
        last = int(breaks[-1])
    return len(data) - last - 1 <= MAX_LINE_BYTES


def _long_line(data: bytes | str) -> tuple[int, int] | None:
    """(row, length) of the first line longer than ``MAX_LINE_BYTES`` (bytes, or characters of
    decoded text), read in pieces that end at a line break, so memory stays at one piece."""
    newline, cr = ("\n", "\r") if isinstance(data, str) else (b"\n", b"\r")
    row, pos = 1, 0
    while pos < len(data):
        window = data[pos : pos + CHUNK]
        cut = window.rfind(newline) + 1 or window.rfind(cr) + 1
        if pos + len(window) >= len(data):
            cut = len(window)
        elif cut == 0:  # no line break in a whole piece: measure the line to its end
            ends = [i for i in (data.find(newline, pos), data.find(cr, pos)) if i >= 0]
            return row, min(ends, default=len(data)) - pos
        lengths = [len(line) for line in window[:cut].splitlines()]
        for i, length in enumerate(lengths):
            if length > MAX_LINE_BYTES:
                return row + i, length
        row, pos = row + len(lengths), pos + cut
    return None


def size_problem(filename: str, size: int, max_bytes: int, setting: str) -> str | None:
    """The message for a file larger than ``max_bytes`` (``setting`` raises the limit)."""
    if size <= max_bytes:
        return None
    return (
        f"Berkas {shown(filename)} berukuran {megabytes(size)}, melebihi batas "
        f"{megabytes(max_bytes)}. Bagi berkas menjadi beberapa bagian, atau minta admin menaikkan "
        f"{setting}."
    )


def check_form_rows(rows: int) -> None:
    if rows > MAX_FORM_ROWS:
        raise LimitProblem(
            f"Berkas berisi {thousands(rows)} baris; batasnya {thousands(MAX_FORM_ROWS)} baris. "
            "Pakai berkas hasil unduhan dari dasbor dan ubah isinya saja."
        )


def check_columns(width: int) -> None:
    if width > MAX_COLUMNS:
        raise LimitProblem(
            f"Berkas berisi {thousands(width)} kolom; batasnya {thousands(MAX_COLUMNS)} kolom. "
            "Hapus kolom yang tidak dipakai, atau bagi berkas menjadi beberapa bagian."
        )


def check_cells(rows: int, columns: int) -> None:
    """A sheet of ``rows`` × ``columns`` fits in memory."""
    check_columns(columns)
    if rows * columns > MAX_CELLS:
        raise LimitProblem(
            f"Lembar kerja mencakup {thousands(rows)} baris × {thousands(columns)} kolom, lebih "
            f"dari {thousands(MAX_CELLS)} sel. Simpan lembar itu sebagai CSV (UTF-8) dan unggah "
            "CSV-nya, atau hapus baris dan kolom kosong di ujung lembar."
        )


def open_zip(data: bytes, max_members: int, max_unzipped: int, broken: str) -> zipfile.ZipFile:
    """The zip of ``data`` if its member count and declared unpacked size are within the limits
    (nothing is unpacked here; Python's zipfile never unpacks more than a member declares);
    ``broken`` is the message for a damaged zip."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as err:
        raise LimitProblem(broken.format(error=type(err).__name__)) from err
    if len(members) > max_members:
        raise LimitProblem(
            f"Zip berisi {thousands(len(members))} berkas; batasnya {thousands(max_members)}. "
            "Unggah hanya berkas yang diperlukan."
        )
    unpacked = sum(m.file_size for m in members)
    if unpacked > max_unzipped:
        raise LimitProblem(
            f"Isi zip terlalu besar: {megabytes(unpacked)} setelah dibuka, batasnya "
            f"{megabytes(max_unzipped)}. Unggah hanya berkas yang diperlukan."
        )
    return archive


def unsafe_member(name: str) -> bool:
    """A member name that points outside its folder (``..``, absolute, a drive) or holds
    control characters."""
    if not name or any(ord(ch) < 32 for ch in name):
        return True
    path = name.replace("\\", "/")
    return (
        path.startswith("/")
        or bool(re.match(r"[A-Za-z]:", path))
        or (".." in PurePosixPath(path).parts)
    )


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> Iterator[bytes]:
    """A member's bytes in chunks, never more than ``budget`` in total (``LimitProblem``)."""
    seen = 0
    try:
        with archive.open(info) as member:
            while chunk := member.read(CHUNK):
                seen += len(chunk)
                if seen > budget:
                    raise LimitProblem(
                        f"Isi zip lebih besar daripada yang tertulis di daftar isinya "
                        f"({info.filename}); berkas ini tidak dibuka."
                    )
                yield chunk
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError) as err:
        raise LimitProblem(
            f"Berkas {shown(info.filename)} di dalam zip rusak, terpotong atau dienkripsi. Buat "
            "ulang zip-nya dari berkas aslinya."
        ) from err


def check_xlsx(data: bytes) -> None:
    """An .xlsx workbook openpyxl can read safely: members within limits, XML parts in UTF-8 or
    UTF-16 without any DOCTYPE or ENTITY declaration (billion laughs, external entities), at most
    ``MAX_SHEETS`` worksheets, each declaring (``<dimension>``) at most ``MAX_CELLS`` cells, and at
    most ``MAX_CELLS`` cells, cells of merged or hyperlinked ranges and row records in all
    worksheets together (openpyxl builds every sheet, and an object for every cell of such a
    range). A range or dimension whose ``ref`` cannot be read is refused rather than guessed."""
    archive = open_zip(data, XLSX_MAX_MEMBERS, XLSX_MAX_UNZIPPED, XLSX_BROKEN)
    budget, cells, rows, sheets = XLSX_MAX_UNZIPPED, 0, 0, 0
    for info in archive.infolist():
        lower = info.filename.lower()
        if not lower.endswith((".xml", ".rels", ".vml")):
            continue
        sheet = "worksheets/" in lower and lower.endswith(".xml") and "/_rels/" not in lower
        if sheet:
            sheets += 1
            check_sheet_count(sheets)
        for part in _xml_parts(archive, info, budget):
            budget -= len(part)
            if _DECLARATION.search(part):
                raise LimitProblem(
                    f"Bagian {shown(info.filename)} di dalam berkas Excel memuat deklarasi "
                    "DOCTYPE/ENTITY, yang tidak pernah dibuat oleh Excel dan dapat dipakai untuk "
                    "menyerang server. Buka berkas di Excel lalu simpan ulang sebagai .xlsx, atau "
                    "unggah sebagai CSV."
                )
            if not sheet:
                continue
            cells += len(_CELL.findall(part)) + _range_cells(info.filename, part)
            rows += len(_ROW.findall(part))
            if cells > MAX_CELLS or rows > MAX_CELLS:
                raise LimitProblem(
                    f"Berkas Excel berisi lebih dari {thousands(MAX_CELLS)} sel (termasuk sel "
                    "gabungan dan rentang tautan, di semua lembar kerja). Simpan lembar datanya sebagai CSV (UTF-8) "
                    "dan unggah CSV-nya."
                )


def _range_cells(member: str, part: bytes) -> int:
    """The cells of the merged and hyperlinked ranges in a piece of worksheet XML;
    ``LimitProblem`` for a sheet whose dimension exceeds ``MAX_CELLS``, or for a range tag that
    cannot be read whole."""
    total = 0
    for found in _RANGE_TAG.finditer(part):
        area = _range_area(member, found[1].decode("ascii"), part, found.end())
        if found[1].lower() != b"dimension":
            total += area
        elif area > MAX_CELLS:
            raise LimitProblem(
                f"Lembar {shown(member)} di dalam berkas Excel mencakup {thousands(area)} sel, "
                f"lebih dari {thousands(MAX_CELLS)}. Hapus baris dan kolom kosong di ujung "
                "lembar, atau simpan lembar itu sebagai CSV (UTF-8) dan unggah CSV-nya."
            )
    return total


def _range_area(member: str, tag: str, part: bytes, pos: int) -> int:
    """The number of cells of the ``ref`` of the tag whose attributes start at ``pos``."""
    rest = _TAG_REST.match(part, pos)
    refs = []
    if rest:
        for name, double, single in _ATTRIBUTE.findall(rest[1]):
            if name.rsplit(b":", 1)[-1].lower() == b"ref":
                refs.append((double or single).decode("latin-1").strip())
    parsed = _REF.fullmatch(refs[0]) if len(refs) == 1 else None
    if parsed is None or not any(parsed.groups()):
        raise LimitProblem(
            f"Bagian {shown(member)} di dalam berkas Excel memuat tag {tag} yang rangkaiannya "
            "tidak dapat dibaca, sehingga ukuran lembarnya tidak dapat diperiksa. Buka berkas di "
            "Excel lalu simpan ulang sebagai .xlsx, atau unggah sebagai CSV."
        )
    c1, r1, c2, r2 = parsed.groups()
    if parsed[0].count(":") == 0:
        c2, r2 = c1, r1
    first_col, last_col = (_column_number(c) if c else None for c in (c1, c2))
    first_row, last_row = (int(r) if r else None for r in (r1, r2))
    columns = abs((last_col or EXCEL_COLUMNS) - (first_col or 1)) + 1
    rows = abs((last_row or EXCEL_ROWS) - (first_row or 1)) + 1
    return rows * columns


# Cell records of a BIFF (.xls) worksheet, each starting with its row and column (two bytes
# each); MULRK and MULBLANK end with their last column.
_BIFF_MULTI = {0x00BD, 0x00BE}
_BIFF_RECORDS = {0x0006, 0x00D6, 0x00FD, 0x0201, 0x0203, 0x0204, 0x0205, 0x027E, 0x0406}
_BIFF_RECORDS |= _BIFF_MULTI
_BIFF_BOF, _BIFF_EOF = 0x0809, 0x000A


def check_xls_sheet(stream: bytes, start: int) -> None:
    """The worksheet of a legacy .xls whose BOF record is at ``start`` of the workbook stream
    spans at most ``MAX_CELLS`` cells, found from the cell records' row and column alone: xlrd
    keeps a slot for every column up to a row's last cell, so a few hundred records far to the
    right would unfold into millions before any count. (Merged ranges cost xlrd nothing; the
    reader checks them with ``check_merged`` before filling them.)"""
    pos, depth, rows, columns = start, 0, 0, 0
    view = memoryview(stream)
    while pos + 4 <= len(stream):
        kind = int.from_bytes(view[pos : pos + 2], "little")
        size = int.from_bytes(view[pos + 2 : pos + 4], "little")
        body = view[pos + 4 : pos + 4 + size]
        pos += 4 + size
        if kind == _BIFF_BOF:
            depth += 1
        elif kind == _BIFF_EOF:
            depth -= 1
            if depth <= 0:
                break
        elif depth == 1 and kind in _BIFF_RECORDS and len(body) >= 6:
            last = body[-2:] if kind in _BIFF_MULTI else body[2:4]
            rows = max(rows, int.from_bytes(body[0:2], "little") + 1)
            columns = max(columns, int.from_bytes(last, "little") + 1)
            if rows * columns > MAX_CELLS:
                break  # refused below, without reading the rest
    check_cells(rows, columns)


def check_merged(area: int) -> None:
    """The merged ranges of a sheet, which the reader fills cell by cell, cover at most
    ``MAX_CELLS`` cells (each range counted whole, overlaps too)."""
    if area > MAX_CELLS:
        raise LimitProblem(
            f"Lembar kerja berisi sel gabungan seluas {thousands(area)} sel, lebih dari "
            f"{thousands(MAX_CELLS)}. Hapus penggabungan sel yang tidak perlu, atau simpan lembar "
            "itu sebagai CSV (UTF-8) dan unggah CSV-nya."
        )


def check_sheet_count(count: int) -> None:
    if count > MAX_SHEETS:
        raise LimitProblem(
            f"Berkas Excel berisi {thousands(count)} lembar kerja; batasnya "
            f"{thousands(MAX_SHEETS)}. Hapus lembar yang tidak dipakai, atau simpan lembar "
            "datanya sebagai CSV (UTF-8) dan unggah CSV-nya."
        )


def _xml_parts(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> Iterator[bytes]:
    """An XML member as searchable text cut after a ``>`` (no tag is split between parts);
    UTF-16 with its NUL bytes dropped. Any other encoding is refused: Excel writes UTF-8."""
    carry, utf16 = b"", None
    for chunk in read_member(archive, info, budget):
        if utf16 is None:
            utf16 = _is_utf16(chunk)
            head = chunk.replace(b"\x00", b"") if utf16 else chunk
            _check_encoding(info.filename, head)
        text = carry + (chunk.replace(b"\x00", b"") if utf16 else chunk)
        cut = text.rfind(b">") + 1
        if cut == 0 and len(text) < 4 * CHUNK:
            carry = text
            continue
        cut = cut or len(text) - 64
        yield text[:cut]
        carry = text[cut:]
    if carry:
        yield carry


def _is_utf16(head: bytes) -> bool:
    return head[:2] in (b"\xff\xfe", b"\xfe\xff") or head[:200].count(0) > 50


def _check_encoding(name: str, head: bytes) -> None:
    text = head.removeprefix(b"\xef\xbb\xbf").removeprefix(b"\xff\xfe").removeprefix(b"\xfe\xff")
    declared = re.match(rb"\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)", text)
    if not text.lstrip().startswith(b"<") or (
        declared and declared[1].lower() not in (b"utf-8", b"utf8", b"utf-16", b"utf16")
    ):
        raise LimitProblem(
            f"Bagian {name} di dalam berkas Excel tidak berpengodean UTF-8. Buka berkas di Excel "
            "lalu simpan ulang sebagai .xlsx, atau unggah sebagai CSV."
        )


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n
