"""Users and roles (``Store`` inherits ``UserStore``). Roles are the app's own: ``pembaca`` may
view, ``editor`` may also change data, ``admin`` may also manage users. Local users sign in
with a salted password hash; OIDC users (st.login) are matched by e-mail, and an e-mail the
app does not know gets ``pembaca``. Every change and every sign-in is in the audit log; a new
password, a new role or a disable closes the user's open sessions (``set_user``). Failed
sign-ins are counted per user and client address, per user and per address (table
``percobaan_masuk``), each check counted before the password is verified."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pandas as pd
from sqlalchemy import Engine, Table, delete, insert, select, tuple_, update
from sqlalchemy.dialects import postgresql, sqlite

from analysis.text_clean import clean_text
from store import audit_store as audit
from store import tables
from store.errors import writes
from store.passwords import hash_password, password_problem, verify_password

PEMBACA, EDITOR, ADMIN = "pembaca", "editor", "admin"
ROLES = (PEMBACA, EDITOR, ADMIN)
LOKAL, OIDC = "lokal", "oidc"
SSO = "SSO"  # the audit detail of an OIDC sign-in
MAX_FAILURES = 5  # of one user from one client address
MAX_FAILURES_CLIENT = 20  # from one client address, for any user names
MAX_FAILURES_USER = 50  # of one user, from any client addresses
ANY = "*"  # the counter for any user or any client (never a user name nor an address)
NO_CLIENT = "-"  # the client address when it is not known (command line, tests)
LOCKOUT = timedelta(minutes=15)
SESSION_LENGTH = timedelta(hours=8)  # a working day; then sign in again
_NAME = re.compile(r"[a-z0-9][a-z0-9._@+-]{0,99}")


@dataclass(frozen=True)
class User:
    nama_pengguna: str
    nama_tampil: str
    peran: str
    sumber: str
    aktif: bool = True

    @property
    def can_edit(self) -> bool:
        return self.peran in (EDITOR, ADMIN)

    @property
    def is_admin(self) -> bool:
        return self.peran == ADMIN


@dataclass(frozen=True)
class SignIn:
    user: User | None
    message: str | None = None  # why it failed (Bahasa Indonesia)


def normalise(nama_pengguna: str) -> str:
    return nama_pengguna.strip().lower()


def name_problem(nama_pengguna: str) -> str | None:
    if not _NAME.fullmatch(nama_pengguna):
        return (
            "Nama pengguna 1–100 karakter: huruf kecil, angka, titik, garis bawah, tanda hubung "
            "atau @ (untuk e-mail), diawali huruf atau angka."
        )
    return None


def _check_role(peran: str) -> None:
    if peran not in ROLES:
        raise ValueError(f"Peran '{peran}' tidak dikenal; pilih salah satu: {', '.join(ROLES)}.")


class UserStore:
    engine: Engine

    def _user_row(self, conn, nama_pengguna: str):
        t = tables.pengguna
        return conn.execute(select(t).where(t.c.nama_pengguna == nama_pengguna)).first()

    @writes
    def add_user(  # noqa: PLR0913
        self,
        nama_pengguna: str,
        peran: str,
        oleh: str,
        password: str | None = None,
        nama_tampil: str | None = None,
        sumber: str = LOKAL,
    ) -> None:
        """Create a user; a local user needs a password, an OIDC user (an e-mail) has none."""
        nama = normalise(nama_pengguna)
        _check_role(peran)
        problem = name_problem(nama) or (
            password_problem(password or "") if sumber == LOKAL else None
        )
        if problem:
            raise ValueError(problem)
        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            if self._user_row(conn, nama) is not None:
                raise ValueError(f"Pengguna '{nama}' sudah ada; ubah dengan `set-user`.")
            conn.execute(
                insert(tables.pengguna).values(
                    nama_pengguna=nama,
                    nama_tampil=(nama_tampil or "").strip() or nama,
                    peran=peran,
                    sumber=sumber,
                    sandi_hash=hash_password(password) if sumber == LOKAL else None,
                    aktif=True,
                    dibuat_pada=now,
                    diubah_pada=now,
                )
            )
            audit.log_event(conn, oleh, audit.PENGGUNA, nama, f"dibuat ({sumber}), peran {peran}")

    @writes
    def set_user(
        self,
        nama_pengguna: str,
        oleh: str,
        peran: str | None = None,
        password: str | None = None,
        aktif: bool | None = None,
    ) -> None:
        """Change a user's role, password or whether it may sign in. A new password, a new
        role, disabling (and enabling a disabled user) close every open session of the user in
        the same transaction as the change and its audit row: an open tab or a copied session
        cookie no longer signs anybody in, and the user signs in again (with the new password,
        as the new role)."""
        nama = normalise(nama_pengguna)
        changes: dict = {}
        said = []
        if peran is not None:
            _check_role(peran)
            changes["peran"], said = peran, [f"peran {peran}"]
        if password is not None:
            if problem := password_problem(password):
                raise ValueError(problem)
            changes["sandi_hash"] = hash_password(password)
            said.append("kata sandi baru (kunci gagal masuk dibuka)")
        if aktif is not None:
            changes["aktif"] = aktif
            said.append("diaktifkan" if aktif else "dinonaktifkan")
        if not changes:
            raise ValueError("Tidak ada perubahan: sebutkan peran, kata sandi atau status.")
        with self.engine.begin() as conn:
            t = tables.pengguna
            row = self._user_row(conn, nama)
            if row is None:
                raise ValueError(f"Pengguna '{nama}' tidak ada; buat dengan `add-user`.")
            if password is not None and row.sumber != LOKAL:
                raise ValueError(f"'{nama}' masuk lewat SSO; kata sandinya diatur di sana.")
            changes["diubah_pada"] = datetime.now(UTC)
            conn.execute(update(t).where(t.c.id == row.id).values(**changes))
            if password is not None:  # a reset by an admin lifts the lockout, from every address
                p = tables.percobaan_masuk
                conn.execute(delete(p).where(p.c.akun == nama))
            ends_sessions = (
                password is not None
                or (peran is not None and peran != row.peran)
                or aktif is False
                or (aktif is True and not row.aktif)  # none may outlive a disable (older rows)
            )
            if ends_sessions:
                s = tables.sesi
                closed = conn.execute(delete(s).where(s.c.nama_pengguna == nama)).rowcount
                if closed:
                    said.append(f"{closed} sesi ditutup")
            audit.log_event(conn, oleh, audit.PENGGUNA, nama, ", ".join(said))

    def users(self) -> pd.DataFrame:
        """Every user without password hashes, by name."""
        t = tables.pengguna
        cols = [c for c in t.c if c.name not in ("id", "sandi_hash")]
        with self.engine.connect() as conn:
            return pd.read_sql(select(*cols).order_by(t.c.nama_pengguna), conn)

    def has_users(self) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(tables.pengguna.c.id).limit(1)).first() is not None

    def _reserve_attempt(self, nama: str, klien: str, now: datetime) -> str | None:
        """Count one password check against every limit before it is made, in one transaction
        that locks the counters (a row lock on PostgreSQL, the write lock on SQLite), so parallel
        sign-ins cannot check more passwords than the limits allow. Returns the lockout message
        when a limit is reached (then nothing is counted and no password may be checked); the
        refusal is logged once per counter and window, so hammering a locked account does not
        grow the audit log."""
        t = tables.percobaan_masuk
        keys = _attempt_keys(nama, klien)
        with self.engine.begin() as conn:
            for akun, client, _ in keys:
                conn.execute(
                    _insert_ignore(conn, t).values(
                        akun=akun, klien=client, gagal=0, mulai=now, penolakan_dicatat=False
                    )
                )
            rows = {
                (row.akun, row.klien): row
                for row in conn.execute(
                    select(t)
                    .where(tuple_(t.c.akun, t.c.klien).in_([(a, c) for a, c, _ in keys]))
                    .order_by(t.c.akun, t.c.klien)
                    .with_for_update()
                )
            }
            counts = {}
            for akun, client, limit in keys:
                row = rows[akun, client]
                fresh = now - _aware(row.mulai) <= LOCKOUT
                counts[akun, client] = (row.gagal if fresh else 0, fresh, limit)
            full = next(((k, v) for k, v in counts.items() if v[0] >= v[2]), None)
            if full is not None:
                (akun, client), _ = full
                if not rows[akun, client].penolakan_dicatat:
                    conn.execute(
                        update(t)
                        .where(t.c.akun == akun, t.c.klien == client)
                        .values(penolakan_dicatat=True)
                    )
                    audit.log_event(conn, nama, audit.GAGAL_MASUK, nama, _refusal(akun, client))
                return _locked_message(nama, akun, client)
            for (akun, client), (gagal, fresh, _) in counts.items():
                values = {"gagal": gagal + 1}
                if not fresh:
                    values |= {"mulai": now, "penolakan_dicatat": False}
                conn.execute(
                    update(t).where(t.c.akun == akun, t.c.klien == client).values(**values)
                )
        return None

    @writes
    def sign_in(self, nama_pengguna: str, password: str, klien: str = NO_CLIENT) -> SignIn:
        """Check a local user's password; every attempt is logged. The check is counted before
        it is made: after ``MAX_FAILURES`` failures of one user from one client address
        (``klien``) in ``LOCKOUT`` that pair must wait, whatever the password; so must one
        address after ``MAX_FAILURES_CLIENT`` failures for any names, and one user after
        ``MAX_FAILURES_USER`` failures from any addresses. A stranger therefore locks a user
        out only from the stranger's own address (unless the stranger has ten addresses),
        and the user can still sign in from elsewhere. A password reset by an admin lifts the
        counts."""
        nama = normalise(nama_pengguna)[:200]
        klien = (klien or NO_CLIENT)[:100]
        now = datetime.now(UTC)
        if (locked := self._reserve_attempt(nama, klien, now)) is not None:
            return SignIn(None, locked)
        with self.engine.connect() as conn:
            row = self._user_row(conn, nama)
        local = row is not None and row.sumber == LOKAL
        ok = verify_password(password, row.sandi_hash if local else None)
        with self.engine.begin() as conn:
            if ok and row.aktif:
                t = tables.percobaan_masuk
                for akun, client, _ in _attempt_keys(nama, klien):  # in the locking order
                    # A success is no failure: the pair starts again from zero, the user's and
                    # the address's counts lose the check counted for it.
                    pair = akun != ANY and client != ANY
                    conn.execute(
                        update(t)
                        .where(t.c.akun == akun, t.c.klien == client, t.c.gagal > 0)
                        .values(gagal=0 if pair else t.c.gagal - 1)
                    )
                audit.log_event(conn, nama, audit.MASUK, nama, "kata sandi")
                return SignIn(User(nama, row.nama_tampil or nama, row.peran, LOKAL))
            reason = "pengguna nonaktif" if ok else "nama pengguna atau kata sandi salah"
            audit.log_event(conn, nama, audit.GAGAL_MASUK, nama, reason)
        if ok:
            return SignIn(None, f"Akun '{nama}' dinonaktifkan. Hubungi admin dasbor.")
        return SignIn(None, "Nama pengguna atau kata sandi salah. Periksa huruf besar/kecil.")

    def user(self, nama_pengguna: str) -> User | None:
        """The stored user as it is now (role, ``aktif``), or None when unknown."""
        with self.engine.connect() as conn:
            row = self._user_row(conn, normalise(nama_pengguna))
        if row is None:
            return None
        nama = row.nama_pengguna
        return User(nama, row.nama_tampil or nama, row.peran, row.sumber, bool(row.aktif))

    def oidc_user(self, email: str, name: str | None) -> User:
        """The app's user for an e-mail confirmed by the OIDC provider: its stored role, or
        ``pembaca`` when the app does not know it (or it is disabled)."""
        nama = normalise(clean_text(email))  # the provider's texts, like any other input
        with self.engine.connect() as conn:
            row = self._user_row(conn, nama)
        peran = row.peran if row is not None and row.sumber == OIDC and row.aktif else PEMBACA
        tampil = (row.nama_tampil if row is not None else None) or clean_text(name) or nama
        return User(nama, tampil, peran, OIDC)

    @writes
    def record_oidc_sign_in(self, nama_pengguna: str, issued: datetime | None) -> bool:
        """Log an OIDC sign-in ('masuk', 'SSO') once. Streamlit's identity cookie serves every
        later session of the browser (a reload, another tab, a shared link), so the sign-in is
        identified by its ID token's issue time (``iat``), which is also the row's time; a
        session with an identity already logged adds nothing. Returns whether a row was added
        (always, when ``issued`` is unknown)."""
        nama = normalise(nama_pengguna)
        t = tables.log_audit
        with self.engine.begin() as conn:
            if issued is not None:
                seen = conn.execute(
                    select(t.c.id).where(
                        t.c.jenis == audit.MASUK,
                        t.c.oleh == nama,
                        t.c.rincian == SSO,
                        t.c.waktu == issued,
                    )
                ).first()
                if seen is not None:
                    return False
            audit.log_event(conn, nama, audit.MASUK, nama, SSO, when=issued)
        return True

    # Sessions: the browser keeps a random token in a cookie; the database keeps its hash, so a
    # copy of the database cannot be used to sign in. A session ends after SESSION_LENGTH, at
    # sign-out, or when its user's password, role or status is changed (``set_user``).

    @writes
    def open_session(self, nama_pengguna: str) -> str:
        """A new session token for a signed-in local user (give it to the browser)."""
        token = secrets.token_urlsafe(32)
        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            conn.execute(
                delete(tables.sesi).where(tables.sesi.c.berakhir_pada < now)
            )  # expired ones go
            conn.execute(
                insert(tables.sesi).values(
                    token_hash=_token_hash(token),
                    nama_pengguna=nama_pengguna,
                    dibuat_pada=now,
                    berakhir_pada=now + SESSION_LENGTH,
                )
            )
        return token

    def session_user(self, token: str) -> User | None:
        """The user of a live session token, with the role stored now; None when the token is
        unknown, expired, or its user was disabled."""
        t, u = tables.sesi, tables.pengguna
        with self.engine.connect() as conn:
            row = conn.execute(
                select(t.c.berakhir_pada, u)
                .join(u, u.c.nama_pengguna == t.c.nama_pengguna)
                .where(t.c.token_hash == _token_hash(token))
            ).first()
        if row is None or not row.aktif:
            return None
        ends = (
            row.berakhir_pada if row.berakhir_pada.tzinfo else row.berakhir_pada.replace(tzinfo=UTC)
        )
        if ends < datetime.now(UTC):
            return None
        return User(row.nama_pengguna, row.nama_tampil or row.nama_pengguna, row.peran, row.sumber)

    @writes
    def close_session(self, token: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(tables.sesi).where(tables.sesi.c.token_hash == _token_hash(token)))


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _aware(when: datetime) -> datetime:
    """SQLite gives naive times (stored as UTC); PostgreSQL aware ones."""
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _attempt_keys(nama: str, klien: str) -> list[tuple[str, str, int]]:
    """The counters a sign-in of ``nama`` from ``klien`` is counted on, with their limits, in
    the order they are locked (always the same order, so two sign-ins never wait on each
    other's locks). A name that cannot be a user is counted on the address only."""
    keys = [(ANY, klien, MAX_FAILURES_CLIENT)]
    if name_problem(nama) is None:
        keys += [(nama, ANY, MAX_FAILURES_USER), (nama, klien, MAX_FAILURES)]
    return sorted(keys)


def _locked_message(nama: str, akun: str, klien: str) -> str:
    """What a refused sign-in says, by the counter that is full."""
    wait = f"Coba lagi {int(LOCKOUT.total_seconds() // 60)} menit lagi"
    if akun == ANY:
        return f"Terlalu banyak percobaan gagal dari alamat ini. {wait}."
    where = "" if klien == ANY else " dari alamat ini"
    return (
        f"Terlalu banyak percobaan gagal untuk '{nama}'{where}. {wait}, atau minta admin "
        "mengganti kata sandi."
    )


def _refusal(akun: str, klien: str) -> str:
    if akun == ANY:
        return "ditolak: terlalu banyak gagal dari alamat ini"
    if klien == ANY:
        return "ditolak: terkunci sementara (dari banyak alamat)"
    return "ditolak: terkunci sementara"


def _insert_ignore(conn, table: Table):
    """``INSERT`` that leaves an existing row as it is (SQLite and PostgreSQL)."""
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    return dialect.insert(table).on_conflict_do_nothing()
