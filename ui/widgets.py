"""Small shared widgets: the synthetic-data badge and headline cards."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from analysis.longlists import TOP_N, is_long, worst_rows
from text.fmt import fmt_period
from text.strings import t
from ui import data
from ui.deeplink import bound
from ui.router import ensure_router
from ui.sidebar import Filters, current_filters


def synthetic_badge(shown: bool) -> None:
    """The visible "Data contoh (sintetis)" badge, whenever synthetic data is on screen."""
    if shown:
        st.badge(t("badge.synthetic"), icon=":material/science:", color="orange")
        # Beside uploaded data the page mixes both: say so rather than "all synthetic".
        st.caption(t("badge.synthetic_mixed" if data.shows_uploaded() else "badge.synthetic_help"))


def card(
    label: str,
    value: str,
    caption: str = "",
    delta: str | None = None,
    delta_color: str = "normal",
    key: str | None = None,
) -> None:
    """A bordered headline figure with a caption under it."""
    with st.container(border=True, key=key):
        st.metric(label, value, delta=delta, delta_color=delta_color)
        if caption:
            st.caption(caption)


# The main column at 1366 px with the sidebar open (1366 − 300 sidebar − 2 × 80 padding ≈ 906 px):
# a table whose columns sum to at most this fits a projector without sideways scrolling.
MAIN_WIDTH = 900
ROW_HEIGHT = 35  # Streamlit's own row height
LINE_HEIGHT = 21  # a wrapped line of the grid's text, px; above 4rem (64 px) the grid wraps
# A "full" table of more than ``FULL_UP_TO`` rows (852 desa) scrolls inside this many rows'
# height instead of making the page 30 000 px long.
SCROLL_ROWS = 20


def table_height(n_rows: int, row: int = ROW_HEIGHT) -> int:
    """Pixel height showing every one of ``n_rows`` rows (header 38 px), or ``SCROLL_ROWS`` of
    them, scrolling inside, when the list is long (``analysis.longlists.is_long``)."""
    return 38 + row * (min(n_rows, SCROLL_ROWS) if is_long(n_rows) else n_rows)


def chart_rows(frame: pd.DataFrame, column: str, high_is_worse: bool) -> pd.DataFrame:
    """The rows a one-bar-per-wilayah chart draws: all of a short list, else the ``TOP_N`` with
    the worst ``column`` (``longlists.worst_rows``), with a caption saying so."""
    chart_note(len(frame))
    return worst_rows(frame, column, high_is_worse)


def chart_note(n_rows: int) -> None:
    """The caption over a one-bar-per-wilayah chart of a long list: only its ``TOP_N`` worst."""
    if is_long(n_rows):
        st.caption(t("top.chart", n=TOP_N, total=n_rows))


def top_rows(frame: pd.DataFrame, key: str) -> pd.DataFrame:
    """The first ``TOP_N`` rows of a long ``frame`` (ordered worst first by the caller), with a
    "Lihat semua" toggle (``key``) that gives every row back; a short list whole, no toggle."""
    if not is_long(len(frame)):
        return frame
    if st.toggle(t("top.all", n=len(frame)), key=key):
        return frame
    st.caption(t("top.shown", n=TOP_N, total=len(frame)))
    return frame.head(TOP_N)


def fitted_columns(
    widths: dict[str, int],
    short: dict[str, str] | None = None,
    keep: dict[str, st.column_config.Column] | None = None,
) -> dict:
    """A ``column_config`` giving each shown column its pixel width (``widths``, in display
    order, summing to at most ``MAIN_WIDTH``); ``short`` relabels a column (its full name
    becomes the header's help), ``keep`` holds a column's own config (a link column)."""
    if sum(widths.values()) > MAIN_WIDTH:
        raise ValueError(f"columns {sum(widths.values())} px wide, more than {MAIN_WIDTH}")
    short, keep = short or {}, keep or {}
    return {
        name: keep.get(name)
        or st.column_config.TextColumn(
            short.get(name), width=width, help=name if name in short else None
        )
        for name, width in widths.items()
    }


def fitted_table(
    frame: pd.DataFrame,
    widths: dict[str, int],
    key: str | None = None,
    *,
    short: dict[str, str] | None = None,
    keep: dict[str, st.column_config.Column] | None = None,
    wrap: int = 0,
    full: bool = True,
) -> None:
    """A table that fits the 1366 px main column: only the ``widths`` columns, in that order, at
    those widths; ``wrap`` (≥ 3) makes rows tall enough for that many lines of wrapped text; ``full``
    makes it tall enough to show every row without inner scrolling (for the projector)."""
    row = max(wrap * LINE_HEIGHT + 3, 66) if wrap else ROW_HEIGHT
    st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        height=table_height(len(frame), row) if full else "auto",
        key=key,
        column_order=list(widths),
        column_config=fitted_columns(widths, short, keep),
        row_height=row if wrap else None,
    )


def full_table(frame: pd.DataFrame, key: str | None = None, **kwargs) -> None:
    """A dataframe tall enough to show every row without inner scrolling (for the projector);
    a long one (852 desa) scrolls inside ``SCROLL_ROWS`` rows."""
    st.dataframe(
        frame, hide_index=True, width="stretch", height=table_height(len(frame)), key=key, **kwargs
    )


def period_range(periods: list[str], default_end: str) -> tuple[str, str]:
    """Two bound selectboxes ("dari", "sampai") over ``periods`` (chronological); a reversed
    choice is put in order with a notice. Returns (first, last)."""
    labels = {fmt_period(p): p for p in periods}
    names = list(labels)
    left, right = st.columns(2)

    def codes(name: str) -> list[str]:  # a link may name a period by its code (2024-Q3)
        return [labels[name]]

    start = bound(left.selectbox, t("indikator.dari"), names, key="dari", what=t("indikator.dari"),
                  aliases=codes)  # fmt: skip
    end_label = fmt_period(default_end)
    # "Sampai" follows the sidebar's period when that changes (a widget keeps its own value
    # otherwise, and would stay on the newest period while the sidebar says another year).
    followed = st.session_state.get("sampai.ikut")
    if followed is not None and followed != end_label and end_label in labels:
        st.session_state["sampai"] = end_label
    st.session_state["sampai.ikut"] = end_label
    end = bound(
        right.selectbox,
        t("indikator.sampai"),
        names,
        index=names.index(end_label) if end_label in labels else len(names) - 1,
        key="sampai",
        what=t("indikator.sampai"),
        aliases=codes,
    )
    first, last = sorted([labels[start], labels[end]], key=periods.index)
    if periods.index(labels[start]) > periods.index(labels[end]):
        st.warning(t("indikator.range_bad", dari=fmt_period(first), sampai=fmt_period(last)))
    return first, last


def page_start(title_key: str, when_empty: Callable[[], None] | None = None) -> Filters:
    """The start of every data page: router guard, title, and the sidebar filters (the page
    stops with guidance when there is no data to filter, after drawing ``when_empty`` — e.g.
    Peta's outline map — if given)."""
    ensure_router()
    st.title(t(title_key))
    filters = current_filters()
    if filters is None:
        st.info(t("empty.values"))
        if when_empty is not None:
            when_empty()
        st.stop()
    return filters


MIME = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def download(
    label: str, content: bytes | Callable[[], bytes], name: str, key: str, where=st
) -> None:
    """A download button in ``where`` (a column, or the page) for the file ``name``, its MIME
    type from the extension. ``content`` may be a function: it is then called only when the
    button is pressed (drawing the page builds no file), and pressing it does not rerun the
    page."""
    mime = MIME[name.rsplit(".", 1)[-1]]
    on_click = "ignore" if callable(content) else "rerun"
    where.download_button(label, content, file_name=name, mime=mime, key=key, on_click=on_click)


def profile_link_column() -> st.column_config.LinkColumn:
    """The "Profil →" column of ranking tables (cells hold ``text.tables.profile_url``)."""
    return st.column_config.LinkColumn(display_text=t("col.profil_link"), width=70)
