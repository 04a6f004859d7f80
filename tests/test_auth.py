"""Users, roles, sign-in and the audit log: password hashes, lockout, OIDC role mapping, one
audit row per write (with its user), the migration that fills the log with earlier writes, the
user commands of manage.py, and the pages behind the gate."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta

import pandas as pd
import pytest
import sqlalchemy as sa
import streamlit as st
from streamlit.testing.v1 import AppTest

import manage
from analysis import schema as s
from analysis.audit_log import export_frame
from services.bootstrap import initialise
from store import audit_store as audit
from store import migrations, passwords, tables
from store import users_store as users
from store.database import Store
from store.users_store import ADMIN, EDITOR, OIDC, PEMBACA, User
from tests.conftest import APP

ROOT = APP.parent

PASSWORD = "rahasia-123"


def users_store(url: str) -> Store:
    store = Store(url)
    store.migrate()
    store.add_user("Rina", EDITOR, "cli:test", PASSWORD, "Rina Marlina")
    store.add_user("budi", PEMBACA, "cli:test", PASSWORD)
    store.add_user("kepala@jakarta.go.id", ADMIN, "cli:test", sumber=OIDC)
    return store


@pytest.fixture()
def store(store_url):
    """A migrated store (SQLite and PostgreSQL) with an editor, a reader and an OIDC admin."""
    store = users_store(store_url)
    yield store
    store.dispose()


def test_password_hash_is_salted_scrypt_and_verifies():
    """Two hashes of one password differ (random salt); only the right password matches."""
    first, second = passwords.hash_password(PASSWORD), passwords.hash_password(PASSWORD)
    assert first != second and first.startswith("scrypt$16384$8$1$")
    assert PASSWORD not in first
    assert passwords.verify_password(PASSWORD, first)
    assert not passwords.verify_password("rahasia-124", first)
    assert not passwords.verify_password(PASSWORD, None)
    assert not passwords.verify_password(PASSWORD, "md5$abc")
    assert passwords.password_problem("pendek") == "Kata sandi minimal 8 karakter."
    assert passwords.password_problem(" spasi-di-depan") is not None


def test_users_are_normalised_checked_and_never_expose_hashes(store):
    """Names are lower case; duplicates, unknown roles, short passwords and odd names refused."""
    users = store.users()
    assert users["nama_pengguna"].tolist() == ["budi", "kepala@jakarta.go.id", "rina"]
    assert "sandi_hash" not in users.columns
    with pytest.raises(ValueError, match="sudah ada"):
        store.add_user("RINA", EDITOR, "t", PASSWORD)
    with pytest.raises(ValueError, match="Peran 'raja' tidak dikenal"):
        store.add_user("sari", "raja", "t", PASSWORD)
    with pytest.raises(ValueError, match="minimal 8"):
        store.add_user("sari", EDITOR, "t", "1234")
    with pytest.raises(ValueError, match="Nama pengguna"):
        store.add_user("<script>", EDITOR, "t", PASSWORD)
    with pytest.raises(ValueError, match="SSO"):
        store.set_user("kepala@jakarta.go.id", "t", password=PASSWORD)
    with store.engine.connect() as conn:
        hashes = conn.execute(sa.select(tables.pengguna.c.sandi_hash)).scalars().all()
    assert sum(h is None for h in hashes) == 1  # the OIDC user has none


def test_sign_in_checks_the_password_and_logs_every_attempt(store):
    """A right password signs in as the stored role; wrong ones and unknown users are refused
    with one message; each attempt is one audit row."""
    ok = store.sign_in(" RINA ", PASSWORD)
    assert ok.user == User("rina", "Rina Marlina", EDITOR, "lokal") and ok.user.can_edit
    wrong = store.sign_in("rina", "salah-sandi")
    unknown = store.sign_in("tidakada", PASSWORD)
    sso_only = store.sign_in("kepala@jakarta.go.id", "")
    message = "Nama pengguna atau kata sandi salah. Periksa huruf besar/kecil."
    assert (wrong.user, wrong.message) == (None, message)
    assert unknown.message == message and sso_only.message == message
    log = store.audit_log()
    attempts = log.loc[log["jenis"].isin([audit.MASUK, audit.GAGAL_MASUK])]
    assert attempts[["oleh", "jenis"]].values.tolist() == [
        ["kepala@jakarta.go.id", audit.GAGAL_MASUK],
        ["tidakada", audit.GAGAL_MASUK],
        ["rina", audit.GAGAL_MASUK],
        ["rina", audit.MASUK],
    ]


def test_five_failures_lock_the_account_and_a_disabled_user_cannot_sign_in(store):
    """After five failures even the right password is refused (and logged); a disabled
    account is refused with its own message; re-enabling lets it in."""
    for _ in range(5):
        assert store.sign_in("budi", "salah-sandi").user is None
    locked = store.sign_in("budi", PASSWORD)
    assert locked.user is None and "Terlalu banyak percobaan gagal" in locked.message
    assert store.audit_log()["rincian"].iloc[0] == "ditolak: terkunci sementara"
    store.set_user("rina", "cli:test", aktif=False)
    assert store.sign_in("rina", PASSWORD).message == (
        "Akun 'rina' dinonaktifkan. Hubungi admin dasbor."
    )
    store.set_user("rina", "cli:test", aktif=True, peran=ADMIN)
    assert store.sign_in("rina", PASSWORD).user.is_admin


def test_sessions_keep_only_a_hash_and_end(store, monkeypatch):
    """A session token finds its user until sign-out, expiry, or a change of the user's role
    or status (``set_user`` closes its sessions); the database holds only the token's
    SHA-256."""
    token = store.open_session("rina")
    assert store.session_user(token) == User("rina", "Rina Marlina", EDITOR, "lokal")
    assert store.session_user(token + "x") is None
    with store.engine.connect() as conn:
        stored = conn.execute(sa.select(tables.sesi.c.token_hash)).scalars().all()
    assert token not in stored and len(stored[0]) == 64
    store.set_user("rina", "cli:test", peran=ADMIN)
    assert store.session_user(token) is None
    token = store.open_session("rina")
    store.close_session(token)
    assert store.session_user(token) is None
    monkeypatch.setattr("store.users_store.SESSION_LENGTH", -users.SESSION_LENGTH)
    assert store.session_user(store.open_session("budi")) is None


def test_oidc_users_get_the_apps_role_by_email(store):
    """A known e-mail gets its stored role; an unknown one, or a local user's name, only reads."""
    assert store.oidc_user("Kepala@Jakarta.go.id", "Kepala Bidang") == User(
        "kepala@jakarta.go.id", "kepala@jakarta.go.id", ADMIN, OIDC
    )
    stranger = store.oidc_user("orang@contoh.id", "Orang Lain")
    assert (stranger.peran, stranger.nama_tampil, stranger.can_edit) == (
        PEMBACA,
        "Orang Lain",
        False,
    )
    assert store.oidc_user("rina", None).peran == PEMBACA


