"""Integer codes of values and rows (analysis/codes.py), checked by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.codes import combine, distinct, group_ids, has_duplicates


def test_distinct_gives_codes_and_values_with_missing_last():
    codes, values = distinct(pd.Series(["b", None, "a", "b"], dtype=object))
    assert values == ["b", "a", None]
    assert codes.tolist() == [0, 2, 1, 0]
    codes, values = distinct(pd.Series(pd.Categorical(["x", None, "x"], categories=["y", "x"])))
    assert values == ["y", "x", None] and codes.tolist() == [1, 2, 1]


def test_group_ids_are_dense_and_equal_only_for_equal_rows():
    keys = pd.DataFrame(
        {
            "kode": pd.Categorical(["a", "b", "a", None, "a"]),
            "periode": ["2024", "2024", "2024", "2024", "2025"],
        }
    )
    ids = group_ids(keys)
    assert ids[0] == ids[2]
    assert len({ids[0], ids[1], ids[3], ids[4]}) == 4
    assert sorted(set(ids.tolist())) == [0, 1, 2, 3]
    assert has_duplicates(keys)
    assert not has_duplicates(keys.drop(index=2))
    assert not has_duplicates(keys.iloc[:0])


def test_combine_falls_back_to_grouping_when_codes_would_overflow():
    codes = [np.array([0, 1, 0, 1]), np.array([5, 5, 5, 6])]
    small = combine(codes, [2, 7])
    huge = combine(codes, [2**40, 2**40])  # mixed radix would exceed int64
    # 0·7+5 = 5, 1·7+5 = 12, 5, 1·7+6 = 13: three combinations, numbered in order
    assert small.tolist() == [0, 1, 0, 2]
    assert huge.tolist() == [0, 1, 0, 2]


def test_as_categories_keeps_values_and_sorts_categories():
    from analysis.codes import as_categories

    frame = pd.DataFrame({"k": ["b", "a", None, "b"], "x": [1, 2, 3, 4]})
    out = as_categories(frame, ["k"])
    assert list(out["k"].cat.categories) == ["a", "b"]
    assert out["k"].tolist()[:2] == ["b", "a"] and pd.isna(out["k"].iloc[2])
    assert not isinstance(frame["k"].dtype, pd.CategoricalDtype)  # the input is not changed
