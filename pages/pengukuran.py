"""Pengukuran: prevalence recomputed from child measurement records (WHO z-scores) per wilayah
with confidence intervals, the HAZ distribution, data quality, upload and a single-child
calculator (Aksi 7)."""

from __future__ import annotations

import streamlit as st

import settings
from analysis.attainment import KECAMATAN, KELURAHAN
from analysis.measure_view import months
from analysis.prevalence import MEASURES, PERSEN
from text import files
from text.coverage_text import coverage_card, with_coverage
from text.fmt import fmt_number, fmt_percent, fmt_period
from text.strings import t
from text.tables import prevalence_table
from ui import data
from ui.deeplink import bound
from ui.figures import Built
from ui.measurements import (
    DIGIT_FIELDS,
    month_parts,
    prevalence_figure,
    render_calculator,
    render_plausibility,
    render_positions,
    render_upload,
    scored,
)
from ui.standard import area_report, areas_ahead, render_area_plausibility, render_standard
from ui.widgets import (
    card,
    chart_rows,
    download,
    full_table,
    page_start,
    synthetic_badge,
)

filters = page_start("ukur.title")
st.caption(t("ukur.subtitle"))
version = data.version()  # before the read: the frames are of this version or a later one
frames = scored()  # read once: every mask below indexes these very frames
records = frames[0]
tab_prev, tab_quality, tab_std, tab_upload, tab_calc = st.tabs(
    [t("ukur.tab_prev"), t("ukur.tab_quality"), t("ukur.tab_std"), t("ukur.tab_upload"),
     t("ukur.tab_calc")]
)  # fmt: skip
with tab_upload:
    render_upload()
with tab_calc:
    render_calculator()

if records.empty:
    with tab_prev:
        st.info(t("ukur.empty"))
    st.stop()
periods = months(records)
with tab_prev:
    left, mid, right = st.columns([2, 3, 2])
    periode = bound(left.selectbox, t("ukur.periode"), periods[::-1], key="ukur_periode",
                    what=t("ukur.periode"), format_func=fmt_period)  # fmt: skip
    codes = [m.kode for m in MEASURES]
    names = {m.kode: m.nama for m in MEASURES}
    kode = mid.radio(t("ukur.indikator"), codes, key="ukur_indikator", horizontal=True,
                     format_func=names.get, bind="query-params")  # fmt: skip
    level = right.radio(t("ukur.tingkat"), [KELURAHAN, KECAMATAN], key="ukur_tingkat",
                        format_func=lambda v: t(f"ukur.level_{v}"), bind="query-params")  # fmt: skip

parts = month_parts(version, frames, periode, level, filters.kecamatan)
view = parts.view
prev, lokus_names = view.of(kode), view.lokus_names

with tab_prev:
    st.caption(t("ukur.source_note", area=filters.area_label(), periode=fmt_period(periode)))
    synthetic_badge(view.synthetic)
    cols = st.columns(len(MEASURES) + 1)
    for col, m in zip(cols, MEASURES, strict=False):
        with col:
            if (row := view.whole(m.kode)) is not None:
                ci = f"{fmt_percent(row['ci_bawah'])}–{fmt_percent(row['ci_atas'])}"
                caption = t("ukur.card_caption", batas=m.cutoff, kasus=fmt_number(row["kasus"]),
                            valid=fmt_number(row["valid"]), ci=ci)  # fmt: skip
                card(m.label, fmt_percent(row[PERSEN]), caption, key=f"ukur_card_{m.kode}")
            else:
                card(m.label, "–", f"{m.cutoff} · {t('ukur.no_valid')}", key=f"ukur_card_{m.kode}")
    with cols[-1]:
        card(t("ukur.cov_card"), *coverage_card(view.coverage_whole()), key="ukur_card_cakupan")
    if prev.empty:
        st.info(t("ukur.no_valid"))
    else:
        title = t("ukur.chart_title", nama=names[kode], periode=fmt_period(periode))
        bars = chart_rows(prev, PERSEN, high_is_worse=True)
        spec = prevalence_figure(bars, title, tuple(sorted(lokus_names)))
        st.plotly_chart(Built(spec), key="ukur_chart")
        st.caption(t("ukur.chart_caption", n=fmt_number(settings.min_penyebut())))
        st.caption(t("ukur.cov_caption", waspada=fmt_number(settings.cakupan_ukur_waspada()),
                     percaya=fmt_number(settings.cakupan_ukur_percaya())))  # fmt: skip
        table = with_coverage(prevalence_table(prev, lokus_names), prev, view.cakupan)
        full_table(table, key="ukur_tabel")
        download(t("ukur.download"), lambda: files.to_csv_bytes(table),
                       f"prevalensi_{kode}_{periode}.csv", key="ukur_unduh")  # fmt: skip
    st.plotly_chart(Built(parts.haz), key="ukur_haz")
    st.caption(t("ukur.haz_caption"))

with tab_quality:
    st.caption(t("ukur.quality_intro", area=filters.area_label(), periode=fmt_period(periode)))
    full_table(parts.quality, key="ukur_kualitas")
    render_plausibility(parts.plausibility)
    areas = area_report(view, periode, filters.kecamatan)
    render_area_plausibility(areas, periode)
    render_positions(parts.positions)
    for col, field in zip(st.columns(2), DIGIT_FIELDS, strict=True):
        col.plotly_chart(Built(parts.digits[field]), key=f"ukur_digit_{field}")
    with st.expander(t("ukur.method"), expanded=False):
        st.markdown(t("ukur.method_text"))

with tab_std:
    render_standard(parts.standard, areas, periode, filters.area_label())
areas_ahead(version, periode, level)  # the other areas of this month, for the sidebar
