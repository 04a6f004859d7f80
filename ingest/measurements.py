"""Reading child measurement records: e-PPGBM exports and the simple template (CSV or Excel).

Personal data never gets past this module: NIK, names, parents' names, addresses, RT/RW, contacts
and the birth date are dropped here (the age in days is kept instead; it is stored rounded to the
middle of its month, see ``analysis.zscore.stored_form``), and only ``schema.MEASUREMENT_COLUMNS``
leave it. Every problem is reported at once with its row (as Excel shows it), column and fix;
rows with an error are left out, the rest can be stored. A problem never shows a birth date or a
NIK (``ingest.problems`` masks them).

The flow is here; its parts beside it: the header recognised by ``ingest.measure_layout``, the
rows checked by ``ingest.measure_checks`` (cells read by ``ingest.measure_cells``), and a file
refused before it is read in full by ``ingest.early``, the rule the indicator import shares.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from analysis import schema as s
from ingest.cells import cell_text
from ingest.early import (
    MAX_MEASUREMENT_ROWS,
    SAMPLE_ROWS,
    count_rows,
    first_rows,
    mostly_bad,
    refusal,
    rows_in_error,
    too_many_lines,
)
from ingest.foreign import foreign_problem, foreign_region
from ingest.limits import shown
from ingest.matching import AreaMatcher
from ingest.measure_cells import column
from ingest.measure_checks import Rows, check_rows
from ingest.measure_duplicates import (
    DUPLICATE_COLUMNS,
    LAHIR_KEY,
    NIK_KEY,
    find_duplicates,
    nik_keys,
    report_duplicates,
)
from ingest.measure_layout import (
    HEADER_ROWS,
    LABELS,
    child_nik_column,
    describe_columns,
    find_header,
    missing_roles,
)
from ingest.personal import SAMPLE_VALUES
from ingest.problems import (
    BARIS,
    CHECK_ROWS,
    PERINGATAN,
    ProblemCounts,
    Problems,
    stopped_checking,
    too_many_bad,
    whole_file,
)
from ingest.reader import FileProblem, RawTable, read_chunks


@dataclass
class MeasurementPlan(ProblemCounts):
    """What a measurement file holds and what storing it would keep; nothing stored yet."""

    nama_berkas: str
    sha256: str
    records: pd.DataFrame  # schema.MEASUREMENT_COLUMNS + baris
    problems: pd.DataFrame
    format: str | None = None
    rows_read: int = 0
    dropped_personal: list[str] = field(default_factory=list)
    birth_date_column: str | None = None  # read for the age, then dropped like the others
    ignored_columns: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # The same child measured twice in a month (``ingest.measure_duplicates``): the rows not
    # counted, the later row counted instead and why; row numbers only.
    duplicates: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=DUPLICATE_COLUMNS)
    )

    @property
    def can_commit(self) -> bool:
        return len(self.records) > 0

    @property
    def periods(self) -> list[str]:
        return sorted(self.records[s.PERIODE].unique())


def _empty_records() -> pd.DataFrame:
    return pd.DataFrame(columns=[BARIS, *s.MEASUREMENT_COLUMNS])


def failed_plan(data: bytes, filename: str, message: str, fix: str = "") -> MeasurementPlan:
    """A plan that stores nothing, with one problem about the whole file."""
    sha = hashlib.sha256(data).hexdigest()
    return MeasurementPlan(filename, sha, _empty_records(), whole_file(message, fix))


def _refuse_garbage(  # noqa: PLR0913
    filename: str, cells: pd.DataFrame, header: list[str], roles, matcher, today, rows: int
) -> pd.DataFrame | None:
    """The problems of the first ``SAMPLE_ROWS`` non-blank rows of ``cells`` and one about the
    whole file (``rows`` data rows), when nearly all of those rows have an error
    (``ingest.early``); None when the file looks like measurements."""
    if rows <= SAMPLE_ROWS:
        return None
    head = cells.iloc[: 2 * SAMPLE_ROWS]
    blank = pd.concat([cell_text(head[c]).astype(str) == "" for c in head.columns], axis=1)
    first = head.loc[~blank.all(axis=1)].iloc[:SAMPLE_ROWS]
    if len(first) < SAMPLE_ROWS:
        return None
    sample = Rows(pd.Series(first.index + 1, index=first.index), header, roles)
    check_rows(sample, first, roles, matcher, today)
    problems = sample.probs.frame()
    bad = rows_in_error(problems)
    if not mostly_bad(bad, len(first)):
        return None
    return refusal(
        filename,
        bad,
        len(first),
        max(rows - len(head), 0),
        problems,
        check="ini ekspor e-PPGBM atau templat pengukuran",
    )


def _foreign(cells: pd.DataFrame, roles: dict[str, int], matcher: AreaMatcher):
    """The one problem of a file whose rows are mostly another region's (``ingest.foreign``),
    or None."""
    codes = column(cells, roles, "kode_wilayah").astype(str)
    found = foreign_region(matcher, codes, column(cells, roles, "kelurahan").astype(str))
    return None if found is None else foreign_problem(found, matcher.region)


def _refuse_on_head(
    data: bytes, table: RawTable, filename: str, matcher: AreaMatcher, today: date
) -> MeasurementPlan | None:
    """A file refused on its first lines alone (``table``: no header, or nearly all rows
    wrong), before all of it is parsed; None when they look usable."""
    try:
        row, roles = find_header(table.cells)
    except FileProblem as err:
        return failed_plan(data, filename, f"{shown(filename)}: {err}")
    if missing_roles(roles):
        return None  # the whole file reports the missing columns
    header = [str(v) if v is not None else "" for v in table.cells.iloc[row].tolist()]
    rows = count_rows(data) - row - 1
    cells = table.cells.iloc[row + 1 :]
    problems = _foreign(cells, roles, matcher)
    if problems is None:
        problems = _refuse_garbage(filename, cells, header, roles, matcher, today, rows)
    if problems is None:
        return None
    plan = failed_plan(data, filename, "")
    plan.problems, plan.notes = problems, list(table.notes)
    return plan


def read_measurements(
    data: bytes, filename: str, matcher: AreaMatcher, today: date
) -> MeasurementPlan:
    """Read and check an e-PPGBM export or a template file; nothing raises, nothing is stored.
    A text file is read and checked ``CHECK_ROWS`` rows at a time (see ``_Check``)."""
    lines = data.count(b"\n")  # an upper bound of the rows of a text file, counted unparsed
    too_long = too_many_lines(filename, lines, MAX_MEASUREMENT_ROWS, HEADER_ROWS)
    if too_long:
        return failed_plan(
            data,
            filename,
            too_long,
            "Bagi berkas per kecamatan atau per bulan, lalu unggah bagian-bagiannya.",
        )
    head = first_rows(data, filename, HEADER_ROWS + 2 * SAMPLE_ROWS + 1)
    refused = None if head is None else _refuse_on_head(data, head, filename, matcher, today)
    if refused is not None:
        return refused
    plan = MeasurementPlan(
        filename, hashlib.sha256(data).hexdigest(), _empty_records(), Problems().frame()
    )
    try:
        plan.notes, chunks = read_chunks(data, filename, CHECK_ROWS)
        first = next(chunks)
        row, roles = find_header(first)
        header = [str(v) if v is not None else "" for v in first.iloc[row].tolist()]
        sample = first.iloc[row + 1 : row + 1 + SAMPLE_VALUES]  # judged by its first rows
        use = describe_columns(header, roles, sample, matcher.place_keys)
        plan.format, plan.birth_date_column = use.format, use.birth_date_column
        plan.dropped_personal, plan.ignored_columns = use.dropped_personal, use.ignored_columns
        missing = missing_roles(roles)
        if missing:
            names = ", ".join(LABELS.get(m, m) for m in missing)
            probs = Problems()
            probs.add(
                pd.Series([row + 1]),
                names,
                "",
                f"{shown(filename)}: kolom wajib tidak ada: {names}.",
                "Tambahkan kolom itu (lihat templat pengukuran) atau unggah ekspor e-PPGBM "
                "lengkap.",
            )
            plan.problems = probs.frame()
            return plan
        cells = first.iloc[row + 1 :]
        foreign = _foreign(cells, roles, matcher)
        if foreign is not None:
            plan.problems = foreign
            return plan
        if head is None:  # the first rows could not be judged before: now they are
            garbage = _refuse_garbage(
                filename, cells, header, roles, matcher, today, max(lines - row, len(cells))
            )
            if garbage is not None:
                plan.problems = garbage
                return plan
        check = _Check(header, roles, matcher, today, child_nik_column(header))
        while cells is not None:
            following = next(chunks, None)
            if not check.add(cells) and following is not None:
                plan.rows_read = check.rows_read
                plan.problems = check.stopped(filename, lines - check.last_row)
                return plan
            cells = following
    except FileProblem as err:
        return failed_plan(data, filename, f"{shown(filename)}: {err}")
    if check.rows_read == 0:
        return failed_plan(
            data,
            filename,
            f"{shown(filename)}: tidak ada baris data di bawah baris judul (baris {row + 1}).",
            "Isi satu baris per pengukuran anak di bawah judul (lihat templat pengukuran).",
        )
    plan.rows_read = check.rows_read
    plan.records = check.records()
    plan.duplicates = check.duplicates
    plan.problems = check.probs.frame()
    return plan


class _Check:
    """The rows of a file checked a block at a time: problems collected, good records kept, and
    whether to go on. A blank line is no record; a line repeating an earlier one in full (NIK
    included, anywhere in the file) is a double export, stored once; the same child measured
    twice in a month is counted once, the later measurement kept (``records``, by
    ``ingest.measure_duplicates`` on keys held beside the records, never stored). Checking stops (``add``
    returns False) once ``MAX_BAD_ROWS`` rows, and more than half of those checked, have errors:
    then the file is no measurement export and the rest would only cost time."""

    def __init__(  # noqa: PLR0913
        self, header: list[str], roles: dict[str, int], matcher, today: date, nik: int | None
    ) -> None:
        self.header, self.roles, self.matcher, self.today = header, roles, matcher, today
        self.nik = nik  # the column of the child's NIK, or None
        self.duplicates = pd.DataFrame(columns=DUPLICATE_COLUMNS)
        self.probs = Problems()
        self.parts: list[pd.DataFrame] = []
        self.seen: set[int] = set()  # hashes of the lines read so far
        self.rows_read = self.last_row = self.n_bad = 0  # last_row: Excel row number

    def add(self, cells: pd.DataFrame) -> bool:
        text = cells.astype(object).fillna("").astype(str)  # workbook cells may be None
        filled = (text != "").any(axis=1)
        if not filled.all():
            cells, text = cells.loc[filled], text.loc[filled]
        hashes = pd.util.hash_pandas_object(text, index=False).tolist()
        repeated = pd.Series(
            pd.Series(hashes, dtype="uint64").duplicated().to_numpy()
            | np.array([h in self.seen for h in hashes], dtype=bool),
            index=cells.index,
        )
        self.seen.update(hashes)
        rows = Rows(pd.Series(cells.index + 1, index=cells.index), self.header, self.roles)
        rows.probs = self.probs
        rows.add(
            repeated,
            "kelurahan",
            "",
            "Baris ini sama persis dengan baris sebelumnya (ekspor ganda); tidak disimpan dua "
            "kali.",
            "Tidak perlu diperbaiki.",
            PERINGATAN,
            skip=True,
        )
        kept = check_rows(rows, cells, self.roles, self.matcher, self.today)
        nik = None if self.nik is None else cell_text(cells[cells.columns[self.nik]])
        self.parts.append(kept.assign(**{NIK_KEY: nik_keys(nik, kept.index)}))
        self.rows_read += len(cells)
        self.last_row = int(cells.index[-1]) + 1 if len(cells) else self.last_row
        self.n_bad += int((rows.bad & ~repeated).sum())
        return not too_many_bad(self.n_bad, self.rows_read)

    def records(self) -> pd.DataFrame:
        """The kept records, a child measured twice in a month counted once (the dropped rows
        in ``duplicates`` and, as warnings, among the problems)."""
        rec = pd.concat(self.parts).reset_index(drop=True)
        self.duplicates = find_duplicates(rec)
        if len(self.duplicates):
            report_duplicates(self.probs, self.duplicates)
            rec = rec.loc[~rec[BARIS].isin(self.duplicates[BARIS])]
        return (
            rec.drop(columns=[NIK_KEY, LAHIR_KEY])[[BARIS, *s.MEASUREMENT_COLUMNS]]
            .astype({s.UMUR_HARI: "int64"})
            .reset_index(drop=True)
        )

    def stopped(self, filename: str, left: int) -> pd.DataFrame:
        """The problems found, after one about the whole file: nothing is stored."""
        return stopped_checking(filename, self.n_bad, self.rows_read, left, self.probs.frame())
