"""Small helpers on cells and columns shared by the import checks."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ingest.layout import Layout, column_letter


def label(layout: Layout, col: int) -> str:
    """A column as the user sees it: its header and Excel letter, ``SPE02 pembilang (D)``."""
    name = layout.labels[col] or "(tanpa judul)"
    return f"{name} ({column_letter(col)})"


def row_text(frame: pd.DataFrame) -> pd.Series:
    """The non-empty cells of each row joined with spaces (what the user sees on that row)."""
    if frame.empty:
        return pd.Series("", index=frame.index, dtype=object)
    return frame.astype(str).agg(" ".join, axis=1).str.split().str.join(" ")


def constant(label: str, n: int) -> pd.Categorical:
    """The same text for every record, stored once (a column label used in messages)."""
    return pd.Categorical.from_codes(np.zeros(n, dtype=np.int8), categories=[label])


def cell_text(series: pd.Series) -> pd.Series:
    """Cells as stripped text."""
    return series.astype(str).str.strip()


def map_unique(keys: pd.DataFrame, fn, columns: list[str] | None = None):
    """Apply ``fn(*row)`` once per distinct row of ``keys``, aligned back to ``keys``.

    Returns a Series of results, or a frame with ``columns`` when ``fn`` returns tuples.
    """
    distinct = keys.drop_duplicates()
    results = [fn(*row) for row in distinct.itertuples(index=False)]
    names = columns or ["_r"]
    table = distinct.reset_index(drop=True).join(
        pd.DataFrame(results if columns else {"_r": results}, columns=names)
    )
    merged = keys.merge(table, on=list(keys.columns), how="left").set_index(keys.index)
    return merged[names] if columns else merged["_r"]
