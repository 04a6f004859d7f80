"""Aksi konvergensi charts: progress per aksi, planned-vs-actual timeline, years compared."""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go

from analysis import schema as s

STATUS_COLORS = {
    s.STATUS_SELESAI: "#1e8449",
    s.STATUS_BERJALAN: "#2471a3",
    s.STATUS_TERLAMBAT: "#c0392b",
    s.STATUS_BELUM: "#aab7b8",
    s.STATUS_TIDAK_BERLAKU: "#d5d8dc",
}
LAYOUT = {"separators": ",.", "margin": {"l": 10, "r": 10, "t": 30, "b": 10}}


def _label(row) -> str:
    return f"{int(row[s.NOMOR_AKSI])}. {row[s.AKSI]}"


def build_progress_figure(summary: pd.DataFrame) -> go.Figure:
    """One bar per aksi (``nomor_aksi``, ``aksi``, ``progres_persen``, ``status_tampil``),
    coloured by status, first aksi on top."""
    rows = summary.sort_values(s.NOMOR_AKSI, ascending=False)
    fig = go.Figure(
        go.Bar(
            x=rows[s.PROGRES],
            y=[_label(r) for _, r in rows.iterrows()],
            orientation="h",
            marker_color=[STATUS_COLORS.get(v, "#7f8c8d") for v in rows["status_tampil"]],
            text=[
                f"{p:.0f}% · {st}"
                for p, st in zip(rows[s.PROGRES], rows["status_tampil"], strict=True)
            ],
            textposition="auto",
            hoverinfo="text",
        )
    )
    fig.update_layout(
        **LAYOUT,
        xaxis={"range": [0, 100], "ticksuffix": "%", "title": None},
        yaxis={"title": None},
        height=60 + 42 * len(rows),
        showlegend=False,
    )
    return fig


def build_timeline(summary: pd.DataFrame, today: date, is_today: bool = True) -> go.Figure:
    """Planned (light) and actual (coloured by status) spans per aksi, with a line at ``today``
    (the date the year is seen at: today, or 31 December for a past year). An aksi started but
    not finished runs until that line."""
    fig = go.Figure()
    rows = summary.sort_values(s.NOMOR_AKSI, ascending=False)
    labels = [_label(r) for _, r in rows.iterrows()]
    for name, start_col, end_col, color in (
        ("Rencana", "rencana_mulai", "rencana_selesai", None),
        ("Realisasi", "realisasi_mulai", "realisasi_selesai", "status"),
    ):
        starts = pd.to_datetime(rows[start_col])
        ends = pd.to_datetime(rows[end_col])
        if color is not None:
            ends = ends.where(ends.notna() | starts.isna(), pd.Timestamp(today))
        span = (ends - starts).dt.days + 1
        fig.add_trace(
            go.Bar(
                name=name,
                y=labels,
                x=span * 86_400_000,
                base=starts,
                orientation="h",
                marker_color=(
                    "#d6eaf8"
                    if color is None
                    else [STATUS_COLORS.get(v, "#7f8c8d") for v in rows["status_tampil"]]
                ),
                width=0.35 if color is None else 0.25,
                offset=0.0 if color is None else -0.3,
                hovertemplate=f"{name}: %{{base|%d %b %Y}} – %{{x}}<extra></extra>",
            )
        )
    fig.add_shape(
        type="line",
        x0=today,
        x1=today,
        y0=0,
        y1=1,
        yref="paper",
        line={"color": "#922b21", "dash": "dash"},
    )
    label = "hari ini" if is_today else f"per {today:%d-%m-%Y}"
    fig.add_annotation(x=today, y=1, yref="paper", text=label, showarrow=False, yshift=10)
    fig.update_layout(
        **LAYOUT,
        barmode="overlay",
        xaxis={"type": "date", "title": None},
        yaxis={"title": None},
        height=80 + 46 * len(rows),
        legend={"orientation": "h", "y": -0.08},
    )
    return fig


def build_year_comparison(summaries: pd.DataFrame) -> go.Figure:
    """Progress per aksi number, one bar per year (``tahun``, ``nomor_aksi``, ``progres_persen``)."""
    fig = go.Figure()
    for year, rows in summaries.groupby(s.TAHUN):
        fig.add_trace(
            go.Bar(
                name=str(year),
                x=[f"Aksi {int(n)}" for n in rows[s.NOMOR_AKSI]],
                y=rows[s.PROGRES],
                hovertext=[_label(r) for _, r in rows.iterrows()],
            )
        )
    fig.update_layout(
        **LAYOUT,
        barmode="group",
        yaxis={"range": [0, 100], "ticksuffix": "%", "title": "Progres"},
        height=360,
        legend={"orientation": "h", "y": -0.15},
    )
    return fig
