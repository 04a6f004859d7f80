"""The synthetic-data rule shared by the page badge and the presentation (analysis.synthetic)."""

from __future__ import annotations

import pandas as pd

from analysis.synthetic import synthetic_in


def frame(sintetis: list[bool], tahun: list[int] | None = None) -> pd.DataFrame:
    rows = {"sintetis": sintetis}
    return pd.DataFrame(rows if tahun is None else rows | {"tahun": tahun})


def test_demo_activities_of_the_year_are_synthetic_beside_uploaded_values():
    """Uploaded values, scorecard and aksi progress with a demo activity of 2025: 2025 shows
    synthetic data, 2024 (whose activity is uploaded) does not."""
    values, scorecard = frame([False, False]), frame([False])
    progress = frame([False, False], [2024, 2025])
    activities = frame([False, True], [2024, 2025])
    assert synthetic_in(values, scorecard, progress, activities, 2025)
    assert not synthetic_in(values, scorecard, progress, activities, 2024)


def test_demo_values_are_synthetic_in_every_year_and_progress_only_in_its_own():
    """A demo value shows in every year's trend; demo aksi progress only in its year."""
    no_rows = frame([], [])
    assert synthetic_in(frame([False, True]), frame([]), no_rows, no_rows, 2030)
    progress = frame([True], [2023])
    assert synthetic_in(frame([False]), frame([False]), progress, no_rows, 2023)
    assert not synthetic_in(frame([False]), frame([False]), progress, no_rows, 2024)


def test_the_aksi_badge_looks_at_the_year_only():
    """year_synthetic: demo progress of 2023 marks 2023, not 2024."""
    from analysis.synthetic import year_synthetic  # noqa: PLC0415

    progress = frame([True, False], [2023, 2024])
    assert year_synthetic(progress, 2023)
    assert not year_synthetic(progress, 2024)
    assert not year_synthetic(frame([], []), 2024)
