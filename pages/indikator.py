"""Indikator: chosen indicators per kelurahan against target, their trend, the attainment
heatmap, change between two periods, alerts, and the data to download."""

from __future__ import annotations

import streamlit as st

from analysis import schema as s
from analysis.alerts import alerts
from analysis.attainment import HANYA_PERSEN, KECAMATAN, KELURAHAN, coverage_grid
from analysis.overview import resolve_period, trend_by_lokus
from analysis.periods import sort_periods
from analysis.trends import change_between, lokus_comparison, stunting_composition
from charts.indicator import build_bar_figure, build_heatmap
from charts.trend import build_trend_figure
from ingest.templates import to_csv_bytes
from ui import data, metrics
from ui.deeplink import bound
from ui.fmt import fmt_period, md_text
from ui.strings import t
from ui.tables import (
    alerts_table,
    change_table,
    composition_text,
    coverage_table,
    lokus_comparison_table,
)
from ui.widgets import full_table, page_start, period_range, synthetic_badge

filters = page_start("indikator.title")

ref = data.reference()
coverage = metrics.coverage(kecamatan=filters.kecamatan)
options = metrics.indicator_options(coverage)
picked = bound(
    st.multiselect,
    t("indikator.pick"),
    options,
    default=[c for c in ("SPE02", "SPE04", "SPE07", "SPE09", "SEN05") if c in options][:5],
    format_func=metrics.indicator_label,
    key="indikator",
    what="Indikator",
)
if not picked:
    st.info(t("indikator.none"))
    st.stop()
main = picked[0]
periods = sort_periods(coverage.loc[coverage[s.KODE_INDIKATOR].isin(picked), s.PERIODE].unique())
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

lokus_year, lokus = metrics.lokus_codes(filters.tahun)
kelurahan = filters.kelurahan(ref.kelurahan)
# Stars mark lokus kelurahan only: kecamatan Cilincing is not the lokus kelurahan Cilincing.
names = set(kelurahan.loc[kelurahan[s.KODE_KELURAHAN].isin(lokus), s.KELURAHAN])
names = names if level == KELURAHAN else set()
shown = coverage if level == KELURAHAN else metrics.coverage(level, filters.kecamatan)
grid = coverage_grid(shown, metrics.area_frame(level, filters.kecamatan), picked, sampai)
main_grid = grid.loc[grid[s.KODE_INDIKATOR] == main]
n_only = int(main_grid[HANYA_PERSEN].sum())
rules = metrics.rules()
if no_bars := main_grid[s.CAKUPAN].isna().all():  # no empty axis: say so (and why) instead
    why = t("indikator.bars_none_percent_only", n=n_only) if n_only else ""
    st.info(t("indikator.bars_none", indikator=main, periode=fmt_period(sampai)) + why)
else:
    st.plotly_chart(
        build_bar_figure(main_grid, metrics.indicator_label(main), names),
        width="stretch",
        config={"displaylogo": False},
        key="indikator_batang",
    )
    st.caption(
        t(
            "indikator.bar_caption",
            area=filters.area_label(),
            periode=fmt_period(sampai),
            poin=f"{rules.mendekati_poin:g}",
            tahun=lokus_year or filters.tahun,
        )
    )
if main == s.IND_STUNTING:
    comp = stunting_composition(data.indicator_values(), set(kelurahan[s.KODE_KELURAHAN]), sampai)
    if comp["diukur"] == comp["diukur"]:  # not NaN
        st.caption(composition_text(comp))
if n_only and not no_bars:
    st.caption(t(f"indikator.percent_only_{level}", n=n_only))
small = main_grid.loc[main_grid["penyebut_kecil"], "wilayah"].tolist()
if small:
    st.caption(
        t("indikator.small", n=len(small), min=f"{rules.min_penyebut:g}", names=", ".join(small))
    )

