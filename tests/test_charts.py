"""Figure builders: DataFrame in, plotly Figure out."""

from __future__ import annotations

import pandas as pd

from analysis.overview import ALL_LABEL, GROUP, LOKUS_LABEL, NON_LOKUS_LABEL
from charts.trend import build_trend_figure


def trend(groups):
    rows = [
        {"periode": p, GROUP: g, "pembilang": n, "penyebut": 200.0, "cakupan": n / 2}
        for p, n in (("2022-Q1", 30.0), ("2022-Q2", 24.0))
        for g in groups
    ]
    return pd.DataFrame(rows)


def test_three_lines_with_target_and_indonesian_separators():
    """Lokus, non-lokus and all lines, a target line, decimal comma, hover with counts."""
    fig = build_trend_figure(trend([LOKUS_LABEL, NON_LOKUS_LABEL, ALL_LABEL]), 14.0, "Target")
    assert [tr.name for tr in fig.data] == [LOKUS_LABEL, NON_LOKUS_LABEL, ALL_LABEL]
    assert list(fig.data[0].x) == ["TW I 2022", "TW II 2022"]
    assert (
        fig.data[0].hovertext[0]
        == f"{LOKUS_LABEL}<br>Triwulan I 2022: <b>15,0%</b><br>30 dari 200 balita"
    )
    assert fig.layout.separators == ",."
    assert [sh.y0 for sh in fig.layout.shapes] == [14.0]
    assert fig.layout.annotations[0].text == "Target 14%"


def test_single_group_has_no_duplicate_overall_line():
    """A kecamatan without lokus shows one line, not the same line twice."""
    fig = build_trend_figure(trend([NON_LOKUS_LABEL, ALL_LABEL]), None, "Target")
    assert [tr.name for tr in fig.data] == [NON_LOKUS_LABEL]
    assert fig.layout.showlegend is True
    assert len(fig.layout.shapes) == 0


def test_highlighted_period_gets_a_marker():
    """The chosen period is marked with a vertical line at its label."""
    fig = build_trend_figure(trend([LOKUS_LABEL]), float("nan"), "Target", highlight="2022-Q2")
    assert [(sh.x0, sh.yref) for sh in fig.layout.shapes] == [("TW II 2022", "paper")]
