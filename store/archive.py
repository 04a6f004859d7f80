"""Uploaded originals kept compressed in the database.

An office recap repeats its indicator names and kelurahan on every row, so its original is many
times larger than what it says: a million-row file with official indicator names is 106 MB raw
and 8 MB as zstd (level 1, through pyarrow, which the app already needs), compressed in about a
tenth of a second, less than writing the raw bytes would take. A file that does not shrink (an
XLSX is a zip already) is kept as it came. ``kompresi`` records which, so rows archived raw
before migration 16 read back unchanged; the stored frame is plain zstd (``zstd -d`` opens it).
"""

from __future__ import annotations

import pyarrow as pa

CODEC = "zstd"
LEVEL = 1


def pack(data: bytes) -> tuple[bytes, str | None]:
    """(bytes to store, codec or None when kept raw) of an original file."""
    packed = pa.Codec(CODEC, compression_level=LEVEL).compress(data, asbytes=True)
    return (packed, CODEC) if len(packed) < len(data) else (data, None)


def unpack(stored: bytes, codec: str | None, size: int) -> bytes:
    """The original bytes of ``pack``'s output; ``size`` is the original's length."""
    if codec is None:
        return stored
    if codec != CODEC:
        raise ValueError(f"Kompresi arsip tidak dikenal: {codec!r}.")
    return pa.Codec(CODEC).decompress(stored, decompressed_size=size, asbytes=True)
