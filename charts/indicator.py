"""Bar chart of one indicator per wilayah against its target, and the wilayah × indicator
heatmap of target attainment (pure: frames in, plotly figures out). Indicator names may come
from the catalogue editors extend, so they are escaped before plotly reads its HTML-like
labels (no links)."""

from __future__ import annotations

from html import escape

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis import schema as s
from analysis.attainment import (
    BELUM,
    HANYA_PERSEN,
    MENDEKATI,
    N_KELURAHAN,
    STATUS,
    TANPA_DATA,
    TANPA_TARGET,
    TERCAPAI,
)
from text.fmt import PERCENT_ONLY, fmt_against, fmt_change, fmt_number, fmt_percent, fmt_target
from text.strings import word

STATUS_COLORS = {
    TERCAPAI: "#1e8449",
    MENDEKATI: "#d68910",
    BELUM: "#c0392b",
    TANPA_TARGET: "#7f8c8d",
    TANPA_DATA: "#d5d8dc",
}
MISSING_TEXT = "tidak ada data"
PERCENT_ONLY_TEXT = PERCENT_ONLY
PERCENT_ONLY_MARK = "*"  # after a percent-only value in the heatmap (explained in its caption)
LAYOUT = {"separators": ",.", "margin": {"l": 10, "r": 10, "t": 30, "b": 10}}


def percent_only(rows: pd.DataFrame) -> pd.Series:
    """Rows whose value is a percentage written without counts (a kelurahan's, as written)."""
    if HANYA_PERSEN not in rows:
        return pd.Series(False, index=rows.index)
    return rows[HANYA_PERSEN].gt(0) & rows[N_KELURAHAN].eq(0) & rows[s.CAKUPAN].notna()


def _not_summed(row) -> int:
    """Kelurahan of the wilayah whose percent-only value is not in its Σ (0 for one kelurahan)."""
    n = row.get(HANYA_PERSEN, 0)
    if pd.isna(n) or n == 0:
        return 0
    own = pd.notna(row[s.CAKUPAN]) and row.get(N_KELURAHAN, 0) == 0  # a kelurahan's own value
    return 0 if own else int(n)


def _hover(row) -> str:
    left_out = _not_summed(row)
    if pd.isna(row[s.CAKUPAN]):
        if left_out:
            return (
                f"{row['wilayah']}<br>tidak dapat dijumlahkan: {left_out} {word('unit')} hanya "
                "punya nilai persen (tanpa pembilang/penyebut)"
            )
        return f"{row['wilayah']}<br>tidak ada data"
    small = "<br><i>penyebut kecil: baca dengan hati-hati</i>" if row["penyebut_kecil"] else ""
    counts = (
        f"{fmt_number(row[s.PEMBILANG])} dari {fmt_number(row[s.PENYEBUT])}"
        if pd.notna(row[s.PENYEBUT])
        else "<i>hanya persen: tanpa pembilang/penyebut, tidak ikut dijumlahkan</i>"
    )
    if left_out:
        counts += f"<br><i>{left_out} {word('unit')} hanya persen: tidak ikut dijumlahkan</i>"
    return (
        f"{row['wilayah']}: <b>{fmt_percent(row[s.CAKUPAN])}</b><br>{counts}<br>"
        f"status: {row[STATUS]}{small}"
    )


def _bar_text(row, decimals: int = 1) -> str:
    """The value as labelled: one decimal, more when needed so that the label agrees with the
    status colour (``fmt_against``)."""
    if pd.isna(row[s.CAKUPAN]):
        return PERCENT_ONLY_TEXT if _not_summed(row) else MISSING_TEXT
    return fmt_against(row[s.CAKUPAN], row[s.TARGET], decimals)


LABEL_SHARE = 0.16  # of the value axis, a vertical value label above its bar takes about
HEADROOM = 1.2  # the value axis ends this far above the highest bar (or target), for labels


def _label_positions(values: pd.Series, target: float | None, top: float) -> list[str]:
    """Each bar's label above it ("outside"), except where the target line would cross that
    label — a bar just below the target — which gets it inside, at its top ("inside")."""
    if target is None:
        return ["outside"] * len(values)
    reach = LABEL_SHARE * top
    return ["inside" if pd.notna(v) and v < target < v + reach else "outside" for v in values]


LABEL_DARK, LABEL_LIGHT = "#1f1f1f", "#ffffff"


def _label_colors(positions: list[str], only: list[bool]) -> list[str]:
    """A label's colour: white only inside a solid bar (readable on its status colour)."""
    return [
        LABEL_LIGHT if p == "inside" and not o else LABEL_DARK
        for p, o in zip(positions, only, strict=True)
    ]


