"""Indikator: chosen indicators per kelurahan against target, their trend, the attainment
heatmap, change between two periods, alerts, and the data to download."""

from __future__ import annotations

import streamlit as st

from analysis.attainment import KECAMATAN, KELURAHAN
from analysis.indicator_view import indicator_periods
from analysis.overview import resolve_period
from text.fmt import fmt_period
from text.strings import t
from ui import data, metrics, views
from ui import indicator_sections as sections
from ui.deeplink import bound
from ui.widgets import page_start, period_range, synthetic_badge

filters = page_start("indikator.title")

coverage = metrics.coverage(kecamatan=filters.kecamatan)
options = metrics.indicator_options(coverage)
picked = bound(
    st.multiselect,
    t("indikator.pick"),
    options,
    default=[c for c in ("SPE02", "SPE04", "SPE07", "SPE09", "SEN05") if c in options][:5],
    format_func=metrics.indicator_labeller(),
    key="indikator",
    what="Indikator",
)
if not picked:
    st.info(t("indikator.none"))
    st.stop()
periods = indicator_periods(coverage, picked)
# The sidebar's period, or the latest earlier one with data: never silently the newest.
dari, sampai = period_range(periods, resolve_period(coverage, picked, filters.periode) or "")
if sampai != filters.periode:
    st.caption(
        t("indikator.sampai_other", sampai=fmt_period(sampai), periode=fmt_period(filters.periode))
    )
levels = {t("indikator.level_kelurahan"): KELURAHAN, t("indikator.level_kecamatan"): KECAMATAN}
level = levels[
    st.segmented_control(
        t("indikator.level"),
        list(levels),
        default=list(levels)[0],
        key="tingkat",
        bind="query-params",
        required=True,
    )
]
synthetic_badge(data.shows_synthetic(filters.tahun))

query = views.IndicatorQuery(
    filters.tahun, filters.kecamatan, tuple(picked), tuple(periods), dari, sampai, level
)
view = views.indicator_view(query)
sections.render_bars(view, query, filters)
sections.render_trend(view, query)
sections.render_heatmap(view, query)
sections.render_change(view, query)
sections.render_lokus(view)
sections.render_alerts_and_data(view, query)
