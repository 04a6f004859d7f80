"""Measuring position contradicting age, counted by age group (analysis.measure_position)."""

from __future__ import annotations

import pandas as pd

from analysis.measure_position import position_by_age


def test_position_contradicting_age_by_age_group():
    """Hand count, months = floor(days / 30.4375):
    100 d → 3 mo H (standing < 9: yes); 270 d → 8.87 → 8 mo H (yes); 274 d → 9.002 → 9 mo H
    (no: 9 is not < 9); 150 d → 4 mo L (fine); 730 d → 23 mo L (fine: lying until day 730);
    731 d → 24 mo L (lying ≥ 24: yes); 1100 d → 36 mo "terlentang" (yes); 1500 d → 49 mo H,
    1600 d → 52 mo empty (fine); 1900 d (≥ 60 mo: not counted); 200 d → 6 mo "berdiri" (yes).
    0–5: n 2 (100, 150), standing 1; 6–11: n 3 (270, 274, 200), standing 2; 12–23: n 1;
    24–35: n 1, lying 1; 36–47: n 1, lying 1; 48–59: n 2; all: n 10, lying 2, standing 3."""
    records = pd.DataFrame(
        {
            "umur_hari": [100, 270, 274, 150, 730, 731, 1100, 1500, 1600, 1900, 200],
            "cara_ukur": ["H", "H", "H", "L", "L", "L", "terlentang", "H", None, "L", "berdiri"],
        }
    )
    expected = pd.DataFrame(
        {
            "kelompok": ["0–5", "6–11", "12–23", "24–35", "36–47", "48–59", "semua"],
            "n": [2, 3, 1, 1, 1, 2, 10],
            "berbaring_24": [0, 0, 0, 1, 1, 0, 2],
            "berdiri_9": [1, 2, 0, 0, 0, 0, 3],
        }
    )
    pd.testing.assert_frame_equal(position_by_age(records), expected)


def test_no_records_gives_zero_counts():
    """An empty month gives every group with zeros, not an error."""
    empty = pd.DataFrame({"umur_hari": pd.Series([], dtype="int64"), "cara_ukur": []})
    table = position_by_age(empty)
    assert len(table) == 7 and table[["n", "berbaring_24", "berdiri_9"]].to_numpy().sum() == 0
