"""Aksi charts: Indonesian month names on the timeline, the whole 0–100% progress axis."""

from __future__ import annotations

from datetime import date

import pandas as pd

from analysis import schema as s
from charts.aksi import build_progress_figure, build_timeline, month_ticks


def summary() -> pd.DataFrame:
    """Two aksi: one finished (100%) from March to May 2025, one running since June 2025."""
    return pd.DataFrame(
        {s.NOMOR_AKSI: [1, 2], s.AKSI: ["Analisis Situasi", "Rembuk Stunting"],
         "progres_tampil": [100.0, 40.0], "status_tampil": ["selesai", "berjalan"],
         "rencana_mulai": [date(2025, 3, 1), date(2025, 6, 1)],
         "rencana_selesai": [date(2025, 5, 15), date(2025, 8, 31)],
         "realisasi_mulai": [date(2025, 3, 10), date(2025, 6, 5)],
         "realisasi_selesai": [date(2025, 5, 20), None]}
    )  # fmt: skip


def test_month_ticks_are_indonesian_and_cover_the_span():
    """March–September 2025 is 8 month starts (Mar … Okt), so every month is a tick, with "Mei"
    and "Agu" rather than English "May" and "Aug"."""
    ticks, labels = month_ticks(date(2025, 3, 10), date(2025, 9, 20))
    assert ticks[0] == date(2025, 3, 1) and ticks[-1] == date(2025, 10, 1)
    assert labels == ["Mar 2025", "Apr 2025", "Mei 2025", "Jun 2025", "Jul 2025", "Agu 2025",
                      "Sep 2025", "Okt 2025"]  # fmt: skip


def test_a_long_span_takes_every_second_month():
    """January 2025 – January 2026 is 14 month starts: too many, so every second month
    (Jan, Mar, … Jan 2026 = 7 ticks)."""
    ticks, labels = month_ticks(date(2025, 1, 5), date(2025, 12, 31))
    assert labels == ["Jan 2025", "Mar 2025", "Mei 2025", "Jul 2025", "Sep 2025", "Nov 2025",
                      "Jan 2026"]  # fmt: skip


def test_timeline_axis_and_hover_show_indonesian_dates():
    """The timeline's axis labels and its hover texts use Indonesian month names."""
    fig = build_timeline(summary(), date(2025, 9, 30), is_today=False)
    text = list(fig.layout.xaxis.ticktext)
    assert "Mei 2025" in text and not any("May" in t for t in text)
    assert fig.data[0].customdata[1] == "1 Maret 2025 – 15 Mei 2025"  # aksi 1 planned (last row)
    assert fig.data[1].customdata[0] == "5 Juni 2025 – 30 September 2025"  # runs until the line


def test_progress_axis_shows_100_percent():
    """The progress axis reaches past 100 with a tick at 100%, so a finished bar ends on a label."""
    fig = build_progress_figure(summary())
    assert fig.layout.xaxis.range[1] > 100
    assert list(fig.layout.xaxis.tickvals)[-1] == 100
    assert list(fig.layout.xaxis.ticktext)[-1] == "100%"
