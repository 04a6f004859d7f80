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


# Period labels as written in real files (recaps, e-PPGBM exports, title rows).
_MONTHS = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "feb": 2, "pebruari": 2, "peb": 2, "february": 2,
    "maret": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nov": 11, "nop": 11, "nopember": 11,
    "desember": 12, "des": 12, "dec": 12, "december": 12,
}  # fmt: skip
MONTH_NUMBERS = _MONTHS  # month names and abbreviations (lower case) → month number
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_YEAR = r"(?P<year>(?:19|20)[0-9]{2})"
_NUM = r"(?P<n>iv|iii|ii|i|[1-4])"
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_RANGE_WORDS = r"(?:-|–|—|/|s\.?\s*d\.?|sampai(?:\s+dengan)?|hingga)"
_RANGE = rf"\b(?P<m1>{_MONTH_NAMES})\.?\s*{_RANGE_WORDS}\s*(?P<m2>{_MONTH_NAMES})\b\.?"
# Months a range covers → the period it is (other ranges are no reporting period).
_RANGES = {(1, 3): "-Q1", (4, 6): "-Q2", (7, 9): "-Q3", (10, 12): "-Q4", (1, 6): "-S1",
           (7, 12): "-S2", (1, 12): ""}  # fmt: skip
_LABELS: list[tuple[str, re.Pattern]] = [
    (kind, re.compile(pattern))
    for kind, pattern in [
        ("R", rf"{_RANGE}\s*(?:tahun\s*)?{_YEAR}\b"),
        ("Q", rf"\b(?:triwulan|trw|tw|kuartal|q)\s*[-.]?\s*{_NUM}\b\s*(?:tahun|thn|th\.?)?\s*[-/]?\s*{_YEAR}\b"),
        ("Q", rf"\b{_YEAR}\s*[-/ ]\s*(?:triwulan|tw|q)\s*{_NUM}\b"),
        ("S", rf"\b(?:semester|smt|sem|s)\s*[-.]?\s*{_NUM}\b\s*(?:tahun|thn|th\.?)?\s*[-/]?\s*{_YEAR}\b"),
        ("S", rf"\b{_YEAR}\s*[-/ ]\s*(?:semester|smt|s)\s*{_NUM}\b"),
        ("M", rf"\b(?P<month>{_MONTH_NAMES})\.?\s*[-/]?\s*(?:tahun\s*)?{_YEAR}\b"),
        ("N", rf"(?<![0-9])(?P<m>0?[1-9]|1[0-2])\s*[-/.]\s*{_YEAR}\b"),
        ("N", rf"\b{_YEAR}\s*[-/.]\s*(?P<m>0[1-9]|1[0-2])(?![0-9])"),
        ("Y", rf"\b(?:tahun|thn|th\.?)?\s*{_YEAR}\b"),
    ]
]  # fmt: skip


# Labels without a year ("TW I" as a sheet's name), completed with a year found elsewhere.
_PARTIAL: list[tuple[str, re.Pattern]] = [
    (kind, re.compile(pattern))
    for kind, pattern in [
        ("R", _RANGE),
        ("Q", rf"\b(?:triwulan|trw|tw|kuartal|q)\s*[-.]?\s*{_NUM}\b"),
        ("S", rf"\b(?:semester|smt|sem)\s*[-.]?\s*{_NUM}\b"),
    ]
]


def _canonical(kind: str, match: re.Match, year: str | None = None) -> str | None:
    year = year or match["year"]
    if kind == "R":
        months = (_MONTHS[match["m1"]], _MONTHS[match["m2"]])
        return None if months not in _RANGES else year + _RANGES[months]
    if kind in ("Q", "S"):
        n = _ROMAN[match["n"]]
        if kind == "S" and n > 2:
            return None
        return f"{year}-{kind}{n}"
    if kind == "M":
        return f"{year}-{_MONTHS[match['month']]:02d}"
    if kind == "N":
        return f"{year}-{int(match['m']):02d}"
    return year


def _search(text: object) -> tuple[str, str] | None:
    """(canonical period, text left after removing the label) for the first label in ``text``."""
    lowered = " ".join(str(text).lower().replace("_", " ").split())
    for kind, pattern in _LABELS:
        match = pattern.search(lowered)
        if match and kind == "R" and _canonical(kind, match) is None:
            return None  # "Jan-Feb 2025" is no reporting period, and not February either
        if match and (found := _canonical(kind, match)):
            return found, lowered[: match.start()] + " " + lowered[match.end() :]
    return None


def find_period(text: object, year: int | str | None = None) -> str | None:
    """The first period label found anywhere in ``text`` (e.g. a title row), canonical, or None.

    Understands ``Triwulan II 2024``, ``TW 2 2024``, ``Q2-2024``, ``Semester I Tahun 2024``,
    ``Agustus 2024``, ``Agt 2024``, ``08/2024``, ``2024-08``, month ranges (``Jan–Mar 2025`` a
    quarter, ``Jan-Jun 2025`` a semester) and a bare year; more specific labels win over a bare
    year. A quarter, semester or month range written without a year (``TW I``, a sheet's name)
    takes the bare year found in ``text``, else ``year`` (found elsewhere in the file).
    """
    found = _search(text)
    if found and not is_year(found[0]):
        return found[0]
    known = found[0] if found else (str(year) if year else None)
    if known is None:
        return None
    lowered = " ".join(str(text).lower().replace("_", " ").split())
    for kind, pattern in _PARTIAL:
        match = pattern.search(lowered)
        if match and (partial := _canonical(kind, match, known)):
            return partial
    return found[0] if found else None


def is_year(text: str) -> bool:
    """True when ``text`` is a canonical whole-year period (``2024``)."""
    return bool(re.fullmatch(r"[0-9]{4}", str(text)))


def title_period(title: str, sheet: str | None, year: str | None = None) -> str | None:
    """The period a sheet's title rows or name give: a quarter, semester or month over a bare
    year; a label without a year (a sheet named "TW I") takes the year of the title, else
    ``year`` (found elsewhere in the file)."""
    texts = [title, sheet or ""]
    bare = next((p for t in texts if (p := find_period(t)) and is_year(p)), None)
    for text in texts:
        found = find_period(text, bare or year)
        if found and not is_year(found):
            return found
    return bare


_FILLER = re.compile(r"\b(periode|bulan|tahun|thn|th|pelaporan|laporan)\b|[\s:.,()-]")


def normalise_period(value: object) -> str | None:
    """A period cell as canonical string, or None when the cell is not just a period label.

    Canonical strings pass unchanged; dates (e.g. Excel date cells) become their month; a label
    must be the whole cell apart from words like "periode" (``Triwulan II 2024`` yes,
    ``Rekap 2024 Kel. Sukamaju`` no).
    """
    if isinstance(value, date):
        return f"{value.year}-{value.month:02d}"
    text = str(value).strip()
    if is_period(text):
        return text
    if re.fullmatch(r"(?:19|20)[0-9]{2}\.0", text):  # a year read as a number from Excel
        return text[:4]
    found = _search(text)
    if found is None or _FILLER.sub("", found[1]):
        return None
    return found[0]
