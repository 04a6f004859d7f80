"""Analisis Situasi: priority score per kelurahan with adjustable weights, reasons, and the
recommended lokus for next year."""

from __future__ import annotations

import streamlit as st

from analysis import schema as s
from analysis.longlists import NAMES_SHOWN
from analysis.overview import resolve_period
from analysis.situation import Weights
from text.fmt import fmt_period, list_some
from text.strings import t, word
from ui import data, metrics, views
from ui.trajectory import render_area_trajectory
from ui.widgets import (
    fitted_table,
    full_table,
    page_start,
    profile_link_column,
    synthetic_badge,
    top_rows,
)

filters = page_start("situasi.title")

ref = data.reference()
coverage = metrics.coverage(kecamatan=filters.kecamatan)
periode = resolve_period(coverage, [s.IND_STUNTING], filters.periode) or filters.periode
st.caption(
    t(
        "situasi.subtitle",
        area=filters.area_label(),
        periode=fmt_period(periode),
        tahun=filters.tahun + 1,
    )
)
synthetic_badge(data.shows_synthetic(filters.tahun))
lokus_year, lokus = metrics.lokus_codes(filters.tahun)

with st.expander(t("situasi.weights"), expanded=True):
    columns = st.columns(4)
    sliders = [
        ("bobot_prevalensi", "situasi.w_prevalensi", 40),
        ("bobot_jumlah", "situasi.w_jumlah", 30),
        ("bobot_kesenjangan", "situasi.w_kesenjangan", 30),
    ]
    weights = [
        column.slider(t(label), 0, 100, default, 5, key=key, bind="query-params")
        for column, (key, label, default) in zip(columns, sliders, strict=False)
    ]
    n = columns[3].number_input(
        t("situasi.n"),
        0,
        len(ref.kelurahan),
        min(len(lokus) or 7, len(ref.kelurahan)),
        key="jumlah_lokus",
        bind="query-params",
    )
if not any(weights):
    st.warning(t("situasi.weights_zero"))
    st.stop()

view = views.situation_view(filters, periode, Weights(*weights), int(n))
ranking, recommended = views.situation_tables(filters, periode, Weights(*weights), int(n))
st.subheader(t("situasi.ranking"))
st.caption(
    t("situasi.ranking_caption", periode=fmt_period(periode), w1=weights[0], w2=weights[1],
      w3=weights[2], tahun_lokus=lokus_year or filters.tahun)
)  # fmt: skip
if view.incomplete:
    st.caption(t("situasi.incomplete", n=view.incomplete))
fitted_table(
    top_rows(ranking, key="situasi_semua"),
    # The score's parts and the reasons, wrapped, on a 1366 px projector (the convergence
    # figures and kecamatan are on each Profil page).
    {"Peringkat": 70, word("Unit"): 150, "Skor": 55, "Prevalensi (stunting/diukur)": 120,
     "Kesenjangan (poin)": 85, "Alasan utama": 350, "Profil": 70},
    key="situasi_peringkat",
    short={"Prevalensi (stunting/diukur)": "Prevalensi", "Kesenjangan (poin)": "Kesenjangan"},
    keep={"Profil": profile_link_column()},
    wrap=4,
)  # fmt: skip

st.subheader(t("situasi.recommend", tahun=filters.tahun + 1))
# Lokus already set for the recommended year are the ones to compare with.
compared_year, compared = metrics.lokus_codes(filters.tahun + 1)
already_set = compared_year == filters.tahun + 1
st.caption(
    t(
        "situasi.recommend_caption_set" if already_set else "situasi.recommend_caption",
        n=view.n_recommended,
        tahun_lokus=compared_year or "-",
        tetap=view.tetap,
        masuk=view.masuk,
        keluar=view.keluar,
    )
)
if not compared:
    st.info(t("situasi.no_lokus"))
if view.leaving:
    st.warning(t("situasi.leaving", names=list_some(view.leaving, NAMES_SHOWN)))
full_table(recommended, key="situasi_rekomendasi")

render_area_trajectory(filters)

with st.expander(t("situasi.method")):
    rules = metrics.rules()
    st.markdown(
        t("situasi.method_body", poin=f"{rules.mendekati_poin:g}", min=f"{rules.min_penyebut:g}")
    )
