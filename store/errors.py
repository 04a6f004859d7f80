"""Write failures the user can act on: a read-only or full database, a busy or unreachable
server. ``@writes`` on a ``Store`` write method turns the driver's error into a
``StoreWriteError`` whose ``pesan`` says in Bahasa Indonesia what happened and that the data
already stored did not change (every write is one transaction, rolled back on failure).

Two refusals are not database failures but the store's own checks, made inside the write's
transaction: ``EditConflict`` (a screen saves over rows changed since it read them) and
``DuplicateFile`` (a file already stored as an active dataset)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import ParamSpec, TypeVar

import pandas as pd
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError, OperationalError

from settings import database_url

UNCHANGED = "Data yang sudah tersimpan tidak berubah."

HANYA_BACA = "hanya_baca"
PENUH = "penuh"
SIBUK = "sibuk"
DISK = "disk"
RUSAK = "rusak"
KONEKSI = "koneksi"
LAIN = "lain"

MESSAGES = {
    HANYA_BACA: "Basis data hanya-baca: perubahan tidak disimpan. Minta admin memeriksa izin "
    "berkas basis data (atau hak tulis pengguna basis data di server). " + UNCHANGED,
    PENUH: "Disk penuh: perubahan tidak disimpan. Minta admin mengosongkan ruang disk tempat "
    "basis data disimpan, lalu ulangi. " + UNCHANGED,
    SIBUK: "Basis data sedang sibuk (ada penyimpanan lain yang belum selesai): perubahan tidak "
    "disimpan. Tunggu sebentar, lalu ulangi. " + UNCHANGED,
    DISK: "Gagal membaca/menulis disk basis data: perubahan tidak disimpan. Minta admin "
    "memeriksa disk server. " + UNCHANGED,
    RUSAK: "Berkas basis data rusak atau bukan basis data dasbor: perubahan tidak disimpan. "
    "Minta admin memulihkan basis data dari cadangan.",
    KONEKSI: "Basis data tidak dapat dihubungi atau dibuka: perubahan tidak disimpan. Coba lagi "
    "sebentar lagi; bila berulang, minta admin memeriksa server basis data. " + UNCHANGED,
    LAIN: "Basis data menolak perubahan: perubahan tidak disimpan. Minta admin memeriksa log "
    "server basis data. " + UNCHANGED,
}

# SQLite primary result codes (sqlite3 exceptions carry them as ``sqlite_errorcode``).
_SQLITE_CODES = {
    8: HANYA_BACA,  # SQLITE_READONLY
    13: PENUH,  # SQLITE_FULL
    5: SIBUK,  # SQLITE_BUSY
    6: SIBUK,  # SQLITE_LOCKED
    10: DISK,  # SQLITE_IOERR
    11: RUSAK,  # SQLITE_CORRUPT
    26: RUSAK,  # SQLITE_NOTADB
    14: KONEKSI,  # SQLITE_CANTOPEN
}

# PostgreSQL SQLSTATEs (psycopg: ``sqlstate``, psycopg2: ``pgcode``); classes match by prefix.
_SQLSTATES = {
    "25006": HANYA_BACA,  # read_only_sql_transaction (hot standby, default_transaction_read_only)
    "42501": HANYA_BACA,  # insufficient_privilege: the account may not write
    "53100": PENUH,  # disk_full
    "53200": SIBUK,  # out_of_memory
    "53300": SIBUK,  # too_many_connections
    "55P03": SIBUK,  # lock_not_available
    "57014": SIBUK,  # query_canceled (statement or lock timeout)
    "40001": SIBUK,  # serialization_failure
    "40P01": SIBUK,  # deadlock_detected
    "58030": DISK,  # io_error
    "XX001": RUSAK,  # data_corrupted
    "XX002": RUSAK,  # index_corrupted
    "08": KONEKSI,  # connection_exception (class)
    "57P": KONEKSI,  # admin/crash shutdown, cannot connect now
}

# Driver messages, for drivers that give neither code (checked in this order, lower case).
_PHRASES = [
    ("readonly database", HANYA_BACA),
    ("read-only", HANYA_BACA),
    ("permission denied", HANYA_BACA),
    ("database or disk is full", PENUH),
    ("no space left", PENUH),
    ("database is locked", SIBUK),
    ("database table is locked", SIBUK),
    ("deadlock", SIBUK),
    ("disk i/o error", DISK),
    ("malformed", RUSAK),
    ("file is not a database", RUSAK),
    ("unable to open database file", KONEKSI),
    ("could not connect", KONEKSI),
    ("connection to server", KONEKSI),
    ("connection is bad", KONEKSI),
    ("connection refused", KONEKSI),
    ("server closed the connection", KONEKSI),
    ("terminating connection", KONEKSI),
]


class StoreWriteError(Exception):
    """A write that the database refused; nothing of it was stored.

    ``pesan``: the message to show (Bahasa Indonesia, also ``str(err)``); ``jenis``: one of
    ``hanya_baca``, ``penuh``, ``sibuk``, ``disk``, ``rusak``, ``koneksi``, ``lain``;
    ``rincian``: the driver's own message, for the server log only."""

    def __init__(self, jenis: str, rincian: str = ""):
        self.jenis = jenis
        self.pesan = MESSAGES[jenis]
        self.rincian = rincian
        super().__init__(self.pesan)


