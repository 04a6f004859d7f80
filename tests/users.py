"""The signed-in users the page tests act as (the gate reads ``st.session_state``)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from store.users_store import EDITOR, User

RINA = User("rina", "Rina", EDITOR, "lokal")


def signed_in(at: AppTest, user: User = RINA) -> AppTest:
    """``at`` with ``user`` signed in (before its first run)."""
    at.session_state["pengguna"] = user
    return at
