"""Who is signed in, and the gate in front of every write.

Two ways in: Streamlit's ``st.login`` (OIDC) when Streamlit's secrets (``.streamlit/secrets.toml``
or the files given by ``--secrets.files``) have an ``[auth]`` section, and the built-in sign-in
(users created with ``python manage.py add-user``). Either way the role is the app's own
(``store.users_store``). A local sign-in gives the browser a session cookie (a random token; the
database keeps only its hash) so that reloading or opening a shared link keeps the user signed
in until sign-out or eight hours. Streamlit lets an app set cookies only from a script, so the
cookie cannot be HttpOnly; it is SameSite=Strict (and ``Secure`` when the app is served over
HTTPS: ``DASBOR_COOKIE_SECURE=1``, or a proxy's ``X-Forwarded-Proto: https``), and every text the
app shows from users is escaped. An OIDC user is signed in by Streamlit's own identity
cookie (HttpOnly, 30 days); the app maps its e-mail to a role.

The session keeps the token it holds (issued at sign-in, or the cookie's) and re-checks it, and
the user's status and role, against the database before every write form (``editor``) and on
every other run once ``RECHECK_SECONDS`` (one indexed read) have passed: a closed or expired session or a disabled user is
signed out there, a changed role applies at once (a local user's sessions are closed by a new
password, a new role or a disable: ``Store.set_user``). Either way the script reruns, so the
sidebar, drawn before the page, shows the user as now (signed out, with a one-time notice that
the session ended, or the new role). ``store.audit_store.log_event`` checks the user once more
in the writing transaction. Signing out closes the session's token (and the page's cookie token when
it is the same user's), so a copied cookie stops working. Failed sign-ins
are counted per user and client address in the database (``Store.sign_in``) and slowed down
per browser session here.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

import streamlit as st

from settings import cookie_secure, trust_proxy
from store import audit_store as audit
from store.errors import StoreWriteError
from store.users_store import NO_CLIENT, OIDC, SESSION_LENGTH, User, normalise
from text.fmt import md_text
from text.strings import t
from ui import data
from ui.navigation import SIGN_IN_PAGE

SESSION_KEY = "pengguna"
COOKIE = "dasbor_sesi"
_COOKIE_PENDING = "auth.cookie"  # the cookie to set (or clear) in the next full run
_TOKEN = "auth.token"  # the session token this browser session holds (local users)
_CHECKED = "auth.checked"  # time.monotonic() of the last check against the database
_FAILED = "auth.failed"  # failed sign-ins in this browser session
_WAIT_UNTIL = "auth.wait_until"  # time.monotonic() before which no sign-in is tried
_ENDED = "auth.ended"  # the session's user was signed out by a re-check: say so once
RECHECK_SECONDS = 1.0  # at most one check a second: in practice, every interaction
FREE_FAILURES = 2  # failures in a session before each next try must wait
MAX_WAIT_SECONDS = 60


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
    """The user of this browser's session cookie, if it is still valid (the session then
    holds its token)."""
    token = _cookie()
    if not token or st.session_state.get(_COOKIE_PENDING) == "":
        return None  # no cookie, or signed out in this session (the old cookie is still sent)
    user = data.context()[0].session_user(token)
    if user is not None:
        st.session_state[_TOKEN] = token
    return user


def _drop() -> None:
    """Forget the signed-in user of this session (its token no longer works). The browser's
    cookie is left alone: it may already hold a newer token set by another tab, and a dead
    token signs nobody in."""
    st.session_state.pop(SESSION_KEY, None)
    st.session_state.pop(_TOKEN, None)


def _recheck(user: User) -> User | None:
    """``user`` as the database has it now: None (and signed out) when the session's token is
    closed or expired, or the user is disabled; with the stored role otherwise. An OIDC user
    is mapped again from the identity the browser still has. A local user put in the session
    without a token (page tests do) is checked by the user row when there is one. When the
    user is gone or shown differently (role, name) the script reruns: the sidebar is drawn
    before the page, and must not keep showing the old user."""
    store = data.context()[0]
    if user.sumber == OIDC:
        email = st.user.get("email") if oidc_configured() and st.user.is_logged_in else None
        same = bool(email) and not oidc_refused() and normalise(str(email)) == user.nama_pengguna
        fresh = store.oidc_user(str(email), st.user.get("name")) if same else None
    elif (token := st.session_state.get(_TOKEN)) is not None:
        fresh = store.session_user(token)
    else:
        stored = store.user(user.nama_pengguna)
        fresh = user if stored is None else stored if stored.aktif else None
    if fresh is None:
        _drop()
        st.session_state[_ENDED] = True  # the sidebar says so, once
        st.rerun()
    st.session_state[SESSION_KEY] = fresh
    st.session_state[_CHECKED] = time.monotonic()
    if (fresh.nama_tampil, fresh.peran) != (user.nama_tampil, user.peran):
        st.rerun()
    return fresh


def current_user() -> User | None:
    """The signed-in user of this session, or None; re-checked against the database when the
    last check is older than ``RECHECK_SECONDS``."""
    user = st.session_state.get(SESSION_KEY)
    if user is None:
        if (user := _cookie_user() or _oidc_user()) is not None:
            st.session_state[SESSION_KEY] = user
            st.session_state[_CHECKED] = time.monotonic()
        return user
    if time.monotonic() - st.session_state.get(_CHECKED, float("-inf")) >= RECHECK_SECONDS:
        return _recheck(user)
    return user


def client_address() -> str:
    """The browser's address, to count failed sign-ins by: the last ``X-Forwarded-For`` hop
    when the app runs behind a trusted proxy (``DASBOR_PROXY_TEPERCAYA=1``), else the
    connection's address."""
    if trust_proxy():
        forwarded = st.context.headers.get("X-Forwarded-For")
        forwarded = forwarded if isinstance(forwarded, str) else ""
        if hop := forwarded.split(",")[-1].strip():
            return hop[:100]
    address = st.context.ip_address
    return address if isinstance(address, str) and address else NO_CLIENT  # AppTest: none


