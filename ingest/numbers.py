"""Numbers as written in Indonesian spreadsheets and exports: ``1.234,5``, ``85%``, ``85,0``."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analysis.codes import distinct

_THOUSANDS_DOT = re.compile(r"^[+-]?[1-9][0-9]{0,2}(\.[0-9]{3})+$")
_THOUSANDS_COMMA_DOT = re.compile(r"^[+-]?[1-9][0-9]{0,2}(,[0-9]{3})+\.[0-9]+$")
_PLAIN = re.compile(r"^[+-]?([0-9]+([.,][0-9]*)?|[.,][0-9]+)$")


def parse_number(text: str) -> float | None:
    """One cell as a number, or None when it is not one.

    Indonesian convention first: ``1.234,5`` → 1234.5, ``85,0`` → 85.0, ``1.234`` → 1234 (a dot
    followed by groups of three digits is a thousands separator); ``1,234.5`` (English) is also
    understood when both separators appear. Spaces, also non-breaking ones, are thousand
    separators (``1 234``). A trailing ``%`` is dropped (the caller records it).
    """
    t = re.sub(r"[\s\u00a0\u202f]", "", text).removesuffix("%")
    if not t:
        return None
    if _THOUSANDS_DOT.match(t):
        t = t.replace(".", "")
    elif _THOUSANDS_COMMA_DOT.match(t):
        t = t.replace(",", "")
    elif "," in t and "." in t:
        if t.rfind(",") < t.rfind("."):
            return None
        t = t.replace(".", "").replace(",", ".")
        return float(t) if _PLAIN.match(t) else None
    if not _PLAIN.match(t):
        return None
    return float(t.replace(",", "."))


def parse_numbers(cells: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series, pd.Series]:
    """Parse a column of cells (strings, or numbers from Excel), once per distinct cell.

    Returns ``(values, bad, percent, empty)``: floats (NaN where empty or not a number), a mask
    of non-empty cells that are not numbers, a mask of cells written with ``%``, and a mask of
    empty cells (blank, ``-``, ``–`` or ``—``).
    """
    codes, distinct_cells = distinct(cells)
    parts = _parse_distinct(pd.Series(distinct_cells, dtype=object))
    values, bad, percent, empty = (pd.Series(p[codes], index=cells.index) for p in parts)
    return values, bad, percent, empty


def _parse_distinct(cells: pd.Series) -> tuple[np.ndarray, ...]:
    written = cells.map(lambda v: isinstance(v, str)).astype(bool)  # Excel numbers need no reading
    text = cells.astype(str).str.strip()
    empty = cells.isna() | text.isin(["", "-", "–", "—", "nan", "None", "<NA>"])
    numeric = pd.to_numeric(cells.where(~empty), errors="coerce")
    percent = written & text.str.endswith("%") & ~empty
    # "1.234" is one thousand two hundred thirty-four in Indonesian, not 1.234.
    dotted = written & text.str.match(_THOUSANDS_DOT.pattern)
    todo = (numeric.isna() | dotted) & ~empty
    numeric = numeric.astype(float)
    numeric[todo] = [np.nan if (v := parse_number(t)) is None else v for t in text[todo]]
    values = np.where(empty, np.nan, numeric.astype(float))
    empty = empty.to_numpy()
    return values, np.isnan(values) & ~empty, percent.to_numpy(), empty
