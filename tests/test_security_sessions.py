"""Sessions that really end and sign-ins that cannot be hammered (issue 21, points 3, 4, 7 and
8): sign-out closes the token the session holds, an open session re-checks its user before
every write, the lockout is counted atomically per user and client address and lifted by an
admin's password reset, the Audit page reads a page at a time, the cookie is ``Secure`` over
HTTPS and visitors see no error details. Storage tests run on SQLite and PostgreSQL; the last
tests drive a real browser (the fixtures and helpers of ``tests/test_browser.py``)."""

from __future__ import annotations

import io
import re
import threading
import time
import tomllib
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
import streamlit as st
from playwright.sync_api import expect
from streamlit.testing.v1 import AppTest

import manage
from services.bootstrap import initialise
from store import audit_store as audit
from store import tables
from store import users_store as users
from store.database import Store
from store.users_store import EDITOR, OIDC, PEMBACA, User
from tests.conftest import APP
from tests.test_auth import SSO_SECRETS
from tests.test_browser import (  # noqa: F401 - fixtures
    IDLE,
    assert_clean,
    browser,
    open_page,
    page,
    running,
    sign_in,
)
from ui.auth import RECHECK_SECONDS

ROOT = APP.parent
SANDI = "rahasia-123"
WRONG = "salah-sandi"
LOCKED = "Terlalu banyak percobaan gagal"


@pytest.fixture()
def store(store_url):
    """A migrated store (SQLite and PostgreSQL) with the editor 'rina' and the reader 'budi'."""
    store = initialise(store_url, with_demo=False)[0]
    store.add_user("rina", EDITOR, "cli:test", SANDI, "Rina")
    store.add_user("budi", PEMBACA, "cli:test", SANDI)
    yield store
    store.dispose()


def test_parallel_sign_ins_check_exactly_five_passwords(store, monkeypatch):
    """Twenty wrong passwords sent at once for one user from one address make exactly five
    password checks; the other fifteen are refused as locked without a check."""
    checks = []
    lock = threading.Lock()
    verify = users.verify_password

    def counted(password, stored):
        with lock:
            checks.append(password)
        return verify(password, stored)

    monkeypatch.setattr(users, "verify_password", counted)
    with ThreadPoolExecutor(max_workers=10) as pool:
        results = list(pool.map(lambda _: store.sign_in("rina", WRONG), range(20)))
    assert len(checks) == users.MAX_FAILURES == 5
    assert all(r.user is None for r in results)
    assert sum(LOCKED in r.message for r in results) == 15
    assert store.sign_in("rina", SANDI).user is None  # even the right password, now


def test_an_admins_password_reset_lifts_the_lockout(store_url, monkeypatch, capsys):
    """Five failures lock the user; ``manage.py set-user --reset-password`` lets the user in
    with the new password at once."""
    initialise(store_url, with_demo=False)[0].dispose()
    store = Store(store_url)
    store.add_user("rina", EDITOR, "cli:test", SANDI)
    for _ in range(5):
        store.sign_in("rina", WRONG)
    assert LOCKED in store.sign_in("rina", SANDI).message
    monkeypatch.setattr("sys.stdin", io.StringIO("sandi-baru-456\n"))
    args = ["set-user", "rina", "--reset-password", "--password-stdin", "--db-url", store_url]
    assert manage.main(args) == 0
    assert store.sign_in("rina", "sandi-baru-456").user.nama_pengguna == "rina"
    assert "kunci gagal masuk dibuka" in store.audit_log()["rincian"].iloc[1]
    store.dispose()


