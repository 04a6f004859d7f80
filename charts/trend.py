"""Trend line chart of an aggregated percentage per period and group."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from analysis import schema as s
from analysis.overview import ALL_LABEL, GROUP, LOKUS_LABEL, NON_LOKUS_LABEL
from text.fmt import fmt_number, fmt_percent, fmt_period, fmt_target
from text.strings import group_label

COLORS = {LOKUS_LABEL: "#c0392b", NON_LOKUS_LABEL: "#2471a3", ALL_LABEL: "#555555"}
PALETTE = ["#c0392b", "#555555", "#2471a3"]  # other groups, in order (a kelurahan, then the city)


def build_trend_figure(
    trend: pd.DataFrame,
    target: float | None,
    target_label: str,
    highlight: str | None = None,
    y_title: str = "Prevalensi (%)",
    unit: str = "balita",
    groups: list[str] | None = None,
    arah: str | None = None,
) -> go.Figure:
    """Lines per ``kelompok_wilayah`` over ``periode`` with Indonesian hover text and axis format.

    ``trend`` has the columns of ``analysis.overview.trend_by_lokus``; ``groups`` draws other
    ``kelompok_wilayah`` values (e.g. a kelurahan and the city) in that order.

    Hover text shows numerator and denominator so small numbers are not over-read; the
    ``highlight`` period (the one chosen in the sidebar) gets a vertical marker.
    """
    fig = go.Figure()
    if groups is None:
        groups = [g for g in (LOKUS_LABEL, NON_LOKUS_LABEL) if g in set(trend[GROUP])]
        # With only lokus or only non-lokus kelurahan the overall line would repeat that line.
        if len(groups) > 1:
            groups.append(ALL_LABEL)
    for i, group in enumerate(groups):
        rows = trend.loc[trend[GROUP] == group]
        if rows.empty:
            continue
        hover = [
            f"{group_label(group)}<br>{fmt_period(p)}: <b>{fmt_percent(v)}</b><br>{fmt_number(n)} dari {fmt_number(d)} {unit}"
            for p, v, n, d in zip(
                rows[s.PERIODE], rows[s.CAKUPAN], rows[s.PEMBILANG], rows[s.PENYEBUT], strict=True
            )
        ]
        fig.add_trace(
            go.Scatter(
                x=[fmt_period(p, short=True) for p in rows[s.PERIODE]],
                y=rows[s.CAKUPAN],
                name=group_label(group),
                mode="lines+markers",
                line={
                    "color": COLORS.get(group, PALETTE[i % len(PALETTE)]),
                    "width": 3 if group == ALL_LABEL else 2,
                    "dash": "dot" if group == ALL_LABEL else "solid",
                },
                hovertext=hover,
                hoverinfo="text",
            )
        )
    if target is not None and not math.isnan(target):
        fig.add_hline(
            y=target,
            line_dash="dash",
            line_color="#1e8449",
            annotation_text=f"{target_label} {fmt_target(target, arah)}",
            annotation_position="top left",
        )
    if highlight is not None and highlight in set(trend[s.PERIODE]):
        label = fmt_period(highlight, short=True)
        fig.add_shape(
            type="line",
            x0=label,
            x1=label,
            xref="x",
            y0=0,
            y1=1,
            yref="paper",
            line={"color": "#999999", "width": 1},
        )
    fig.update_layout(
        separators=",.",
        yaxis={"title": y_title, "rangemode": "tozero", "ticksuffix": "%"},
        xaxis={"title": None, "type": "category"},
        showlegend=True,  # also with a single line, so it is clear which group it is
        legend={"orientation": "h", "y": -0.2},
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        height=380,
    )
    return fig
