"""Ringkasan: headline figures, kelurahan ranking and the prevalence trend for the chosen area."""

from __future__ import annotations

import streamlit as st

from analysis import schema as s
from analysis.overview import build_overview
from charts.trend import build_trend_figure
from ui import data
from ui.fmt import MISSING, fmt_change, fmt_number, fmt_percent, fmt_period
from ui.router import ensure_router
from ui.sidebar import current_filters
from ui.strings import t
from ui.tables import ranking_table
from ui.widgets import card, synthetic_badge

ensure_router()
st.title(t("ringkasan.title"))
filters = current_filters()
if filters is None:
    st.info(t("empty.values"))
    st.stop()

ref = data.reference()
values = data.indicator_values()
kelurahan = filters.kelurahan(ref.kelurahan)
overview = build_overview(
    values,
    data.scorecard_values(),
    kelurahan,
    data.lokus(),
    ref.indikator,
    data.aksi_progress(),
    ref.kerangka,
    filters.tahun,
    filters.periode,
)
period_label = fmt_period(overview.periode) if overview.periode else MISSING
st.caption(t("ringkasan.subtitle", area=filters.area_label(), periode=period_label))
synthetic_badge(bool(values["sintetis"].any()))

prev, base, survey = overview.prevalence, overview.baseline, overview.survey
col1, col2, col3 = st.columns(3)
with col1:
    card(
        t("card.prevalence"),
        fmt_percent(prev.persen) if prev else t("card.no_data"),
        t(
            "card.prevalence_caption",
            num=fmt_number(prev.pembilang),
            den=fmt_number(prev.penyebut),
            periode=period_label,
        )
        if prev
        else "",
        key="card_prevalensi",
    )
with col2:
    card(
        t("card.change"),
        fmt_change(overview.change),
        t("card.change_caption", baseline=fmt_period(base.periode), value=fmt_percent(base.persen))
        if base
        else "",
        key="card_perubahan",
    )
with col3:
    card(
        t("card.survey"),
        fmt_percent(survey.persen) if survey else t("card.no_data"),
        t(
            "card.survey_caption",
            periode=fmt_period(survey.periode),
            den=fmt_number(survey.penyebut),
        )
        if survey
        else t("card.survey_none"),
        key="card_survei",
    )

col4, col5, col6, col7 = st.columns(4)
with col4:
    suffix = (
        ""
        if overview.lokus_tahun == filters.tahun
        else t("card.lokus_from", tahun=overview.lokus_tahun)
    )
    card(
        t("card.lokus", tahun=filters.tahun),
        fmt_number(overview.n_lokus),
        t("card.lokus_caption", total=overview.n_kelurahan, suffix=suffix),
        key="card_lokus",
    )
with col5:
    stage = overview.stage
    if stage is None:
        card(t("card.stage", tahun=filters.tahun), MISSING, t("card.stage_none"), key="card_tahap")
    else:
        value = (
            t("card.stage_done", total=stage.total)
            if stage.semua_selesai
            else t("card.stage_value", nomor=stage.nomor, total=stage.total)
        )
        card(
            t("card.stage", tahun=filters.tahun),
            value,
            f"{stage.aksi} · {stage.nama_kerangka}",
            key="card_tahap",
        )
for column, summary in ((col6, overview.spesifik), (col7, overview.sensitif)):
    with column:
        if summary is None:
            card(t("card.coverage", kelompok="spesifik"), t("card.no_data"))
            continue
        card(
            t("card.coverage", kelompok=summary.kelompok),
            fmt_percent(summary.rata_cakupan),
            t(
                "card.coverage_caption",
                reached=summary.n_tercapai,
                with_target=summary.n_bertarget,
                target=fmt_percent(summary.rata_target),
            ),
            key=f"card_{summary.kelompok}",
        )

st.subheader(t("ranking.title"))
st.caption(
    t(
        "ranking.caption",
        periode=period_label,
        tahun=overview.lokus_tahun or filters.tahun,
        baseline=fmt_period(base.periode) if base else "2022",
    )
)
st.dataframe(
    ranking_table(overview.ranking),
    hide_index=True,
    width="stretch",
    height=38 + 35 * len(overview.ranking),
    key="ringkasan_peringkat",
)

st.subheader(t("trend.title"))
target = ref.indikator.set_index(s.KODE).loc[s.IND_STUNTING]
st.plotly_chart(
    build_trend_figure(overview.trend, target[s.TARGET], "Target", overview.periode),
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
    shown = data.datasets()[
        ["id", "nama", "jenis", "dibuat_pada", "dibuat_oleh", "jumlah_baris", "sintetis"]
    ]
    st.dataframe(shown, hide_index=True, width="stretch")
