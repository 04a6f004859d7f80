"""The Indikator page's sections below its controls, drawn from its view object
(``analysis.indicator_view.IndicatorView``): the bars of the first indicator against its
target, its trend (lokus vs bukan lokus), the attainment heatmap, the change between two
periods, lokus vs bukan lokus, alerts and the data to download. ``ui.views.indicator_view``
loads the view; each ``render_*`` draws one section."""

from __future__ import annotations

import streamlit as st

from analysis import schema as s
from analysis.indicator_view import IndicatorView
from analysis.longlists import NAMES_SHOWN, TOP_N, is_long, worst_groups
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
from ui import metrics
from ui.sidebar import Filters
from ui.widgets import chart_rows, full_table

PLOTLY = {"displaylogo": False}


def _why_empty(n_only: int) -> str:
    return t("indikator.bars_none_percent_only", n=n_only) if n_only else ""


def render_bars(v: IndicatorView, filters: Filters) -> None:
    """The main indicator per wilayah against its target, with the notes under it."""
    rules = metrics.rules()
    if v.no_bars:  # no empty axis: say so (and why) instead
        st.info(t("indikator.bars_none", indikator=v.main, periode=fmt_period(v.sampai))
                + _why_empty(v.main_percent_only))  # fmt: skip
    else:
        lower = v.catalogue.loc[v.main, s.ARAH] == s.ARAH_RENDAH_BAIK
        bars = chart_rows(v.main_grid, s.CAKUPAN, high_is_worse=lower)
        st.plotly_chart(
            build_bar_figure(
                bars,
                metrics.indicator_label(v.main),
                set(v.lokus_names),
                worst_first=is_long(len(v.main_grid)),  # cut to the worst: worst on the left
                target_word=target_label(v.catalogue.loc[v.main, s.SUMBER_TARGET]),
            ),
            width="stretch",
            config=PLOTLY,
            key="indikator_batang",
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


def render_trend(v: IndicatorView) -> None:
    """The main indicator's trend, lokus vs bukan lokus, over the range."""
    st.subheader(t("indikator.trend", nama=md_text(v.main_name)))
    if v.trend.empty:  # no axis drawn over nothing
        st.info(t("indikator.trend_none", dari=fmt_period(v.dari), sampai=fmt_period(v.sampai)))
    else:
        row = v.catalogue.loc[v.main]
        st.plotly_chart(
            build_trend_figure(v.trend, row[s.TARGET], target_label(row[s.SUMBER_TARGET]), v.sampai, y_title="Cakupan (%)",
                               unit="sasaran", arah=row[s.ARAH]),
            width="stretch",
            config=PLOTLY,
            key="indikator_tren",
        )  # fmt: skip
    source = metrics.source_name(v.catalogue.loc[v.main, s.SUMBER_DATA])
    st.caption(
        t("indikator.trend_caption", sumber=source)
        + (" " + t("indikator.not_summed", n=v.not_summed) if v.not_summed else "")
    )


def render_heatmap(v: IndicatorView) -> None:
    """Attainment of every picked indicator per wilayah on ``sampai``."""
    st.subheader(t("indikator.heatmap", periode=fmt_period(v.sampai)))
    if v.grid_empty:  # an all-grey box says nothing: say why instead
        st.info(t("indikator.heatmap_none", periode=fmt_period(v.sampai))
                + _why_empty(v.grid_percent_only))  # fmt: skip
        return
    # 852 desa: the rows furthest below their targets (Σ shortfall in points), not 852 rows.
    grid = worst_groups(v.grid, "wilayah", (-v.grid[s.SELISIH_TARGET]).clip(lower=0))
    if len(grid) < len(v.grid):
        st.caption(t("top.chart", n=TOP_N, total=v.grid["wilayah"].nunique()))
    st.plotly_chart(
        build_heatmap(grid, v.names), width="stretch", config=PLOTLY, key="indikator_heatmap"
    )
    st.caption(t("indikator.heatmap_caption"))
    if v.grid_percent_only:
        st.caption(t("indikator.heatmap_percent_only"))


def render_change(v: IndicatorView) -> None:
    """The main indicator's change per wilayah between ``dari`` and ``sampai``."""
    st.subheader(t("indikator.change", dari=fmt_period(v.dari), sampai=fmt_period(v.sampai),
                   nama=md_text(v.main_name)))  # fmt: skip
    moves = v.moves
    untested = t("indikator.change_untested", n=moves["tanpa_uji"]) if moves["tanpa_uji"] else ""
    st.caption(t("indikator.change_caption", **moves, tanpa=untested, poin=f"{v.min_points:g}"))
    if v.change.empty:  # an empty table would show Streamlit's English "empty"
        st.info(t("indikator.change_none"))
    else:
        full_table(change_table(v.change), key="indikator_perubahan")


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


def render_alerts_and_data(v: IndicatorView) -> None:
    """The alerts of ``sampai`` and the picked indicators' data over the range, to download."""
    with st.expander(t("indikator.alerts", n=len(v.alerts))):
        if v.alerts.empty:
            st.caption(t("indikator.alerts_none"))
        else:
            st.dataframe(alerts_table(v.alerts, v.indikator), hide_index=True,
                         key="indikator_alerts")  # fmt: skip
    table = coverage_table(v.rows, v.indikator)
    with st.expander(t("indikator.table")):
        st.dataframe(coverage_table_shown(table), hide_index=True, width="stretch",
                     key="indikator_data")  # fmt: skip
        st.download_button(
            t("indikator.download"),
            to_csv_bytes(table),
            file_name=f"indikator_{v.dari}_{v.sampai}.csv",
            mime="text/csv",
            key="indikator_unduh",
        )
