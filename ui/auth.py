"""Who is signed in, and the gate in front of every write.

Two ways in: Streamlit's ``st.login`` (OIDC) when Streamlit's secrets (``.streamlit/secrets.toml``
or the files given by ``--secrets.files``) have an ``[auth]`` section, and the built-in sign-in
(users created with ``python manage.py add-user``). Either way the role is the app's own
(``store.users``). A local sign-in gives the browser a session cookie (a random token; the
database keeps only its hash) so that reloading or opening a shared link keeps the user signed
in until sign-out or eight hours. Streamlit lets an app set cookies only from a script, so the
cookie cannot be HttpOnly; it is SameSite=Strict and every text the app shows from users is
escaped. An OIDC user is signed in by Streamlit's own identity cookie (HttpOnly, 30 days); the
app maps its e-mail to a role in every new session.
"""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from store import audit
from store.errors import StoreWriteError
from store.users import OIDC, SESSION_LENGTH, User
from ui import data
from ui.fmt import md_text
from ui.strings import t

SESSION_KEY = "pengguna"
SIGN_IN_PAGE = "pages/masuk.py"
COOKIE = "dasbor_sesi"
_COOKIE_PENDING = "auth.cookie"  # the cookie to set (or clear) in the next full run


def oidc_configured() -> bool:
    """Whether ``st.login`` can be used (an ``[auth]`` section in the secrets)."""
    try:
        return "auth" in st.secrets
    except Exception:  # noqa: BLE001 - no or unreadable secrets file: no OIDC
        return False


def oidc_refused() -> bool:
    """Whether the browser has an identity from the provider that the app cannot use: no
    e-mail, or one the provider says is not verified. (``st.login`` succeeded, yet nobody is
    signed in; the identity cookie stays until ``st.logout``.)"""
    if not oidc_configured() or not st.user.is_logged_in:
        return False
    return not st.user.get("email") or st.user.get("email_verified") is False


def _oidc_user() -> User | None:
    """The app's user for the OIDC identity of this browser. The sign-in is logged once, not
    in every session the identity cookie opens (see ``Store.record_oidc_sign_in``)."""
    if not oidc_configured() or not st.user.is_logged_in or oidc_refused():
        return None
    store = data.context()[0]
    user = store.oidc_user(str(st.user.get("email")), st.user.get("name"))
    issued = st.user.get("iat")  # the ID token's claims are in st.user
    valid = isinstance(issued, int | float) and not isinstance(issued, bool)
    store.record_oidc_sign_in(
        user.nama_pengguna, datetime.fromtimestamp(issued, UTC) if valid else None
    )
    return user


def _cookie() -> str | None:
    """The session token this browser sent (AppTest has no real cookies)."""
    token = st.context.cookies.get(COOKIE)
    return token if isinstance(token, str) else None


def _cookie_user() -> User | None:
    """The user of this browser's session cookie, if it is still valid."""
    token = _cookie()
    if not token or st.session_state.get(_COOKIE_PENDING) == "":
        return None  # no cookie, or signed out in this session (the old cookie is still sent)
    return data.context()[0].session_user(token)


def current_user() -> User | None:
    """The signed-in user of this session, or None."""
    user = st.session_state.get(SESSION_KEY)
    if user is None and (user := _cookie_user() or _oidc_user()) is not None:
        st.session_state[SESSION_KEY] = user
    return user


def sign_in(nama_pengguna: str, password: str) -> str | None:
    """Check a local user's password; on success remember the user. Returns why it failed."""
    store = data.context()[0]
    try:
        result = store.sign_in(nama_pengguna, password)
        if result.user is None:
            return result.message
        token = store.open_session(result.user.nama_pengguna)
    except StoreWriteError as err:  # a sign-in is a write (the audit log): say why it failed
        return err.pesan
    st.session_state[SESSION_KEY] = result.user
    st.session_state[_COOKIE_PENDING] = token
    return None


def sign_out() -> None:
    """Sign out (the caller reruns the script). An OIDC user's run ends here instead:
    ``st.logout()`` only queues the browser's redirect to /auth/logout (which clears the
    identity cookie), and a rerun empties that queue when it starts, so the redirect was lost
    whenever the rerun came first and the next page load signed the user in again."""
    user = st.session_state.pop(SESSION_KEY, None)
    if user is None:
        return
    store = data.context()[0]
    if token := _cookie():
        store.close_session(token)
    st.session_state[_COOKIE_PENDING] = ""
    store.record_event(user.nama_pengguna, audit.KELUAR, user.nama_pengguna)
    if user.sumber == OIDC:
        st.logout()
        st.stop()  # not st.rerun(): see above; the browser leaves this page anyway


def write_cookie() -> None:
    """Give the browser the session cookie set (or cleared) by the last sign-in or sign-out.
    Called from the router on every run; the script runs once, in the run after the change."""
    token = st.session_state.get(_COOKIE_PENDING)
    if token is None or st.session_state.get("auth.cookie_written") == token:
        return
    age = int(SESSION_LENGTH.total_seconds()) if token else 0
    st.html(
        f"<script>document.cookie = '{COOKIE}={token}; path=/; max-age={age}; "
        "SameSite=Strict';</script>",
        unsafe_allow_javascript=True,
    )
    st.session_state["auth.cookie_written"] = token


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