def build_bar_figure(
    grid: pd.DataFrame,
    title: str,
    lokus_names: set[str],
    worst_first: bool = False,
    target_word: str = "Target",
) -> go.Figure:
    """One bar per wilayah (``attainment.coverage_grid`` rows of one indicator), best first
    (``worst_first``: worst first, as a long list cut to its worst is read, like the heatmap),
    coloured by status, the target as a line labelled in the right margin (never over a bar);
    wilayah without data stay on the axis, labelled 'tidak ada data'. Lokus names are starred.
    Value labels stand upright above their bars, inside a bar the target line would cross.
    ``target_word`` starts the target's label ("Target daerah" for the region's own target)."""
    arah = grid[s.ARAH].dropna()
    lower = not arah.empty and arah.iloc[0] == s.ARAH_RENDAH_BAIK
    title = escape(title, quote=False)
    rows = grid.sort_values(s.CAKUPAN, ascending=lower != worst_first, na_position="last")
    names = [("★ " if n in lokus_names else "") + n for n in rows["wilayah"]]
    only = percent_only(rows).tolist()
    targets = grid[s.TARGET].dropna()
    target = float(targets.iloc[0]) if not targets.empty else None
    top = HEADROOM * max(rows[s.CAKUPAN].max(skipna=True) if rows[s.CAKUPAN].notna().any()
                         else 0.0, target or 0.0, 1.0)  # fmt: skip
    positions = _label_positions(rows[s.CAKUPAN], target, top)
    fig = go.Figure(
        go.Bar(
            x=names,
            y=rows[s.CAKUPAN],
            # A percent-only value: hatched and lighter, so it is not read as a counted one.
            marker={
                "color": [STATUS_COLORS[st] for st in rows[STATUS]],
                "opacity": [0.55 if o else 1.0 for o in only],
                "pattern": {"shape": ["/" if o else "" for o in only], "fgcolor": "#ffffff"},
            },
            hovertext=[_hover(r) for _, r in rows.iterrows()],
            hoverinfo="text",
            text=[_bar_text(r) for _, r in rows.iterrows()],
            textposition=positions,
            insidetextanchor="end",
            textangle=-90,
            # White inside a solid bar; dark above a bar and inside a pale hatched one.
            textfont={"size": 11, "color": _label_colors(positions, only)},
            cliponaxis=False,
            name=title,
        )
    )
    if target is not None:
        fig.add_hline(y=target, line_dash="dash", line_color="#1e8449")
        fig.add_annotation(  # in the right margin, level with the line
            text=f"{target_word} {fmt_target(target, None if arah.empty else arah.iloc[0])}",
            xref="paper",
            x=1,
            xanchor="left",
            y=target,
            yanchor="middle",
            showarrow=False,
            font={"color": "#1e8449", "size": 12},
        )
    fig.update_layout(
        # The target's label fits the right margin ("Target daerah ≥ 85%" needs more room).
        **{
            **LAYOUT,
            "margin": {**LAYOUT["margin"], "l": 40, "r": 100 if target_word == "Target" else 150},
        },
        title={"text": title, "font": {"size": 16}},
        yaxis={"title": "%", "range": [0, top], "ticksuffix": "%"},
        xaxis={"title": None, "type": "category", "tickangle": -60, "automargin": True},
        showlegend=False,
        uniformtext={"minsize": 9, "mode": "show"},
        height=500,
    )
    return fig


def build_heatmap(grid: pd.DataFrame, indicator_labels: dict[str, str]) -> go.Figure:
    """Wilayah (rows) × indicator (columns) coloured by the gap to target in points (green =
    above, red = below, capped at ±30); text = coverage; grey cells = no data or no target."""
    wilayah = list(dict.fromkeys(grid["wilayah"]))
    codes = list(dict.fromkeys(grid[s.KODE_INDIKATOR]))
    cells = grid.assign(_only=percent_only(grid)).set_index(["wilayah", s.KODE_INDIKATOR])
    gap = np.full((len(wilayah), len(codes)), np.nan)
    text = [["" for _ in codes] for _ in wilayah]
    hover = [["" for _ in codes] for _ in wilayah]
    for i, w in enumerate(wilayah):
        for j, c in enumerate(codes):
            row = cells.loc[(w, c)]
            gap[i, j] = row[s.SELISIH_TARGET]
            text[i][j] = _bar_text(row, 0) + (PERCENT_ONLY_MARK if row["_only"] else "")
            target = (
                "tanpa target"
                if pd.isna(row[s.TARGET])
                else fmt_target(row[s.TARGET], row.get(s.ARAH))
            )
            note = (
                "<br><i>hanya persen: tanpa pembilang/penyebut</i>"
                if row["_only"]
                else (
                    f"<br><i>{n} {word('unit')} hanya persen</i>" if (n := _not_summed(row)) else ""
                )
            )
            hover[i][j] = (
                f"{escape(w)} · {escape(indicator_labels.get(c, c))}<br>{text[i][j]} "
                f"(target {target})"
                + ("" if pd.isna(gap[i, j]) else f"<br>selisih {fmt_change(gap[i, j])}")
                + note
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
