"""The line-length check of text uploads: the vectorised look (``_lines_short``) agrees with the
exact row-by-row one on every layout of breaks, also across the pieces it reads."""

from __future__ import annotations

import random

import pytest

from ingest import limits


@pytest.fixture()
def small_limits(monkeypatch):
    """Pieces of 16 bytes and lines of at most 10, so piece edges are crossed everywhere."""
    monkeypatch.setattr(limits, "CHUNK", 16)
    monkeypatch.setattr(limits, "MAX_LINE_BYTES", 10)


def test_vectorised_check_agrees_with_the_exact_one(small_limits):
    rng = random.Random(2026)
    for _ in range(3000):
        lines = [b"x" * rng.choice([0, 1, 9, 10, 11, 17, 40]) for _ in range(rng.randint(0, 8))]
        data = b"".join(line + rng.choice([b"\n", b"\r\n", b"\r"]) for line in lines)
        if rng.random() < 0.5:
            data += b"y" * rng.choice([0, 10, 11, 33])
        assert limits._lines_short(data) == (limits._long_line(data) is None), data


@pytest.mark.parametrize(
    ("data", "row", "length"),
    [
        (b"a;b\n" + b"x" * 11 + b"\n", 2, 11),
        (b"a\r\n\r\nb\r\n" + b"z" * 30, 4, 30),
        (b"x" * 16 + b"y" * 16, 1, 32),
    ],
)
def test_a_long_line_is_named_by_row_and_length(small_limits, data, row, length):
    """10 bytes is allowed; the message names the first longer row (``\\r\\n`` ends one row)."""
    with pytest.raises(limits.LimitProblem, match=f"Baris {row} terlalu panjang \\({length} byte"):
        limits.check_text(data)
    limits.check_text(b"x" * 10 + b"\n" + b"y" * 10)
