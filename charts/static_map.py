"""The same map as a PNG (matplotlib, no browser): for reports and slides."""

from __future__ import annotations

import io
from datetime import date

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from analysis import schema as s
from analysis.geometry import kecamatan_borders, label_points
from charts.maps import BORDER_COLOR, LOKUS_COLOR, NO_DATA, MapData, features, metric_area
from text.clock import today_wib
from text.fmt import fmt_date, fmt_number


class _Canvas(FigureCanvasAgg):
    """An Agg canvas that draws only when saved: geopandas asks for a redraw after every layer
    it plots (``draw_idle``), three full draws of the whole map the PNG never shows."""

    def draw_idle(self, *args, **kwargs) -> None:
        pass


def place_labels(fig, ax, areas, fontsize: float) -> list[str]:
    """Kelurahan names at their label points, largest area first, leaving out a name that would
    overlap one already placed (its colour and the legend still tell its value); returns the
    names placed."""
    renderer = fig.canvas.get_renderer()
    placed, boxes = [], []
    order = metric_area(areas).sort_values(ascending=False).index
    points = dict(zip(areas.index, label_points(areas), strict=True))
    for i in order:
        name = str(areas.loc[i, s.KELURAHAN])
        text = ax.annotate(name, (points[i].x, points[i].y), ha="center", va="center",
                           fontsize=fontsize)  # fmt: skip
        box = text.get_window_extent(renderer).expanded(1.08, 1.15)
        if any(box.overlaps(other) for other in boxes):
            text.remove()
            continue
        boxes.append(box)
        placed.append(name)
    return placed


def build_png(
    data: MapData,
    when: date | None = None,
    dpi: int = 150,
    size: tuple[float, float] = (10, 8),
    label_size: float = 7,
) -> bytes:
    """PNG bytes: coloured areas, lokus outlines, kecamatan borders, labels (those that fit
    without overlapping), title, legend, source, note and date."""
    feats = features(data)
    # No pyplot: its global figure registry is not thread-safe, and the PNG is drawn in a
    # download's own thread (st.download_button with a callable).
    fig = Figure(figsize=size, dpi=dpi)
    _Canvas(fig)
    ax = fig.subplots()
    feats.plot(ax=ax, color=feats["warna"], edgecolor="white", linewidth=0.6)
    kecamatan_borders(data.areas).boundary.plot(
        ax=ax, color=BORDER_COLOR, linewidth=1.2, linestyle="--"
    )
    lokus = data.areas.loc[data.areas[s.KODE_KELURAHAN].isin(data.lokus)]
    if len(lokus):
        lokus.boundary.plot(ax=ax, color=LOKUS_COLOR, linewidth=2.6)
    ax.apply_aspect()  # the final data-to-screen transform, which the labels' boxes use
    place_labels(fig, ax, data.areas, fontsize=label_size)
    handles = [
        Patch(
            facecolor=color,
            label=f"{fmt_number(data.edges[i], 1)}–{fmt_number(data.edges[i + 1], 1)}{data.unit}",
        )
        for i, color in enumerate(data.colors)
    ]
    handles += [
        Patch(facecolor=NO_DATA, label="tidak ada data"),
        Patch(facecolor="none", edgecolor=LOKUS_COLOR, linewidth=2.6, label=data.lokus_label),
        Patch(facecolor="none", edgecolor=BORDER_COLOR, linestyle="--", label="batas kecamatan"),
    ]
    ax.legend(handles=handles, loc="lower left", fontsize=8, frameon=True)
    ax.set_title(data.title, fontsize=13, loc="left")
    ax.set_axis_off()
    footer = f"Sumber: {data.source} · dibuat {fmt_date(when or today_wib())}"
    if data.note:
        footer = f"{data.note}. {footer}"
    fig.text(0.01, 0.01, footer, fontsize=8, color="#444444")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight")
    return buffer.getvalue()
