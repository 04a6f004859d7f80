"""Indonesian number, period and date formatting (decimal comma, thousands dot), done in Python."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from analysis.periods import parse_period
from text.clock import to_wib

MISSING = "–"
BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
ROMAN = ("I", "II", "III", "IV")


def _missing(x: object) -> bool:
    return x is None or bool(pd.isna(x))


def _rounded(x: float, decimals: int) -> Decimal:
    """Half-up rounding of the number as written (12.25 → 12.3), never a negative zero."""
    value = Decimal(repr(float(x))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return value if value != 0 else abs(value)


def fmt_number(x: float | None, decimals: int = 0) -> str:
    """``1234.5`` → ``1.234,5`` (with ``decimals`` digits after the comma)."""
    if _missing(x):
        return MISSING
    text = f"{_rounded(x, decimals):,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def fmt_percent(x: float | None, decimals: int = 1) -> str:
    """``18.456`` → ``18,5%``."""
    return MISSING if _missing(x) else f"{fmt_number(x, decimals)}%"


def _exact_decimals(x: float, at_most: int = 2) -> int:
    """The fewest decimals (up to ``at_most``) that write ``x`` exactly: 15.5 → 1, 90.0 → 0."""
    for decimals in range(at_most + 1):
        if _rounded(x, decimals) == Decimal(repr(float(x))):
            return decimals
    return at_most


PERCENT_ONLY = "hanya persen"  # a percentage stored without pembilang/penyebut


def target_sign(arah: str | None) -> str:
    """``≥`` for a higher-is-better target (``tinggi_baik``), ``≤`` for a lower-is-better one
    (``rendah_baik``), else empty."""
    return {"rendah_baik": "≤", "tinggi_baik": "≥"}.get(arah or "", "")


def fmt_target(target: float | None, arah: str | None = None) -> str:
    """A target with its direction and exact value: ``(15.5, "rendah_baik")`` → ``≤ 15,5%``,
    ``(90, "tinggi_baik")`` → ``≥ 90%`` (no direction known: the value alone)."""
    if _missing(target):
        return MISSING
    sign = target_sign(arah)
    return f"{sign} {fmt_percent(target, _exact_decimals(target))}".lstrip()


def fmt_against(value: float | None, target: float | None, decimals: int = 1) -> str:
    """A percentage labelled next to its target: ``decimals`` digits, more (up to 3) when that
    rounding would put a value below or above the target onto it or across it, so the label
    never contradicts the status (79.96 vs 80 → ``79,96%``, not ``80,0%``)."""
    if _missing(value) or _missing(target):
        return fmt_percent(value, decimals)
    value, target = float(value), float(target)
    side = (value > target) - (value < target)
    for d in range(decimals, 4):
        shown = float(_rounded(value, d))
        if (shown > target) - (shown < target) == side:
            return fmt_percent(value, d)
    return fmt_percent(value, 3)


def fmt_change(x: float | None, decimals: int = 1, unit: str = " poin") -> str:
    """Signed change: ``-1.23`` → ``-1,2 poin``; ``0.4`` → ``+0,4 poin``."""
    if _missing(x):
        return MISSING
    sign = "+" if _rounded(x, decimals) > 0 else ""
    return f"{sign}{fmt_number(x, decimals)}{unit}"


def shown_change(before: float, after: float, decimals: int = 1) -> float:
    """``after − before`` as the two figures are shown (each rounded to ``decimals``)."""
    return float(_rounded(after, decimals) - _rounded(before, decimals))


def fmt_change_between(
    before: float | None, after: float | None, decimals: int = 1, unit: str = " poin"
) -> str:
    """The change between two percentages shown with ``decimals`` digits, taken from the shown
    figures so that they subtract to it: 13,16 → 7,83 is ``-5,4 poin`` beside ``13,2%`` and
    ``7,8%`` (not the exact -5,33 rounded to ``-5,3``)."""
    if _missing(before) or _missing(after):
        return MISSING
    return fmt_change(shown_change(before, after, decimals), decimals, unit)


def fmt_period(text: str, short: bool = False) -> str:
    """``2025-Q4`` → ``Triwulan IV 2025`` (``TW IV 2025`` when short), ``2024-08`` → ``Agustus 2024``."""
    p = parse_period(text)
    if p.kind == "triwulan":
        return f"{'TW' if short else 'Triwulan'} {ROMAN[p.number - 1]} {p.year}"
    if p.kind == "semester":
        return f"{'Sem' if short else 'Semester'} {ROMAN[p.number - 1]} {p.year}"
    if p.kind == "bulan":
        name = BULAN[p.number - 1]
        return f"{name[:3] if short else name} {p.year}"
    return f"Tahun {p.year}" if not short else str(p.year)


def fmt_date(d: date | None) -> str:
    """``date(2022, 7, 20)`` → ``20 Juli 2022``."""
    if d is None:
        return MISSING
    return f"{d.day} {BULAN[d.month - 1]} {d.year}"


def fmt_datetime(ts: datetime | None) -> str:
    """A stored UTC time in Jakarta time: ``27 November 2026 05.32 WIB`` (``text.clock.to_wib``)."""
    if ts is None or _missing(ts):
        return MISSING
    local = to_wib(ts)
    return f"{fmt_date(local.date())} {local:%H.%M} WIB"


def fmt_amount(x: float | None) -> str:
    """A count as written: whole numbers without decimals, others with up to 2 (``1.234,5``)."""
    if _missing(x):
        return MISSING
    text = fmt_number(x, 2)
    return text.rstrip("0").rstrip(",") if "," in text else text


def fmt_rupiah(x: float | None) -> str:
    """Rupiah in full, whole rupiah: ``1234567890`` → ``Rp1.234.567.890``."""
    return MISSING if _missing(x) else f"Rp{fmt_number(x, 0)}"


# Indonesian short scales: juta (10⁶), miliar (10⁹), triliun (10¹²).
_RUPIAH_SCALES = ((1e12, "T"), (1e9, "M"), (1e6, "jt"))


def fmt_rupiah_short(x: float | None) -> str:
    """Rupiah for cards and chart labels: ``1.23e9`` → ``Rp1,2 M``, ``3.5e8`` → ``Rp350 jt``,
    ``2e12`` → ``Rp2 T``; below a million in full (``Rp750.000``)."""
    if _missing(x):
        return MISSING
    for size, unit in _RUPIAH_SCALES:
        scaled = _rounded(abs(float(x)) / size, 1)
        if scaled >= 1:
            text = fmt_number(float(scaled), 1).removesuffix(",0")
            return f"{'-' if x < 0 else ''}Rp{text} {unit}"
    return fmt_rupiah(x)


_MARKDOWN = str.maketrans({c: "\\" + c for c in "\\`*_{}[]()<>#+-.!|~$:@"})


def md_text(value: object) -> str:
    """Text from users or identity providers, shown literally inside Streamlit markdown (no links,
    images or emphasis can be injected)."""
    return str(value).translate(_MARKDOWN)


def join_names(names: Sequence[str]) -> str:
    """``a``; ``a dan b``; ``a, b dan c``."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} dan {names[-1]}"


def join_some(names: Sequence[str], at_most: int) -> str:
    """``join_names`` of at most ``at_most`` names; more end in "dan N lainnya" (a slide of a
    kabupaten with 852 desa names the first few, the Excel tables hold the rest)."""
    names = list(names)
    if len(names) <= at_most:
        return join_names(names)
    return f"{', '.join(names[:at_most])} dan {len(names) - at_most} lainnya"


def list_some(names: Sequence[str], at_most: int) -> str:
    """A page's list ``a, b, c`` of up to ``at_most`` names (a city's, in full as ever); a longer
    one the first ``at_most`` and "dan N lainnya" (852 desa would fill the page)."""
    names = list(names)
    return ", ".join(names) if len(names) <= at_most else join_some(names, at_most)