def test_a_stranger_locks_a_user_out_only_from_the_strangers_address(store):
    """Five failures from one address lock the user there, not from the user's own address;
    one address failing for many names is stopped after twenty, whatever the name; hammering
    a locked account adds one audit row, not one per attempt."""
    for _ in range(5):
        store.sign_in("rina", WRONG, "203.0.113.9")
    assert store.sign_in("rina", SANDI, "203.0.113.9").message == (
        "Terlalu banyak percobaan gagal untuk 'rina' dari alamat ini. Coba lagi 15 menit lagi, "
        "atau minta admin mengganti kata sandi."
    )
    assert store.sign_in("rina", SANDI, "10.1.2.3").user.nama_pengguna == "rina"
    for i in range(users.MAX_FAILURES_CLIENT - 5):
        store.sign_in(f"tebakan{i}", WRONG, "203.0.113.9")
    assert store.sign_in("budi", SANDI, "203.0.113.9").message == (
        "Terlalu banyak percobaan gagal dari alamat ini. Coba lagi 15 menit lagi."
    )
    rows = store.audit_count()
    for _ in range(50):
        store.sign_in("budi", SANDI, "203.0.113.9")
    assert store.audit_count() == rows
    assert store.sign_in("budi", SANDI, "10.1.2.3").user.nama_pengguna == "budi"


def test_many_addresses_lock_the_user_everywhere_until_the_window_ends(store, monkeypatch):
    """Fifty failures for one user from ten addresses lock the user from every address (so a
    botnet cannot keep guessing), until the window of fifteen minutes is over."""
    for i in range(users.MAX_FAILURES_USER):
        store.sign_in("rina", WRONG, f"198.51.100.{i % 10}")
    assert store.sign_in("rina", SANDI, "10.1.2.3").message == (
        "Terlalu banyak percobaan gagal untuk 'rina'. Coba lagi 15 menit lagi, atau minta "
        "admin mengganti kata sandi."
    )
    monkeypatch.setattr(users, "LOCKOUT", timedelta(0))  # the window is over
    assert store.sign_in("rina", SANDI, "10.1.2.3").user.nama_pengguna == "rina"


def test_a_disabled_or_demoted_user_cannot_write_even_past_the_pages(store):
    """The writing transaction itself refuses a change of data by a disabled user or one who
    is now a reader, and stores nothing; the command line and the app itself still write."""
    assert store.save_meeting_notes(2025, "2025-Q1", {"ringkasan": "a"}, "rina") == ["ringkasan"]
    store.set_user("rina", "cli:test", aktif=False)
    with pytest.raises(audit.WriterRefused, match="tidak lagi berhak mengubah data"):
        store.save_meeting_notes(2025, "2025-Q1", {"ringkasan": "b"}, "rina")
    store.set_user("rina", "cli:test", aktif=True, peran=PEMBACA)
    with pytest.raises(audit.WriterRefused):
        store.save_meeting_notes(2025, "2025-Q1", {"ringkasan": "b"}, "rina")
    assert store.meeting_notes(2025, "2025-Q1") == {"ringkasan": "a"}
    assert store.save_meeting_notes(2025, "2025-Q1", {"ringkasan": "c"}, "cli:root")


def test_a_reset_a_disable_and_a_role_change_close_the_users_sessions(
    store, store_url, monkeypatch
):
    """``set-user --reset-password``, ``--status disable`` and a new role each close every open
    session of the user (an open tab and a copied cookie alike), logged in the same audit row;
    enabling the user again brings none back; other users' sessions stay open."""
    budi = store.open_session("budi")

    def sessions() -> list[str]:
        return [store.open_session("rina") for _ in range(2)]  # a tab and a copied cookie

    def ended(tokens: list[str]) -> bool:
        return all(store.session_user(token) is None for token in tokens)

    reset = sessions()
    monkeypatch.setattr("sys.stdin", io.StringIO("sandi-baru-456\n"))
    args = ["set-user", "rina", "--reset-password", "--password-stdin", "--db-url", store_url]
    assert manage.main(args) == 0
    assert ended(reset)
    assert store.audit_log()["rincian"].iloc[0].endswith(", 2 sesi ditutup")
    disabled = sessions()
    args = ["set-user", "rina", "--status", "disable", "--db-url", store_url]
    assert manage.main(args) == 0
    store.set_user("rina", "cli:test", aktif=True)
    assert ended(disabled)
    same_role = sessions()
    store.set_user("rina", "cli:test", peran=EDITOR)  # no change of role
    assert store.session_user(same_role[0]).peran == EDITOR
    store.set_user("rina", "cli:test", peran=PEMBACA)
    assert ended(same_role)
    assert store.audit_log()["rincian"].iloc[0] == "peran pembaca, 2 sesi ditutup"
    assert store.session_user(budi).nama_pengguna == "budi"


