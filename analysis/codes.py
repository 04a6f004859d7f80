"""Integer codes for the values and rows of a table: equal values, equal codes.

Columns of a large file repeat few distinct values (31 kelurahan, a few dozen indicators and
periods): working on their codes turns matching, duplicate checks and joins into integer work.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def distinct(series: pd.Series) -> tuple[np.ndarray, list]:
    """``(codes, values)`` with ``series[i] == values[codes[i]]``; the last value is ``None``
    and stands for missing cells."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        if len(series.cat.categories) > len(series):  # a slice of a long column: fewer values
            series = series.cat.remove_unused_categories()
        codes, uniques = series.cat.codes.to_numpy(), series.cat.categories
    else:
        codes, uniques = pd.factorize(series, use_na_sentinel=True)
    values = [*np.asarray(uniques, dtype=object), None]
    out = codes.astype(np.min_scalar_type(len(values)))  # small codes: less memory to touch
    missing = codes < 0
    if missing.any():
        out[missing] = len(values) - 1
    return out, values


def group_ids(keys: pd.DataFrame) -> np.ndarray:
    """One integer per row of ``keys``, equal exactly for equal rows (dense: 0, 1, …)."""
    parts = [distinct(keys[c]) for c in keys.columns]
    return combine([c for c, _ in parts], [len(v) for _, v in parts])


def has_duplicates(keys: pd.DataFrame) -> bool:
    """Whether two rows of ``keys`` are equal."""
    ids = group_ids(keys)
    return bool(len(ids)) and int(ids.max()) + 1 < len(ids)


def combine(codes: list[np.ndarray], sizes: list[int]) -> np.ndarray:
    """Dense group numbers (0, 1, …) of the rows of several code columns (``0 ≤ codes[j] <
    sizes[j]``): each row's codes combined in one integer (mixed radix), then numbered in the
    order of the codes (lexicographic: first column first)."""
    if np.prod([float(n) for n in sizes]) >= 2**62:  # would overflow: let pandas group
        frame = pd.DataFrame(dict(enumerate(codes)))
        return frame.groupby(list(frame.columns), sort=True).ngroup().to_numpy()
    combined = np.zeros(len(codes[0]), dtype=np.int64)
    for c, n in zip(codes, sizes, strict=True):
        combined = combined * n + c
    size = int(np.prod(sizes))
    if size > max(16 * len(combined), 1 << 20):
        return pd.factorize(combined, sort=True)[0]
    present = np.zeros(size, dtype=bool)  # few possible combinations: mark them, no hashing
    present[combined] = True
    return (np.cumsum(present, dtype=np.int32) - 1)[combined]


def as_categories(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """``frame`` with ``columns`` as categoricals of sorted categories: each later grouping,
    matching or filtering on them works on integer codes (a loader does this once)."""
    return frame.assign(**{c: _sorted_categorical(frame[c]) for c in columns})


def _sorted_categorical(column: pd.Series) -> pd.Categorical:
    codes, uniques = pd.factorize(column, sort=True)
    return pd.Categorical.from_codes(codes, pd.Index(uniques))
