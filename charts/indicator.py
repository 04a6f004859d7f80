"""Bar chart of one indicator per wilayah against its target, and the wilayah × indicator
heatmap of target attainment (pure: frames in, plotly figures out). Indicator names may come
from the catalogue editors extend, so they are escaped before plotly reads its HTML-like
labels (no links)."""

from __future__ import annotations

import math
from html import escape

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis import schema as s
from analysis.attainment import BELUM, MENDEKATI, STATUS, TANPA_DATA, TANPA_TARGET, TERCAPAI
from ui.fmt import fmt_against, fmt_change, fmt_number, fmt_percent, fmt_target

STATUS_COLORS = {
    TERCAPAI: "#1e8449",
    MENDEKATI: "#d68910",
    BELUM: "#c0392b",
    TANPA_TARGET: "#7f8c8d",
    TANPA_DATA: "#d5d8dc",
}
MISSING_TEXT = "tidak ada data"
LAYOUT = {"separators": ",.", "margin": {"l": 10, "r": 10, "t": 30, "b": 10}}


def _hover(row) -> str:
    if pd.isna(row[s.CAKUPAN]):
        return f"{row['wilayah']}<br>tidak ada data"
    small = "<br><i>penyebut kecil: baca dengan hati-hati</i>" if row["penyebut_kecil"] else ""
    return (
        f"{row['wilayah']}: <b>{fmt_percent(row[s.CAKUPAN])}</b><br>"
        f"{fmt_number(row[s.PEMBILANG])} dari {fmt_number(row[s.PENYEBUT])}<br>"
        f"status: {row[STATUS]}{small}"
    )


def build_bar_figure(grid: pd.DataFrame, title: str, lokus_names: set[str]) -> go.Figure:
    """One bar per wilayah (``attainment.coverage_grid`` rows of one indicator), best first,
    coloured by status, the target as a line; wilayah without data stay on the axis, labelled
    'tidak ada data'. Lokus names are starred."""
    arah = grid[s.ARAH].dropna()
    lower = not arah.empty and arah.iloc[0] == s.ARAH_RENDAH_BAIK
    title = escape(title, quote=False)
    rows = grid.sort_values(s.CAKUPAN, ascending=lower, na_position="last")
    names = [("★ " if n in lokus_names else "") + n for n in rows["wilayah"]]
    fig = go.Figure(
        go.Bar(
            x=names,
            y=rows[s.CAKUPAN],
            marker_color=[STATUS_COLORS[st] for st in rows[STATUS]],
            hovertext=[_hover(r) for _, r in rows.iterrows()],
            hoverinfo="text",
            # One decimal, more when needed: the label agrees with the bar's colour.
            text=[
                MISSING_TEXT if pd.isna(v) else fmt_against(v, goal)
                for v, goal in zip(rows[s.CAKUPAN], rows[s.TARGET], strict=True)
            ],
            textposition="outside",
            cliponaxis=False,
            name=title,
        )
    )
    target = grid[s.TARGET].dropna()
    if not target.empty and not math.isnan(target.iloc[0]):
        fig.add_hline(
            y=target.iloc[0],
            line_dash="dash",
            line_color="#1e8449",
            annotation_text=f"Target {fmt_target(target.iloc[0], None if arah.empty else arah.iloc[0])}",
            annotation_position="top left",
        )
    fig.update_layout(
        **LAYOUT,
        title={"text": title, "font": {"size": 16}},
        yaxis={"title": "%", "rangemode": "tozero", "ticksuffix": "%"},
        xaxis={"title": None, "type": "category", "tickangle": -45},
        showlegend=False,
        height=460,
    )
    return fig


def build_heatmap(grid: pd.DataFrame, indicator_labels: dict[str, str]) -> go.Figure:
    """Wilayah (rows) × indicator (columns) coloured by the gap to target in points (green =
    above, red = below, capped at ±30); text = coverage; grey cells = no data or no target."""
    wilayah = list(dict.fromkeys(grid["wilayah"]))
    codes = list(dict.fromkeys(grid[s.KODE_INDIKATOR]))
    cells = grid.set_index(["wilayah", s.KODE_INDIKATOR])
    gap = np.full((len(wilayah), len(codes)), np.nan)
    text = [["" for _ in codes] for _ in wilayah]
    hover = [["" for _ in codes] for _ in wilayah]
    for i, w in enumerate(wilayah):
        for j, c in enumerate(codes):
            row = cells.loc[(w, c)]
            gap[i, j] = row[s.SELISIH_TARGET]
            text[i][j] = (
                MISSING_TEXT
                if pd.isna(row[s.CAKUPAN])
                else fmt_against(row[s.CAKUPAN], row[s.TARGET], 0)
            )
            target = (
                "tanpa target"
                if pd.isna(row[s.TARGET])
                else fmt_target(row[s.TARGET], row.get(s.ARAH))
            )
            hover[i][j] = (
                f"{escape(w)} · {escape(indicator_labels.get(c, c))}<br>{text[i][j]} "
                f"(target {target})"
                + ("" if pd.isna(gap[i, j]) else f"<br>selisih {fmt_change(gap[i, j])}")
            )
    fig = go.Figure(
        go.Heatmap(
            z=np.clip(gap, -30, 30),
            x=[c for c in codes],
            y=wilayah,
            text=text,
            texttemplate="%{text}",
            hovertext=hover,
            hoverinfo="text",
            colorscale=[[0, "#c0392b"], [0.5, "#fdfefe"], [1, "#1e8449"]],
            zmin=-30,
            zmax=30,
            colorbar={"title": "Selisih<br>target", "ticksuffix": " poin"},
            xgap=2,
            ygap=2,
        )
    )
    fig.update_layout(
        **LAYOUT,
        plot_bgcolor="#d5d8dc",  # cells without a gap (no data, no target) show this grey
        xaxis={"side": "top", "type": "category"},
        yaxis={"autorange": "reversed", "type": "category"},
        height=max(300, 28 * len(wilayah) + 80),
    )
    return fig
