"""Program mapping charts: the convergence matrix (kelurahan × intervention) and the budget
per unit. Hover texts are escaped: names reach plotly's HTML labels."""

from __future__ import annotations

from html import escape

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis import schema as s
from analysis.attainment import STATUS
from analysis.programs import CELL_ORDER, DAFTAR_OPD, N_KEGIATAN, SEL
from text.fmt import fmt_percent, fmt_rupiah, fmt_rupiah_short
from text.program_tables import kelurahan_label

CELL_COLORS = ("#c0392b", "#f5b041", "#27ae60", "#d5d8dc")  # in CELL_ORDER
LAYOUT = {"separators": ",.", "margin": {"l": 10, "r": 10, "t": 40, "b": 10}}
ROW_HEIGHT = 24


def build_matrix_figure(matrix: pd.DataFrame, indicator_names: dict[str, str]) -> go.Figure:
    """A grid coloured by ``sel`` (``CELL_ORDER``), the number of activities in each cell,
    lokus (starred) on top; hover shows coverage, target, status and the units present."""
    rows = list(dict.fromkeys(zip(matrix[s.KELURAHAN], matrix[s.LOKUS], strict=True)))
    labels = [kelurahan_label(n, lok) for n, lok in rows]
    cols = list(dict.fromkeys(matrix[s.KODE_INDIKATOR]))
    shape = (len(rows), len(cols))
    cell = matrix[SEL].map(CELL_ORDER.index).to_numpy().reshape(shape)
    count = matrix[N_KEGIATAN].to_numpy().reshape(shape)
    hover = [
        "<br>".join(
            [
                f"<b>{escape(r[s.KELURAHAN])}</b> · {escape(r[s.KODE_INDIKATOR])}",
                escape(indicator_names.get(r[s.KODE_INDIKATOR], "")),
                f"Cakupan {fmt_percent(r[s.CAKUPAN])} · target {fmt_percent(r[s.TARGET], 0)}"
                f" ({escape(str(r[STATUS]))})",
                f"{r[N_KEGIATAN]} kegiatan"
                + (f": {escape(r[DAFTAR_OPD])}" if r[DAFTAR_OPD] else ""),
            ]
        )
        for _, r in matrix.iterrows()
    ]
    n = len(CELL_ORDER)
    scale = [
        pair for i in range(n) for pair in ([i / n, CELL_COLORS[i]], [(i + 1) / n, CELL_COLORS[i]])
    ]
    fig = go.Figure(
        go.Heatmap(
            z=cell,
            x=cols,
            y=labels,
            zmin=-0.5,
            zmax=n - 0.5,
            colorscale=scale,
            showscale=False,
            xgap=2,
            ygap=2,
            text=count.astype(str),
            texttemplate="%{text}",
            textfont={"size": 12},
            customdata=np.array(hover, dtype=object).reshape(shape),
            hovertemplate="%{customdata}<extra></extra>",
        )
    )
    for name, color in zip(CELL_ORDER, CELL_COLORS, strict=True):  # a legend for the colours
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=name,
                marker={"symbol": "square", "size": 14, "color": color},
            )  # fmt: skip
        )
    fig.update_layout(
        **LAYOUT,
        height=140 + ROW_HEIGHT * len(rows),
        xaxis={"side": "top", "type": "category", "tickangle": 0, "showgrid": False},
        yaxis={"autorange": "reversed", "type": "category", "showgrid": False},
        legend={"orientation": "h", "yanchor": "top", "y": -0.01, "x": 0},
        plot_bgcolor="white",
    )
    return fig


def build_budget_figure(by_opd: pd.DataFrame, names: dict[str, str]) -> go.Figure:
    """Pagu (light) and realisasi (dark) per unit, largest pagu on top, rupiah on the bars."""
    rows = by_opd.iloc[::-1]
    labels = [names.get(o, o) for o in rows[s.OPD]]
    fig = go.Figure()
    # Horizontal groups stack their first trace at the bottom: realisasi first puts pagu on top.
    for field, title, color in ((s.REALISASI, "Realisasi", "#1f618d"), (s.PAGU, "Pagu", "#aed6f1")):
        fig.add_trace(
            go.Bar(
                x=rows[field],
                y=labels,
                orientation="h",
                name=title,
                marker_color=color,
                text=[fmt_rupiah_short(v) for v in rows[field]],
                textposition="auto",
                hovertext=[
                    f"{escape(lbl)}<br>{title}: {fmt_rupiah(v)}"
                    for lbl, v in zip(labels, rows[field], strict=True)
                ],
                hoverinfo="text",
            )  # fmt: skip
        )
    ticks = nice_ticks(float(rows[s.PAGU].max()) if len(rows) else 0.0)
    fig.update_layout(
        **LAYOUT,
        barmode="group",
        height=90 + 46 * len(rows),
        xaxis={"tickvals": list(ticks), "ticktext": [fmt_rupiah_short(v) for v in ticks]},
        legend={
            "orientation": "h",
            "yanchor": "bottom",
            "y": 1.0,
            "x": 0,
            "traceorder": "reversed",
        },
    )
    return fig


def nice_ticks(top: float, n: int = 5) -> list[float]:
    """Round tick values from 0 past ``top`` (steps of 1, 2, 2.5 or 5 × 10^k), about ``n``."""
    if top <= 0:
        return [0.0]
    raw = top / (n - 1)
    power = 10 ** np.floor(np.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    return [float(step * i) for i in range(int(np.ceil(top / step)) + 1)]
