"""Tables as text the Indonesian way (``1.234,5``, ``–``), for the PDF's tables and any other
export that writes cells as text."""

from __future__ import annotations

import pandas as pd
from pandas.api.types import is_bool_dtype, is_numeric_dtype

from text.fmt import MISSING, fmt_amount, fmt_number


def display(frame: pd.DataFrame) -> pd.DataFrame:
    """A table as text the Indonesian way: ``1.234,5``, ``–`` for a missing value; a number
    column holding only whole numbers without decimals, any other with one decimal in every
    row (``84,6`` next to ``71,4`` and ``54,0``, never ``84,62`` next to ``54``)."""

    def cell(v: object, decimals: int | None) -> str:
        if v is None or (not isinstance(v, str) and pd.isna(v)):
            return MISSING
        if isinstance(v, bool):
            return "ya" if v else ""
        if isinstance(v, int | float):
            if decimals is None:  # a number in a text column: as written, up to 2 decimals
                return fmt_amount(v)
            return fmt_number(v, decimals)
        return str(v)

    def column(values: pd.Series) -> pd.Series:
        numbers = values.dropna()
        numeric = is_numeric_dtype(values) and not is_bool_dtype(values)
        decimals = (
            (1 if any(not float(v).is_integer() for v in numbers) else 0) if numeric else None
        )
        return values.astype(object).map(lambda v: cell(v, decimals))

    return frame.apply(column) if len(frame) else frame.astype(str)
