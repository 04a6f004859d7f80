"""Ringkasan: headline figures, kelurahan ranking and the prevalence trend for the chosen area."""

from __future__ import annotations

import streamlit as st

from analysis import schema as s
from text.fmt import MISSING, fmt_percent, fmt_period
from text.strings import t, word
from text.tables import datasets_table, ranking_table
from ui import data, presentation, views
from ui.cards import headline_cards
from ui.changes import render_to_check
from ui.completeness import reporting_caption
from ui.figures import Built
from ui.upload import DATASET_WIDTHS
from ui.widgets import (
    card,
    fitted_table,
    page_start,
    profile_link_column,
    synthetic_badge,
    top_rows,
)

filters = page_start("ringkasan.title")

ref = data.reference()
overview = views.overview(filters.tahun, filters.periode, filters.kecamatan)
period_label = fmt_period(overview.periode) if overview.periode else MISSING
st.caption(t("ringkasan.subtitle", area=filters.area_label(), periode=period_label))
synthetic_badge(data.shows_synthetic(filters.tahun))
if overview.periode and overview.periode != overview.periode_diminta:
    st.info(
        t(
            "notice.period_fallback",
            diminta=fmt_period(overview.periode_diminta),
            dipakai=fmt_period(overview.periode),
        )
    )

for row in headline_cards(overview, filters.tahun):
    for column, c in zip(st.columns(len(row)), row, strict=True):
        with column:
            card(c.label, c.value, c.caption, key=c.key)
if reporting := reporting_caption(overview.periode, filters.kecamatan):
    st.caption(reporting)

st.subheader(t("ranking.title"))
st.caption(
    t(
        "ranking.caption",
        periode=period_label,
        tahun=overview.lokus_tahun or filters.tahun,
        baseline=fmt_period(overview.change.baseline.periode)
        if overview.change.baseline
        else "2022",
    )
)
fitted_table(  # every column on a 1366 px projector; full names in the headers' help
    top_rows(ranking_table(overview.ranking), key="ringkasan_semua"),
    {"Peringkat": 75, word("Unit"): 150, "Profil": 70, "Kecamatan": 110, "Lokus": 65,
     "Prevalensi stunting": 85, "Balita stunting / diukur": 125, "Perubahan sejak 2022": 90,
     "Tingkat konvergensi": 100},
    key="ringkasan_peringkat",
    short={"Prevalensi stunting": "Prevalensi", "Balita stunting / diukur": "Stunting / diukur",
           "Perubahan sejak 2022": "Perubahan", "Tingkat konvergensi": "Konvergensi"},
    keep={"Profil": profile_link_column()},
)  # fmt: skip
render_to_check(overview.periode, filters.kecamatan, key="ringkasan_perlu_dicek")

st.subheader(t("trend.title"))
target = ref.indicator(s.IND_STUNTING)
st.plotly_chart(
    Built(views.trend_figure(filters.tahun, filters.periode, filters.kecamatan)),
    width="stretch",
    config={"displaylogo": False},
    key="ringkasan_tren",
)
st.caption(
    t(
        "trend.caption",
        target=fmt_percent(target[s.TARGET], 0),
        sumber=f"{target[s.SUMBER_TARGET]}, {target[s.TAHUN_TARGET]}",
    )
)

with st.expander(t("method.title")):
    st.markdown(t("method.body"))
with st.expander(t("datasets.title")):
    fitted_table(datasets_table(data.datasets()), DATASET_WIDTHS, wrap=3, full=False)
views.overviews_ahead(filters.tahun, filters.periode)
presentation.deck_ahead(filters.tahun, filters.periode)