def test_the_audit_log_is_read_a_page_at_a_time_with_filters_in_sql(store):
    """``audit_page`` returns the requested slice, newest first, filtered by kind, user,
    Jakarta date and text (LIKE wildcards taken literally); ``audit_count`` counts them."""
    start = datetime(2026, 1, 1, 16, 59, tzinfo=UTC)  # 23:59 WIB on 1 January
    before = store.audit_count()
    kinds_before, who_before = store.audit_choices()
    with store.engine.begin() as conn:
        conn.execute(
            sa.insert(tables.log_audit),
            [
                {"waktu": start if i == 0 else datetime(2026, 1, 2, tzinfo=UTC),
                 "oleh": "rina" if i % 2 else "edo", "jenis": audit.CATATAN,
                 "objek": f"slide {i}", "rincian": "100%_naik" if i == 7 else None}
                for i in range(1000)
            ],
        )  # fmt: skip
    assert store.audit_count() == before + 1000
    rows = store.audit_page(audit.AuditFilter(), 200, 200)
    assert len(rows) == 200 and rows["id"].is_monotonic_decreasing
    assert rows["id"].iloc[0] == store.audit_page(audit.AuditFilter(), 1, 200)["id"].iloc[0]
    assert rows["objek"].iloc[0] == "slide 799"
    rina = audit.AuditFilter(jenis=(audit.CATATAN,), oleh=("rina",))
    assert store.audit_count(rina) == 500
    assert store.audit_count(audit.AuditFilter(text="100%_")) == 1
    assert store.audit_count(audit.AuditFilter(text="1%")) == 0  # not "1, then anything"
    first = datetime(2026, 1, 1).date()
    assert store.audit_count(audit.AuditFilter(jenis=(audit.CATATAN,), start=first, end=first)) == 1
    kinds, who = store.audit_choices()
    assert kinds == sorted({*kinds_before, audit.CATATAN})
    assert who == sorted({*who_before, "edo", "rina"})


# Pages (AppTest) on a private copy of the demo database.


@pytest.fixture()
def gated_db(demo_copy, monkeypatch):
    """A private demo database with the editor 'rina'; the app's caches emptied around."""
    monkeypatch.setenv("DASBOR_DB_URL", demo_copy)
    store = Store(demo_copy)
    store.add_user("rina", EDITOR, "cli:test", SANDI, "Rina")
    store.dispose()
    st.cache_resource.clear()
    st.cache_data.clear()
    yield demo_copy
    st.cache_resource.clear()
    st.cache_data.clear()


def test_sign_out_right_after_signing_in_closes_the_new_token(gated_db):
    """Keluar in the session that just signed in closes the token issued to it (the page was
    loaded without a cookie), so a copy of that cookie no longer signs anybody in."""
    at = AppTest.from_file(str(ROOT / "pages/masuk.py"), default_timeout=60).run()
    at.text_input(key="auth.nama").input("rina")
    at.text_input(key="auth.sandi").input(SANDI)
    at.button(key="auth.masuk").click().run()
    token = at.session_state["auth.cookie"]  # the cookie the browser is given
    store = Store(gated_db)
    assert store.session_user(token).nama_pengguna == "rina"
    at.button(key="auth.keluar_halaman").click().run()
    assert not at.exception and "pengguna" not in at.session_state
    assert store.session_user(token) is None
    store.dispose()


def data_page_as_rina(gated_db) -> tuple[AppTest, Store, str]:
    """The Data page in a session holding a live token of 'rina' (as after a sign-in)."""
    store = Store(gated_db)
    token = store.open_session("rina")
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["pengguna"] = User("rina", "Rina", EDITOR, "lokal")
    at.session_state["auth.token"] = token
    at.run()
    at.switch_page("pages/data.py")
    return at.run(), store, token


def uploader(at: AppTest) -> bool:
    """Whether the page offers the indicator upload."""
    return any(u.proto.label.startswith("Berkas indikator") for u in at.get("file_uploader"))


