"""Profil Kelurahan: everything about one kelurahan — indicators against target and the city,
trend, rank, reasons and alerts. The selector is bound to the URL (links from the rankings)."""

from __future__ import annotations

import streamlit as st

from text.fmt import fmt_period, md_text
from text.strings import t, word
from text.tables import (
    alerts_table,
    composition_text,
    convergence_group_table,
    profile_indicator_table,
    reason_text,
)
from ui import data, metrics, views
from ui.cards import profile_cards
from ui.changes import render_flags
from ui.deeplink import bound
from ui.figures import Built
from ui.measure_coverage import render_profile_coverage
from ui.trajectory import render_profile_trajectory
from ui.widgets import card, fitted_table, page_start, synthetic_badge

filters = page_start("profil.title")

ref = data.reference()
inside = filters.kelurahan_codes(ref.kelurahan)  # the sidebar's kecamatan narrows the list
codes = {n: c for n, c in ref.kelurahan_codes().items() if c in inside}
name = bound(
    st.selectbox, t("profil.pick"), list(codes), key="kelurahan", what=word("Unit"),
    aliases=lambda x: [codes[x]],
)  # fmt: skip
view = views.profile_view(codes[name], filters.periode)
lokus_year, lokus = metrics.lokus_codes(filters.tahun)
status = t("profil.lokus_yes" if view.kode in lokus else "profil.lokus_no", tahun=lokus_year or "-")
st.caption(
    t("profil.subtitle", kecamatan=view.kecamatan, periode=fmt_period(view.periode), lokus=status)
)
synthetic_badge(data.shows_synthetic(filters.tahun))

cards = profile_cards(view)
for column, c in zip(st.columns(len(cards)), cards, strict=True):
    with column:
        card(c.label, c.value, c.caption, key=c.key)
if view.measured:
    st.caption(composition_text(view.composition))
render_profile_coverage(view.kode, view.periode)
render_flags(view.to_check, view.indikator)  # analysis.jumps: changes to check first

st.subheader(t("profil.reasons"))
if view.reasons.empty:
    st.caption(t("profil.reasons_none"))
for r in view.reasons.itertuples(index=False):
    nama = md_text(view.names[r.kode_indikator])
    st.markdown(f"- {reason_text(nama, r.cakupan, r.target, r.arah)}")
if len(view.alerts):
    st.markdown(f"**{t('profil.alerts')}**")
    st.dataframe(alerts_table(view.alerts, ref.indikator), hide_index=True, key="profil_alerts")

st.subheader(t("profil.scorecard", periode=fmt_period(view.periode)))
if view.groups.empty:
    st.caption(t("profil.scorecard_none"))
else:
    st.dataframe(convergence_group_table(view.groups), hide_index=True, key="profil_scorecard")
with st.expander(t("profil.formula")):
    st.markdown(t("profil.formula_body"))

st.subheader(t("profil.indicators", periode=fmt_period(view.periode)))
fitted_table(  # on a 1366 px projector, long indicator names wrapped
    profile_indicator_table(view.mine, view.city, ref.indikator),
    {"Kelompok": 70, "Indikator": 300, "Nilai": 150, "Target": 65, "Status": 95, word("Kabkota"): 60,
     f"Selisih dari {word('kabkota')}": 85, "Penyebut kecil": 75},
    key="profil_indikator",
    short={f"Selisih dari {word('kabkota')}": f"Selisih {word('kabkota')}", "Penyebut kecil": "Peny. kecil"},
    wrap=3,
)  # fmt: skip

st.subheader(t("profil.trend", nama=name))
st.plotly_chart(
    Built(views.profile_trend_figure(codes[name], filters.periode, name)),
    width="stretch",
    config={"displaylogo": False},
    key="profil_tren",
)

render_profile_trajectory(codes[name], name, filters.tahun)