def test_an_oidc_sign_in_is_logged_once(store):
    """Every session the identity cookie opens (reload, new tab) asks to log the sign-in; only
    the first does, at the ID token's issue time. A new sign-in (new token) is logged again;
    without an issue time every call logs."""
    issued = datetime(2026, 1, 5, 3, 0, 7, tzinfo=UTC)
    assert store.record_oidc_sign_in("Kepala@Jakarta.go.id", issued)
    assert not store.record_oidc_sign_in("kepala@jakarta.go.id", issued)
    assert store.record_oidc_sign_in("orang@contoh.id", issued)  # another person, same second
    assert store.record_oidc_sign_in("kepala@jakarta.go.id", issued + timedelta(hours=9))
    assert store.record_oidc_sign_in("kepala@jakarta.go.id", None)
    assert store.record_oidc_sign_in("kepala@jakarta.go.id", None)
    log = store.audit_log()
    sso = log[log["jenis"] == audit.MASUK]
    assert sso[["oleh", "objek", "rincian"]].values.tolist() == [
        ["kepala@jakarta.go.id", "kepala@jakarta.go.id", "SSO"]
    ] * 3 + [["orang@contoh.id", "orang@contoh.id", "SSO"]] + [
        ["kepala@jakarta.go.id", "kepala@jakarta.go.id", "SSO"]
    ]
    assert sso["waktu"].iloc[-1] == pd.Timestamp(issued)


def newest(store: Store, n: int = 1) -> list[list[str]]:
    return store.audit_log()[["oleh", "jenis", "objek"]].head(n).values.tolist()


