"""Limits that keep a hostile upload from exhausting memory or time, checked on the raw bytes
before any parser sees them: NUL bytes and line length in text files, and the members of a zip
(an .xlsx workbook, a zipped Shapefile): count, names, unpacked size, XML entity declarations
and the number of cells a workbook would unfold into.

Every check raises ``LimitProblem`` with a message in Bahasa Indonesia that says what to do;
the caller adds the file name and turns it into its own kind of problem.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import PurePosixPath

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
_MERGE = re.compile(
    rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})"'
)
_CELL = re.compile(rb"<(?:\w+:)?c[\s>/]")


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
    found = _long_line(data)
    if found is not None:
        row, length = found
        raise LimitProblem(
            f"Baris {thousands(row)} terlalu panjang ({thousands(length)} byte; batasnya "
            f"{thousands(MAX_LINE_BYTES)} byte per baris). Berkas ini tampaknya bukan tabel; "
            "periksa pemisah barisnya, atau simpan ulang dari Excel sebagai CSV (UTF-8)."
        )


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
    UTF-16 without any DOCTYPE or ENTITY declaration (billion laughs, external entities), and at
    most ``MAX_CELLS`` cells and merged cells in its worksheets (openpyxl makes an object of
    every cell of a merged range)."""
    archive = open_zip(data, XLSX_MAX_MEMBERS, XLSX_MAX_UNZIPPED, XLSX_BROKEN)
    budget, cells = XLSX_MAX_UNZIPPED, 0
    for info in archive.infolist():
        if not info.filename.lower().endswith((".xml", ".rels", ".vml")):
            continue
        sheet = "worksheets/" in info.filename.lower()
        for part in _xml_parts(archive, info, budget):
            budget -= len(part)
            if _DECLARATION.search(part):
                raise LimitProblem(
                    f"Bagian {info.filename} di dalam berkas Excel memuat deklarasi DOCTYPE/ENTITY, "
                    "yang tidak pernah dibuat oleh Excel dan dapat dipakai untuk menyerang server. "
                    "Buka berkas di Excel lalu simpan ulang sebagai .xlsx, atau unggah sebagai CSV."
                )
            if sheet:
                cells += len(_CELL.findall(part))
                cells += sum(
                    (int(r2) - int(r1) + 1) * (_column_number(c2) - _column_number(c1) + 1)
                    for c1, r1, c2, r2 in _MERGE.findall(part)
                )
            if cells > MAX_CELLS:
                raise LimitProblem(
                    f"Berkas Excel berisi lebih dari {thousands(MAX_CELLS)} sel (termasuk sel "
                    "gabungan). Simpan lembar datanya sebagai CSV (UTF-8) dan unggah CSV-nya."
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


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n
