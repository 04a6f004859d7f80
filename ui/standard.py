"""The Pengukuran page's WHO standard tables (tab "Tabel standar WHO", with the XLSX of the
standard tables and the per-wilayah plausibility report) and the per-wilayah plausibility
table of the quality tab."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis import schema as s
from analysis.measure_view import MonthView
from analysis.plausibility import MIN_CHILDREN
from analysis.plausibility_areas import area_plausibility
from text.fmt import fmt_period
from text.standard import CHECKS, INDICES, SHORT, area_table, index_table, standard_workbook
from text.strings import t
from ui import data, metrics
from ui.measurements import cached_month_parts, scored
from ui.widgets import download, fitted_table, full_table

# The side-by-side report at 1366 px: full wilayah names wrap onto up to three lines, the
# verdict "tidak bermakna (< 100 anak)" onto two; the scored checks hold "0,031 (4)" on two
# lines, the unscored SDs a value only.
AREA_WIDTHS = {"Tingkat": 58, "Wilayah": 96, "Anak dinilai": 50, "Skor": 40, "Penilaian": 104}
AREA_WIDTHS |= {title: 56 for title in list(CHECKS.values())[:8]} | {CHECKS["flag_whz"]: 52}
AREA_WIDTHS |= {title: 54 for title in list(CHECKS.values())[8:]}


@st.cache_data(show_spinner=False, max_entries=16)
def _area_report(periode: str, kecamatan: str | None, children: int) -> pd.DataFrame:
    """``area_report`` of the stored records, cached per month, area and count (a save clears
    every cache; the count keeps a report of other records from being shown)."""
    records, z, _ = scored()
    area = metrics.area_kelurahan(kecamatan)
    inside = (records[s.PERIODE] == periode) & records[s.KODE_WILAYAH].isin(area[s.KODE_KELURAHAN])
    if int(inside.sum()) != children:  # not the records the page drew from: no cache hit
        return pd.DataFrame()
    return area_plausibility(
        records.loc[inside],
        z.loc[inside],
        data.reference().plausibilitas,
        area,
        region=data.reference().wilayah if kecamatan is None else None,
    )


def area_report(view: MonthView, periode: str, kecamatan: str | None) -> pd.DataFrame:
    """The plausibility report of the month side by side for the wilayah in view (no city row
    when one kecamatan is chosen); computed once per month and area, shown by both sections."""
    report = _area_report(periode, kecamatan, len(view.records))
    if report.empty and len(view.records):  # the stored records changed under the page
        _area_report.clear()
        return area_plausibility(
            view.records,
            view.z,
            data.reference().plausibilitas,
            metrics.area_kelurahan(kecamatan),
            region=data.reference().wilayah if kecamatan is None else None,
        )
    return report


@st.cache_data(show_spinner=False, max_entries=16)
def _area_table(report: pd.DataFrame) -> pd.DataFrame:
    return area_table(report)


def render_area_plausibility(report: pd.DataFrame, periode: str) -> None:
    """The quality tab's section: city, kecamatan and kelurahan side by side (``report`` from
    ``area_report``)."""
    if report.empty:
        return
    st.subheader(t("ukur.plaus_areas_title"))
    st.caption(t("ukur.plaus_areas_caption", periode=fmt_period(periode), min=MIN_CHILDREN))
    fitted_table(_area_table(report), AREA_WIDTHS, key="ukur_plaus_wilayah", short=SHORT, wrap=3)


@st.fragment
def render_standard(table: pd.DataFrame, report: pd.DataFrame, periode: str, area: str) -> None:
    """The tab: one index at a time as WHO's survey analyser lays it out, and the workbook
    (``table`` from ``analysis.standard_tables.round_standard_tables``; built only when
    downloaded). A fragment: choosing another index reruns only this tab."""
    st.caption(t("ukur.std_intro", area=area, periode=fmt_period(periode)))
    if table.loc[table["kelompok"] == table["kelompok"].iloc[0], "n"].max() == 0:
        st.info(t("ukur.std_empty"))
        return
    index = st.radio(t("ukur.std_index"), list(INDICES), key="ukur_std_indeks",
                     horizontal=True, format_func=INDICES.get)  # fmt: skip
    full_table(index_table(table, index), key="ukur_std_tabel")
    st.caption(t("ukur.std_caption"))
    download(t("ukur.std_download"), lambda: standard_workbook(table, report),
                   f"tabel_standar_{periode}.xlsx", key="ukur_std_unduh")  # fmt: skip


def areas_ahead(version: int, periode: str, level: str) -> None:
    """Compute the month's parts and plausibility report of the city and of each kecamatan at
    ``level`` in a background thread, once per data load, month and level: switching kecamatan
    in the sidebar then finds them ready (each takes 0.3–0.5 s)."""
    data.ahead(("pengukuran", version, periode, level), lambda: _areas(version, periode, level))


def _areas(version: int, periode: str, level: str) -> None:
    for kecamatan in data.every_area():
        parts = cached_month_parts(version, periode, level, kecamatan)
        if parts is None:  # the data changed since: the page computes what it shows
            return
        _area_table(_area_report(periode, kecamatan, len(parts.view.records)))
