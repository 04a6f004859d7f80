"""Router: page config, shared sidebar, navigation. Nothing else."""

from pathlib import Path

import streamlit as st

from settings import view_requires_sign_in
from store.errors import StoreWriteError
from text.strings import t
from ui import auth, data
from ui.reference_edit import lokus_notice
from ui.sidebar import render_filters

FAVICON = Path(__file__).parent / "ui" / "assets" / "favicon.png"

# The reference folder first: the title names its region (``t`` fills in the region's words).
data.context()
st.set_page_config(page_title=t("app.title"), page_icon=str(FAVICON), layout="wide")
st.sidebar.markdown(f"**{t('app.title')}**")
HOME = "ringkasan"  # the home page's name in links
# (script, title, icon, URL path); the first page is the default.
PAGES = [
    ("pages/ringkasan.py", "nav.ringkasan", ":material/dashboard:", "beranda"),  # served at "/"
    ("pages/indikator.py", "nav.indikator", ":material/bar_chart:", "indikator"),
    ("pages/profil.py", "nav.profil", ":material/location_city:", "profil"),
    ("pages/situasi.py", "nav.situasi", ":material/insights:", "situasi"),
    ("pages/peta.py", "nav.peta", ":material/map:", "peta"),
    ("pages/pengukuran.py", "nav.pengukuran", ":material/straighten:", "pengukuran"),
    ("pages/program.py", "nav.program", ":material/hub:", "program"),
    ("pages/aksi.py", "nav.aksi", ":material/checklist:", "aksi"),
    ("pages/presentasi.py", "nav.presentasi", ":material/slideshow:", "presentasi"),
    ("pages/data.py", "nav.data", ":material/upload_file:", "data"),
    ("pages/audit.py", "nav.audit", ":material/history:", "audit"),
    ("pages/panduan.py", "nav.panduan", ":material/help:", "panduan"),
    ("pages/referensi.py", "nav.referensi", ":material/menu_book:", "referensi"),
    (auth.SIGN_IN_PAGE, "nav.masuk", ":material/login:", "masuk"),
]
# The menu in the header, grouped, so that the sidebar holds only the filters: on a 1366×768
# projector they are on screen at once, not below 14 page links ("" = first, ungrouped).
NAV_SECTIONS = {
    "": ["beranda"],  # the home page (served at "/", and at /ringkasan by its name)
    "nav.s_analisis": ["indikator", "profil", "situasi", "peta", "pengukuran"],
    "nav.s_program": ["program", "aksi", "presentasi"],
    "nav.s_data": ["data", "audit", "referensi"],
    "nav.s_bantuan": ["panduan", "masuk"],
}
# A write refused by the database (read-only, full, busy) is shown as its message.
try:
    # With DASBOR_WAJIB_MASUK=1 nothing but the sign-in page exists until someone signs in.
    shown = PAGES if auth.current_user() or not view_requires_sign_in() else PAGES[-1:]
    pages = {
        url: st.Page(script, title=t(title), icon=icon, url_path=url, default=i == 0)
        for i, (script, title, icon, url) in enumerate(shown)
    }
    grouped = {
        t(section) if section else "": [pages[url] for url in urls if url in pages]
        for section, urls in NAV_SECTIONS.items()
    }
    grouped = {k: v for k, v in grouped.items() if v}
    if len(shown) > 1:
        # The home page is served at "/"; its name in shared links (/ringkasan) opens it too,
        # not Streamlit's English "Page not found".
        home = st.Page(PAGES[0][0], title=t(PAGES[0][1]), url_path=HOME, visibility="hidden")
        grouped.setdefault("", []).append(home)
    navigation = st.navigation(grouped, position="top")
    if len(shown) > 1:
        render_filters()
        lokus_notice()  # one notice above every page while the year in view has no lokus
    auth.write_cookie()  # before the sidebar says who is signed in, so the cookie is set first
    auth.sidebar_status()
    navigation.run()
except StoreWriteError as err:  # a read-only, full or busy database: say so, no stack trace
    st.error(err.pesan)
except Exception:
    # A bug: a plain message here; Streamlit shows no details (client.showErrorDetails = "none")
    # and logs the error with its stack trace on the server.
    st.error(t("app.error"))
    raise
