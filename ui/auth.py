"""Who is signed in, and the gate in front of every write.

Two ways in: Streamlit's ``st.login`` (OIDC) when ``.streamlit/secrets.toml`` has an ``[auth]``
section, and the built-in sign-in (users created with ``python manage.py add-user``). Either way
the role is the app's own (``store.users``). The signed-in user lives in the browser session
(``st.session_state``): closing or reloading the tab signs a local user out.
"""

from __future__ import annotations

import streamlit as st

from store import audit
from store.users import OIDC, User
from ui import data
from ui.fmt import md_text
from ui.strings import t

SESSION_KEY = "pengguna"
SIGN_IN_PAGE = "pages/masuk.py"


def oidc_configured() -> bool:
    """Whether ``st.login`` can be used (an ``[auth]`` section in the secrets)."""
    try:
        return "auth" in st.secrets
    except Exception:  # noqa: BLE001 - no or unreadable secrets file: no OIDC
        return False


def _oidc_user() -> User | None:
    """The app's user for the OIDC identity of this browser, logged once per session."""
    if not oidc_configured() or not st.user.is_logged_in:
        return None
    email = st.user.get("email")
    if not email or st.user.get("email_verified") is False:
        return None
    user = data.context()[0].oidc_user(str(email), st.user.get("name"))
    data.context()[0].record_event(user.nama_pengguna, audit.MASUK, user.nama_pengguna, "SSO")
    return user


def current_user() -> User | None:
    """The signed-in user of this session, or None."""
    user = st.session_state.get(SESSION_KEY)
    if user is None and (user := _oidc_user()) is not None:
        st.session_state[SESSION_KEY] = user
    return user


def sign_in(nama_pengguna: str, password: str) -> str | None:
    """Check a local user's password; on success remember the user. Returns why it failed."""
    result = data.context()[0].sign_in(nama_pengguna, password)
    if result.user is None:
        return result.message
    st.session_state[SESSION_KEY] = result.user
    return None


def sign_out() -> None:
    user = st.session_state.pop(SESSION_KEY, None)
    if user is None:
        return
    data.context()[0].record_event(user.nama_pengguna, audit.KELUAR, user.nama_pengguna)
    if user.sumber == OIDC:
        st.logout()


def editor(what: str) -> User | None:
    """The signed-in user when allowed to change data (editor or admin); otherwise a note saying
    how to get there instead of the form, and None. ``what`` names the action for the note."""
    user = current_user()
    if user is not None and user.can_edit:
        return user
    if user is None:
        st.info(t("auth.need_sign_in", what=what))
        st.page_link(SIGN_IN_PAGE, label=t("auth.go_sign_in"), icon=":material/login:")
    else:
        st.info(t("auth.need_editor", what=what, peran=user.peran))
    return None


def sidebar_status() -> None:
    """Who is signed in (and a sign-out button), or a link to sign in, under the filters."""
    user = current_user()
    with st.sidebar:
        st.divider()
        if user is None:
            st.page_link(SIGN_IN_PAGE, label=t("auth.sign_in"), icon=":material/login:")
            return
        st.caption(t("auth.signed_in_as", nama=md_text(user.nama_tampil), peran=user.peran))
        if st.button(t("auth.sign_out"), key="auth.keluar", icon=":material/logout:"):
            sign_out()
            st.rerun()
