"""Router: page config, shared sidebar, navigation. Nothing else."""

from pathlib import Path

import streamlit as st

from settings import view_requires_sign_in
from store.errors import StoreWriteError
from text.strings import t
from ui import auth, data
from ui.navigation import HOME, NAV_SECTIONS, PAGES
from ui.reference_edit import lokus_notice
from ui.sidebar import render_filters

FAVICON = Path(__file__).parent / "ui" / "assets" / "favicon.png"

# The reference folder first: the title names its region (``t`` fills in the region's words).
data.context()
st.set_page_config(page_title=t("app.title"), page_icon=str(FAVICON), layout="wide")
st.sidebar.markdown(f"**{t('app.title')}**")
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
