"""Figures of the Pengukuran page: prevalence per wilayah with confidence intervals, the HAZ
distribution against the WHO standard, and terminal digits (pure: frames in, figures out)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis.attainment import WILAYAH
from analysis.prevalence import CI_ATAS, CI_BAWAH, KASUS, PENYEBUT_KECIL, PERSEN, VALID
from text.fmt import fmt_number, fmt_percent

LOKUS_COLOR, OTHER_COLOR, SMALL_COLOR = "#c0392b", "#2e86c1", "#aeb6bf"
LAYOUT = {"separators": ",.", "margin": {"l": 10, "r": 10, "t": 40, "b": 10}}


def _hover(row) -> str:
    small = "<br><i>penyebut kecil: baca dengan hati-hati</i>" if row[PENYEBUT_KECIL] else ""
    return (
        f"{row[WILAYAH]}: <b>{fmt_percent(row[PERSEN])}</b><br>"
        f"{fmt_number(row[KASUS])} dari {fmt_number(row[VALID])} anak dengan data valid<br>"
        f"IK 95%: {fmt_percent(row[CI_BAWAH])}–{fmt_percent(row[CI_ATAS])}{small}"
    )


def build_prevalence_figure(prev: pd.DataFrame, title: str, lokus_names: set[str]) -> go.Figure:
    """One bar per wilayah (rows of ``analysis.prevalence.prevalence`` for one indicator and
    period), highest first, with its 95% Wilson interval as an error bar; lokus red and starred,
    small denominators grey."""
    rows = prev.sort_values(PERSEN, ascending=False)
    lokus = rows[WILAYAH].isin(lokus_names)
    colors = np.where(rows[PENYEBUT_KECIL], SMALL_COLOR, np.where(lokus, LOKUS_COLOR, OTHER_COLOR))
    fig = go.Figure(
        go.Bar(
            x=[
                ("★ " if is_lokus else "") + n
                for n, is_lokus in zip(rows[WILAYAH], lokus, strict=True)
            ],
            y=rows[PERSEN],
            marker_color=colors,
            error_y={
                "type": "data",
                "symmetric": False,
                "array": rows[CI_ATAS] - rows[PERSEN],
                "arrayminus": rows[PERSEN] - rows[CI_BAWAH],
                "color": "#444",
                "thickness": 1.2,
            },
            hovertext=[_hover(r) for _, r in rows.iterrows()],
            hoverinfo="text",
            name=title,
        )
    )
    fig.update_layout(
        title=title,
        yaxis_title="Prevalensi (%)",
        xaxis_tickangle=-45,
        height=460,
        showlegend=False,
        **LAYOUT,
    )
    return fig


def build_haz_figure(haz: pd.Series) -> go.Figure:
    """Histogram of plausible HAZ (density) with the WHO standard (normal, mean 0, SD 1)."""
    values = haz.dropna()
    fig = go.Figure(
        go.Histogram(
            x=values,
            xbins={"start": -6, "end": 6, "size": 0.25},
            histnorm="probability density",
            marker_color=OTHER_COLOR,
            opacity=0.75,
            name="Data (TB/U)",
        )
    )
    x = np.linspace(-5, 5, 201)
    fig.add_trace(
        go.Scatter(
            x=x,
            y=np.exp(-(x**2) / 2) / np.sqrt(2 * np.pi),
            mode="lines",
            line={"color": "#1e8449", "width": 3},
            name="Standar WHO (rerata 0, SD 1)",
        )
    )
    fig.add_vline(x=-2, line_dash="dash", line_color=LOKUS_COLOR)
    mean, sd = (values.mean(), values.std(ddof=1)) if len(values) > 1 else (np.nan, np.nan)
    fig.update_layout(
        title=f"Sebaran z-skor TB/U: rerata {fmt_number(mean, 2)}, SD {fmt_number(sd, 2)} "
        f"(n = {fmt_number(len(values))})",
        xaxis_title="z-skor TB/U (garis putus: −2, batas stunting)",
        yaxis_title="kepadatan",
        height=380,
        legend={"orientation": "h", "y": -0.25},
        **LAYOUT,
    )
    return fig


def build_digit_figure(counts: np.ndarray, title: str) -> go.Figure:
    """Share of values per last digit (,0 … ,9) against the 10% of no preference."""
    total = counts.sum()
    shares = 100 * counts / total if total else np.zeros(10)
    fig = go.Figure(
        go.Bar(
            x=[f",{d}" for d in range(10)],
            y=shares,
            marker_color=[LOKUS_COLOR if d in (0, 5) else OTHER_COLOR for d in range(10)],
            text=[fmt_percent(v, 0) for v in shares],
            textposition="auto",  # inside the bar's top; above a bar too short to hold it
            insidetextanchor="end",
        )
    )
    # The line's label sits under the title, not on the line, and the line runs behind the
    # bars: bars near 10% hid the label, and the line crossed their own labels.
    fig.add_hline(y=10, line_dash="dash", layer="below")
    top = max(float(shares.max()), 10.0) * 1.2  # room for the labels above the bars
    fig.update_layout(
        title={"text": f"{title}<br><sup>garis putus-putus: tanpa preferensi (10%)</sup>"},
        yaxis={"title": "% nilai", "range": [0, top]},
        height=300,
        showlegend=False,
        **LAYOUT | {"margin": {"l": 10, "r": 10, "t": 64, "b": 10}},
    )
    fig.update_xaxes(type="category")
    return fig
