"""Evidence files for aksi progress (PDF, images, Office): size-capped, with a safe name, and
checked by their whole structure, not only their first bytes: a PDF must end in a cross-reference
trailer (``startxref`` to a table or stream, then ``%%EOF``); a PNG or JPEG must open and verify
in Pillow (a JPEG is decoded at an eighth of its size) and stay under its pixel limit; an Office
file (.docx/.xlsx/.pptx) must be a zip within the workbook limits whose members all unpack with
a correct checksum, hold its main part and no macros (an .xlsx also passes
``ingest.limits.check_xlsx``); a legacy Office file (.doc/.xls/.ppt) must be a compound document
holding its main stream. The bytes are stored in the database, never written to a path."""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import warnings
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

from ingest.limits import (
    XLSX_MAX_MEMBERS,
    XLSX_MAX_UNZIPPED,
    LimitProblem,
    check_xlsx,
    open_zip,
    read_member,
    shown,
    unsafe_member,
)

KINDS = {
    ".pdf": (b"%PDF",),
    ".png": (b"\x89PNG",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".pptx": (b"PK\x03\x04",),
    ".doc": (b"\xd0\xcf\x11\xe0",),
    ".xls": (b"\xd0\xcf\x11\xe0",),
    ".ppt": (b"\xd0\xcf\x11\xe0",),
}
# The part every Office Open XML file of the kind holds, and the stream of a legacy one.
MAIN_PART = {
    ".docx": "word/document.xml",
    ".xlsx": "xl/workbook.xml",
    ".pptx": "ppt/presentation.xml",
}
MAIN_STREAM = {
    ".doc": ("WordDocument",),
    ".xls": ("Workbook", "Book"),
    ".ppt": ("PowerPoint Document",),
}
OFFICE_BROKEN = "dokumen Office tidak dapat dibuka ({error}): rusak, terpotong atau terkunci sandi."
PDF_TAIL = 1024  # the PDF standard puts %%EOF within the last kilobyte
IMAGE_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}
MAX_NAME = 100
# Names Windows keeps for devices: a download saved as CON.pdf cannot be opened there.
RESERVED = re.compile(r"(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])", re.IGNORECASE)


class EvidenceProblem(ValueError):
    """Why a file cannot be kept as evidence, and what to do."""


@dataclass(frozen=True)
class Evidence:
    nama_berkas: str
    isi: bytes
    sha256: str


def safe_name(name: str) -> str:
    """The file's own name only (no folders, no ``..``), in plain letters, digits, ``.-_``;
    never a Windows device name (``CON.pdf`` becomes ``bukti_CON.pdf``)."""
    base = PureWindowsPath(PurePosixPath(name).name).name
    text = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode()
    text = re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("._")
    stem, dot, ext = text.rpartition(".")
    if not dot:
        stem, ext = text, ""
    stem = stem[: MAX_NAME - len(ext) - 1] or "bukti"
    if RESERVED.fullmatch(stem.split(".")[0]):
        stem = f"bukti_{stem}"
    return f"{stem}.{ext.lower()}" if ext else stem


def check_evidence(name: str, data: bytes, max_bytes: int) -> Evidence:
    """A checked evidence file, or ``EvidenceProblem`` naming the file (control and direction
    characters shown as ``?``, long names cut) and the fix."""
    clean, name = safe_name(name), shown(name)
    ext = "." + clean.rsplit(".", 1)[-1].lower() if "." in clean else ""
    if ext not in KINDS:
        raise EvidenceProblem(
            f"{name}: jenis berkas tidak diterima. Unggah PDF, gambar (PNG/JPG) atau dokumen Office."
        )
    if len(data) > max_bytes:
        raise EvidenceProblem(
            f"{name}: berukuran {len(data) / 1024 / 1024:.1f} MB, melebihi batas "
            f"{max_bytes / 1024 / 1024:.0f} MB. Perkecil berkasnya (mis. PDF terkompresi)."
        )
    if not data.startswith(KINDS[ext]):
        raise EvidenceProblem(
            f"{name}: isi berkas tidak sesuai dengan ekstensi {ext}. Simpan ulang berkasnya."
        )
    if ext == ".pdf":
        why = _pdf_problem(data)
    elif ext in IMAGE_FORMATS:
        why = _image_problem(data, IMAGE_FORMATS[ext])
    elif ext in MAIN_PART:
        why = _office_problem(data, ext)
    else:
        why = _compound_problem(data, ext)
    if why:
        raise EvidenceProblem(f"{name}: {why}")
    return Evidence(clean, data, hashlib.sha256(data).hexdigest())


