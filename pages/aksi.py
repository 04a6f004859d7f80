"""Aksi Konvergensi: the stage reached per year, progress per aksi, planned vs actual, per
kelurahan, years compared, and the editor with its audit log."""

from __future__ import annotations

import streamlit as st

from analysis.aksi import aksi_year_choices, status_date
from analysis.periods import period_end_date, period_year
from text.clock import today_wib
from text.fmt import fmt_date, fmt_period
from text.strings import t
from ui import data
from ui.aksi import (
    aksi_parts,
    render_audit,
    render_editor,
    render_evidence,
    render_file,
    render_new_year,
    render_switch,
)
from ui.deeplink import bound
from ui.router import ensure_router
from ui.sidebar import current_filters
from ui.widgets import figure, synthetic_badge

ensure_router()
st.title(t("aksi.title"))
progress, years = data.aksi_progress(), data.aksi_years()
today = today_wib()  # Jakarta's date, whatever the server's timezone
if years.empty:
    st.info(t("aksi.none"))
    with st.expander(t("aksi.new"), expanded=True):
        render_new_year()
    st.stop()
choices = aksi_year_choices(years)
# The sidebar's year (a link's ?tahun=) opens its aksi, as slide 7 of that year shows them.
filters = current_filters()
start = choices.index(filters.tahun) if filters and filters.tahun in choices else 0
tahun = bound(st.selectbox, t("aksi.year"), choices, key="tahun_aksi", what=t("aksi.year"),
              index=start)  # fmt: skip
# The one basis of the page, the slide and the exports: the end of the sidebar's period when
# it lies in this year (as the slide takes it), else the year's end; today while not reached.
chosen = filters.periode if filters and period_year(filters.periode) == tahun else None
as_of = status_date(tahun, today, period_end_date(chosen) if chosen else None)
parts = aksi_parts(tahun, as_of, today)
view = parts.view
stage = view.stage
if stage is not None:
    header = (
        t("aksi.header_done", tahun=tahun, total=stage.total)
        if stage.semua_selesai
        else t("aksi.header", tahun=tahun, nomor=stage.nomor, total=stage.total, aksi=stage.aksi)
    )
    st.subheader(header)
    st.caption(t("aksi.framework", nama=stage.nama_kerangka))
elif view.stage_error:
    st.warning(view.stage_error)
basis = (
    t("aksi.as_of_period", periode=fmt_period(chosen))
    if chosen
    else t("aksi.as_of_year", tahun=tahun)
)
st.markdown(t("aksi.as_of", tanggal=fmt_date(as_of), dasar=basis)
            + (t("aksi.as_of_today") if as_of == today else ""))  # fmt: skip
synthetic_badge(parts.synthetic)
# Always one element, with or without a message: a message appearing above them would make the
# expanders and tabs below new ones, drawn closed (the editor a save came from among them).
flash_slot = st.empty()
if flash := st.session_state.pop("aksi.flash", None):
    flash_slot.success(flash)

st.markdown(f"**{t('aksi.progress')}**")
st.plotly_chart(figure(parts.progress), width="stretch", key="aksi_progres")
st.markdown(f"**{t('aksi.timeline')}**")
st.plotly_chart(figure(parts.timeline), width="stretch", key="aksi_gantt")

if parts.kelurahan is not None:
    st.markdown(f"**{t('aksi.kelurahan')}**")
    st.dataframe(parts.kelurahan, hide_index=True, key="aksi_kelurahan")

st.markdown(f"**{t('aksi.compare')}**")
st.plotly_chart(figure(parts.comparison), width="stretch", key="aksi_banding")
if other := parts.other_years:  # only years of this year's framework are compared
    st.caption(t("aksi.compare_other", tahun=tahun, lain=", ".join(map(str, other))))

with st.expander(t("aksi.edit", tahun=tahun)):
    render_editor(progress, tahun)
with st.expander(t("aksi.file")):
    render_file(progress, tahun)
with st.expander(t("aksi.evidence")):
    render_evidence(progress, tahun)
with st.expander(t("aksi.audit")):
    render_audit(tahun)
with st.expander(t("aksi.new")):
    render_new_year()
with st.expander(t("aksi.switch_title", tahun=tahun)):
    render_switch(tahun)
