"""The Indikator page's sections below its controls, drawn from its view object
(``analysis.indicator_view.IndicatorView``): the bars of the first indicator against its
target, its trend (lokus vs bukan lokus), the attainment heatmap, the change between two
periods, lokus vs bukan lokus, alerts and the data to download. ``ui.views.indicator_view``
loads the view; each ``render_*`` draws one section. The figures and the longer tables are
cached per ``IndicatorQuery`` (``st.cache_data``, cleared with the data caches), so a return
to a view already seen draws them without building them again; the CSV is made on the click."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis import schema as s
from analysis.indicator_view import IndicatorView
from analysis.longlists import NAMES_SHOWN, TOP_N, is_long, worst_groups, worst_rows
from charts.indicator import build_bar_figure, build_heatmap
from charts.trend import build_trend_figure
from text.files import to_csv_bytes
from text.fmt import fmt_period, list_some, md_text
from text.strings import t
from text.tables import (
    alerts_table,
    change_table,
    composition_text,
    coverage_table,
    coverage_table_shown,
    lokus_comparison_table,
)
from text.target_tables import target_label
from ui import metrics, views
from ui.figures import Built
from ui.sidebar import Filters
from ui.views import IndicatorQuery
from ui.widgets import chart_note, full_table

PLOTLY = {"displaylogo": False}


def _why_empty(n_only: int) -> str:
    return t("indikator.bars_none_percent_only", n=n_only) if n_only else ""


@st.cache_data(show_spinner=False, max_entries=32)
def _bar_figure(q: IndicatorQuery) -> dict:
    """The bars of ``q``'s main indicator (``render_bars``), as the figure's dict."""
    v = views.indicator_view(q)
    lower = v.catalogue.loc[v.main, s.ARAH] == s.ARAH_RENDAH_BAIK
    return build_bar_figure(
        worst_rows(v.main_grid, s.CAKUPAN, high_is_worse=lower),
        metrics.indicator_label(v.main),
        set(v.lokus_names),
        worst_first=is_long(len(v.main_grid)),  # cut to the worst: worst on the left
        target_word=target_label(v.catalogue.loc[v.main, s.SUMBER_TARGET]),
    ).to_dict()


def render_bars(v: IndicatorView, q: IndicatorQuery, filters: Filters) -> None:
    """The main indicator per wilayah against its target, with the notes under it."""
    rules = metrics.rules()
    if v.no_bars:  # no empty axis: say so (and why) instead
        st.info(t("indikator.bars_none", indikator=v.main, periode=fmt_period(v.sampai))
                + _why_empty(v.main_percent_only))  # fmt: skip
    else:
        chart_note(len(v.main_grid))
        st.plotly_chart(
            Built(_bar_figure(q)), width="stretch", config=PLOTLY, key="indikator_batang"
        )
        st.caption(
            t(
                "indikator.bar_caption",
                area=filters.area_label(),
                periode=fmt_period(v.sampai),
                poin=f"{rules.mendekati_poin:g}",
                tahun=v.lokus_year or filters.tahun,
            )
        )
    comp = v.composition
    if comp is not None and comp["diukur"] == comp["diukur"]:  # not NaN
        st.caption(composition_text(comp))
    if v.main_percent_only and not v.no_bars:
        st.caption(t(f"indikator.percent_only_{v.level}", n=v.main_percent_only))
    if small := v.small:
        st.caption(
            t("indikator.small", n=len(small), min=f"{rules.min_penyebut:g}",
              names=list_some(small, NAMES_SHOWN))
        )  # fmt: skip


@st.cache_data(show_spinner=False, max_entries=32)
def _trend_figure(q: IndicatorQuery) -> dict:
    """The trend of ``q``'s main indicator (``render_trend``), as the figure's dict."""
    v = views.indicator_view(q)
    row = v.catalogue.loc[v.main]
    return build_trend_figure(v.trend, row[s.TARGET], target_label(row[s.SUMBER_TARGET]), v.sampai,
                              y_title="Cakupan (%)", unit="sasaran", arah=row[s.ARAH]).to_dict()  # fmt: skip


def render_trend(v: IndicatorView, q: IndicatorQuery) -> None:
    """The main indicator's trend, lokus vs bukan lokus, over the range."""
    st.subheader(t("indikator.trend", nama=md_text(v.main_name)))
    if v.trend.empty:  # no axis drawn over nothing
        st.info(t("indikator.trend_none", dari=fmt_period(v.dari), sampai=fmt_period(v.sampai)))
    else:
        st.plotly_chart(
            Built(_trend_figure(q)), width="stretch", config=PLOTLY, key="indikator_tren"
        )
    source = metrics.source_name(v.catalogue.loc[v.main, s.SUMBER_DATA])
    st.caption(
        t("indikator.trend_caption", sumber=source)
        + (" " + t("indikator.not_summed", n=v.not_summed) if v.not_summed else "")
    )


