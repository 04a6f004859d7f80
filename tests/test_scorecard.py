"""Unit tests of analysis.scorecard: tingkat konvergensi from Y / T / TS counts (domain.md §4)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import schema as s
from analysis.scorecard import TOTAL, convergence_rate, indicator_convergence

NAN = np.nan
COLUMNS = [s.KODE_WILAYAH, s.KODE_INDIKATOR, s.KELOMPOK_SCORECARD, s.Y, s.T, s.TS]


def scores_frame() -> pd.DataFrame:
    """Scorecard counts of two kelurahan.

    Kelurahan A: 3 ibu hamil scored on 2 indicators, 2 anak scored on 3 indicators.
    Kelurahan B: 1 ibu hamil for whom both indicators are TS, 2 anak on 1 indicator.
    """
    rows = [
        ("A", "IH01", "ibu_hamil", 2, 1, 0),
        ("A", "IH02", "ibu_hamil", 1, 0, 2),
        ("A", "AN01", "anak_0_23", 2, 0, 0),
        ("A", "AN02", "anak_0_23", 1, 1, 0),
        ("A", "AN03", "anak_0_23", 0, 1, 1),
        ("B", "IH01", "ibu_hamil", 0, 0, 1),
        ("B", "IH02", "ibu_hamil", 0, 0, 1),
        ("B", "AN01", "anak_0_23", 1, 1, 0),
    ]
    return pd.DataFrame(rows, columns=COLUMNS)


def test_convergence_rate_per_group_and_total():
    """ΣY ÷ (indicators × targets − ΣTS) × 100 for ibu_hamil, anak_0_23 and total."""
    # A ibu hamil: ΣY = 2 + 1 = 3; 2 indicators × 3 ibu = 6; ΣTS = 2 → 3 ÷ (6 − 2) = 75 %.
    # A anak:      ΣY = 2 + 1 + 0 = 3; 3 indicators × 2 anak = 6; ΣTS = 1 → 3 ÷ 5 = 60 %.
    # A total:     ΣY = 6; 6 + 6 = 12 scores; ΣTS = 3 → 6 ÷ 9 = 66.67 %.
    # B ibu hamil: ΣY = 0; 2 × 1 = 2; ΣTS = 2 → 0 ÷ 0 → NaN (nothing applicable).
    # B anak:      ΣY = 1; 1 × 2 = 2; ΣTS = 0 → 1 ÷ 2 = 50 %.
    # B total:     ΣY = 1; 2 + 2 = 4; ΣTS = 2 → 1 ÷ 2 = 50 %.
    expected = pd.DataFrame(
        {
            s.KODE_WILAYAH: ["A", "A", "A", "B", "B", "B"],
            s.KELOMPOK_SCORECARD: ["anak_0_23", "ibu_hamil", TOTAL] * 2,
            s.Y: [3, 3, 6, 1, 0, 1],
            s.T: [2, 1, 3, 1, 0, 1],
            s.TS: [1, 2, 3, 0, 2, 2],
            s.TINGKAT_KONVERGENSI: [60.0, 75.0, 200 / 3, 50.0, NAN, 50.0],
        }
    )
    result = convergence_rate(scores_frame(), [s.KODE_WILAYAH])
    pd.testing.assert_frame_equal(result, expected)


def test_convergence_total_is_not_the_mean_of_the_groups():
    """The total pools the counts: A's 66.67 % differs from the mean (75 + 60) / 2 = 67.5 %."""
    result = convergence_rate(scores_frame(), [s.KODE_WILAYAH])
    total_a = result.loc[
        (result[s.KODE_WILAYAH] == "A") & (result[s.KELOMPOK_SCORECARD] == TOTAL),
        s.TINGKAT_KONVERGENSI,
    ].item()
    assert total_a == pytest.approx(66.6666667)
    assert total_a != pytest.approx(67.5)


def test_indicator_convergence_is_y_over_n_minus_ts():
    """Per indicator Y ÷ (N − TS) × 100 with N = Y + T + TS; all-TS indicators give NaN."""
    # IH01: 2 ÷ (3 − 0) = 66.67 %; IH02: 1 ÷ (3 − 2) = 100 %; AN03: 0 ÷ (2 − 1) = 0 %.
    expected = pd.DataFrame(
        {
            s.KODE_WILAYAH: ["A", "A", "A", "A", "A", "B", "B", "B"],
            s.KODE_INDIKATOR: ["AN01", "AN02", "AN03", "IH01", "IH02", "AN01", "IH01", "IH02"],
            s.Y: [2, 1, 0, 2, 1, 1, 0, 0],
            s.T: [0, 1, 1, 1, 0, 1, 0, 0],
            s.TS: [0, 0, 1, 0, 2, 0, 1, 1],
            s.TINGKAT_KONVERGENSI: [100.0, 50.0, 0.0, 200 / 3, 100.0, 50.0, NAN, NAN],
        }
    )
    result = indicator_convergence(scores_frame(), [s.KODE_WILAYAH])
    pd.testing.assert_frame_equal(result, expected)


def test_indicator_convergence_sums_over_the_whole_area_when_by_is_empty():
    """With no grouping columns the counts of all kelurahan are pooled per indicator."""
    # AN01: (2 + 1) ÷ (2 + 0 + 1 + 1) = 75 %; IH01: 2 ÷ (3 + 1 − 1) = 66.67 %;
    # IH02: 1 ÷ (3 + 1 − 3) = 100 %.
    result = indicator_convergence(scores_frame(), [])
    got = dict(zip(result[s.KODE_INDIKATOR], result[s.TINGKAT_KONVERGENSI], strict=True))
    assert got == pytest.approx(
        {"AN01": 75.0, "AN02": 50.0, "AN03": 0.0, "IH01": 200 / 3, "IH02": 100.0}
    )


def test_convergence_rate_all_ts_is_nan_not_zero():
    """A kelurahan where every score is TS has no rate (NaN), not 0 %."""
    scores = pd.DataFrame(
        [("C", "IH01", "ibu_hamil", 0, 0, 4), ("C", "AN01", "anak_0_23", 0, 0, 2)],
        columns=COLUMNS,
    )
    result = convergence_rate(scores, [s.KODE_WILAYAH])
    assert result[s.KELOMPOK_SCORECARD].tolist() == ["anak_0_23", "ibu_hamil", TOTAL]
    assert result[s.TINGKAT_KONVERGENSI].isna().all()


def test_convergence_rate_does_not_mutate_input():
    """The scores frame is left unchanged."""
    scores = scores_frame()
    convergence_rate(scores, [s.KODE_WILAYAH])
    pd.testing.assert_frame_equal(scores, scores_frame())


def test_convergence_rate_for_the_whole_area_when_by_is_empty():
    """With no grouping columns the rate is computed over all kelurahan together."""
    # anak: ΣY = 3 + 1 = 4 of (6 + 2) − 1 = 7 → 57.14 %; ibu: 3 of (6 + 2) − 4 = 4 → 75 %;
    # total: 7 of 16 − 5 = 11 → 63.64 %.
    result = convergence_rate(scores_frame(), [])
    assert result[s.TINGKAT_KONVERGENSI].tolist() == pytest.approx([400 / 7, 75.0, 700 / 11])
