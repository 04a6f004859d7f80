"""The slides' charts as PNG images (matplotlib, no browser, no internet): one picture serves
the Presentasi page, the PowerPoint and the PDF. Large type and strong colours for a projector."""

from __future__ import annotations

import io
import textwrap
from datetime import date

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from analysis import schema as s  # noqa: E402
from analysis.attainment import BELUM, HANYA_PERSEN, MENDEKATI, TERCAPAI  # noqa: E402
from analysis.overview import GROUP, LOKUS_LABEL, NON_LOKUS_LABEL  # noqa: E402
from analysis.programs import CELL_ORDER, N_KEGIATAN, SEL  # noqa: E402
from charts.aksi import STATUS_COLORS as AKSI_COLORS  # noqa: E402
from charts.maps import LOKUS_COLOR, STATUS_COLORS  # noqa: E402
from charts.programs import CELL_COLORS  # noqa: E402
from charts.static_map import build_png  # noqa: E402
from text.fmt import PERCENT_ONLY, fmt_against, fmt_percent, fmt_period, fmt_target  # noqa: E402
from text.strings import word  # noqa: E402

SIZE = (10, 5.4)  # inches: a 16:9-ish picture beside a table on a wide slide
DPI = 130
FONT = 13
GREY = "#7f8c8d"
TARGET_COLORS = {BELUM: STATUS_COLORS[0], MENDEKATI: STATUS_COLORS[1], TERCAPAI: STATUS_COLORS[2]}
LINE_COLORS = {LOKUS_LABEL: LOKUS_COLOR, NON_LOKUS_LABEL: "#2471a3"}
PERCENT_ONLY_STAR = "* nilai hanya persen"  # a matrix cell whose coverage has no counts


def render_chart(chart, when: date | None = None) -> bytes | None:
    """PNG bytes of a slide's ``report.deck.Chart`` (None when there is nothing to draw)."""
    if chart is None:
        return None
    if chart.kind == "map":
        return build_png(chart.data, when, dpi=120, size=(11, 5.6), label_size=11)
    draw = {
        "trend": _trend,
        "lokus": _lokus,
        "coverage": _coverage,
        "matrix": _matrix,
        "aksi": _aksi,
    }[chart.kind]
    with plt.rc_context({"font.size": FONT, "axes.titlesize": FONT + 2}):
        fig, ax = plt.subplots(figsize=SIZE, dpi=DPI)
        drawn = draw(ax, chart)
        if not drawn:
            ax.set_axis_off()
            ax.text(0.5, 0.5, "Belum ada data", ha="center", va="center", fontsize=FONT + 4)
        ax.set_title(chart.title, loc="left", fontweight="bold")
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", bbox_inches="tight")
        plt.close(fig)
    return buffer.getvalue()


def _style(ax) -> None:
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", color="#dddddd")
    ax.set_axisbelow(True)


def _percent_axis(ax) -> None:
    ax.yaxis.set_major_formatter(lambda v, _: fmt_percent(v, 0))


