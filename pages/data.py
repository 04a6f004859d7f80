"""Data: upload indicator files (dry run, then commit), upload history with roll-back, templates,
and official kelurahan boundaries for the map."""

from __future__ import annotations

import streamlit as st

from text.strings import t
from ui import auth, data
from ui.boundaries import render_boundaries
from ui.completeness import render_completeness
from ui.mapping_step import render_profiles
from ui.router import ensure_router
from ui.upload import render_history, render_templates, render_upload
from ui.widgets import synthetic_badge

ensure_router()
st.title(t("data.title"))
st.markdown(t("data.intro"))
store, ref = data.context()[0], data.reference()
synthetic_badge(data.stores_synthetic())
if data.stores_synthetic():
    st.caption(t("data.synthetic_hint"))
tab_upload, tab_history, tab_complete, tab_profiles, tab_templates, tab_boundaries = st.tabs(
    [
        t("data.tab_upload"),
        t("data.tab_history"),
        t("data.tab_completeness"),
        t("data.tab_profiles"),
        t("data.tab_templates"),
        t("batas.tab"),
    ]
)
with tab_upload:
    render_upload(store, ref)
with tab_history:
    render_history(store)
with tab_complete:
    render_completeness()
with tab_profiles:
    render_profiles(store, auth.editor)
with tab_templates:
    render_templates(ref)
with tab_boundaries:
    render_boundaries(store)