def test_every_write_records_its_user_in_the_audit_log(demo_copy_url, ref):
    """Uploads, roll-backs, aksi edits, a new aksi year, boundaries, activities, notes and
    indicators each append rows naming the user, in the write's own transaction."""
    from analysis.aksi import changes
    from ingest.options import ImportOptions
    from services.uploads import commit, dry_run

    store = Store(demo_copy_url)
    store.migrate()
    csv = b"kode_wilayah;kode_indikator;periode;pembilang;penyebut\n3172021007;SPE02;2026-Q1;8;10\n"
    plan, comparison = dry_run(
        store, ref, csv, "unggah.csv", ImportOptions(None, None, False, None)
    )
    dataset_id = commit(store, plan, comparison, csv, "rina")
    assert newest(store) == [["rina", audit.UNGGAH, f"dataset #{dataset_id} unggah.csv"]]
    store.set_dataset_active(dataset_id, False, "rina")
    assert newest(store) == [["rina", audit.BATALKAN, f"dataset #{dataset_id}"]]

    progress = store.aksi_progress()
    rows = progress.loc[progress["tahun"] == 2025].reset_index(drop=True)
    edited = rows.assign(**{s.PROGRES: rows[s.PROGRES].where(rows.index != 0, 55.0)})
    store.update_aksi_progress(2025, edited, changes(rows, edited), "sari")
    assert store.audit_log()["rincian"].iloc[0].endswith("→ 55")
    assert newest(store)[0][:2] == ["sari", audit.UBAH_AKSI]

    store.commit_boundaries("batas.geojson", 10, "0" * 64, None, {"3172021007": "{}"}, "sari")
    version = int(store.boundary_versions()["id"].iloc[0])
    store.set_boundaries_active(version, False, "rina")
    assert newest(store, 2) == [
        ["rina", audit.STATUS_BATAS, f"versi batas #{version}"],
        ["sari", audit.IMPOR_BATAS, f"versi batas #{version} batas.geojson"],
    ]
    assert store.save_meeting_notes(2025, "2025-Q4", {"judul": "Sepakat"}, "rina") == ["judul"]
    assert newest(store) == [["rina", audit.CATATAN, "2025-Q4 slide judul"]]
    activity = store.activities().head(1).assign(catatan="ubah")
    diff = pd.DataFrame({"id": activity["id"], "kolom": ["catatan"], "nilai_lama": [None],
                         "nilai_baru": ["ubah"]})  # fmt: skip
    store.save_activities("budi", edited=activity, diff=diff)
    assert newest(store)[0][:2] == ["budi", audit.KEGIATAN]
    store.dispose()


def test_migration_11_copies_earlier_writes_into_the_log(store_url, monkeypatch):
    """A database written before migration 11 gets its upload history and aksi log in the
    audit log, oldest first, when it is upgraded."""
    url = store_url
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:10])
    old = Store(url)
    old.migrate()
    when = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
    with old.engine.begin() as conn:
        conn.execute(sa.insert(tables.dataset).values(
            id=1, nama="lama.csv", jenis="unggahan", dibuat_pada=when, dibuat_oleh="ani",
            jumlah_baris=3, status="dibatalkan", sintetis=False))  # fmt: skip
        conn.execute(sa.insert(tables.dataset_riwayat), [
            {"dataset_id": 1, "aksi": "unggah", "waktu": when, "oleh": "ani", "catatan": None},
            {"dataset_id": 1, "aksi": "batalkan", "waktu": when.replace(hour=9), "oleh": "edo",
             "catatan": "salah periode"},
        ])  # fmt: skip
        conn.execute(sa.insert(tables.aksi_audit).values(
            waktu=when.replace(hour=5), oleh="ani", tahun=2025, progress_id=7, kolom="progres",
            nilai_lama="0", nilai_baru="50"))  # fmt: skip
    old.dispose()
    monkeypatch.undo()
    store = Store(url)
    assert store.migrate()[0] == 11  # and any later ones
    log = store.audit_log().fillna({"rincian": "-"})
    assert log[["oleh", "jenis", "objek", "rincian"]].values.tolist() == [
        ["edo", audit.BATALKAN, "dataset #1 lama.csv", "salah periode"],
        ["ani", audit.UBAH_AKSI, "aksi 2025 baris #7", "progres: 0 → 50"],
        ["ani", audit.UNGGAH, "dataset #1 lama.csv", "-"],
    ]
    assert log["waktu"].iloc[2] == pd.Timestamp(when)
    store.dispose()


