"""The trajectory chart of Profil: the actual yearly prevalence of one source, then from the
latest value the path the present trend follows and the path required to meet the target by
its year (``analysis.trajectories.trajectory_path``)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis import schema as s
from analysis.trajectories import AKTUAL, DIBUTUHKAN, PERSEN, TREN
from text.fmt import fmt_percent, fmt_target

STYLE = {
    AKTUAL: {"color": "#c0392b", "width": 3},
    TREN: {"color": "#7f8c8d", "width": 2, "dash": "dot"},
    DIBUTUHKAN: {"color": "#1e8449", "width": 2, "dash": "dash"},
}
NAMES = {AKTUAL: "Aktual", TREN: "Jika tren berlanjut", DIBUTUHKAN: "Jalur yang dibutuhkan"}


def build_trajectory_figure(
    path: pd.DataFrame, target: float, target_year: int, target_source: str, source_name: str
) -> go.Figure:
    """Lines per ``jalur`` of ``path`` (``tahun, jalur, persen``) over whole years, the target
    as a marker at its year; the source named in the actual line's legend entry."""
    fig = go.Figure()
    for jalur in (AKTUAL, TREN, DIBUTUHKAN):
        rows = path.loc[path["jalur"] == jalur]
        if rows.empty:
            continue
        name = f"{NAMES[jalur]} ({source_name})" if jalur == AKTUAL else NAMES[jalur]
        fig.add_trace(
            go.Scatter(
                x=rows[s.TAHUN],
                y=rows[PERSEN],
                name=name,
                mode="lines+markers" if jalur == AKTUAL else "lines",
                line=STYLE[jalur],
                hovertext=[
                    f"{name}<br>{y}: <b>{fmt_percent(v)}</b>"
                    for y, v in zip(rows[s.TAHUN], rows[PERSEN], strict=True)
                ],  # fmt: skip
                hoverinfo="text",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=[target_year],
            y=[target],
            name=f"Target {fmt_target(target)} pada {target_year}",
            mode="markers",
            marker={"symbol": "star", "size": 14, "color": "#1e8449"},
            hovertext=[f"Target {fmt_target(target)} pada {target_year}<br>{target_source}"],
            hoverinfo="text",
        )
    )
    fig.update_layout(
        height=340,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        yaxis={"title": "Prevalensi stunting (%)", "rangemode": "tozero", "ticksuffix": "%"},
        xaxis={"title": "Tahun", "dtick": 1},
        legend={"orientation": "h", "y": -0.25},
        separators=",.",
    )
    return fig
