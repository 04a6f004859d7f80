"""Panduan & Metodologi: definitions and formulas, data sources, limitations, how to upload."""

from __future__ import annotations

import streamlit as st

import settings
from text.strings import t
from ui import metrics
from ui.router import ensure_router

ensure_router()
st.title(t("panduan.title"))
st.markdown(t("panduan.intro"))
rules = metrics.rules()
sections = [
    (
        "panduan.definitions",
        {
            "poin": f"{rules.mendekati_poin:g}",
            "min": f"{rules.min_penyebut:g}",
            "waspada": f"{settings.cakupan_ukur_waspada():g}",
            "percaya": f"{settings.cakupan_ukur_percaya():g}",
        },
    ),
    ("panduan.sources", {}),
    ("panduan.limits", {}),
    ("panduan.upload", {}),
]
for key, values in sections:
    st.subheader(t(key))
    st.markdown(t(f"{key}_body", **values))
