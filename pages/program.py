"""Pemetaan Program (Aksi 2): the convergence matrix (kelurahan × intervention), the lokus
gaps, the budget and the activity register with its editor, import and log."""

from __future__ import annotations

import streamlit as st

from text.files import to_csv_bytes, to_xlsx_bytes
from text.fmt import fmt_period, md_text
from text.program_tables import gap_sheets
from text.strings import t
from ui import activity_register as register
from ui import data
from ui.figures import Built
from ui.programs import (
    fund_names,
    matrix_caption,
    opd_short,
    program_parts,
    programs_ahead,
    summary_cards,
    year_choices,
)
from ui.views import program_view
from ui.widgets import card, download, full_table, page_start, synthetic_badge

filters = page_start("prog.title")
st.caption(t("prog.subtitle"))
# Always one element, with or without a message: a message appearing above them would make the
# expanders and tabs below new ones, drawn closed (the editor a save came from among them).
flash_slot = st.empty()
if flash := st.session_state.pop(register.FLASH, None):
    flash_slot.success(flash)
activities = data.activities()
years = year_choices(activities, filters.tahun)
left, mid, right = st.columns([1, 2, 2])
tahun = left.selectbox(
    t("prog.tahun"), years, index=years.index(filters.tahun), key="tahun_kegiatan",
    bind="query-params",
)  # fmt: skip
opd = mid.multiselect(t("prog.opd"), list(opd_short()), format_func=opd_short().get,
                      placeholder=t("prog.all"), key="prog_opd")  # fmt: skip
dana = right.multiselect(t("prog.dana"), list(fund_names()), format_func=fund_names().get,
                         placeholder=t("prog.all"), key="prog_dana")  # fmt: skip
args = (tahun, filters.periode, tuple(opd), tuple(dana), filters.kecamatan)
view, parts = program_view(*args), program_parts(*args)
synthetic_badge(data.shows_synthetic(tahun))
if view.periode is None:
    st.warning(t("prog.no_period", tahun=tahun))
else:
    st.caption(t("prog.period_note", periode=fmt_period(view.periode),
                 lalu=fmt_period(view.periode_lalu), area=filters.area_label()))  # fmt: skip
    if view.stalled is None:
        st.info(t("prog.period_ahead", tahun=tahun, periode=fmt_period(view.periode)))

tabs = st.tabs([t(f"prog.tab_{k}") for k in ("matrix", "gaps", "budget", "register")])
with tabs[0]:
    for column, c in zip(st.columns(3), summary_cards(view), strict=True):
        with column:
            card(c.label, c.value, c.caption, key=c.key)
    if view.activities.empty:
        st.info(t("prog.no_activities", tahun=tahun))
    st.caption(t("prog.matrix_help"))
    matrix_caption(view.matrix, parts.matrix_drawn)
    st.plotly_chart(Built(parts.matrix_figure), width="stretch", key="prog_matriks",
                    config={"displaylogo": False})  # fmt: skip
    with st.expander(t("prog.codes")):
        names = view.indicator_names
        st.markdown("\n".join(f"- **{k}** {md_text(names[k])}" for k in view.matrix_codes))
    with st.expander(t("prog.matrix_table")):
        table = parts.matrix_table
        st.dataframe(table, hide_index=True, width="stretch", key="prog_matriks_tabel")
        download(t("prog.download_matrix"), lambda: to_csv_bytes(table),
                       f"matriks_konvergensi_{tahun}.csv", key="prog_unduh_matriks")  # fmt: skip

with tabs[1]:
    st.subheader(t("prog.gaps_title"))
    st.caption(t("prog.gaps_help", tahun=tahun))
    if not view.n_lokus:  # without lokus there is no gap to find
        st.info(t("regionadmin.no_lokus_view", tahun=tahun))
    elif view.gaps.empty:
        st.success(t("prog.gaps_none"))
    else:
        st.markdown(t("prog.gaps_summary", n_lokus=view.n_gap_lokus, total=view.n_lokus,
                      n=len(view.gaps)))  # fmt: skip
        full_table(parts.gaps_table, key="prog_kesenjangan")
    st.subheader(t("prog.stalled_title"))
    if view.stalled is None:
        st.info(t("prog.stalled_ahead", tahun=tahun))
    else:
        st.caption(t("prog.stalled_help", tahun=tahun, periode=fmt_period(view.periode),
                     lalu=fmt_period(view.periode_lalu)))  # fmt: skip
        if view.stalled.empty:
            st.success(t("prog.stalled_none"))
        else:
            full_table(parts.stalled_table, key="prog_mandek")
    download(t("prog.download_gaps"), lambda: to_xlsx_bytes(gap_sheets(view)),
                   f"kesenjangan_lokus_{tahun}.xlsx", key="prog_unduh_gaps")  # fmt: skip

with tabs[2]:
    tables = parts.budget
    st.markdown(f"**{t('prog.budget_opd')}**")
    if parts.budget_figure is not None:
        st.plotly_chart(Built(parts.budget_figure), width="stretch", key="prog_anggaran_opd",
                        config={"displaylogo": False})  # fmt: skip
    full_table(tables["per_opd"], key="prog_tabel_opd")
    st.markdown(f"**{t('prog.budget_group')}**")
    full_table(tables["per_kelompok"], key="prog_tabel_kelompok")
    st.markdown(f"**{t('prog.budget_lokus')}**")
    full_table(tables["lokus"], key="prog_tabel_lokus")
    st.markdown(f"**{t('prog.budget_kelurahan')}**")
    st.dataframe(tables["per_kelurahan"], hide_index=True, width="stretch", key="prog_tabel_kel")
    st.caption(t("prog.budget_method"))
    download(t("prog.download_budget"), lambda: to_xlsx_bytes(tables),
                   f"anggaran_kegiatan_{tahun}.xlsx", key="prog_unduh_anggaran")  # fmt: skip

with tabs[3]:
    register.render_tab(view.listed, tahun, activities)
programs_ahead(*args[:4])  # the other areas of these choices, for the sidebar
