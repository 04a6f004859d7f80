"""Router: page config, shared sidebar, navigation. Nothing else."""

from pathlib import Path

import streamlit as st

from ui import data
from ui.sidebar import render_filters
from ui.strings import t

FAVICON = Path(__file__).parent / "ui" / "assets" / "favicon.png"

st.set_page_config(page_title=t("app.title"), page_icon=str(FAVICON), layout="wide")
data.context()
st.sidebar.markdown(f"**{t('app.title')}**")
navigation = st.navigation(
    [
        st.Page(
            "pages/ringkasan.py",
            title=t("nav.ringkasan"),
            icon=":material/dashboard:",
            default=True,
            url_path="ringkasan",
        ),
        st.Page(
            "pages/indikator.py",
            title=t("nav.indikator"),
            icon=":material/bar_chart:",
            url_path="indikator",
        ),
        st.Page(
            "pages/profil.py",
            title=t("nav.profil"),
            icon=":material/location_city:",
            url_path="profil",
        ),
        st.Page(
            "pages/situasi.py",
            title=t("nav.situasi"),
            icon=":material/insights:",
            url_path="situasi",
        ),
        st.Page(
            "pages/data.py",
            title=t("nav.data"),
            icon=":material/upload_file:",
            url_path="data",
        ),
        st.Page(
            "pages/panduan.py",
            title=t("nav.panduan"),
            icon=":material/help:",
            url_path="panduan",
        ),
        st.Page(
            "pages/referensi.py",
            title=t("nav.referensi"),
            icon=":material/menu_book:",
            url_path="referensi",
        ),
    ]
)
render_filters()
navigation.run()