def test_an_open_session_loses_write_access_at_once(gated_db, monkeypatch):
    """An open session re-checks its user in the next run that shows a write form: a role
    changed to reader (which closes the user's sessions), a disabled user, a session closed in
    another tab and an expired session each take the uploader away at once."""
    at, store, token = data_page_as_rina(gated_db)
    assert uploader(at)
    store.set_user("rina", "cli:test", peran=PEMBACA)
    at.run()
    assert not uploader(at) and "pengguna" not in at.session_state
    store.set_user("rina", "cli:test", peran=EDITOR)
    at, _, _ = data_page_as_rina(gated_db)
    assert uploader(at)
    store.set_user("rina", "cli:test", aktif=False)
    at.run()
    assert not uploader(at) and "pengguna" not in at.session_state
    store.set_user("rina", "cli:test", aktif=True)
    at, _, token = data_page_as_rina(gated_db)
    store.close_session(token)  # signed out in another tab
    at.run()
    assert not uploader(at) and "pengguna" not in at.session_state
    monkeypatch.setattr("store.users_store.SESSION_LENGTH", -users.SESSION_LENGTH)
    at, _, _ = data_page_as_rina(gated_db)
    assert not uploader(at) and "pengguna" not in at.session_state
    store.dispose()


def sidebar_says(at: AppTest) -> list[str]:
    """The texts of the sidebar's sign-in status: captions, warnings and page links."""
    return [
        *(c.value for c in at.sidebar.caption),
        *(w.value for w in at.sidebar.warning),
        *(link.proto.label for link in at.sidebar.get("page_link")),
    ]


def test_a_password_reset_ends_an_open_session(gated_db, monkeypatch):
    """``manage.py set-user --reset-password`` closes the session of an open tab: its next run
    has no user and no uploader, and the session's token signs nobody in."""
    at, store, token = data_page_as_rina(gated_db)
    assert uploader(at)
    monkeypatch.setattr("sys.stdin", io.StringIO("sandi-baru-456\n"))
    args = ["set-user", "rina", "--reset-password", "--password-stdin", "--db-url", gated_db]
    assert manage.main(args) == 0
    at.run()
    assert not at.exception
    assert not uploader(at) and "pengguna" not in at.session_state
    assert store.session_user(token) is None
    store.dispose()


def test_an_ended_session_says_so_once_in_the_sidebar(gated_db):
    """A signed-in editor whose token is closed elsewhere (sign-out in another tab) sees, in
    the next run, the sidebar signed out with a notice why and the sign-in link, never
    'Masuk sebagai'; the run after that no longer shows the notice."""
    at, store, token = data_page_as_rina(gated_db)
    assert any("Masuk sebagai" in text for text in sidebar_says(at))
    store.close_session(token)
    at.run()
    assert not at.exception
    said = sidebar_says(at)
    assert not any("Masuk sebagai" in text for text in said)
    assert [w.value for w in at.sidebar.warning] == [
        "Sesi Anda berakhir (keluar di tab lain, kedaluwarsa, kata sandi atau peran diganti, "
        "atau akun dinonaktifkan). Masuk lagi untuk mengubah data."
    ]
    assert "Masuk" in said  # the sign-in link
    at.run()
    assert not at.sidebar.warning and "Masuk" in sidebar_says(at)
    store.dispose()


def test_an_oidc_user_is_read_again_from_the_users_table(gated_db):
    """An SSO user's role and status are read again from the users table before a write form:
    demoted or disabled, the open session loses the uploader at once."""
    store = Store(gated_db)
    store.add_user("editor@contoh.go.id", EDITOR, "cli:test", sumber=OIDC)
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["auth"] = SSO_SECRETS
    at.user = {"is_logged_in": True, "email": "editor@contoh.go.id", "email_verified": True}
    at.run()
    at.switch_page("pages/data.py").run()
    assert uploader(at)
    store.set_user("editor@contoh.go.id", "cli:test", peran=PEMBACA)
    at.run()
    assert not uploader(at) and at.session_state["pengguna"].peran == PEMBACA
    assert [c.value.endswith("(peran: pembaca)") for c in at.sidebar.caption] == [True]
    store.set_user("editor@contoh.go.id", "cli:test", peran=EDITOR, aktif=False)
    at.run()
    assert not uploader(at) and at.session_state["pengguna"].peran == PEMBACA
    store.dispose()


