"""Canonical reporting periods: ``2024`` (year), ``2024-S1`` (semester), ``2024-Q3`` (quarter,
*triwulan*) and ``2024-08`` (month).

Periods are kept as canonical strings; these helpers validate them, order them and relate them
to calendar years.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_PATTERN = re.compile(
    r"^(?P<year>[0-9]{4})(?:-(?:(?P<sem>S[12])|(?P<q>Q[1-4])|(?P<month>0[1-9]|1[0-2])))?$"
)


@dataclass(frozen=True, order=True)
class Period:
    """A parsed period; ``start_month``/``end_month`` bound it within ``year``."""

    year: int
    start_month: int
    end_month: int
    kind: str  # "tahun", "semester", "triwulan" or "bulan"
    number: int  # semester, quarter or month number; 0 for a whole year


def parse_period(text: str) -> Period:
    """Parse a canonical period string; raise ``ValueError`` naming the accepted forms."""
    match = _PATTERN.match(str(text).strip())
    if not match:
        raise ValueError(
            f"Periode '{text}' tidak dikenali: gunakan 2024, 2024-S1, 2024-Q3 atau 2024-08."
        )
    year = int(match["year"])
    if match["sem"]:
        n = int(match["sem"][1])
        return Period(year, 6 * n - 5, 6 * n, "semester", n)
    if match["q"]:
        n = int(match["q"][1])
        return Period(year, 3 * n - 2, 3 * n, "triwulan", n)
    if match["month"]:
        n = int(match["month"])
        return Period(year, n, n, "bulan", n)
    return Period(year, 1, 12, "tahun", 0)


def is_period(text: str) -> bool:
    """True when ``text`` is a canonical period string."""
    try:
        parse_period(text)
    except ValueError:
        return False
    return True


def period_year(text: str) -> int:
    """The calendar year a period belongs to."""
    return parse_period(text).year


def period_end(text: str) -> tuple[int, int]:
    """(year, last month) of a period: the moment it is complete."""
    p = parse_period(text)
    return (p.year, p.end_month)


def period_end_date(text: str) -> date:
    """The last day of a period (``2022-Q1`` → 31 March 2022)."""
    p = parse_period(text)
    return date(p.year, p.end_month, calendar.monthrange(p.year, p.end_month)[1])


def period_sort_key(text: str) -> tuple[int, int, int]:
    """Chronological order: by end month, then shorter periods first."""
    p = parse_period(text)
    return (p.year, p.end_month, p.end_month - p.start_month)


def sort_periods(periods: list[str] | set[str]) -> list[str]:
    """Distinct periods in chronological order."""
    return sorted(set(periods), key=period_sort_key)


def same_period_in_year(text: str, year: int) -> str:
    """The period of the same kind and number in another year (``2025-Q4`` → ``2022-Q4``)."""
    p = parse_period(text)
    suffix = str(text).strip()[4:]
    if p.kind == "tahun":
        suffix = ""
    return f"{year}{suffix}"