def test_filter_and_export_of_the_log(store):
    """Filters (in the database) by kind, user, Jakarta date and text; export shows WIB time
    and Indonesian headers (hand-checked: 17:30 UTC on 1 March is 00:30 WIB on 2 March)."""
    rows = [
        ("2026-02-28 10:00", "rina", audit.UBAH_AKSI, "aksi 2026 baris #1", "progres: 0 → 50"),
        ("2026-03-01 09:00", "budi", audit.MASUK, "budi", "kata sandi"),
        ("2026-03-01 17:30", "rina", audit.UNGGAH, "dataset #4 a.csv", "3 nilai baru"),
    ]
    with store.engine.begin() as conn:
        conn.execute(sa.insert(tables.log_audit), [
            {"waktu": pd.Timestamp(w, tz="UTC").to_pydatetime(), "oleh": o, "jenis": j,
             "objek": b, "rincian": r}
            for w, o, j, b, r in rows
        ])  # fmt: skip

    def objek(**where) -> list[str]:
        return store.audit_page(audit.AuditFilter(**where), 10)["objek"].tolist()

    assert objek(oleh=("rina",)) == ["dataset #4 a.csv", "aksi 2026 baris #1"]
    assert objek(jenis=(audit.MASUK,)) == ["budi"]
    assert objek(start=date(2026, 3, 2), end=date(2026, 3, 2)) == ["dataset #4 a.csv"]
    assert objek(end=date(2026, 3, 1)) == ["budi", "aksi 2026 baris #1"]
    assert objek(text="PROGRES") == ["aksi 2026 baris #1"]
    out = export_frame(store.audit_page(audit.AuditFilter(), 1))
    assert out.to_dict("records") == [{
        "Waktu (WIB)": "2026-03-02 00:30:00", "Oleh": "rina", "Jenis": audit.UNGGAH,
        "Objek": "dataset #4 a.csv", "Rincian": "3 nilai baru",
    }]  # fmt: skip


def test_manage_user_commands(store_url, monkeypatch, capsys):
    """add-user reads the password from stdin and stores only a hash; set-user changes the
    role; users lists without hashes; refusals exit 2 with the reason."""
    url = store_url
    initialise(url, with_demo=False)[0].dispose()
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert manage.main(["add-user", "Sari", "--role", "editor", "--password-stdin",
                        "--db-url", url]) == 0  # fmt: skip
    assert "Pengguna 'sari' (lokal) dibuat dengan peran editor." in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO("pendek\n"))
    assert manage.main(["add-user", "edo", "--role", "admin", "--password-stdin",
                        "--db-url", url]) == 2  # fmt: skip
    assert "minimal 8" in capsys.readouterr().err
    assert manage.main(["set-user", "sari", "--role", "admin", "--db-url", url]) == 0
    assert manage.main(["users", "--db-url", url]) == 0
    listing = capsys.readouterr().out
    assert "sari" in listing and "admin" in listing and "scrypt" not in listing
    store = Store(url)
    assert store.sign_in("sari", PASSWORD).user.peran == ADMIN
    log = store.audit_log()
    changes = log.loc[log["jenis"] == audit.PENGGUNA]
    assert changes["rincian"].tolist() == ["peran admin", "dibuat (lokal), peran editor"]
    assert all(who.startswith("cli:") for who in changes["oleh"])
    store.dispose()


# Pages behind the gate (AppTest through the router, on a private copy of the demo database).


@pytest.fixture()
def gated_db(demo_copy, monkeypatch):
    """A private demo database with an editor and a reader; the app's caches emptied around."""
    monkeypatch.setenv("DASBOR_DB_URL", demo_copy)
    store = Store(demo_copy)
    store.add_user("rina", EDITOR, "cli:test", PASSWORD, "Rina <b>M</b>")
    store.add_user("budi", PEMBACA, "cli:test", PASSWORD)
    store.dispose()
    st.cache_resource.clear()
    st.cache_data.clear()
    yield demo_copy
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.fixture()
def gated_app(gated_db):
    return AppTest.from_file(APP, default_timeout=60)


