"""The shared sidebar filters (tahun, periode, kecamatan), bound to the URL so a presenter can
share a view; pages read them with ``current_filters()``."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analysis import schema as s
from analysis.periods import period_year
from ui import data
from ui.fmt import fmt_period
from ui.strings import t


@dataclass(frozen=True)
class Filters:
    tahun: int
    periode: str
    kecamatan: str | None  # None = the whole city

    def kelurahan(self, ref_kelurahan: pd.DataFrame) -> pd.DataFrame:
        """The reference kelurahan inside the chosen kecamatan (all when none is chosen)."""
        if self.kecamatan is None:
            return ref_kelurahan
        return ref_kelurahan.loc[ref_kelurahan[s.KECAMATAN] == self.kecamatan]

    def area_label(self) -> str:
        return (
            t("area.kota") if self.kecamatan is None else t("area.kecamatan", name=self.kecamatan)
        )


def render_filters() -> Filters | None:
    """Draw the filters in the sidebar; None when there is no kelurahan data to filter."""
    ref = data.reference()
    periods = data.kelurahan_periods()
    if not periods:
        return None
    years = sorted({period_year(p) for p in periods}, reverse=True)
    st.sidebar.header(t("filter.header"))
    tahun = st.sidebar.selectbox(t("filter.tahun"), years, key="tahun", bind="query-params")
    # Bound query parameters hold the *displayed* option, so the options are the Indonesian
    # labels themselves (a shared URL reads ?periode=Triwulan+III+2022).
    labels = {fmt_period(p): p for p in reversed(periods) if period_year(p) == tahun}
    label = st.sidebar.selectbox(
        t("filter.periode"), list(labels), key="periode", bind="query-params"
    )
    all_label = t("filter.all_kecamatan")
    names = [all_label, *sorted(ref.kelurahan[s.KECAMATAN].unique())]
    kecamatan = st.sidebar.selectbox(
        t("filter.kecamatan"), names, key="kecamatan", bind="query-params"
    )
    filters = Filters(int(tahun), labels[label], None if kecamatan == all_label else kecamatan)
    st.session_state["filters"] = filters
    return filters


def current_filters() -> Filters | None:
    """The filters chosen in the sidebar during this run."""
    return st.session_state.get("filters")