def _periods_axis(ax, periods: list[str]) -> None:
    step = max(1, len(periods) // 8)
    ticks = list(range(0, len(periods), step))
    ax.set_xticks(ticks, [fmt_period(periods[i], short=True) for i in ticks], rotation=30)


def _trend(ax, chart) -> bool:
    frame = chart.data.dropna(subset=[s.CAKUPAN])
    if frame.empty:
        return False
    periods = list(frame[s.PERIODE])
    x = np.arange(len(periods))
    ax.plot(x, frame[s.CAKUPAN], marker="o", color=LOKUS_COLOR, linewidth=3, label="Prevalensi")
    for i in (0, len(x) - 1):
        ax.annotate(
            fmt_percent(frame[s.CAKUPAN].iloc[i]),
            (x[i], frame[s.CAKUPAN].iloc[i]),
            textcoords="offset points",
            xytext=(0, 10),
            ha="center",
            fontweight="bold",
        )
    if chart.target is not None:
        ax.axhline(chart.target, color="#1e8449", linestyle="--", linewidth=2)
        ax.annotate(
            f"Target {fmt_target(chart.target, chart.arah)}",
            (x[-1], chart.target),
            textcoords="offset points",
            xytext=(0, 6),
            ha="right",
            color="#1e8449",
        )
    ax.set_ylim(0, max(frame[s.CAKUPAN].max(), chart.target or 0) * 1.2)
    _percent_axis(ax)
    _periods_axis(ax, periods)
    _style(ax)
    return True


def _lokus(ax, chart) -> bool:
    frame = chart.data.dropna(subset=[s.CAKUPAN])
    if frame.empty:
        return False
    periods = [p for p in dict.fromkeys(chart.data[s.PERIODE])]
    position = {p: i for i, p in enumerate(periods)}
    for label, rows in frame.groupby(GROUP, sort=False):
        x = rows[s.PERIODE].map(position)
        color = LINE_COLORS.get(label, GREY)
        ax.plot(x, rows[s.CAKUPAN], marker="o", linewidth=3, color=color, label=label)
        ax.annotate(
            fmt_percent(rows[s.CAKUPAN].iloc[-1]),
            (x.iloc[-1], rows[s.CAKUPAN].iloc[-1]),
            textcoords="offset points",
            xytext=(8, 0),
            va="center",
            color=color,
            fontweight="bold",
        )
    ax.set_ylim(0, frame[s.CAKUPAN].max() * 1.2)
    ax.legend(loc="lower left", frameon=False)
    _percent_axis(ax)
    _periods_axis(ax, periods)
    _style(ax)
    return True


LABEL_UNITS = 14  # of the 0–115 % axis, a value label ("100,0%") with its gap takes about


def label_x(value: float, target: float | None) -> float:
    """Where a bar's value label starts: just after the bar, or after the target mark when
    the mark would cut through the label ("85|3%" on a projector reads as 85,8)."""
    x = value + 1
    if target is not None and target == target and x - 1 <= target <= x + LABEL_UNITS:
        return target + 2
    return x


def _coverage(ax, chart) -> bool:
    frame = chart.data
    if frame.empty:
        return False
    frame = frame.iloc[::-1]  # the table's first row on top
    y = np.arange(len(frame))
    colors = [TARGET_COLORS.get(st, GREY) for st in frame[f"Status {word('kabkota')}"]]
    ax.barh(y, frame[f"Cakupan {word('kabkota')} (%)"], color=colors, height=0.65)
    ax.scatter(frame["Target (%)"], y, marker="|", s=500, color="black", linewidths=3, zorder=3)
    rows = zip(
        y,
        frame[f"Cakupan {word('kabkota')} (%)"],
        frame["Target (%)"],
        frame[f"Status {word('kabkota')}"],
        strict=True,
    )
    for yi, value, target, status in rows:
        if pd.isna(value) and str(status).startswith(PERCENT_ONLY):  # bare percentages only
            ax.text(1, yi, f"hanya persen, tidak dijumlahkan ke {word('kabkota')}", va="center", fontsize=FONT - 2, color=GREY,
                    style="italic")  # fmt: skip
            continue
        ax.text(label_x(value, target), yi, fmt_against(value, target), va="center",
                fontsize=FONT - 2)  # fmt: skip
    ax.set_yticks(y, frame["Kode"])
    ax.set_xlim(0, 115)
    ax.xaxis.set_major_formatter(lambda v, _: fmt_percent(v, 0))
    ax.spines[["top", "right"]].set_visible(False)
    handles = [Patch(color=c, label=k) for k, c in TARGET_COLORS.items()]
    handles.append(
        plt.Line2D([], [], color="black", marker="|", linestyle="", ms=16, label="target")
    )
    # Under the axis, not over the bars and their labels.
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=len(handles),
              fontsize=FONT - 3, frameon=False)  # fmt: skip
    return True


