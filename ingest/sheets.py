"""Workbooks with several sheets: which hold a table, which are read, and their values as one
dataset.

Every visible sheet is looked at; one without a header (a cover, notes) is skipped with a note.
The sheets chosen (all table sheets unless the user chose some) are checked one by one and their
values joined, so that the same kelurahan × indicator × period × source in two sheets is caught
by the duplicate check. A sheet without a period column takes its period from the user's choice,
else from its title rows or name ("TW I" takes the year of the file's other sheets). Problems and
notes name their sheet.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from analysis import schema as s
from analysis.periods import is_year, period_year, title_period
from ingest.cells import concat_categorical
from ingest.checks import SHEET, check_duplicates, note_percent_only
from ingest.layout import LayoutProblem, detect_layout
from ingest.layout_types import Layout
from ingest.limits import shown
from ingest.options import Catalogue, ImportOptions
from ingest.problems import BARIS, Problems
from ingest.reader import RawTable, Workbook
from ingest.validate import Extracted, check_table, extract

LEMBAR = "lembar"  # the sheet of each value, in a plan read from several sheets


@dataclass
class SheetScan:
    """The sheets of a file: those read as tables (with their layouts), those skipped, and
    those that could not be read (with the problem, for the message and the mapping step)."""

    tables: list[tuple[RawTable, Layout]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[RawTable, LayoutProblem]] = field(default_factory=list)


def scan(book: Workbook, catalogue: Catalogue, options: ImportOptions) -> SheetScan:
    """Each sheet's layout; a sheet without one is skipped (when the file has other sheets)."""
    found = SheetScan(skipped=list(book.skipped))
    units = dict(zip(catalogue.indikator[s.KODE], catalogue.indikator[s.SATUAN], strict=False))
    for table in book.tables:
        try:
            layout = detect_layout(
                table.cells, catalogue.indicators, table.sheet, catalogue.areas.place_keys,
                options.mapping, units,
            )  # fmt: skip
        except LayoutProblem as err:
            found.failed.append((table, err))
            continue
        found.tables.append((table, layout))
    if found.tables:
        found.skipped += [(t.sheet or "", _why(err)) for t, err in found.failed]
        order = {name: i for i, name in enumerate(book.sheets)}  # as the workbook shows them
        found.skipped.sort(key=lambda skipped: order.get(skipped[0], len(order)))
    _sheet_years(found.tables)
    return found


def _why(err: LayoutProblem) -> str:
    return "tanpa kolom indikator" if err.layout is not None else "tanpa tabel (tidak ada header)"


def _sheet_years(tables: list[tuple[RawTable, Layout]]) -> None:
    """A sheet named "TW I" without a year in its title takes the year of the others."""
    years = [str(period_year(lay.title_period)) for _, lay in tables if lay.title_period]
    if not years:
        return
    for _, lay in tables:
        if lay.title_period is None or is_year(lay.title_period):
            lay.title_period = title_period(lay.title, lay.sheet, years[0]) or lay.title_period


def worst_failure(found: SheetScan) -> tuple[RawTable, LayoutProblem]:
    """The failure to report when no sheet is read: one whose header was found, else the
    first."""
    return next(((t, e) for t, e in found.failed if e.layout is not None), found.failed[0])


def chosen(found: SheetScan, options: ImportOptions) -> list[tuple[RawTable, Layout]]:
    """The table sheets to read: ``options.sheets`` (None: all)."""
    if options.sheets is None:
        return found.tables
    return [(t, lay) for t, lay in found.tables if t.sheet in options.sheets]


def skipped_note(skipped: list[tuple[str, str]]) -> str:
    """The dry run's note naming the sheets skipped and why."""
    return "Lembar dilewati: " + "; ".join(f"'{shown(n)}' ({why})" for n, why in skipped) + "."


def extract_sheets(
    tables: list[tuple[pd.DataFrame, Layout]], cat: Catalogue, options: ImportOptions
) -> Extracted:
    """The values of several sheets as one dataset (``extract`` for one): problems and notes
    prefixed with their sheet, duplicate keys found across sheets, values with their sheet."""
    if len(tables) == 1:
        return extract(*tables[0], cat, options)
    runs, stopped = [], None
    for cells, layout in tables:
        run, stopped = check_table(cells, layout, cat, options)
        runs.append(run)
        if stopped:
            break
    probs = Problems()
    notes = [f"Lembar '{shown(r.layout.sheet or '')}': {n}" for r in runs for n in r.file_notes()]
    parts = [
        p.assign(**{SHEET: r.layout.sheet or "", "_urut": i})
        for i, r in enumerate(runs)
        for p in r.parts
    ]
    if stopped or not parts:
        values = pd.DataFrame(columns=[BARIS, *s.VALUE_COLUMNS, LEMBAR])
    else:
        rec = concat_categorical(parts)
        note_percent_only(rec, options, probs, notes)
        rec = check_duplicates(rec, probs)
        values = (
            rec.loc[rec["_ok"]]
            .sort_values(["_urut", BARIS], kind="stable")[[BARIS, *s.VALUE_COLUMNS, SHEET]]
            .rename(columns={SHEET: LEMBAR})
            .reset_index(drop=True)
        )
    problems = pd.concat(
        [in_sheet(r.probs.frame(), r.layout.sheet) for r in runs] + [probs.frame()],
        ignore_index=True,
    )
    rows_read = sum(r.rows_read for r in runs)
    return Extracted(
        values=values,
        problems=problems,
        rows_read=rows_read,
        rows_empty=sum(r.rows_empty for r in runs),
        rows_total=sum(r.rows_total for r in runs),
        rows_ignored=rows_read - len(values[[BARIS, LEMBAR]].drop_duplicates()),
        records=sum(r.records for r in runs),
        notes=list(dict.fromkeys(notes)),
        unknown_indicators=list(dict.fromkeys(u for r in runs for u in r.probs.unknown_indicators)),
        stopped=None if stopped is None else (sum(r.n_bad for r in runs), rows_read, stopped[2]),
    )


def in_sheet(problems: pd.DataFrame, sheet: str | None) -> pd.DataFrame:
    """Problems whose ``kolom`` names their sheet: ``Lembar 'TW I' · SPE02 (C)``."""
    prefix = f"Lembar '{shown(sheet or '')}'"
    kolom = problems["kolom"].astype(str)
    return problems.assign(kolom=(prefix + " · " + kolom).where(kolom != "", prefix))