catalogue = ref.indikator.set_index(s.KODE)
in_range = [p for p in periods if periods.index(dari) <= periods.index(p) <= periods.index(sampai)]
values = metrics.primary_values()
trend = trend_by_lokus(values, kelurahan, lokus, main)
trend = trend.loc[trend[s.PERIODE].isin(in_range) & trend[s.CAKUPAN].notna()]
mine = coverage.loc[(coverage[s.KODE_INDIKATOR] == main) & coverage[s.PERIODE].isin(in_range)]
not_summed = int(mine[HANYA_PERSEN].sum())  # percent-only kelurahan values in the range
st.subheader(t("indikator.trend", nama=md_text(catalogue.loc[main, s.NAMA])))
if trend.empty:  # no axis drawn over nothing
    st.info(t("indikator.trend_none", dari=fmt_period(dari), sampai=fmt_period(sampai)))
else:
    st.plotly_chart(
        build_trend_figure(
            trend,
            catalogue.loc[main, s.TARGET],
            "Target",
            sampai,
            y_title="Cakupan (%)",
            unit="sasaran",
            arah=catalogue.loc[main, s.ARAH],
        ),
        width="stretch",
        config={"displaylogo": False},
        key="indikator_tren",
    )
st.caption(
    t("indikator.trend_caption", sumber=metrics.source_name(catalogue.loc[main, s.SUMBER_DATA]))
    + (" " + t("indikator.not_summed", n=not_summed) if not_summed else "")
)

st.subheader(t("indikator.heatmap", periode=fmt_period(sampai)))
if grid[s.CAKUPAN].isna().all():  # an all-grey box says nothing: say why instead
    n_grid = int(grid[HANYA_PERSEN].sum())
    why = t("indikator.bars_none_percent_only", n=n_grid) if n_grid else ""
    st.info(t("indikator.heatmap_none", periode=fmt_period(sampai)) + why)
else:
    st.plotly_chart(
        build_heatmap(grid, {k: catalogue.loc[k, s.NAMA] for k in picked}),
        width="stretch",
        config={"displaylogo": False},
        key="indikator_heatmap",
    )
    st.caption(t("indikator.heatmap_caption"))
    if grid[HANYA_PERSEN].gt(0).any():
        st.caption(t("indikator.heatmap_percent_only"))

change = change_between(shown.loc[shown[s.KODE_INDIKATOR] == main], ref.indikator, dari, sampai)
st.subheader(
    t(
        "indikator.change",
        dari=fmt_period(dari),
        sampai=fmt_period(sampai),
        nama=md_text(catalogue.loc[main, s.NAMA]),
    )
)
moves = change["arah_perubahan"].value_counts()
st.caption(
    t(
        "indikator.change_caption",
        membaik=int(moves.get("membaik", 0)),
        memburuk=int(moves.get("memburuk", 0)),
        tetap=int(moves.get("tetap", 0)),
    )
)
if change.empty:  # an empty table would show Streamlit's English "empty"
    st.info(t("indikator.change_none"))
else:
    full_table(change_table(change), key="indikator_perubahan")
st.subheader(t("indikator.lokus"))
pairs = lokus_comparison(values, kelurahan, lokus, main, dari, sampai)
if pairs["n_kelurahan"].eq(0).all():  # pooled over kelurahan with counts in both periods only
    st.info(t("indikator.lokus_none", dari=fmt_period(dari), sampai=fmt_period(sampai)))
else:
    st.dataframe(
        lokus_comparison_table(pairs, dari, sampai),
        hide_index=True,
        width="stretch",
        key="indikator_lokus",
    )
if not_summed:
    st.caption(t("indikator.not_summed", n=not_summed))

found = alerts(shown.loc[shown[s.PERIODE] == sampai], ref.aturan_peringatan)
with st.expander(t("indikator.alerts", n=len(found))):
    if found.empty:
        st.caption(t("indikator.alerts_none"))
    else:
        st.dataframe(alerts_table(found, ref.indikator), hide_index=True, key="indikator_alerts")

table = coverage_table(
    shown.loc[shown[s.KODE_INDIKATOR].isin(picked) & shown[s.PERIODE].isin(in_range)],
    ref.indikator,
)
with st.expander(t("indikator.table")):
    st.dataframe(table, hide_index=True, width="stretch", key="indikator_data")
    st.download_button(
        t("indikator.download"),
        to_csv_bytes(table),
        file_name=f"indikator_{dari}_{sampai}.csv",
        mime="text/csv",
        key="indikator_unduh",
    )