def open_page(at: AppTest, page: str) -> AppTest:
    at.run()
    at.switch_page(page)
    return at.run()


def test_sign_in_page_signs_in_and_out(gated_db):
    """A wrong password shows the message; the right one signs in; signing out is logged.
    (The page file itself: AppTest through the router loses form clicks.)"""
    at = AppTest.from_file(str(ROOT / "pages/masuk.py"), default_timeout=60).run()
    at.text_input(key="auth.nama").input("rina")
    at.text_input(key="auth.sandi").input("salah-sandi")
    at.button(key="auth.masuk").click().run()
    assert [e.value for e in at.error] == [
        "Nama pengguna atau kata sandi salah. Periksa huruf besar/kecil."
    ]
    at.text_input(key="auth.sandi").input(PASSWORD)
    at.button(key="auth.masuk").click().run()
    assert not at.exception and not at.error
    assert at.session_state["pengguna"].nama_pengguna == "rina"
    assert [s.value for s in at.success] == [
        "Masuk sebagai **Rina \\<b\\>M\\</b\\>** (peran: editor)"
    ]
    at.button(key="auth.keluar_halaman").click().run()
    assert "pengguna" not in at.session_state
    store = Store(gated_db)
    assert store.audit_log()["jenis"].head(3).tolist() == [audit.KELUAR, audit.MASUK,
                                                           audit.GAGAL_MASUK]  # fmt: skip
    store.dispose()


def test_sidebar_says_who_is_signed_in(gated_app):
    """Through the router: a link to sign in, then the signed-in user and a sign-out button."""
    gated_app.run()
    assert not gated_app.sidebar.caption or all(
        "Masuk sebagai" not in c.value for c in gated_app.sidebar.caption
    )
    gated_app.session_state["pengguna"] = User("sari", "Sari [x](http://contoh)", EDITOR, "lokal")
    gated_app.run()
    assert "Masuk sebagai **Sari \\[x\\]\\(http\\://contoh\\)** (peran: editor)" in [
        c.value for c in gated_app.sidebar.caption
    ]
    assert gated_app.sidebar.button(key="auth.keluar")


def test_writes_need_an_editor(gated_app):
    """Signed out, the Data page offers no upload and says how to sign in; a reader is told
    the role is not enough; an editor gets the uploader."""
    at = open_page(gated_app, "pages/data.py")
    assert not at.exception
    assert (
        "Hanya editor atau admin yang masuk yang dapat mengunggah dan menyimpan berkas indikator."
        in [i.value for i in at.info]
    )
    assert not at.get("file_uploader")
    at.session_state["pengguna"] = User("budi", "budi", PEMBACA, "lokal")
    at.run()
    assert any("Akun Anda berperan **pembaca**" in i.value for i in at.info)
    at.session_state["pengguna"] = User("rina", "Rina", EDITOR, "lokal")
    at.run()
    assert at.get("file_uploader")[0].proto.label.startswith("Berkas indikator (")


def test_audit_page_lists_filters_and_exports(gated_app):
    """The audit page is closed to readers; an admin sees the log, the users (no hashes) and
    two exports."""
    at = open_page(gated_app, "pages/audit.py")
    assert not at.get("arrow_data_frame") and not at.exception
    at.session_state["pengguna"] = User("kepala", "Kepala", ADMIN, "lokal")
    at.run()
    assert not at.exception
    table, users = (frame.value for frame in at.dataframe)
    assert list(table.columns) == ["Waktu (WIB)", "Oleh", "Jenis", "Objek", "Rincian"]
    assert {audit.PENGGUNA, audit.DATA_CONTOH} <= set(table["Jenis"])
    at.multiselect(key="audit.jenis").select(audit.PENGGUNA).run()
    assert at.dataframe[0].value["Objek"].tolist() == ["budi", "rina"]
    assert users["Nama pengguna"].tolist() == ["budi", "rina"] and "sandi_hash" not in users
    assert len(at.get("download_button")) == 2