def _kind(err: DatabaseError) -> str | None:
    orig = err.orig
    code = getattr(orig, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF in _SQLITE_CODES:
        return _SQLITE_CODES[code & 0xFF]
    state = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    if isinstance(state, str):
        for prefix in (state, state[:3], state[:2]):
            if prefix in _SQLSTATES:
                return _SQLSTATES[prefix]
    text = str(orig or err).lower()
    return next((kind for phrase, kind in _PHRASES if phrase in text), None)


def write_error(err: Exception) -> StoreWriteError | None:
    """The ``StoreWriteError`` for a database error raised by a write, or None when ``err`` is
    not one the user can act on (a constraint violation or bad SQL is a bug and stays as it is).
    Any other ``OperationalError`` gets the general message."""
    if not isinstance(err, DatabaseError):
        return None
    kind = _kind(err)
    if kind is None and isinstance(err, OperationalError):
        kind = LAIN
    if kind is None:
        return None
    return StoreWriteError(kind, str(err.orig or err).splitlines()[0][:500])


class EditConflict(Exception):
    """A save refused because rows it would change were changed (or removed) after the screen
    read them; nothing of the save was stored.

    ``current``: the conflicting rows as stored now (with ``diubah_oleh``/``diubah_pada``: who
    changed them last, and when); ``missing``: ids of rows that no longer exist."""

    def __init__(self, current: pd.DataFrame, missing: Iterable[int] = ()):
        self.current = current
        self.missing = list(missing)
        n = len(current) + len(self.missing)
        super().__init__(
            f"{n} baris sudah diubah orang lain setelah layar ini dibuka; tidak ada yang "
            "disimpan. Muat ulang untuk melihat isian terbaru, atau timpa dengan isian Anda."
        )


class DuplicateFile(ValueError):
    """A file refused because the same bytes are already stored as active dataset
    ``dataset_id``; nothing was stored."""

    def __init__(self, dataset_id: int):
        self.dataset_id = dataset_id
        super().__init__(
            f"Berkas ini sudah disimpan sebagai dataset #{dataset_id} (aktif): tidak disimpan "
            f"lagi. Bila perlu menyimpannya ulang, batalkan dataset #{dataset_id} dulu."
        )


P = ParamSpec("P")
R = TypeVar("R")


def writes(method: Callable[P, R]) -> Callable[P, R]:
    """Decorate a write method: database errors the user can act on become ``StoreWriteError``."""

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except DatabaseError as err:
            mapped = write_error(err)
            if mapped is None:
                raise
            raise mapped from err

    return wrapper


def database_label(url: str | None = None) -> str:
    """The database URL with any password hidden, for messages."""
    try:
        return make_url(url or database_url()).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - an unparsable URL is shown as a fixed hint instead
        return "(DASBOR_DB_URL tidak valid)"
