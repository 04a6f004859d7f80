"""Problems found in an uploaded file: where (row as Excel shows it, column), what, and the fix.

No problem echoes personal data: ``Problems.frame`` masks NIK-shaped numbers in every value and
message, and the value of every column whose header is personal (``ingest.personal``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ingest.limits import shown, thousands
from ingest.personal import mask_problems

GALAT = "galat"  # the value is not imported
PERINGATAN = "peringatan"  # skipped or assumed, explained
PROBLEM_COLUMNS = ["baris", "kolom", "nilai", "pesan", "saran", "tingkat"]
BARIS = "baris"
# Problems kept per file, those of the first rows: a file of garbage would otherwise give
# millions of problems (gigabytes); the rest are counted in one closing problem.
MAX_PROBLEMS = 10_000
# A long file is checked a block of rows at a time (a measurement file CHECK_ROWS rows, an
# indicator file see ``ingest.validate.blocks``): memory holds one block, and once MAX_BAD_ROWS
# rows (and most of those checked) have errors the rest is not checked.
CHECK_ROWS = 50_000
MAX_BAD_ROWS = 5_000


def too_many_bad(n_bad: int, rows_checked: int) -> bool:
    """Whether checking should stop: the file is no table of the kind expected."""
    return n_bad >= MAX_BAD_ROWS and 2 * n_bad > rows_checked


class Problems:
    """Collects every problem of a file (vectorised: one call adds many rows); beyond
    ``MAX_PROBLEMS`` only those of the first rows are kept and the others counted."""

    def __init__(self, limit: int = MAX_PROBLEMS) -> None:
        self.parts: list[pd.DataFrame] = []
        self.unknown_indicators: list[str] = []
        self.limit = limit
        self.kept = 0
        self.omitted = {GALAT: 0, PERINGATAN: 0}
        self.error_rows: list[np.ndarray] = []  # rows given an error since ``take_error_rows``
        # Headers of the columns the file is read by (kelurahan, indicator, period, source):
        # their values are shown even when the header sounds personal ("Nama").
        self.plain_columns: set[str] = set()

    def add(self, baris, kolom, nilai, pesan, saran, tingkat=GALAT) -> None:
        """Add problems; any argument may be a scalar or a Series aligned with ``baris``."""
        baris = pd.Series(baris) if not isinstance(baris, pd.Series) else baris
        if baris.empty:
            return
        part = pd.DataFrame({"baris": baris.to_numpy()}, index=baris.index)
        for name, value in (("kolom", kolom), ("nilai", nilai), ("pesan", pesan), ("saran", saran)):
            part[name] = (
                value.loc[baris.index].astype(str) if isinstance(value, pd.Series) else value
            )
        part["tingkat"] = tingkat
        if tingkat == GALAT:
            self.error_rows.append(part["baris"].to_numpy())
        self.parts.append(part)
        self.kept += len(part)
        if self.kept > 2 * self.limit:
            self._prune()

    def take_error_rows(self) -> int:
        """How many distinct rows were given an error since the last call."""
        rows = self.error_rows
        self.error_rows = []
        return len(pd.unique(np.concatenate(rows))) if rows else 0

    def _prune(self) -> None:
        """Keep the ``limit`` problems of the first rows (file-wide problems first)."""
        frame = pd.concat(self.parts, ignore_index=True)
        rows = pd.to_numeric(frame["baris"], errors="coerce").fillna(-1)
        order = rows.sort_values(kind="stable").index
        keep, drop = order[: self.limit], order[self.limit :]
        for level, n in frame.loc[drop, "tingkat"].value_counts().items():
            self.omitted[level] = self.omitted.get(level, 0) + int(n)
        self.parts, self.kept = [frame.loc[keep.sort_values()]], len(keep)

    def add_records(self, rec: pd.DataFrame, mask, kolom, nilai, pesan, saran, tingkat=GALAT):
        """Problems for the records selected by ``mask``; ``kolom`` and ``nilai`` name columns
        of ``rec`` (a string that is not one of its columns is used as it is) or are Series."""

        def pick(v):  # a Series needs only the selected rows (``add`` aligns by index)
            return rec.loc[mask, v] if isinstance(v, str) and v in rec.columns else v

        self.add(rec.loc[mask, BARIS], pick(kolom), pick(nilai), pesan, saran, tingkat)

    def frame(self) -> pd.DataFrame:
        if self.kept > self.limit:
            self._prune()
        if not self.parts:
            return pd.DataFrame(columns=PROBLEM_COLUMNS).astype({"baris": "Int64"})
        omitted = sum(self.omitted.values())
        if omitted:
            count = f"{omitted:,}".replace(",", ".")
            self.parts.append(
                pd.DataFrame(
                    {
                        "baris": [None],
                        "kolom": "",
                        "nilai": "",
                        "pesan": f"Masih ada {count} masalah lain di baris berikutnya; yang "
                        f"ditampilkan hanya {self.limit:,} masalah pertama.".replace(",", "."),
                        "saran": "Perbaiki masalah yang ditampilkan (biasanya berulang di "
                        "baris lain), lalu unggah ulang. Bila hampir semua baris bermasalah, "
                        "periksa apakah berkasnya benar.",
                        "tingkat": GALAT if self.omitted.get(GALAT) else PERINGATAN,
                    }
                )
            )
            self.omitted = {GALAT: 0, PERINGATAN: 0}
        # A file checked in blocks repeats a problem of its header (no period) in every block.
        frame = pd.concat(self.parts, ignore_index=True)[PROBLEM_COLUMNS]
        frame = mask_problems(frame, plain=self.plain_columns)
        frame = frame.drop_duplicates()
        frame["baris"] = frame["baris"].astype("Int64")
        order = frame["tingkat"].map({GALAT: 0, PERINGATAN: 1})
        return (
            frame.assign(_o=order)
            .sort_values(["baris", "_o"], kind="stable")
            .drop(columns="_o")
            .reset_index(drop=True)
        )


def whole_file(message: str, fix: str = "", problems: pd.DataFrame | None = None) -> pd.DataFrame:
    """A problem about the whole file (no row), before ``problems``."""
    probs = Problems()
    probs.add(pd.Series([pd.NA]), "", "", message, fix)
    return (
        pd.concat([probs.frame(), problems], ignore_index=True)
        if problems is not None
        else probs.frame()
    )


def stopped_checking(
    filename: str, n_bad: int, rows_checked: int, rows_left: int, problems: pd.DataFrame
) -> pd.DataFrame:
    """The problems found, after one saying that checking stopped and nothing is stored."""
    return whole_file(
        f"{shown(filename)}: {thousands(n_bad)} dari {thousands(rows_checked)} baris data "
        "pertama bermasalah, jadi pemeriksaan dihentikan; sisa berkas (sekitar "
        f"{thousands(max(rows_left, 0))} baris) tidak diperiksa dan tidak ada yang disimpan.",
        "Perbaiki masalah yang ditampilkan (biasanya berulang di baris lain) atau pisahkan "
        "baris yang rusak, lalu unggah ulang seluruh berkas.",
        problems,
    )


class ProblemCounts:
    """``n_errors``/``n_warnings`` of a plan holding a ``problems`` frame (``Problems.frame``)."""

    problems: pd.DataFrame

    @property
    def n_errors(self) -> int:
        return int((self.problems["tingkat"] == GALAT).sum())

    @property
    def n_warnings(self) -> int:
        return int((self.problems["tingkat"] == PERINGATAN).sum())
