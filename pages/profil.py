"""Profil Kelurahan: everything about one kelurahan — indicators against target and the city,
trend, rank, reasons and alerts. The selector is bound to the URL (links from the rankings)."""

from __future__ import annotations

import streamlit as st

from analysis import schema as s
from analysis.alerts import alerts
from analysis.attainment import KOTA, KOTA_NAME, convergence_index
from analysis.overview import change_since_baseline, convergence_by_group, resolve_period
from analysis.situation import priority_scores, reasons_table, shortfalls
from analysis.trends import area_trend, stunting_composition
from charts.trend import build_trend_figure
from text.fmt import MISSING, fmt_change, fmt_number, fmt_percent, fmt_period, md_text
from text.strings import t
from text.tables import (
    alerts_table,
    composition_text,
    convergence_group_table,
    profile_indicator_table,
    reason_text,
)
from ui import data, metrics
from ui.deeplink import bound
from ui.widgets import card, fitted_table, page_start, synthetic_badge

filters = page_start("profil.title")

ref = data.reference()
kel = ref.kelurahan.sort_values(s.KELURAHAN)
codes = dict(zip(kel[s.KELURAHAN], kel[s.KODE_KELURAHAN], strict=True))
name = bound(
    st.selectbox, t("profil.pick"), list(codes), key="kelurahan", what="Kelurahan",
    aliases=lambda x: [codes[x]],
)  # fmt: skip
row = kel.loc[kel[s.KELURAHAN] == name].iloc[0]
code = row[s.KODE_KELURAHAN]
coverage = metrics.coverage()
periode = resolve_period(coverage, [s.IND_STUNTING], filters.periode) or filters.periode
now = coverage.loc[coverage[s.PERIODE] == periode]
mine = now.loc[now[s.KODE_WILAYAH] == code]
city = metrics.coverage(level=KOTA)
city_now = city.loc[city[s.PERIODE] == periode]
lokus_year, lokus = metrics.lokus_codes(filters.tahun)
status = t("profil.lokus_yes" if code in lokus else "profil.lokus_no", tahun=lokus_year or "-")
st.caption(
    t("profil.subtitle", kecamatan=row[s.KECAMATAN], periode=fmt_period(periode), lokus=status)
)
synthetic_badge(data.shows_synthetic(filters.tahun))

scores = priority_scores(now, ref.kelurahan, ref.indikator).set_index(s.KODE_KELURAHAN)
prev_rank = scores["prevalensi"].rank(method="min", ascending=False)
index = convergence_index(mine, ref.indikator)
rates = convergence_by_group(data.scorecard_values(), ref.indikator, periode)
total = rates.loc[(rates[s.KODE_KELURAHAN] == code) & (rates[s.KELOMPOK_SCORECARD] == "total")]
rate = total[s.TINGKAT_KONVERGENSI].iloc[0] if len(total) else float("nan")
stunting = mine.loc[mine[s.KODE_INDIKATOR] == s.IND_STUNTING]
kota = city_now.loc[city_now[s.KODE_INDIKATOR] == s.IND_STUNTING, s.CAKUPAN]
change = change_since_baseline(
    metrics.primary_values().loc[lambda v: v[s.KODE_WILAYAH] == code], s.IND_STUNTING, periode
)
me = scores.loc[code]
cards = [
    (
        t("profil.prevalence"),
        fmt_percent(stunting[s.CAKUPAN].iloc[0]) if len(stunting) else MISSING,
        t(
            "profil.prevalence_caption",
            num=fmt_number(stunting[s.PEMBILANG].sum()),
            den=fmt_number(stunting[s.PENYEBUT].sum()),
            kota=fmt_percent(kota.iloc[0]) if len(kota) else MISSING,
        ),
    ),
    (t("profil.change"), fmt_change(change.poin), ""),
    (
        t("profil.priority"),
        t("profil.priority_value", rank=me[s.PERINGKAT], total=len(scores)),
        t(
            "profil.priority_caption",
            skor=fmt_number(me["skor_prioritas"], 1),
            prev_rank=MISSING if prev_rank.isna()[code] else int(prev_rank[code]),
            total=len(scores),
        ),
    ),
    (
        t("profil.index"),
        fmt_percent(index["indeks_konvergensi"].iloc[0], 0) if len(index) else MISSING,
        t(
            "profil.index_caption",
            reached=int(index["n_tercapai"].sum()),
            assessed=int(index["n_dinilai"].sum()),
            rate=fmt_percent(rate),
        ),
    ),
]
for column, (label, value, caption) in zip(st.columns(len(cards)), cards, strict=True):
    with column:
        card(label, value, caption, key=f"profil_{label[:12]}")
comp = stunting_composition(data.indicator_values(), {code}, periode)
if comp["diukur"] == comp["diukur"]:  # not NaN
    st.caption(composition_text(comp))

st.subheader(t("profil.reasons"))
reasons = reasons_table(scores.reset_index(), shortfalls(mine, ref.indikator), 5)
names = ref.indikator.set_index(s.KODE)[s.NAMA]
if reasons.empty:
    st.caption(t("profil.reasons_none"))
for r in reasons.itertuples(index=False):
    st.markdown(f"- {reason_text(md_text(names[r.kode_indikator]), r.cakupan, r.target, r.arah)}")
found = alerts(mine.assign(wilayah=name), ref.aturan_peringatan)
if len(found):
    st.markdown(f"**{t('profil.alerts')}**")
    st.dataframe(alerts_table(found, ref.indikator), hide_index=True, key="profil_alerts")

st.subheader(t("profil.scorecard", periode=fmt_period(periode)))
groups = rates.loc[rates[s.KODE_KELURAHAN] == code]
if groups.empty:
    st.caption(t("profil.scorecard_none"))
else:
    st.dataframe(convergence_group_table(groups), hide_index=True, key="profil_scorecard")
with st.expander(t("profil.formula")):
    st.markdown(t("profil.formula_body"))

st.subheader(t("profil.indicators", periode=fmt_period(periode)))
fitted_table(  # on a 1366 px projector, long indicator names wrapped
    profile_indicator_table(mine, city_now, ref.indikator),
    {"Kelompok": 70, "Indikator": 300, "Nilai": 150, "Target": 65, "Status": 95, "Kota": 60,
     "Selisih dari kota": 85, "Penyebut kecil": 75},
    key="profil_indikator",
    short={"Selisih dari kota": "Selisih kota", "Penyebut kecil": "Peny. kecil"},
    wrap=3,
)  # fmt: skip

st.subheader(t("profil.trend", nama=name))
codes = set(ref.kelurahan[s.KODE_KELURAHAN])
trend = area_trend(metrics.primary_values(), {name: {code}, KOTA_NAME: codes}, s.IND_STUNTING)
target = ref.indikator.set_index(s.KODE).loc[s.IND_STUNTING, s.TARGET]
st.plotly_chart(
    build_trend_figure(trend, target, "Target", periode, groups=[name, KOTA_NAME]),
    width="stretch",
    config={"displaylogo": False},
    key="profil_tren",
)
