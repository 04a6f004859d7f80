"""Guard against Streamlit's legacy ``pages/`` mode.

Until some session has run ``app.py`` (which calls ``st.navigation``), Streamlit treats the
``pages/`` folder as a legacy multipage app: when the first visitor after a server start opens a
page URL directly (a bookmarked ``/ringkasan?tahun=2022``), the page script runs *without* the
router, so there is no sidebar filter and the file names appear as navigation. Every page calls
``ensure_router()`` first; in that case it switches Streamlit to ``st.navigation`` mode and
reruns, which then goes through ``app.py``. A browser test opens a page URL on a fresh server.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def ensure_router() -> None:
    """Rerun through ``app.py`` when Streamlit started this page in legacy ``pages/`` mode."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
