"""Data Referensi: the reference data the dashboard runs on, as loaded and validated."""

from __future__ import annotations

import streamlit as st

from analysis import schema as s
from ui import data
from ui.router import ensure_router
from ui.strings import t

ensure_router()
st.title(t("referensi.title"))
st.markdown(t("referensi.intro"))
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
    st.dataframe(ref.kelurahan, hide_index=True, width="stretch", key="ref_kelurahan")
with tab_ind:
    st.dataframe(ref.indikator, hide_index=True, width="stretch", key="ref_indikator")
    st.dataframe(ref.target_lain, hide_index=True, width="stretch")
with tab_lokus:
    lokus = data.lokus().merge(ref.kelurahan[[s.KODE_KELURAHAN, s.KELURAHAN, s.KECAMATAN]])
    st.dataframe(lokus, hide_index=True, width="stretch", key="ref_lokus")
with tab_aksi:
    st.dataframe(ref.kerangka, hide_index=True, width="stretch")
    st.dataframe(ref.tahapan, hide_index=True, width="stretch")
with tab_src:
    st.dataframe(ref.sumber_data, hide_index=True, width="stretch")
