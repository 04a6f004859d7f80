"""Small helpers on cells and columns shared by the import checks.

Text is kept as ``Categorical`` and every per-value computation runs once per distinct value,
then is broadcast back by its codes (``analysis.codes``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals

from analysis.codes import combine, distinct
from ingest.layout_report import column_letter
from ingest.layout_types import Layout


def column_label(header: str, col: int) -> str:
    """A column as the user sees it: its header and Excel letter, ``SPE02 pembilang (D)``."""
    return f"{header or '(tanpa judul)'} ({column_letter(col)})"


def label(layout: Layout, col: int) -> str:
    return column_label(layout.labels[col], col)


def row_text(frame: pd.DataFrame) -> pd.Series:
    """The non-empty cells of each row joined with spaces (what the user sees on that row)."""
    if frame.empty:
        return pd.Series("", index=frame.index, dtype=object)
    columns = [frame[c].astype(str).astype(object) for c in frame.columns]
    return columns[0].str.cat(columns[1:], sep=" ").str.split().str.join(" ")


def concat_categorical(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """``frames`` one below the other (a new index); a column categorical in all of them stays
    categorical, over the union of their categories."""
    if len(frames) == 1:
        return frames[0].reset_index(drop=True)
    columns = {}
    for c in frames[0].columns:
        parts = [f[c] for f in frames]
        if all(isinstance(p.dtype, pd.CategoricalDtype) for p in parts):
            if len({p.cat.categories.dtype for p in parts}) > 1:  # e.g. str and empty (object)
                parts = [p.cat.set_categories(p.cat.categories.astype(object)) for p in parts]
            columns[c] = pd.Series(union_categoricals(parts, ignore_order=True))
        else:
            columns[c] = pd.concat(parts, ignore_index=True)
    return pd.DataFrame(columns)


def constant(label: str, n: int) -> pd.Categorical:
    """The same text for every record, stored once (a column label used in messages)."""
    return pd.Categorical.from_codes(np.zeros(n, dtype=np.int8), categories=[label])


def categorical(results: list, codes: np.ndarray, index: pd.Index) -> pd.Series:
    """``results[codes]`` as a categorical Series (``None`` results are missing)."""
    result_codes, categories = pd.factorize(np.asarray(results, dtype=object), use_na_sentinel=True)
    small = result_codes.astype(np.int8 if len(categories) < 127 else np.int32)
    cat = pd.Categorical.from_codes(small[codes], categories, validate=False)
    return pd.Series(cat, index=index, copy=False)


def cell_text(series: pd.Series) -> pd.Series:
    """Cells as stripped text (categorical; missing cells are ``""``)."""
    codes, values = distinct(series)
    return categorical(["" if v is None else str(v).strip() for v in values], codes, series.index)


def map_values(series: pd.Series, mapping) -> pd.Series:
    """``series`` mapped through a dict or Series, once per distinct value (``None`` when absent)."""
    codes, values = distinct(series)
    get = mapping.get
    results = [None if v is None else get(v) for v in values]
    return categorical([None if pd.isna(r) else r for r in results], codes, series.index)


def map_unique(keys: pd.DataFrame, fn, columns: list[str] | None = None):
    """Apply ``fn(*row)`` once per distinct row of ``keys``, aligned back to ``keys``.

    Returns a categorical Series of results, or a frame with ``columns`` when ``fn`` returns
    tuples.
    """
    parts = [distinct(keys[c]) for c in keys.columns]
    if len(parts) == 1:
        group, values = parts[0]
        used = np.bincount(group, minlength=len(values)) > 0  # categories may be unused
        rows = [(v,) if u else None for v, u in zip(values, used, strict=True)]
    else:
        group = combine([c for c, _ in parts], [len(v) for _, v in parts])
        first = np.zeros(group.max() + 1 if len(group) else 0, dtype=np.int64)
        first[group[::-1]] = np.arange(len(group))[::-1]  # the first row of every group
        rows = [tuple(v[c[i]] for c, v in parts) for i in first]
    results = [None if row is None else fn(*row) for row in rows]
    if not columns:
        return categorical(results, group, keys.index)
    return pd.DataFrame(
        {
            name: categorical([None if r is None else r[j] for r in results], group, keys.index)
            for j, name in enumerate(columns)
        }
    )