def _matrix(ax, chart) -> bool:
    frame = chart.data
    if frame.empty:
        return False
    rows = list(dict.fromkeys(frame[s.KELURAHAN]))
    cols = list(dict.fromkeys(frame[s.KODE_INDIKATOR]))
    grid = frame[SEL].map(CELL_ORDER.index).to_numpy().reshape(len(rows), len(cols))
    counts = frame[N_KEGIATAN].to_numpy().reshape(len(rows), len(cols))
    pct = (
        frame[HANYA_PERSEN].astype(bool).to_numpy().reshape(len(rows), len(cols))
        if HANYA_PERSEN in frame
        else np.zeros_like(counts, dtype=bool)
    )
    cmap = matplotlib.colors.ListedColormap(CELL_COLORS)
    ax.imshow(grid, cmap=cmap, vmin=-0.5, vmax=len(CELL_COLORS) - 0.5, aspect="auto")
    for (i, j), n in np.ndenumerate(counts):
        ax.text(j, i, f"{n}*" if pct[i, j] else str(n), ha="center", va="center",
                fontsize=FONT - 2, color="white" if grid[i, j] == 0 else "black")  # fmt: skip
    ax.set_xticks(range(len(cols)), cols, rotation=90, fontsize=FONT - 3)
    ax.set_yticks(range(len(rows)), rows)
    ax.set_xticks(np.arange(len(cols)) - 0.5, minor=True)
    ax.set_yticks(np.arange(len(rows)) - 0.5, minor=True)
    ax.grid(which="minor", color="white", linewidth=2)
    ax.tick_params(which="minor", length=0)
    handles = [Patch(color=c, label=k) for k, c in zip(CELL_ORDER, CELL_COLORS, strict=True)]
    if pct.any():
        handles.append(Patch(color="none", label=PERCENT_ONLY_STAR))
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.3), ncol=2,
              fontsize=FONT - 3, frameon=False)  # fmt: skip
    return True


def _fit_in_boxes(ax, texts, box: float) -> None:
    """Shrink each text until it is narrower than ``box`` data units (the box it labels)."""
    renderer = ax.figure.canvas.get_renderer()
    room = ax.transData.transform((box, 0))[0] - ax.transData.transform((0, 0))[0]
    for text in texts:
        while text.get_window_extent(renderer).width > room and text.get_fontsize() > 7:
            text.set_fontsize(text.get_fontsize() - 0.5)


def _aksi(ax, chart) -> bool:
    """One box per aksi, coloured by status: its number (and "pendukung"), its name wrapped
    and shrunk until it fits inside the box, and its progress while it runs."""
    frame = chart.data
    if frame.empty:
        return False
    width = 16 if len(frame) <= 6 else 12  # characters a line
    names = []
    for i, row in enumerate(frame.to_dict("records")):
        status = row["Status"]
        ax.barh(0, 0.92, left=i, color=AKSI_COLORS.get(status, GREY), height=0.9)
        ink = "black" if status in (s.STATUS_BELUM, s.STATUS_TIDAK_BERLAKU) else "white"
        ax.text(i + 0.46, 0.3, f"Aksi {row['No']}", ha="center", fontweight="bold", color=ink)
        if row.get("Jenis") == "pendukung":
            ax.text(i + 0.46, 0.2, "pendukung", ha="center", fontsize=FONT - 4, color=ink)
        name = "\n".join(textwrap.wrap(str(row["Aksi"]), width, break_long_words=False)[:5])
        names.append(ax.text(i + 0.46, 0.08, name, ha="center", va="top", fontsize=FONT - 3,
                             color=ink))  # fmt: skip
        done = row.get("Progres (%)")
        if status in (s.STATUS_BERJALAN, s.STATUS_TERLAMBAT) and "Progres (%)" in row:
            # Progress unknown on that day: the aksi was finished later, on the date shown.
            shown = f"selesai\n{row.get('Realisasi selesai')}" if pd.isna(done) else None
            names.append(ax.text(i + 0.46, -0.36, shown or fmt_percent(done, 0), ha="center",
                                 fontweight="bold", color=ink, fontsize=FONT - 3 if shown else FONT))  # fmt: skip
    ax.set_xlim(-0.05, len(frame) + 0.05)
    ax.set_ylim(-0.5, 0.5)
    ax.set_axis_off()
    _fit_in_boxes(ax, names, 0.86)
    present = [st for st in AKSI_COLORS if st in set(frame["Status"])]
    ax.legend(
        handles=[Patch(color=AKSI_COLORS[st], label=st) for st in present],
        loc="upper center",
        bbox_to_anchor=(0.5, 0.02),
        ncol=len(present),
        frameon=False,
    )
    return True