def test_viewing_can_require_sign_in(gated_app, monkeypatch):
    """With DASBOR_WAJIB_MASUK=1 a visitor sees only the sign-in page, no filters, no data."""
    monkeypatch.setenv("DASBOR_WAJIB_MASUK", "1")
    gated_app.run()
    assert not gated_app.exception
    assert [t.value for t in gated_app.title] == ["Masuk"]
    assert not gated_app.sidebar.selectbox
    gated_app.session_state["pengguna"] = User("budi", "budi", PEMBACA, "lokal")
    gated_app.run()
    assert {s.key for s in gated_app.sidebar.selectbox} == {"tahun", "periode", "kecamatan"}


def test_sign_in_on_a_read_only_database_says_why(gated_db, monkeypatch):
    """Signing in writes the audit log: on a read-only database the page says so plainly."""
    path = gated_db.removeprefix("sqlite:///")
    monkeypatch.setenv("DASBOR_DB_URL", f"sqlite:///file:{path}?mode=ro&uri=true")
    at = AppTest.from_file(str(ROOT / "pages/masuk.py"), default_timeout=60).run()
    at.text_input(key="auth.nama").input("rina")
    at.text_input(key="auth.sandi").input(PASSWORD)
    at.button(key="auth.masuk").click().run()
    assert not at.exception
    assert [e.value[:40] for e in at.error] == ["Basis data hanya-baca: perubahan tidak d"]
    assert "pengguna" not in at.session_state


SSO_SECRETS = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "rahasia-kuki-uji-0123456789",
    "client_id": "dasbor",
    "client_secret": "rahasia",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}


def sso_page(user: dict) -> AppTest:
    """The Masuk page with ``[auth]`` configured and ``st.user`` as the identity cookie gives."""
    at = AppTest.from_file(str(ROOT / "pages/masuk.py"), default_timeout=60)
    at.secrets["auth"] = SSO_SECRETS
    at.user = {"is_logged_in": True, **user}
    return at.run()


def test_sso_identity_gets_its_role_once_and_signs_out(gated_db, monkeypatch):
    """An OIDC identity with a verified, known e-mail is that user; a second session with the
    same identity cookie does not log the sign-in again; Keluar logs out of the provider too,
    and ends the run without st.rerun (a rerun empties the queue holding st.logout's redirect,
    so the browser would keep its identity cookie: see the browser test)."""
    reruns = []
    monkeypatch.setattr(st, "rerun", lambda *a, **k: reruns.append(a))
    store = Store(gated_db)
    store.add_user("editor@contoh.go.id", EDITOR, "cli:test", sumber=OIDC)
    identity = {"email": "Editor@Contoh.go.id", "email_verified": True, "iat": 1767582007}
    for _ in range(2):  # the page after the callback, then a reload
        at = sso_page(identity)
        assert not at.exception and not at.warning
        assert [s.value for s in at.success] == [
            "Masuk sebagai **editor\\@contoh\\.go\\.id** (peran: editor)"
        ]
    at.button(key="auth.keluar_halaman").click().run()
    assert at.user == {"is_logged_in": False} and "pengguna" not in at.session_state
    assert reruns == []
    at.run()
    assert not at.success and at.button(key="auth.sso")
    log = store.audit_log()
    store.dispose()
    log = log[log["jenis"].isin([audit.MASUK, audit.KELUAR])]
    assert log[["oleh", "jenis", "rincian"]].fillna("").values.tolist() == [
        ["editor@contoh.go.id", audit.KELUAR, ""],
        ["editor@contoh.go.id", audit.MASUK, "SSO"],
    ]
    assert log["waktu"].iloc[1] == pd.Timestamp(datetime.fromtimestamp(1767582007, UTC))


@pytest.mark.parametrize(
    "identity", [{"email": "baru@contoh.go.id", "email_verified": False}, {"name": "Tanpa E-mail"}]
)
def test_sso_identity_without_a_verified_email_is_refused(gated_db, identity):
    """No e-mail, or one the provider has not verified: nobody is signed in, the page says why
    and offers to leave the SSO account (st.logout)."""
    at = sso_page(identity)
    assert not at.exception and not at.success and "pengguna" not in at.session_state
    assert [w.value[:56] for w in at.warning] == [
        "Penyedia SSO tidak mengirim e-mail yang terverifikasi un"
    ]
    at.button(key="auth.sso_keluar").click().run()
    assert at.user == {"is_logged_in": False}
    at.run()
    assert not at.warning and at.button(key="auth.sso")
    store = Store(gated_db)
    assert audit.MASUK not in set(store.audit_log()["jenis"])
    store.dispose()
