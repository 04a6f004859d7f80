"""The problems found in the reference files, collected all at once, and the error listing them.

A problem has the fields ``berkas``, ``baris``, ``kolom``, ``nilai``, ``pesan``: those of an
upload's problems (``ingest.problems.PROBLEM_COLUMNS``: the row as a spreadsheet numbers it,
header = row 1; the column; the value; the message) without ``saran`` and ``tingkat`` — the
message itself states the fix, and every reference problem is an error — plus the file it is in
(``berkas``). Its own module, so that the file reader (``ingest.reference``) and the checks
(``ingest.reference_checks``) both take it without a circle.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd


@dataclass(frozen=True)
class Problem:
    """One problem found in a reference file."""

    berkas: str
    baris: int | None
    kolom: str | None
    nilai: str | None
    pesan: str

    def __str__(self) -> str:
        where = self.berkas
        if self.baris is not None:
            where += f", baris {self.baris}"
        if self.kolom:
            where += f", kolom '{self.kolom}'"
        value = f" (nilai: '{self.nilai}')" if self.nilai not in (None, "") else ""
        return f"{where}{value}: {self.pesan}"


class ReferenceDataError(Exception):
    """Raised with every problem found in the reference files."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(f"- {p}" for p in problems)
        super().__init__(f"Data referensi tidak valid ({len(problems)} masalah):\n{lines}")


@dataclass
class Checker:
    """Collects every problem of the reference files, in the order found."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, berkas: str, baris: int | None, kolom: str | None, nilai: object, pesan: str):
        """One problem; ``nilai`` is kept as text (``None`` when the problem has no value)."""
        self.problems.append(
            Problem(berkas, baris, kolom, None if nilai is None else str(nilai), pesan)
        )

    def each(self, name: str, df: pd.DataFrame, col: str, ok: Callable[[str], bool], msg: str):
        """A problem ``msg`` for every value of ``col`` that ``ok`` refuses."""
        for i, v in df[col].items():
            if not ok(v):
                self.add(name, int(i) + 2, col, v, msg)

    def unique(self, name: str, df: pd.DataFrame, cols: list[str], msg: str):
        """A problem ``msg`` for every row repeating an earlier row's ``cols``."""
        dup = df.duplicated(subset=cols, keep="first")
        for i in df.index[dup]:
            self.add(name, int(i) + 2, ", ".join(cols), " / ".join(df.loc[i, cols]), msg)
