"""Data Referensi: the reference data the dashboard runs on, as loaded and validated."""

from __future__ import annotations

import streamlit as st

from settings import reference_dir
from text.strings import t
from text.tables import framework_tables, indicator_table, kelurahan_table, lokus_table
from text.target_tables import other_target_table
from ui import data
from ui.reference_edit import lokus_editor, target_editor
from ui.router import ensure_router
from ui.widgets import full_table

ensure_router()
st.title(t("referensi.title"))
st.markdown(t("referensi.intro", folder=reference_dir()))
ref = data.reference()

tab_kel, tab_ind, tab_lokus, tab_aksi, tab_src = st.tabs(
    [
        t("referensi.kelurahan", n=len(ref.kelurahan)),
        t("referensi.indikator", n=len(ref.indikator)),
        t("referensi.lokus"),
        t("referensi.kerangka"),
        t("referensi.sumber"),
    ]
)
with tab_kel:
    full_table(kelurahan_table(ref.kelurahan), key="ref_kelurahan")
with tab_ind:
    full_table(indicator_table(ref.indikator, ref.sumber_data), key="ref_indikator")
    st.caption(t("referensi.target_lain"))
    st.dataframe(other_target_table(ref.target_lain), hide_index=True, width="stretch")
    target_editor()
with tab_lokus:
    st.dataframe(
        lokus_table(data.lokus(), ref.kelurahan), hide_index=True, width="stretch", key="ref_lokus"
    )
    lokus_editor(ref)
with tab_aksi:
    for name, table in framework_tables(ref.kerangka, ref.tahapan):
        st.subheader(name)
        full_table(table)
    st.caption(t("referensi.bulan_note"))
with tab_src:
    st.dataframe(ref.sumber_data, hide_index=True, width="stretch")
