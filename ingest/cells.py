"""Small helpers on cells and columns shared by the import checks.

Columns of a large file repeat few distinct values (31 kelurahan, a few dozen indicators and
periods), so text is kept as ``Categorical`` and every per-value computation runs once per
distinct value, then is broadcast back by its codes.
"""

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


def distinct(series: pd.Series) -> tuple[np.ndarray, list]:
    """``(codes, values)`` with ``series[i] == values[codes[i]]``; the last value is ``None``
    and stands for missing cells."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        codes, uniques = series.cat.codes.to_numpy(), series.cat.categories
    else:
        codes, uniques = pd.factorize(series, use_na_sentinel=True)
    values = [*np.asarray(uniques, dtype=object), None]
    return np.where(codes < 0, len(values) - 1, codes), values


def categorical(results: list, codes: np.ndarray, index: pd.Index) -> pd.Series:
    """``results[codes]`` as a categorical Series (``None`` results are missing)."""
    result_codes, categories = pd.factorize(np.asarray(results, dtype=object), use_na_sentinel=True)
    return pd.Series(pd.Categorical.from_codes(result_codes[codes], categories), index=index)


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


def group_ids(keys: pd.DataFrame) -> np.ndarray:
    """One integer per row of ``keys``, equal exactly for equal rows (dense: 0, 1, …)."""
    parts = [distinct(keys[c]) for c in keys.columns]
    return _combine([c for c, _ in parts], [len(v) for _, v in parts])


def _combine(codes: list[np.ndarray], sizes: list[int]) -> np.ndarray:
    """Dense group numbers (0, 1, …) of the rows of several code columns: each row's codes
    combined in one integer (mixed radix), then numbered."""
    if np.prod([float(n) for n in sizes]) >= 2**62:
        frame = pd.DataFrame(dict(enumerate(codes)))
        return frame.groupby(list(frame.columns), sort=False).ngroup().to_numpy()
    combined = np.zeros(len(codes[0]), dtype=np.int64)
    for c, n in zip(codes, sizes, strict=True):
        combined = combined * n + c
    size = int(np.prod(sizes))
    if size > max(16 * len(combined), 1 << 20):
        return pd.factorize(combined)[0]
    present = np.zeros(size, dtype=bool)  # few possible combinations: mark them, no hashing
    present[combined] = True
    return (np.cumsum(present, dtype=np.int32) - 1)[combined]


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
        group = _combine([c for c, _ in parts], [len(v) for _, v in parts])
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
