"""The early-refusal rule of both imports (indicator tables, ``ingest.pipeline``; child
measurements, ``ingest.measurements``): a file is refused on what shows before all of it is read.

In order: its size in bytes (``oversize``, both imports), its number of lines counted on the raw
bytes (``too_many_lines``, the measurement import: one child per row, so lines bound its rows),
then its first rows (both). A text file's first lines are cut from its bytes and
read on their own (``first_rows``); when nearly all of the first ``SAMPLE_ROWS`` data rows have an
error (``mostly_bad``) the file is no table of the kind expected, and checking a million more rows
would only spend minutes and gigabytes: one problem about the whole file says so (``refusal``),
before those rows' problems. 100 MB of garbage then costs no more memory than a few kilobytes. A
workbook, a UTF-16 file, or a cut that cannot be read alone (it may fall inside a quoted cell) is
judged by the same rule on its first rows once it is read. The limits every reader applies to
raw bytes (line length, NUL bytes, zip members, cells) are ``ingest.limits``.
"""

from __future__ import annotations

import pandas as pd

from ingest.limits import shown, thousands
from ingest.problems import BARIS, GALAT, whole_file
from ingest.reader import FileProblem, RawTable, head_bytes, read_table

SAMPLE_ROWS = 1_000
SAMPLE_BAD_SHARE = 0.95
# An e-PPGBM export holds one child per row, about 300 bytes: 100 MB is some 350,000 rows.
MAX_MEASUREMENT_ROWS = 500_000


def oversize(name: str, size: int, max_bytes: int) -> str | None:
    """``Berkas … berukuran 60,2 MB, melebihi batas 50 MB.`` for a file larger than
    ``max_bytes`` (``name`` as it may be shown); None when it is not larger."""
    if size <= max_bytes:
        return None
    megabytes = f"{size / 1024 / 1024:.1f}".replace(".", ",")
    return (
        f"Berkas {name} berukuran {megabytes} MB, melebihi batas {max_bytes / 1024 / 1024:.0f} MB."
    )


def too_many_lines(filename: str, lines: int, max_rows: int, header_rows: int) -> str | None:
    """The problem of a text file of ``lines`` line breaks (counted unparsed: an upper bound of
    its rows) above ``max_rows`` measurement rows below ``header_rows`` rows where its header may
    sit; None when it is not longer."""
    if lines <= max_rows + header_rows:
        return None
    return (
        f"{shown(filename)}: berkas berisi {thousands(lines)} baris; batasnya "
        f"{thousands(max_rows)} baris pengukuran."
    )


def first_rows(data: bytes, filename: str, lines: int) -> RawTable | None:
    """The first ``lines`` lines of a text file read as a table on their own, to judge before
    reading all of it; None when the file cannot be judged so (not longer, Excel or UTF-16, or
    a cut that cannot be read alone): its first rows are then judged once it is read."""
    head = head_bytes(data, lines)
    if head is None:
        return None
    try:
        return read_table(head, filename)
    except FileProblem:
        return None  # the cut may fall inside a quoted cell: the whole file decides


def count_rows(data: bytes) -> int:
    """The lines of a text file, counted on its bytes (a last line without a line break too)."""
    return data.count(b"\n") + (not data.endswith(b"\n"))


def rows_in_error(problems: pd.DataFrame) -> int:
    """How many rows have an error among ``problems`` (``Problems.frame``)."""
    return problems.loc[problems["tingkat"] == GALAT, BARIS].nunique()


def mostly_bad(bad: int, sampled: int = SAMPLE_ROWS) -> bool:
    """Whether ``bad`` rows with an error among ``sampled`` first rows refuse the file."""
    return bad >= SAMPLE_BAD_SHARE * sampled


def refusal(  # noqa: PLR0913
    filename: str,
    bad: int,
    sampled: int,
    rows_left: int,
    problems: pd.DataFrame,
    *,
    check: str,
    reason: str = "",
) -> pd.DataFrame:
    """``problems`` (those of the first rows) after one about the whole file: ``bad`` of the
    first ``sampled`` rows have an error (``reason`` adds why else), so the rest (``rows_left``
    rows) is not checked; the fix asks to check whether the file is ``check``."""
    return whole_file(
        f"{shown(filename)}: {thousands(bad)} dari {thousands(sampled)} baris data pertama "
        f"bermasalah{reason}, jadi sisa berkas (sekitar {thousands(rows_left)} baris lagi) "
        "tidak diperiksa.",
        f"Periksa apakah {check}; perbaiki masalah di baris pertama (lihat di bawah), lalu "
        "unggah ulang.",
        problems,
    )
