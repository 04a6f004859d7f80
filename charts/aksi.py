"""Aksi konvergensi charts: progress per aksi, planned-vs-actual timeline, years compared."""

from __future__ import annotations

import textwrap
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from analysis import schema as s
from text.fmt import BULAN, fmt_date, fmt_percent

STATUS_COLORS = {
    s.STATUS_SELESAI: "#1e8449",
    s.STATUS_BERJALAN: "#2471a3",
    s.STATUS_TERLAMBAT: "#c0392b",
    s.STATUS_BELUM: "#aab7b8",
    s.STATUS_TIDAK_BERLAKU: "#d5d8dc",
}
LAYOUT = {"separators": ",.", "margin": {"l": 10, "r": 10, "t": 30, "b": 10}}


LABEL_WIDTH = 30  # characters a line of an aksi's name, so long names wrap beside their bars
INSIDE = 35  # % of progress from which a bar holds its own label


def _label(row) -> str:
    """``4. Peraturan Wali Kota tentang<br>Peran Kelurahan``: the name wrapped to fit."""
    return "<br>".join(textwrap.wrap(f"{int(row[s.NOMOR_AKSI])}. {row[s.AKSI]}", LABEL_WIDTH))


def month_ticks(first: date, last: date, most: int = 8) -> tuple[list[date], list[str]]:
    """Tick dates on the first of a month from ``first`` to the month after ``last``, every
    1, 2, 3, 4, 6 or 12 months so that at most ``most`` are shown, labelled in Indonesian
    (``Mei 2025``): plotly's own month names are English."""
    months = (last.year - first.year) * 12 + last.month - first.month + 2
    step = next((k for k in (1, 2, 3, 4, 6, 12) if months / k <= most), 12)
    ticks = []
    index = first.year * 12 + first.month - 1
    index -= index % step  # January, March, … for every 2 months
    while index <= last.year * 12 + last.month:
        ticks.append(date(index // 12, index % 12 + 1, 1))
        index += step
    return ticks, [f"{BULAN[d.month - 1][:3]} {d.year}" for d in ticks]


def build_progress_figure(summary: pd.DataFrame) -> go.Figure:
    """One bar per aksi (``nomor_aksi``, ``aksi``, ``progres_tampil``, ``status_tampil``),
    coloured by status, first aksi on top. Every aksi has a label: inside a long bar, beside
    a short or empty one, and "progres tidak tercatat" when its progress on that day is not
    known."""
    rows = summary.sort_values(s.NOMOR_AKSI, ascending=False)
    progress = rows["progres_tampil"].astype(float)
    text = [
        f"{fmt_percent(p, 0)} · {st}" if not pd.isna(p) else f"{st} · progres tidak tercatat"
        for p, st in zip(progress, rows["status_tampil"], strict=True)
    ]
    fig = go.Figure(
        go.Bar(
            x=progress.fillna(0),
            y=[_label(r) for _, r in rows.iterrows()],
            orientation="h",
            marker_color=[STATUS_COLORS.get(v, "#7f8c8d") for v in rows["status_tampil"]],
            text=text,
            textposition=["inside" if p >= INSIDE else "outside" for p in progress.fillna(0)],
            insidetextanchor="start",
            cliponaxis=False,
            hoverinfo="text",
        )
    )
    fig.update_layout(
        **LAYOUT,
        # 100% has its tick inside the plot, and the bars that reach it their label.
        xaxis={
            "range": [0, 104],
            "tickvals": list(range(0, 101, 20)),
            "ticktext": [f"{v}%" for v in range(0, 101, 20)],
            "title": None,
        },
        yaxis={"title": None, "automargin": True},
        height=60 + 48 * len(rows),
        showlegend=False,
        uniformtext={"minsize": 11, "mode": "show"},
    )
    return fig


def build_timeline(summary: pd.DataFrame, today: date, is_today: bool = True) -> go.Figure:
    """Planned (light) and actual (coloured by status) spans per aksi, with a line at ``today``
    (the date the year is seen at: today, or 31 December for a past year). An aksi started but
    not finished runs until that line."""
    fig = go.Figure()
    rows = summary.sort_values(s.NOMOR_AKSI, ascending=False)
    labels = [_label(r) for _, r in rows.iterrows()]
    seen = pd.to_datetime(
        pd.concat(
            [
                rows[c]
                for c in (
                    "rencana_mulai",
                    "rencana_selesai",
                    "realisasi_mulai",
                    "realisasi_selesai",
                )
            ]
            + [pd.Series([today])]
        )  # fmt: skip
    ).dropna()
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
                customdata=[
                    f"{fmt_date(a.date())} – {fmt_date(b.date())}"
                    if pd.notna(a) and pd.notna(b)
                    else "–"
                    for a, b in zip(starts, ends, strict=True)
                ],
                hovertemplate=f"{name}: %{{customdata}}<extra></extra>",
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
    label = f"hari ini, {fmt_date(today)}" if is_today else f"per {fmt_date(today)}"
    fig.add_annotation(x=today, y=1, yref="paper", text=label, showarrow=False, yshift=10)
    fig.update_layout(
        **LAYOUT,
        barmode="overlay",
        xaxis={"type": "date", "title": None, **_date_axis(seen)},
        yaxis={"title": None},
        height=80 + 46 * len(rows),
        legend={"orientation": "h", "y": -0.08},
    )
    return fig


def _date_axis(seen: pd.Series) -> dict:
    """Indonesian month labels for a date axis over the ``seen`` timestamps (none: plotly's)."""
    if seen.empty:
        return {}
    tickvals, ticktext = month_ticks(seen.min().date(), seen.max().date())
    return {"tickvals": tickvals, "ticktext": ticktext}


def build_year_comparison(summaries: pd.DataFrame) -> go.Figure:
    """Progress per aksi number, one bar per year (``tahun``, ``nomor_aksi``, ``progres_tampil``)."""
    fig = go.Figure()
    for year, rows in summaries.groupby(s.TAHUN):
        fig.add_trace(
            go.Bar(
                name=str(year),
                x=[f"Aksi {int(n)}" for n in rows[s.NOMOR_AKSI]],
                y=rows["progres_tampil"],
                hovertext=[_label(r) for _, r in rows.iterrows()],
            )
        )
    fig.update_layout(
        **LAYOUT,
        barmode="group",
        yaxis={"range": [0, 100], "ticksuffix": "%", "title": "Progres"},
        height=360,
        legend={"orientation": "h", "y": -0.15},
        showlegend=True,  # the year is named even when only one year is compared
    )
    return fig
