"""Reading the reference folder (``data/reference``) from disk: the bytes of each reference file.

The storage side of ``services.reference.load_reference``: one entry per file named in
``analysis.reference.COLUMNS``, its bytes as stored, or ``None`` when the folder has no such
file. No parsing and no checks: ``ingest.reference`` reads the bytes as CSV and checks them.
"""

from __future__ import annotations

from pathlib import Path

from analysis.reference import COLUMNS


def read_reference_files(folder: Path) -> dict[str, bytes | None]:
    """The bytes of every reference file in ``folder`` by file name (``None`` when absent)."""
    return {name: _read_bytes(folder / name) for name in COLUMNS}


def _read_bytes(path: Path) -> bytes | None:
    return path.read_bytes() if path.exists() else None
