"""Figure builders: DataFrame in, plotly Figure out."""

from __future__ import annotations

import pandas as pd
import pytest

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


def bar_grid(values: list[float], statuses: list[str], target: float, arah: str) -> pd.DataFrame:
    """An ``attainment.coverage_grid``-like frame of one indicator over a few wilayah."""
    from analysis import schema as s  # noqa: PLC0415

    n = len(values)
    return pd.DataFrame(
        {"wilayah": [f"W{i}" for i in range(n)], s.KODE_INDIKATOR: ["SPE02"] * n,
         s.ARAH: [arah] * n, s.CAKUPAN: values, s.TARGET: [target] * n,
         s.SELISIH_TARGET: [v - target for v in values], s.PEMBILANG: [1] * n,
         s.PENYEBUT: [1] * n, "penyebut_kecil": [False] * n, "status_target": statuses}
    )  # fmt: skip


def test_bar_labels_carry_the_decimal_that_decides_the_status():
    """Against a target of 80, 80.4 (tercapai) and 79.6 (mendekati) are labelled 80,4% and
    79,6%, not both "80%"; 79.96 needs two decimals (79,96%) to stay below 80."""
    from charts.indicator import build_bar_figure  # noqa: PLC0415

    grid = bar_grid(
        [80.4, 79.6, 79.96], ["tercapai", "mendekati", "mendekati"], 80.0, "tinggi_baik"
    )
    fig = build_bar_figure(grid, "SPE02", set())
    assert list(fig.data[0].text) == ["80,4%", "79,96%", "79,6%"]
    assert fig.layout.annotations[0].text == "Target ≥ 80%"


def test_a_lower_is_better_target_shows_its_direction_and_exact_value():
    """A target of 15.5 where lower is better reads "≤ 15,5%", never "16%"."""
    from charts.indicator import build_bar_figure  # noqa: PLC0415

    fig = build_bar_figure(bar_grid([16.04], ["belum"], 15.5, "rendah_baik"), "SEN02", set())
    assert fig.layout.annotations[0].text == "Target ≤ 15,5%"
    assert list(fig.data[0].text) == ["16,0%"]
    line = build_trend_figure(trend([LOKUS_LABEL]), 15.5, "Target", arah="rendah_baik")
    assert line.layout.annotations[0].text == "Target ≤ 15,5%"


def test_target_label_and_value_labels_keep_clear_of_bars_and_line():
    """The target label sits in the right margin (not over the first bars), and the one bar whose
    upright label would cross the line at 80 (78: label from 78 up to 78 + 0,16 × 112,8 ≈ 96)
    holds its label inside; 94 (above the line) and 60 (label ends at ≈ 78) keep theirs above."""
    from charts.indicator import build_bar_figure  # noqa: PLC0415

    grid = bar_grid([94.0, 78.0, 60.0], ["tercapai", "mendekati", "belum"], 80.0, "tinggi_baik")
    fig = build_bar_figure(grid, "SPE02", set())
    label = fig.layout.annotations[0]
    assert (label.text, label.xref, label.x, label.xanchor) == ("Target ≥ 80%", "paper", 1, "left")
    assert list(fig.data[0].textposition) == ["outside", "inside", "outside"]
    assert fig.layout.yaxis.range == (0, 112.8)
    assert fig.layout.margin.l >= 40  # a -60° first name ("★ Pademangan Barat") is not cut off


def test_labels_inside_a_hatched_percent_only_bar_are_dark():
    """A label inside a solid bar is white; inside a pale hatched percent-only bar (78, just
    under the target 80) and above any bar it is dark, so it can be read on a projector."""
    from analysis.attainment import HANYA_PERSEN, N_KELURAHAN  # noqa: PLC0415
    from charts.indicator import build_bar_figure  # noqa: PLC0415

    grid = bar_grid([94.0, 78.0, 78.5, 60.0], ["tercapai", "mendekati", "mendekati", "belum"],
                    80.0, "tinggi_baik").assign(**{HANYA_PERSEN: [0, 1, 0, 0],
                                                   N_KELURAHAN: [1, 0, 1, 1]})  # fmt: skip
    bar = build_bar_figure(grid, "SPE02", set()).data[0]
    assert list(bar.marker.pattern.shape) == ["", "", "/", ""]  # 78 (hatched) after 78.5
    assert list(bar.textposition) == ["outside", "inside", "inside", "outside"]
    assert list(bar.textfont.color) == ["#1f1f1f", "#ffffff", "#1f1f1f", "#1f1f1f"]


def test_digit_chart_keeps_the_reference_label_off_the_bars():
    """The 10% line's label is in the title, not an annotation over bars of about 10%; the line
    runs behind the bars and the axis leaves room above the tallest (11% → 13,2)."""
    import numpy as np  # noqa: PLC0415

    from charts.measurements import build_digit_figure  # noqa: PLC0415

    counts = np.array([10, 10, 10, 9, 10, 10, 10, 10, 10, 11])  # 100 values: ,9 is 11%
    fig = build_digit_figure(counts, "Angka desimal berat badan")
    assert len(fig.layout.annotations) == 0
    assert "tanpa preferensi (10%)" in fig.layout.title.text
    assert fig.layout.shapes[0].layer == "below" and fig.layout.shapes[0].y0 == 10
    assert fig.layout.yaxis.range[1] == pytest.approx(13.2)