def _pdf_problem(data: bytes) -> str | None:
    """Why ``data`` is not a whole PDF: a version in the header, and at its end ``startxref``
    pointing at a cross-reference table (``xref``) or stream (``n 0 obj``), then ``%%EOF``."""
    broken = (
        "berkas PDF tidak utuh atau rusak ({why}). Simpan ulang atau cetak ulang ke PDF "
        "dari aplikasi aslinya, lalu unggah lagi."
    )
    if not re.match(rb"%PDF-[12]\.\d", data):
        return broken.format(why="versi PDF tidak terbaca")
    tail = data[-PDF_TAIL:]
    end = re.search(rb"startxref\s+(\d{1,12})\s+%%EOF\s*\Z", tail.rstrip(b"\x00"))
    if end is None:
        return broken.format(why="tidak diakhiri startxref dan %%EOF")
    offset = int(end[1])
    # A few bytes off is common (line ends changed in transit) and every reader repairs it.
    if not re.search(rb"\bxref\b|\d+\s+\d+\s+obj\b", data[max(offset - 32, 0) : offset + 64]):
        return broken.format(why="tabel rujukan silang tidak ditemukan")
    return None


def _image_problem(data: bytes, kind: str) -> str | None:
    """Why ``data`` is not a whole image of ``kind`` (PNG, JPEG) that Pillow can open."""
    broken = (
        "gambar rusak, terpotong atau terlalu besar ({why}). Simpan ulang gambarnya sebagai "
        "PNG atau JPG, lalu unggah lagi."
    )
    try:
        from PIL import Image  # noqa: PLC0415 - Streamlit installs Pillow; only for images
    except ImportError:  # without Pillow: the end marker at least
        end = b"IEND\xaeB`\x82" if kind == "PNG" else b"\xff\xd9"
        return None if end in data[-64:] else broken.format(why="tanpa penanda akhir")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.format != kind:
                    return broken.format(why=f"isinya {image.format}, bukan {kind}")
                image.verify()  # a PNG: every chunk and its checksum
            if kind == "JPEG":  # verify() reads nothing of a JPEG: decode it, small
                with Image.open(io.BytesIO(data)) as image:
                    image.draft("RGB", (max(image.width // 8, 1), max(image.height // 8, 1)))
                    image.load()
    except Exception as err:  # noqa: BLE001 - Pillow raises many types for damaged images
        return broken.format(why=type(err).__name__)
    return None


def _office_problem(data: bytes, ext: str) -> str | None:
    """Why ``data`` is not a whole Office Open XML file of ``ext``."""
    fix = "Buka berkasnya di Office lalu simpan ulang, atau cetak ke PDF dan unggah PDF-nya."
    try:
        archive = open_zip(data, XLSX_MAX_MEMBERS, XLSX_MAX_UNZIPPED, OFFICE_BROKEN + " " + fix)
        names = {info.filename for info in archive.infolist()}
        if "[Content_Types].xml" not in names or MAIN_PART[ext] not in names:
            return (
                f"isinya bukan dokumen {ext} yang utuh (bagian {MAIN_PART[ext]} tidak ada). {fix}"
            )
        if any(unsafe_member(n) or n.lower().endswith("vbaproject.bin") for n in names):
            return f"berisi makro atau nama bagian yang tidak aman. {fix}"
        budget = XLSX_MAX_UNZIPPED
        for info in archive.infolist():
            for chunk in read_member(archive, info, budget):  # checks each member's CRC
                budget -= len(chunk)
        if ext == ".xlsx":
            check_xlsx(data)
    except LimitProblem as err:
        return str(err)
    return None


def _compound_problem(data: bytes, ext: str) -> str | None:
    """Why ``data`` is not a legacy Office compound document of ``ext``."""
    from xlrd import compdoc  # noqa: PLC0415 - only for legacy Office evidence

    try:
        doc = compdoc.CompDoc(data, logfile=io.StringIO())
        found = any(doc.locate_named_stream(s)[0] is not None for s in MAIN_STREAM[ext])
    except Exception:  # noqa: BLE001 - xlrd raises many types for damaged files
        found = False
    if found:
        return None
    return (
        f"isinya bukan dokumen {ext} yang utuh. Buka berkasnya di Office lalu simpan ulang, atau "
        "cetak ke PDF dan unggah PDF-nya."
    )
