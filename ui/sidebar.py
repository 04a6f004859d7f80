"""The shared sidebar filters (tahun, periode, kecamatan), bound to the URL so a presenter can
share a view; pages read them with ``current_filters()``."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analysis import schema as s
from analysis.periods import period_year
from text.fmt import fmt_period
from text.strings import t
from ui import data
from ui.deeplink import NOT_FOUND, bound, match_option, relabel_url, url_values


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

    def kelurahan_codes(self, ref_kelurahan: pd.DataFrame) -> set[str]:
        """The codes of the reference kelurahan inside the chosen kecamatan."""
        return set(self.kelurahan(ref_kelurahan)[s.KODE_KELURAHAN])

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
    # A link's period decides its year (?periode=2024-Q3, even with another ?tahun=).
    linked = [match_option(v, periods, fmt_period) for v in url_values("periode")]
    year = next((period_year(p) for p in linked if p is not NOT_FOUND), None)
    start = years.index(year) if year in years else 0
    if year in years and any(v != str(year) for v in url_values("tahun")):
        relabel_url("tahun", [str(year)])
    what = t("filter.tahun")
    tahun = bound(st.sidebar.selectbox, what, years, key="tahun", what=what, index=start)
    # Bound query parameters hold the *displayed* option, so the options are the Indonesian
    # labels themselves (a shared URL reads ?periode=Triwulan+III+2022; the code 2022-Q3 works too).
    labels = {fmt_period(p): p for p in reversed(periods) if period_year(p) == tahun}
    what = t("filter.periode")
    label = bound(
        st.sidebar.selectbox, what, list(labels), key="periode", what=what,
        aliases=lambda x: [labels[x]],
    )  # fmt: skip
    all_label = t("filter.all_kecamatan")
    codes = dict(zip(ref.kelurahan[s.KECAMATAN], ref.kelurahan[s.KODE_KECAMATAN], strict=True))
    names = [all_label, *sorted(codes)]
    what = t("filter.kecamatan")
    kecamatan = bound(
        st.sidebar.selectbox, what, names, key="kecamatan", what=what,
        aliases=lambda x: [codes.get(x, "")],
    )  # fmt: skip
    filters = Filters(int(tahun), labels[label], None if kecamatan == all_label else kecamatan)
    st.session_state["filters"] = filters
    return filters


def current_filters() -> Filters | None:
    """The filters chosen in the sidebar during this run."""
    return st.session_state.get("filters")
