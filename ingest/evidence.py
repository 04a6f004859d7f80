"""Evidence files for aksi progress (PDF, images, Office): checked by content, size-capped,
with a safe name. The bytes are stored in the database, never written to a path."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

from ingest.limits import shown

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
    return Evidence(clean, data, hashlib.sha256(data).hexdigest())
