"""Archived originals: zstd when it shrinks the file, raw otherwise, always read back whole."""

from __future__ import annotations

import os

import pytest

from store import archive


def test_a_repetitive_file_is_packed_small_and_unpacked_exactly():
    data = (
        b"3172021007;Persentase balita yang memperoleh imunisasi dasar lengkap;2024-01;8;10\n"
        * 5000
    )
    packed, codec = archive.pack(data)
    assert codec == "zstd" and len(packed) < len(data) / 50
    assert archive.unpack(packed, codec, len(data)) == data


def test_a_file_that_does_not_shrink_is_kept_raw():
    """Random bytes (like an XLSX, already a zip) gain nothing: stored as they came."""
    data = os.urandom(20_000)
    assert archive.pack(data) == (data, None)
    assert archive.unpack(data, None, len(data)) == data


def test_an_unknown_codec_is_refused_not_guessed():
    with pytest.raises(ValueError, match="tidak dikenal"):
        archive.unpack(b"x", "brotli", 1)
