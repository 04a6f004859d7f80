"""The cells of a measurement file read as values: dates, measurements and short free text.

Every parser runs once per distinct cell (``ingest.cells.map_unique``), so a column of a million
cells with a few hundred distinct values costs a few hundred parses.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd

from analysis.periods import MONTH_NUMBERS
from analysis.text_clean import clean_text, drop_nik
from ingest.cells import cell_text, map_unique

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d", "%d/%m/%y"]
# What any of DATE_FORMATS can read: strptime is tried only on cells of this shape, so a column
# of a million distinct non-dates costs a regular expression each, not six strptime calls.
DATE_SHAPE = re.compile(r"[ \d]{1,4}[-/.][ \d]{1,2}[-/.][ \d]{1,4}")
EXCEL_EPOCH = date(1899, 12, 30)


def parse_date(value: str) -> date | None:
    """A date cell: ISO, Indonesian day-first (15/08/2024, 15 Agustus 2024) or an Excel serial."""
    text = value.strip()
    if not text:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2} 00:00:00", text):
        text = text[:10]
    for fmt in DATE_FORMATS if DATE_SHAPE.fullmatch(text) else ():
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    words = text.lower().split()
    if len(words) == 3 and words[1] in MONTH_NUMBERS and words[0].isdigit() and words[2].isdigit():
        try:
            return date(int(words[2]), MONTH_NUMBERS[words[1]], int(words[0]))
        except ValueError:
            return None
    if re.fullmatch(r"\d{5}(\.0)?", text):  # Excel date serial (days since 1899-12-30)
        serial = int(float(text))
        if 20000 <= serial <= 80000:
            return EXCEL_EPOCH + timedelta(days=serial)
    return None


def month_of(value: str) -> str | None:
    """The month (``2024-08``) of a date cell, None when it is no date."""
    parsed = parse_date(value)
    return None if parsed is None else f"{parsed:%Y-%m}"


def short_text(limit: int):
    """Free text (control characters dropped, NIK-shaped numbers masked) cut to ``limit``
    characters, None when empty."""
    return lambda value: drop_nik(clean_text(value)).strip()[:limit] or None


def parse_measure(value: str) -> float | None:
    """A measurement with a decimal comma or point (never a thousands separator)."""
    text = value.strip().replace(",", ".")
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        return None
    return number if np.isfinite(number) else None


def column(cells: pd.DataFrame, roles: dict[str, int], role: str) -> pd.Series:
    """The text of the column holding ``role``; empty text when the file has none."""
    if role in roles:
        return cell_text(cells[cells.columns[roles[role]]])
    return pd.Series(pd.Categorical([""] * len(cells)), index=cells.index)


def parsed(text: pd.Series, fn) -> pd.Series:
    """``fn`` once per distinct cell; object Series with None where it returns None."""
    return map_unique(text.to_frame(), fn).astype(object)


def dates(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(dates as datetime64, bad: non-empty cells that are not dates)."""
    values = pd.to_datetime(parsed(text, parse_date), errors="coerce")
    return values, (text != "") & values.isna()


def numbers(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(measurements as floats, bad: non-empty cells that are not numbers)."""
    values = pd.to_numeric(parsed(text, parse_measure), errors="coerce")
    return values.astype(float), (text != "") & values.isna()