def test_reads_recheck_the_user_on_the_next_interaction(gated_db):
    """A session that only reads (Ringkasan) re-checks its user on its next run once the last
    check is over ``RECHECK_SECONDS`` (one second) old, and the sidebar says it ended."""
    at, store, _ = data_page_as_rina(gated_db)
    at.switch_page("pages/ringkasan.py").run()
    store.set_user("rina", "cli:test", aktif=False)
    at.session_state["auth.checked"] = time.monotonic() - RECHECK_SECONDS  # an interaction later
    at.run()
    assert not at.exception
    assert "pengguna" not in at.session_state
    assert any("Sesi Anda berakhir" in w.value for w in at.warning)
    store.dispose()


def test_a_session_waits_after_repeated_failures(gated_db):
    """After two failures a browser session must wait before its next password is checked."""
    at = AppTest.from_file(str(ROOT / "pages/masuk.py"), default_timeout=60).run()
    at.text_input(key="auth.nama").input("rina")
    at.text_input(key="auth.sandi").input(WRONG)
    for _ in range(3):
        at.button(key="auth.masuk").click().run()
    at.text_input(key="auth.sandi").input(SANDI)
    at.button(key="auth.masuk").click().run()
    assert len(at.error) == 1
    assert re.fullmatch(
        r"Terlalu banyak percobaan gagal dari sesi ini\. Tunggu [12] detik, lalu coba lagi\.",
        at.error[0].value,
    )
    assert "pengguna" not in at.session_state


def test_the_audit_page_shows_one_page_of_a_long_log(gated_db):
    """With 30,000 rows in the log the Audit page shows 200, a page selector and the count."""
    store = Store(gated_db)
    now = datetime.now(UTC)
    with store.engine.begin() as conn:
        conn.execute(
            sa.insert(tables.log_audit),
            [{"waktu": now, "oleh": "tamu", "jenis": audit.GAGAL_MASUK, "objek": f"tamu{i}"}
             for i in range(30_000)],
        )  # fmt: skip
    total = store.audit_count()
    store.dispose()
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["pengguna"] = User("rina", "Rina", EDITOR, "lokal")
    at.run()
    at.switch_page("pages/audit.py").run()
    assert not at.exception
    assert len(at.dataframe[0].value) == 200
    assert f"{total} dari {total} catatan." in [m.value for m in at.markdown]
    at.number_input(key="audit.halaman").set_value(2).run()
    assert at.dataframe[0].value["Objek"].iloc[0] == "tamu29799"
    assert "tamu" not in at.multiselect(key="audit.oleh").options  # failed sign-ins' names


def test_the_cookie_is_secure_when_served_over_https(gated_db, monkeypatch):
    """With DASBOR_COOKIE_SECURE=1 the session cookie is set with the Secure flag."""
    monkeypatch.setenv("DASBOR_COOKIE_SECURE", "1")
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["pengguna"] = User("rina", "Rina", EDITOR, "lokal")
    at.session_state["auth.cookie"] = "token-uji"
    at.run()
    scripts = [h.proto.body for h in at.get("html")]
    assert any("dasbor_sesi=token-uji" in s and "SameSite=Strict; Secure" in s for s in scripts)


def test_visitors_see_no_error_details(app, monkeypatch):
    """Streamlit is told to show no error details, and a failing page says so plainly in
    Bahasa Indonesia."""
    config = tomllib.loads((ROOT / ".streamlit/config.toml").read_text())
    assert config["client"]["showErrorDetails"] == "none"

    def broken() -> None:
        raise RuntimeError("/srv/dasbor/rahasia.py")

    monkeypatch.setattr("ui.sidebar.render_filters", broken)
    app.run()
    assert [e.value for e in app.error] == [
        "Maaf, terjadi kesalahan di halaman ini. Rinciannya dicatat di log server. Muat ulang "
        "halaman; bila berulang, hubungi admin dasbor."
    ]


