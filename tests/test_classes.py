"""Class breaks of the map legend, checked by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.classes import assign_classes, class_edges

VALUES = pd.Series([10.0, 20.0, 30.0, 40.0, 50.0, np.nan])


def test_equal_intervals():
    assert class_edges(VALUES, "interval sama", k=4) == [10.0, 20.0, 30.0, 40.0, 50.0]


def test_quantiles_split_counts():
    edges = class_edges(VALUES, "kuantil", k=2)
    assert edges == [10.0, 30.0, 50.0]
    assert assign_classes(VALUES, edges).tolist() == [0, 0, 1, 1, 1, -1]


def test_target_classes_follow_the_status():
    """Target 80, 10-point band: [min, 70) belum, [70, 80) mendekati, [80, max] tercapai."""
    values = pd.Series([65.0, 75.0, 80.0, 95.0])
    edges = class_edges(values, "target", target=80.0, arah="tinggi_baik")
    assert edges == [65.0, 70.0, 80.0, 95.0]
    assert assign_classes(values, edges).tolist() == [0, 1, 2, 2]
    low = class_edges(pd.Series([5.0, 20.0]), "target", target=14.0, arah="rendah_baik")
    assert low == [5.0, 14.0, 24.0]  # ≤ 14 reached, up to 24 mendekati


def test_missing_and_constant_values():
    assert class_edges(pd.Series([np.nan]), "kuantil") == []
    assert class_edges(pd.Series([7.0, 7.0]), "interval sama", k=3) == [7.0]
    assert assign_classes(pd.Series([7.0, np.nan]), [7.0]).tolist() == [0, -1]
    with pytest.raises(ValueError, match="tidak punya target"):
        class_edges(VALUES, "target", target=None)
