"""The Indikator page's sections below its controls: the bars of the first indicator against
its target, its trend (lokus vs bukan lokus), the attainment heatmap, the change between two
periods, lokus vs bukan lokus, alerts and the data to download. ``scope`` gathers once what
every section reads; each ``render_*`` draws one section."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analysis import schema as s
from analysis.alerts import alerts
from analysis.attainment import HANYA_PERSEN, KELURAHAN, coverage_grid
from analysis.overview import trend_by_lokus
from analysis.reference import Reference
from analysis.trends import change_between, lokus_comparison, stunting_composition
from charts.indicator import build_bar_figure, build_heatmap
from charts.trend import build_trend_figure
from text.files import to_csv_bytes
from text.fmt import fmt_period, md_text
from text.strings import t
from text.tables import (
    alerts_table,
    change_table,
    composition_text,
    coverage_table,
    lokus_comparison_table,
)
from ui import data, metrics
from ui.sidebar import Filters
from ui.widgets import full_table

PLOTLY = {"displaylogo": False}


@dataclass(frozen=True)
class IndicatorScope:
    """What the sections of the page read, for the chosen indicators, periods and level."""

    filters: Filters
    ref: Reference
    coverage: pd.DataFrame  # per kelurahan
    shown: pd.DataFrame  # at the chosen level (kelurahan, or kecamatan Σ of their kelurahan)
    grid: pd.DataFrame  # attainment.coverage_grid of the picked indicators on ``sampai``
    picked: list[str]
    main: str  # the first picked indicator: bars, trend, change
    level: str
    dari: str
    sampai: str
    in_range: list[str]  # the periods from ``dari`` to ``sampai``
    kelurahan: pd.DataFrame  # the kelurahan of the sidebar's area
    lokus: set[str]
    lokus_year: int | None
    values: pd.DataFrame  # primary values per kelurahan (trend, lokus comparison)
    catalogue: pd.DataFrame  # indicator catalogue indexed by kode

    @property
    def not_summed(self) -> int:
        """Percent-only kelurahan values of the main indicator in the range."""
        mine = self.coverage.loc[
            (self.coverage[s.KODE_INDIKATOR] == self.main)
            & self.coverage[s.PERIODE].isin(self.in_range)
        ]
        return int(mine[HANYA_PERSEN].sum())

    @property
    def main_name(self) -> str:
        return self.catalogue.loc[self.main, s.NAMA]


def scope(
    filters: Filters,
    coverage: pd.DataFrame,
    picked: list[str],
    periods: list[str],
    dari: str,
    sampai: str,
    level: str,
) -> IndicatorScope:
    """Everything the sections read, computed once per run."""
    ref = data.reference()
    lokus_year, lokus = metrics.lokus_codes(filters.tahun)
    shown = coverage if level == KELURAHAN else metrics.coverage(level, filters.kecamatan)
    return IndicatorScope(
        filters=filters,
        ref=ref,
        coverage=coverage,
        shown=shown,
        grid=coverage_grid(shown, metrics.area_frame(level, filters.kecamatan), picked, sampai),
        picked=picked,
        main=picked[0],
        level=level,
        dari=dari,
        sampai=sampai,
        in_range=periods[periods.index(dari) : periods.index(sampai) + 1],
        kelurahan=filters.kelurahan(ref.kelurahan),
        lokus=lokus,
        lokus_year=lokus_year,
        values=metrics.primary_values(),
        catalogue=ref.indikator.set_index(s.KODE),
    )


def _why_empty(n_only: int) -> str:
    return t("indikator.bars_none_percent_only", n=n_only) if n_only else ""


def render_bars(v: IndicatorScope) -> None:
    """The main indicator per wilayah against its target, with the notes under it."""
    kel = v.kelurahan
    # Stars mark lokus kelurahan only: kecamatan Cilincing is not the lokus kelurahan Cilincing.
    names = set(kel.loc[kel[s.KODE_KELURAHAN].isin(v.lokus), s.KELURAHAN])
    names = names if v.level == KELURAHAN else set()
    main_grid = v.grid.loc[v.grid[s.KODE_INDIKATOR] == v.main]
    n_only = int(main_grid[HANYA_PERSEN].sum())
    rules = metrics.rules()
    if no_bars := main_grid[s.CAKUPAN].isna().all():  # no empty axis: say so (and why) instead
        st.info(t("indikator.bars_none", indikator=v.main, periode=fmt_period(v.sampai))
                + _why_empty(n_only))  # fmt: skip
    else:
        st.plotly_chart(
            build_bar_figure(main_grid, metrics.indicator_label(v.main), names),
            width="stretch",
            config=PLOTLY,
            key="indikator_batang",
        )
        st.caption(
            t(
                "indikator.bar_caption",
                area=v.filters.area_label(),
                periode=fmt_period(v.sampai),
                poin=f"{rules.mendekati_poin:g}",
                tahun=v.lokus_year or v.filters.tahun,
            )
        )
    if v.main == s.IND_STUNTING:
        comp = stunting_composition(data.indicator_values(), set(kel[s.KODE_KELURAHAN]), v.sampai)
        if comp["diukur"] == comp["diukur"]:  # not NaN
            st.caption(composition_text(comp))
    if n_only and not no_bars:
        st.caption(t(f"indikator.percent_only_{v.level}", n=n_only))
    small = main_grid.loc[main_grid["penyebut_kecil"], "wilayah"].tolist()
    if small:
        st.caption(
            t("indikator.small", n=len(small), min=f"{rules.min_penyebut:g}",
              names=", ".join(small))
        )  # fmt: skip


def render_trend(v: IndicatorScope) -> None:
    """The main indicator's trend, lokus vs bukan lokus, over the range."""
    trend = trend_by_lokus(v.values, v.kelurahan, v.lokus, v.main)
    trend = trend.loc[trend[s.PERIODE].isin(v.in_range) & trend[s.CAKUPAN].notna()]
    st.subheader(t("indikator.trend", nama=md_text(v.main_name)))
    if trend.empty:  # no axis drawn over nothing
        st.info(t("indikator.trend_none", dari=fmt_period(v.dari), sampai=fmt_period(v.sampai)))
    else:
        row = v.catalogue.loc[v.main]
        st.plotly_chart(
            build_trend_figure(trend, row[s.TARGET], "Target", v.sampai, y_title="Cakupan (%)",
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


def render_heatmap(v: IndicatorScope) -> None:
    """Attainment of every picked indicator per wilayah on ``sampai``."""
    st.subheader(t("indikator.heatmap", periode=fmt_period(v.sampai)))
    if v.grid[s.CAKUPAN].isna().all():  # an all-grey box says nothing: say why instead
        st.info(t("indikator.heatmap_none", periode=fmt_period(v.sampai))
                + _why_empty(int(v.grid[HANYA_PERSEN].sum())))  # fmt: skip
        return
    st.plotly_chart(
        build_heatmap(v.grid, {k: v.catalogue.loc[k, s.NAMA] for k in v.picked}),
        width="stretch",
        config=PLOTLY,
        key="indikator_heatmap",
    )
    st.caption(t("indikator.heatmap_caption"))
    if v.grid[HANYA_PERSEN].gt(0).any():
        st.caption(t("indikator.heatmap_percent_only"))


def render_change(v: IndicatorScope) -> None:
    """The main indicator's change per wilayah between ``dari`` and ``sampai``."""
    main = v.shown.loc[v.shown[s.KODE_INDIKATOR] == v.main]
    change = change_between(main, v.ref.indikator, v.dari, v.sampai)
    st.subheader(t("indikator.change", dari=fmt_period(v.dari), sampai=fmt_period(v.sampai),
                   nama=md_text(v.main_name)))  # fmt: skip
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


def render_lokus(v: IndicatorScope) -> None:
    """Lokus vs bukan lokus, pooled, at both ends of the range."""
    st.subheader(t("indikator.lokus"))
    pairs = lokus_comparison(v.values, v.kelurahan, v.lokus, v.main, v.dari, v.sampai)
    if pairs["n_kelurahan"].eq(0).all():  # pooled over kelurahan with counts in both periods
        st.info(t("indikator.lokus_none", dari=fmt_period(v.dari), sampai=fmt_period(v.sampai)))
    else:
        st.dataframe(
            lokus_comparison_table(pairs, v.dari, v.sampai),
            hide_index=True,
            width="stretch",
            key="indikator_lokus",
        )
    if v.not_summed:
        st.caption(t("indikator.not_summed", n=v.not_summed))


def render_alerts_and_data(v: IndicatorScope) -> None:
    """The alerts of ``sampai`` and the picked indicators' data over the range, to download."""
    found = alerts(v.shown.loc[v.shown[s.PERIODE] == v.sampai], v.ref.aturan_peringatan)
    with st.expander(t("indikator.alerts", n=len(found))):
        if found.empty:
            st.caption(t("indikator.alerts_none"))
        else:
            st.dataframe(alerts_table(found, v.ref.indikator), hide_index=True,
                         key="indikator_alerts")  # fmt: skip
    rows = v.shown[s.KODE_INDIKATOR].isin(v.picked) & v.shown[s.PERIODE].isin(v.in_range)
    table = coverage_table(v.shown.loc[rows], v.ref.indikator)
    with st.expander(t("indikator.table")):
        st.dataframe(table, hide_index=True, width="stretch", key="indikator_data")
        st.download_button(
            t("indikator.download"),
            to_csv_bytes(table),
            file_name=f"indikator_{v.dari}_{v.sampai}.csv",
            mime="text/csv",
            key="indikator_unduh",
        )