def sign_in(nama_pengguna: str, password: str) -> str | None:
    """Check a local user's password; on success remember the user and its new session token.
    Returns why it failed. After ``FREE_FAILURES`` failures this browser session waits 2, 4,
    8 … (at most ``MAX_WAIT_SECONDS``) seconds before the next password is even sent."""
    now = time.monotonic()
    if (wait := st.session_state.get(_WAIT_UNTIL, 0.0) - now) > 0:
        return t("auth.wait", detik=int(wait) + 1)
    store = data.context()[0]
    try:
        result = store.sign_in(nama_pengguna, password, client_address())
        if result.user is None:
            failed = st.session_state[_FAILED] = st.session_state.get(_FAILED, 0) + 1
            if failed > FREE_FAILURES:
                delay = min(MAX_WAIT_SECONDS, 2 ** (failed - FREE_FAILURES))
                st.session_state[_WAIT_UNTIL] = now + delay
            return result.message
        token = store.open_session(result.user.nama_pengguna)
    except StoreWriteError as err:  # a sign-in is a write (the audit log): say why it failed
        return err.pesan
    st.session_state.pop(_FAILED, None)
    st.session_state.pop(_ENDED, None)
    st.session_state[SESSION_KEY] = result.user
    st.session_state[_TOKEN] = token
    st.session_state[_CHECKED] = time.monotonic()
    st.session_state[_COOKIE_PENDING] = token
    return None


def sign_out() -> None:
    """Sign out (the caller reruns the script): close the token this session holds, and the
    token of the cookie the page was loaded with when it is the same user's (a sign-in in this
    session issued a new token; the page's cookie may hold an older one). An OIDC user's run
    ends here instead: ``st.logout()`` only queues the browser's redirect to /auth/logout
    (which clears the identity cookie), and a rerun empties that queue when it starts, so the
    redirect was lost whenever the rerun came first and the next page load signed the user in
    again."""
    user = st.session_state.pop(SESSION_KEY, None)
    token = st.session_state.pop(_TOKEN, None)
    if user is None:
        return
    store = data.context()[0]
    if token:
        store.close_session(token)
    if (cookie := _cookie()) and cookie != token:
        owner = store.session_user(cookie)
        if owner is not None and owner.nama_pengguna == user.nama_pengguna:
            store.close_session(cookie)
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
    secure = "; Secure" if served_over_https() else ""
    st.html(
        f"<script>document.cookie = '{COOKIE}={token}; path=/; max-age={age}; "
        f"SameSite=Strict{secure}';</script>",
        unsafe_allow_javascript=True,
    )
    st.session_state["auth.cookie_written"] = token


def served_over_https() -> bool:
    """Whether the browser reached the app over HTTPS: ``DASBOR_COOKIE_SECURE=1``, or the proxy in
    front says so (``X-Forwarded-Proto: https``; a forged header only makes the cookie
    ``Secure``, which harms nobody else)."""
    proto = st.context.headers.get("X-Forwarded-Proto")
    proto = proto if isinstance(proto, str) else ""
    return cookie_secure() or proto.split(",")[0].strip().lower() == "https"


def editor(what: str) -> User | None:
    """The signed-in user when allowed to change data (editor or admin), re-checked against the
    database now (every run that shows a write form, so also the run that saves it); otherwise
    a note saying how to get there instead of the form, and None. ``what`` names the action."""
    user = current_user()
    if user is not None:
        user = _recheck(user)
    if user is not None and user.can_edit:
        return user
    if user is None:
        st.info(t("auth.need_sign_in", what=what))
        st.page_link(SIGN_IN_PAGE, label=t("auth.go_sign_in"), icon=":material/login:")
    else:
        st.info(t("auth.need_editor", what=what, peran=user.peran))
    return None


def sidebar_status() -> None:
    """Who is signed in (and a sign-out button), or a link to sign in, under the filters;
    once after a re-check signed the session out, why."""
    user = current_user()
    ended = st.session_state.pop(_ENDED, False)
    with st.sidebar:
        st.divider()
        if user is None:
            if ended:
                st.warning(t("auth.session_ended"), icon=":material/logout:")
            st.page_link(SIGN_IN_PAGE, label=t("auth.sign_in"), icon=":material/login:")
            return
        st.caption(t("auth.signed_in_as", nama=md_text(user.nama_tampil), peran=user.peran))
        if st.button(t("auth.sign_out"), key="auth.keluar", icon=":material/logout:"):
            sign_out()
            st.rerun()
