"""Guard against Streamlit's legacy ``pages/`` mode.

Until some session has run ``app.py`` (which calls ``st.navigation``), Streamlit treats the
``pages/`` folder as a legacy multipage app: when the first visitor after a server start opens a
page URL directly (a bookmarked ``/ringkasan?tahun=2022``), the page script runs *without* the
router, so there is no sidebar filter and the file names appear as navigation. Every page calls
``ensure_router()`` first; in that case it switches Streamlit to ``st.navigation`` mode and
reruns, which then goes through ``app.py``.

No public way exists in the pinned Streamlit (1.67.0): the mode is the class attribute
``PagesManager.uses_pages_directory``, set from "is there a ``pages/`` folder beside the main
script" when the first session starts and cleared only by a call of ``st.navigation``; the one
config option about pages, ``client.showSidebarNavigation``, only hides the menu; and the brief
fixes the folder name ``pages/``. Calling ``st.navigation`` from the page instead would need to
tell a legacy run from a page run as the main script (AppTest does that), which no public API
tells either. So this reads and clears that one attribute, and the browser test
``test_first_visit_to_a_page_url_goes_through_the_router`` opens a page URL on a fresh server to
catch a Streamlit upgrade that changes it.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def ensure_router() -> None:
    """Rerun through ``app.py`` when Streamlit started this page in legacy ``pages/`` mode."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