@st.cache_data(show_spinner=False, max_entries=32)
def _heatmap(q: IndicatorQuery) -> tuple[dict, int | None]:
    """The heatmap of ``q`` (``render_heatmap``) as the figure's dict, and the number of
    wilayah when it shows only the ``TOP_N`` worst (else None)."""
    v = views.indicator_view(q)
    # 852 desa: the rows furthest below their targets (Σ shortfall in points), not 852 rows.
    grid = worst_groups(v.grid, "wilayah", (-v.grid[s.SELISIH_TARGET]).clip(lower=0))
    total = v.grid["wilayah"].nunique() if len(grid) < len(v.grid) else None
    return build_heatmap(grid, v.names).to_dict(), total


def render_heatmap(v: IndicatorView, q: IndicatorQuery) -> None:
    """Attainment of every picked indicator per wilayah on ``sampai``."""
    st.subheader(t("indikator.heatmap", periode=fmt_period(v.sampai)))
    if v.grid_empty:  # an all-grey box says nothing: say why instead
        st.info(t("indikator.heatmap_none", periode=fmt_period(v.sampai))
                + _why_empty(v.grid_percent_only))  # fmt: skip
        return
    figure, total = _heatmap(q)
    if total is not None:
        st.caption(t("top.chart", n=TOP_N, total=total))
    st.plotly_chart(Built(figure), width="stretch", config=PLOTLY, key="indikator_heatmap")
    st.caption(t("indikator.heatmap_caption"))
    if v.grid_percent_only:
        st.caption(t("indikator.heatmap_percent_only"))


@st.cache_data(show_spinner=False, max_entries=32)
def _change_table(q: IndicatorQuery) -> pd.DataFrame:
    """The change table of ``q`` (``text.tables.change_table``)."""
    return change_table(views.indicator_view(q).change)


def render_change(v: IndicatorView, q: IndicatorQuery) -> None:
    """The main indicator's change per wilayah between ``dari`` and ``sampai``."""
    st.subheader(t("indikator.change", dari=fmt_period(v.dari), sampai=fmt_period(v.sampai),
                   nama=md_text(v.main_name)))  # fmt: skip
    moves = v.moves
    untested = t("indikator.change_untested", n=moves["tanpa_uji"]) if moves["tanpa_uji"] else ""
    st.caption(t("indikator.change_caption", **moves, tanpa=untested, poin=f"{v.min_points:g}"))
    if v.change.empty:  # an empty table would show Streamlit's English "empty"
        st.info(t("indikator.change_none"))
    else:
        full_table(_change_table(q), key="indikator_perubahan")


def render_lokus(v: IndicatorView) -> None:
    """Lokus vs bukan lokus, pooled, at both ends of the range."""
    st.subheader(t("indikator.lokus"))
    if v.lokus_year is None:  # no lokus in force: nothing to compare
        st.info(t("regionadmin.no_lokus_view", tahun=v.sampai[:4]))
    elif v.lokus_empty:  # pooled over kelurahan with counts in both periods
        st.info(t("indikator.lokus_none", dari=fmt_period(v.dari), sampai=fmt_period(v.sampai)))
    else:
        st.dataframe(
            lokus_comparison_table(v.lokus_pairs, v.dari, v.sampai),
            hide_index=True,
            width="stretch",
            key="indikator_lokus",
        )
    if v.not_summed:
        st.caption(t("indikator.not_summed", n=v.not_summed))


@st.cache_data(show_spinner=False, max_entries=32)
def _data_table(q: IndicatorQuery) -> pd.DataFrame:
    """The picked indicators' data over the range as shown (``coverage_table_shown``)."""
    v = views.indicator_view(q)
    return coverage_table_shown(coverage_table(v.rows, v.indikator))


def render_alerts_and_data(v: IndicatorView, q: IndicatorQuery) -> None:
    """The alerts of ``sampai`` and the picked indicators' data over the range, to download
    (the CSV is made when the button is pressed, from this run's rows)."""
    with st.expander(t("indikator.alerts", n=len(v.alerts))):
        if v.alerts.empty:
            st.caption(t("indikator.alerts_none"))
        else:
            st.dataframe(alerts_table(v.alerts, v.indikator), hide_index=True,
                         key="indikator_alerts")  # fmt: skip
    rows, catalogue = v.rows, v.indikator
    with st.expander(t("indikator.table")):
        st.dataframe(_data_table(q), hide_index=True, width="stretch",
                     key="indikator_data")  # fmt: skip
        st.download_button(
            t("indikator.download"),
            lambda: to_csv_bytes(coverage_table(rows, catalogue)),
            file_name=f"indikator_{v.dari}_{v.sampai}.csv",
            mime="text/csv",
            key="indikator_unduh",
        )