# Real browser.


def test_sign_out_right_after_sign_in_ends_a_copied_cookie_in_the_browser(
    browser,  # noqa: F811 - the fixtures imported above
    demo_copy,
    tmp_path,
    page,  # noqa: F811
):
    """Sign in, copy the session cookie, press Keluar at once: a fresh browser holding the
    copied cookie is not signed in."""
    with running(demo_copy, tmp_path) as url:
        sign_in(page, url, demo_copy)
        copied = [c for c in page.context.cookies() if c["name"] == "dasbor_sesi"]
        assert copied and copied[0]["value"]
        sidebar = page.locator("[data-testid='stSidebar']")
        sidebar.get_by_role("button", name="Keluar").click()
        expect(sidebar.get_by_text("Masuk sebagai")).to_have_count(0, timeout=30_000)
        page.wait_for_selector(IDLE)
        other = browser.new_context(viewport={"width": 1400, "height": 2400}, locale="id-ID")
        try:
            other.add_cookies(copied)
            thief = other.new_page()
            open_page(thief, f"{url}/data", "kuki_salinan")
            expect(thief.get_by_text("Hanya editor atau admin yang masuk").first).to_be_visible()
            expect(thief.locator("[data-testid='stFileUploader']")).to_have_count(0)
            expect(
                thief.locator("[data-testid='stSidebar']").get_by_text("Masuk sebagai")
            ).to_have_count(0)
        finally:
            other.close()
        assert_clean(page)


def rerun(tab, option: int) -> None:
    """Rerun the script of an open tab without reloading it: pick another kecamatan."""
    tab.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").nth(2).click()
    tab.get_by_role("option").nth(option).click()
    tab.wait_for_selector(IDLE, timeout=60_000)


def test_an_open_tab_is_signed_out_by_a_role_change_and_a_disable_in_the_browser(
    browser,  # noqa: F811 - the fixtures imported above
    demo_copy,
    tmp_path,
    page,  # noqa: F811
):
    """A second tab showing the uploader is signed out, without a reload, when the user becomes
    a reader (``set_user`` closes the user's sessions) and when the user is disabled
    (``manage.py set-user --status``): the uploader goes, and the sidebar says once that the
    session ended instead of 'Masuk sebagai'."""
    with running(demo_copy, tmp_path) as url:
        sign_in(page, url, demo_copy)
        tab = page.context.new_page()
        open_page(tab, f"{url}/data", "tab_kedua")
        uploader = tab.locator("[data-testid='stFileUploader']").filter(has_text="Berkas indikator")
        sidebar = tab.locator("[data-testid='stSidebar']")
        expect(uploader).to_have_count(1)
        store = Store(demo_copy)
        store.set_user("rina", "cli:test", peran=PEMBACA)
        rerun(tab, 1)
        expect(sidebar.get_by_text("Sesi Anda berakhir")).to_be_visible(timeout=30_000)
        expect(sidebar.get_by_text("Masuk sebagai")).to_have_count(0)
        expect(uploader).to_have_count(0)
        store.set_user("rina", "cli:test", peran=EDITOR)
        sign_in(page, url, demo_copy)  # a new session: the tab is reloaded to pick up its cookie
        open_page(tab, f"{url}/data", "tab_kedua_lagi")
        expect(uploader).to_have_count(1, timeout=30_000)
        assert manage.main(["set-user", "rina", "--status", "disable", "--db-url", demo_copy]) == 0
        rerun(tab, 3)
        expect(tab.get_by_text("Hanya editor atau admin yang masuk").first).to_be_visible(
            timeout=30_000
        )
        expect(sidebar.get_by_text("Sesi Anda berakhir")).to_be_visible()
        expect(sidebar.get_by_text("Masuk sebagai")).to_have_count(0)
        expect(uploader).to_have_count(0)
        store.dispose()
        assert tab.locator("[data-testid='stException']").count() == 0
        assert_clean(page)
