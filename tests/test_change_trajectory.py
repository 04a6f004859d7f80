"""Changes that mean something (analysis.change) and the trajectory toward a target
(analysis.trajectory), against published and hand-computed figures."""

from __future__ import annotations

import math

import numpy as np
import pytest

from analysis.change import MEMBAIK, MEMBURUK, TIDAK_BERMAKNA, change_verdict, newcombe_difference
from analysis.trajectory import aarr, trajectory


def test_newcombe_interval_of_the_published_example():
    """Newcombe (1998), example 56/70 − 48/80: difference 0,2000, method 10 interval
    0,0524 to 0,3339."""
    d, lower, upper = newcombe_difference(48, 80, 56, 70)
    assert round(float(d), 4) == 0.2
    assert (round(float(lower), 4), round(float(upper), 4)) == (0.0524, 0.3339)


def test_a_large_change_in_a_small_kelurahan_is_not_called_a_change():
    """1 of 5 children stunted, then 3 of 5: 40 points up, but the interval spans zero."""
    d, lower, upper = newcombe_difference(1, 5, 3, 5)
    assert round(float(d), 2) == 0.4 and lower < 0 < upper
    assert change_verdict(1, 5, 3, 5, lower_is_better=True) == TIDAK_BERMAKNA


def test_a_significant_change_of_practical_size_is_one():
    """100/1,000 → 60/1,000 (−4 points, interval below zero) improves a prevalence and worsens
    a coverage; 2,000/10,000 → 2,150/10,000 is significant but 1,5 points: not a change."""
    assert change_verdict(100, 1000, 60, 1000, lower_is_better=True) == MEMBAIK
    assert change_verdict(100, 1000, 60, 1000, lower_is_better=False) == MEMBURUK
    _, lower, _ = newcombe_difference(2000, 10000, 2150, 10000)
    assert lower > 0
    assert change_verdict(2000, 10000, 2150, 10000, lower_is_better=True) == TIDAK_BERMAKNA


def test_verdicts_of_arrays_and_an_empty_denominator():
    """Element by element; no verdict where a round measured nobody."""
    got = change_verdict(np.array([100, 1, 5]), np.array([1000, 5, 0]),
                         np.array([60, 3, 5]), np.array([1000, 5, 10]), lower_is_better=True)  # fmt: skip
    assert got.tolist() == [MEMBAIK, TIDAK_BERMAKNA, ""]


def test_aarr_of_two_known_points():
    """30 % in 2022 to 24 % in 2025: 1 − 0,8^(1/3) = 7,17 % a year; a rise is negative."""
    assert aarr(30, 2022, 24, 2025) == pytest.approx(7.1682, abs=1e-4)
    assert aarr(20, 2022, 25, 2023) == pytest.approx(-25.0)
    with pytest.raises(ValueError, match="dua tahun"):
        aarr(20, 2025, 25, 2025)


def test_trajectory_off_course_and_the_year_the_trend_reaches_the_target():
    """From 24 % (2025) to 14 % by 2029 needs 1 − (14/24)^(1/4) = 12,61 % a year; at 7,17 % the
    target comes after ln(14/24)/ln(0,92832) = 7,25 years, in 2033."""
    path = trajectory(30, 2022, 24, 2025, target=14, target_year=2029)
    assert path.required == pytest.approx(12.6065, abs=1e-4)
    assert not path.on_course
    assert path.reached_in == 2033


def test_trajectory_on_course_met_and_rising():
    """Falling fast enough is on course; a met target is on course now; a rise never arrives."""
    fast = trajectory(30, 2022, 18, 2025, target=14, target_year=2029)  # AARR 15,66 % ≥ 6,09 %
    assert fast.on_course and fast.reached_in == 2027
    met = trajectory(20, 2022, 12, 2025, target=14, target_year=2029)
    assert met.on_course and met.reached_in == 2025 and met.required == 0.0
    rising = trajectory(20, 2022, 22, 2025, target=14, target_year=2029)
    assert not rising.on_course and rising.reached_in is None
    late = trajectory(30, 2022, 24, 2025, target=14, target_year=2025)
    assert math.isinf(late.required) and not late.on_course
