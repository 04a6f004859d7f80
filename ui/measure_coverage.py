"""The coverage of measurement beside a recomputed prevalence outside the Pengukuran page: on
Profil, the kelurahan's latest weighing month in view with its stunting prevalence recomputed
from the records and how many of its sasaran balita were measured (``analysis.measure_coverage``)."""

from __future__ import annotations

import streamlit as st

import settings
from analysis import schema as s
from analysis.measure_coverage import KelurahanMonth, kelurahan_month
from text.coverage_text import coverage_label
from text.fmt import fmt_number, fmt_percent, fmt_period
from text.strings import t
from ui import data
from ui.measurements import scored


@st.cache_data(show_spinner=False, max_entries=64)
def _kelurahan_month(kode: str, periode: str, bands: tuple[float, float]) -> KelurahanMonth | None:
    """``measure_coverage.kelurahan_month`` of kelurahan ``kode`` by ``periode``, computed once
    per data load."""
    area = data.reference().kelurahan.loc[lambda k: k[s.KODE_KELURAHAN] == kode]
    return kelurahan_month(*scored(), data.indicator_values(), area, periode, *bands)


def render_profile_coverage(kode: str, periode: str) -> None:
    """One caption for kelurahan ``kode``: its latest weighing month ended by ``periode``, the
    stunting prevalence recomputed from its records (e-PPGBM dihitung ulang) and the coverage
    of measurement with its band — or nothing when it has no records up to then."""
    bands = (settings.cakupan_ukur_waspada(), settings.cakupan_ukur_percaya())
    month = _kelurahan_month(kode, periode, bands)
    if month is None:
        return
    bulan, kasus, valid, row = month.bulan, month.kasus, month.valid, month.coverage
    cakupan = coverage_label(row["cakupan_ukur"], row["pita"], sasaran_ds=row["sasaran_ds"])
    if row["sasaran"] == row["sasaran"]:  # not NaN: name both counts
        cakupan = t("profil.cov_counts", cakupan=cakupan, diukur=fmt_number(row["diukur"]),
                    sasaran=fmt_number(row["sasaran"]))  # fmt: skip
    st.caption(
        t(
            "profil.cov_line",
            bulan=fmt_period(bulan),
            persen=fmt_percent(100 * kasus / valid) if valid else "–",
            kasus=fmt_number(kasus),
            valid=fmt_number(valid),
            cakupan=cakupan,
        ),
        help=t("profil.cov_help", waspada=fmt_number(bands[0]), percaya=fmt_number(bands[1])),
    )
