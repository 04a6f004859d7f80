"""Unit tests of analysis.coverage: Σnumerator ÷ Σdenominator, gap to target, targets attached."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import schema as s
from analysis.coverage import aggregate_ratio, attach_targets, gap_to_target

NAN = np.nan
HIGH, LOW = s.ARAH_TINGGI_BAIK, s.ARAH_RENDAH_BAIK


def values_frame(rows: list[tuple]) -> pd.DataFrame:
    """A values frame from (kode_wilayah, kode_indikator, periode, pembilang, penyebut) tuples."""
    cols = [s.KODE_WILAYAH, s.KODE_INDIKATOR, s.PERIODE, s.PEMBILANG, s.PENYEBUT]
    return pd.DataFrame(rows, columns=cols)


def catalogue_frame() -> pd.DataFrame:
    """A small indicator catalogue: two higher-is-better, one lower-is-better, one untargeted."""
    return pd.DataFrame(
        {
            s.KODE: ["SPE01", "SPE02", "SEN02", "SEN09"],
            s.NAMA: ["KEK dapat PMT", "TTD ibu hamil", "KTD", "PBI JKN"],
            s.KELOMPOK: ["spesifik", "spesifik", "sensitif", "sensitif"],
            s.ARAH: [HIGH, HIGH, LOW, HIGH],
            s.TARGET: [90.0, 80.0, 15.5, NAN],
            s.SUMBER_DATA: ["LAPRUT", "LAPRUT", "PK_BKKBN", "LAPRUT"],
        }
    )


def test_aggregate_ratio_is_sum_over_sum_not_mean_of_percentages():
    """10/100 and 90/300 give 100/400 = 25 %, not the 20 % mean of 10 % and 30 %."""
    values = values_frame(
        [
            ("A", "SPE01", "2024-Q1", 10.0, 100.0),
            ("B", "SPE01", "2024-Q1", 90.0, 300.0),
            ("C", "SPE01", "2024-Q1", NAN, 50.0),
        ]
    )
    expected = pd.DataFrame(
        {
            s.KODE_INDIKATOR: ["SPE01"],
            s.PEMBILANG: [100.0],
            s.PENYEBUT: [400.0],
            "n_baris": [2],
            s.CAKUPAN: [25.0],
        }
    )
    pd.testing.assert_frame_equal(aggregate_ratio(values, [s.KODE_INDIKATOR]), expected)


def test_aggregate_ratio_ignores_rows_missing_either_count_and_zero_denominator_is_nan():
    """Rows lacking a count are skipped; a group whose denominators sum to 0 gets NaN."""
    values = values_frame(
        [
            ("A", "SPE01", "2024-Q1", 3.0, 12.0),
            ("B", "SPE01", "2024-Q1", 5.0, NAN),
            ("A", "SPE02", "2024-Q1", 0.0, 0.0),
            ("B", "SPE02", "2024-Q1", 7.0, NAN),
            ("A", "SEN02", "2024-Q1", NAN, NAN),
        ]
    )
    expected = pd.DataFrame(
        {
            s.KODE_INDIKATOR: ["SPE01", "SPE02"],
            s.PEMBILANG: [3.0, 0.0],
            s.PENYEBUT: [12.0, 0.0],
            "n_baris": [1, 1],
            s.CAKUPAN: [25.0, NAN],
        }
    )
    pd.testing.assert_frame_equal(aggregate_ratio(values, [s.KODE_INDIKATOR]), expected)


def test_aggregate_ratio_groups_by_several_columns_sorted():
    """Groups over two keys come back sorted by those keys with their own sums."""
    values = values_frame(
        [
            ("B", "SPE01", "2024-Q2", 1.0, 4.0),
            ("A", "SPE01", "2024-Q2", 3.0, 4.0),
            ("A", "SPE01", "2024-Q1", 1.0, 8.0),
            ("A", "SPE01", "2024-Q1", 1.0, 8.0),
        ]
    )
    expected = pd.DataFrame(
        {
            s.KODE_WILAYAH: ["A", "A", "B"],
            s.PERIODE: ["2024-Q1", "2024-Q2", "2024-Q2"],
            s.PEMBILANG: [2.0, 3.0, 1.0],
            s.PENYEBUT: [16.0, 4.0, 4.0],
            "n_baris": [2, 1, 1],
            s.CAKUPAN: [12.5, 75.0, 25.0],
        }
    )
    result = aggregate_ratio(values, [s.KODE_WILAYAH, s.PERIODE])
    pd.testing.assert_frame_equal(result, expected)


def test_aggregate_ratio_does_not_mutate_input():
    """The input frame is left unchanged."""
    values = values_frame([("A", "SPE01", "2024", 1.0, NAN), ("B", "SPE01", "2024", 1.0, 2.0)])
    before = values.copy()
    aggregate_ratio(values, [s.KODE_INDIKATOR])
    pd.testing.assert_frame_equal(values, before)


def test_gap_to_target_sign_follows_direction():
    """Positive gap means better than target: value − target when higher is better, else
    target − value; missing value or target gives NaN."""
    value = pd.Series([80.0, 95.0, 20.0, 10.0, NAN, 50.0])
    target = pd.Series([90.0, 90.0, 15.5, 15.5, 90.0, NAN])
    direction = pd.Series([HIGH, HIGH, LOW, LOW, HIGH, LOW])
    expected = pd.Series([-10.0, 5.0, -4.5, 5.5, NAN, NAN])
    pd.testing.assert_series_equal(gap_to_target(value, target, direction), expected)


def test_attach_targets_adds_target_gap_and_tercapai():
    """Reached, missed, exactly-on-target, lower-is-better, no target and no coverage rows."""
    coverage = pd.DataFrame(
        {
            s.KODE_INDIKATOR: ["SPE01", "SPE02", "SEN02", "SEN09", "SPE01", "XXX99"],
            s.PERIODE: ["2024-Q1", "2024-Q1", "2024-Q1", "2024-Q1", "2024-Q2", "2024-Q1"],
            s.CAKUPAN: [90.0, 75.0, 12.0, 60.0, NAN, 50.0],
        }
    )
    expected = coverage.assign(
        **{
            s.NAMA: ["KEK dapat PMT", "TTD ibu hamil", "KTD", "PBI JKN", "KEK dapat PMT", NAN],
            s.KELOMPOK: ["spesifik", "spesifik", "sensitif", "sensitif", "spesifik", NAN],
            s.ARAH: [HIGH, HIGH, LOW, HIGH, HIGH, NAN],
            s.TARGET: [90.0, 80.0, 15.5, NAN, 90.0, NAN],
            # 90 − 90 = 0; 75 − 80 = −5; 15.5 − 12 = 3.5 (lower is better); no target / no value.
            s.SELISIH_TARGET: [0.0, -5.0, 3.5, NAN, NAN, NAN],
            s.TERCAPAI: pd.array([True, False, True, pd.NA, pd.NA, pd.NA], dtype="boolean"),
        }
    )
    pd.testing.assert_frame_equal(attach_targets(coverage, catalogue_frame()), expected)


def test_attach_targets_rejects_duplicate_catalogue_codes():
    """A catalogue listing one code twice is refused instead of duplicating coverage rows."""
    catalogue = pd.concat([catalogue_frame(), catalogue_frame().iloc[[0]]], ignore_index=True)
    coverage = pd.DataFrame({s.KODE_INDIKATOR: ["SPE01"], s.CAKUPAN: [91.0]})
    with pytest.raises(pd.errors.MergeError, match="many-to-one"):
        attach_targets(coverage, catalogue)


def test_coverage_exactly_on_target_counts_as_reached():
    """58 of 100 remaja putri against the 58 % Perpres target is reached."""
    values = values_frame([("A", "SPE02", "2024", 58.0, 100.0)])
    catalogue = catalogue_frame().assign(**{s.TARGET: [90.0, 58.0, 15.5, NAN]})
    result = attach_targets(aggregate_ratio(values, [s.KODE_INDIKATOR]), catalogue)
    assert bool(result.loc[0, s.TERCAPAI]) is True
