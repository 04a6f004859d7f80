"""The audit log (migration 11): one row per write and per sign-in — who, when, what kind, on
what, and a short description. Write methods call ``log_event`` inside their own transaction,
so a write and its log row are stored together or not at all; ``log_event`` also refuses a
change of data by a user who is no longer an active editor or admin (the last check, in the
writing transaction itself). Every text is cleaned (``analysis.text_clean``) before it is
logged: a failed sign-in logs the name as typed, and one control character in it must not break
the Audit page. The Audit page reads the log a page at a time, filtered in SQL
(``audit_page``). ``Store`` inherits ``AuditStore``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pandas as pd
from sqlalchemy import Connection, Engine, func, insert, or_, select

from analysis.text_clean import clean_note, clean_text
from store import tables
from store.errors import StoreWriteError, writes
from text.clock import JAKARTA

# Kinds of events (shown as they are on the Audit page).
UNGGAH = "unggah data"
PULIHKAN = "pulihkan dataset"
BATALKAN = "batalkan dataset"
DATA_CONTOH = "data contoh"
LOKUS = "lokus referensi"
UBAH_LOKUS = "ubah lokus"
TARGET_DAERAH = "target daerah"
UNGGAH_PENGUKURAN = "unggah pengukuran"
INDIKATOR_BARU = "indikator baru"
IMPOR_BATAS = "impor batas wilayah"
STATUS_BATAS = "status batas wilayah"
UBAH_AKSI = "ubah progres aksi"
TAHUN_AKSI = "tahun aksi baru"
KERANGKA_AKSI = "ganti kerangka aksi"
BUKTI_AKSI = "berkas bukti aksi"
KEGIATAN = "rencana kegiatan"
CATATAN = "catatan rapat"
SIMPAN_PEMETAAN = "simpan profil pemetaan"
HAPUS_PEMETAAN = "hapus profil pemetaan"
MASUK = "masuk"
GAGAL_MASUK = "gagal masuk"
KELUAR = "keluar"
PENGGUNA = "pengguna"

# Kinds that are not a change of data: anybody's sign-in, and users changed by an admin.
NOT_DATA = frozenset({MASUK, GAGAL_MASUK, KELUAR, PENGGUNA})
WRITERS = ("editor", "admin")  # the roles of store.users_store that may change data
MAX_CHOICES = 1000  # users offered by the Audit page's filter
MAX_TEXT = 300  # objek is a short label; longer user text is cut (the full text stays in its table)


def _short(text: object) -> str:
    text = "" if text is None else clean_text(str(text))
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def log_event(  # noqa: PLR0913
    conn: Connection,
    oleh: str,
    jenis: str,
    objek: object,
    rincian: str | None = None,
    when: datetime | None = None,
) -> None:
    """Append one audit row in the caller's transaction. A change of data by a stored user
    who is disabled or no longer an editor or admin raises ``WriterRefused`` instead, so the
    caller's transaction (the write) is rolled back. Names without a user row (``cli:…``, the
    app itself) are not users of the app and are not checked."""
    if jenis not in NOT_DATA:
        _check_writer(conn, oleh)
    conn.execute(
        insert(tables.log_audit).values(
            waktu=when or datetime.now(UTC),
            oleh=_short(oleh),
            jenis=jenis,
            objek=_short(objek),
            rincian=clean_note(rincian),
        )
    )


class WriterRefused(StoreWriteError):
    """A change of data by a user who may no longer change data; nothing was stored."""

    def __init__(self, oleh: str):
        Exception.__init__(self)
        self.jenis, self.rincian = "hak", oleh
        self.pesan = (
            f"Pengguna '{oleh}' tidak lagi berhak mengubah data (dinonaktifkan atau perannya "
            "diubah): perubahan tidak disimpan. Muat ulang halaman."
        )
        self.args = (self.pesan,)


def _check_writer(conn: Connection, oleh: str) -> None:
    u = tables.pengguna
    row = conn.execute(select(u.c.aktif, u.c.peran).where(u.c.nama_pengguna == oleh)).first()
    if row is not None and not (row.aktif and row.peran in WRITERS):
        raise WriterRefused(oleh)


@dataclass(frozen=True)
class AuditFilter:
    """What the Audit page shows: kinds and users (empty: all), Jakarta dates ``start`` ..
    ``end`` inclusive, and a text the object or description contains (case-insensitive)."""

    jenis: tuple[str, ...] = ()
    oleh: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None
    text: str = ""

    def where(self) -> list:
        t = tables.log_audit
        where = []
        if self.jenis:
            where.append(t.c.jenis.in_(self.jenis))
        if self.oleh:
            where.append(t.c.oleh.in_(self.oleh))
        if self.start is not None:  # a Jakarta day starts at 17:00 UTC the day before
            where.append(t.c.waktu >= _utc_start(self.start))
        if self.end is not None:
            where.append(t.c.waktu < _utc_start(self.end + timedelta(days=1)))
        if needle := self.text.strip().lower():
            like = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            where.append(
                or_(
                    func.lower(t.c.objek).like(like, escape="\\"),
                    func.lower(func.coalesce(t.c.rincian, "")).like(like, escape="\\"),
                )
            )
        return where


def _utc_start(day: date) -> datetime:
    """The UTC instant a Jakarta day starts at (the Audit page's dates are Jakarta dates)."""
    return datetime(day.year, day.month, day.day, tzinfo=JAKARTA).astimezone(UTC)


class AuditStore:
    engine: Engine

    @writes
    def record_event(
        self, oleh: str, jenis: str, objek: object, rincian: str | None = None
    ) -> None:
        """Append one audit row in its own transaction (sign-ins, sign-outs)."""
        with self.engine.begin() as conn:
            log_event(conn, oleh, jenis, objek, rincian)

    def audit_log(self) -> pd.DataFrame:
        """Every audit row, newest first: ``id``, ``waktu``, ``oleh``, ``jenis``, ``objek``,
        ``rincian``."""
        t = tables.log_audit
        with self.engine.connect() as conn:
            frame = pd.read_sql(select(t).order_by(t.c.id.desc()), conn)
        return frame.assign(waktu=pd.to_datetime(frame["waktu"], utc=True))

    def audit_page(self, where: AuditFilter, limit: int, offset: int = 0) -> pd.DataFrame:
        """At most ``limit`` rows of the log matching ``where``, newest first, skipping
        ``offset`` (same columns as ``audit_log``); only these rows are read."""
        t = tables.log_audit
        query = select(t).where(*where.where()).order_by(t.c.id.desc()).limit(limit).offset(offset)
        with self.engine.connect() as conn:
            frame = pd.read_sql(query, conn)
        return frame.assign(waktu=pd.to_datetime(frame["waktu"], utc=True))

    def audit_count(self, where: AuditFilter | None = None) -> int:
        """How many rows of the log match ``where`` (all rows without it)."""
        t = tables.log_audit
        query = select(func.count()).select_from(t).where(*(where or AuditFilter()).where())
        with self.engine.connect() as conn:
            return int(conn.scalar(query))

    def audit_choices(self) -> tuple[list[str], list[str]]:
        """The kinds and the users found in the log (at most ``MAX_CHOICES``, not the names
        typed in failed sign-ins), sorted: the Audit page's filter lists."""
        t = tables.log_audit
        with self.engine.connect() as conn:
            kinds = conn.scalars(select(t.c.jenis).distinct().order_by(t.c.jenis)).all()
            # Not the names typed in failed sign-ins (anyone's text, found by the text filter).
            who = conn.scalars(
                select(t.c.oleh)
                .where(t.c.jenis != GAGAL_MASUK)
                .distinct()
                .order_by(t.c.oleh)
                .limit(MAX_CHOICES)
            ).all()
        return list(kinds), list(who)


# Migration 11 fills the log with the writes made before it, from the tables that recorded them.


def _naive_time(event: tuple) -> pd.Timestamp:
    return pd.Timestamp(event[0]).replace(tzinfo=None)


def _rows(conn: Connection, query) -> list:
    return list(conn.execute(query))


def backfill(conn: Connection) -> None:
    """Copy the earlier writes (uploads, roll-backs, aksi, activities, boundaries, notes,
    indicators) into ``log_audit``, oldest first."""
    d, r = tables.dataset, tables.dataset_riwayat
    kinds = {"unggah": UNGGAH, "batalkan": BATALKAN, "pulihkan": PULIHKAN}
    events = [
        (row.waktu, row.oleh, kinds.get(row.aksi, row.aksi), f"dataset #{row.dataset_id} {row.nama}",
         row.catatan)
        for row in _rows(conn, select(r, d.c.nama).join(d, d.c.id == r.c.dataset_id))
    ]  # fmt: skip
    events += [
        (row.dibuat_pada, row.dibuat_oleh, DATA_CONTOH, f"dataset #{row.id} {row.nama}", None)
        for row in _rows(conn, select(d).where(d.c.jenis == "contoh"))
    ]
    a = tables.aksi_audit
    events += [
        (row.waktu, row.oleh, UBAH_AKSI, f"aksi {row.tahun} baris #{row.progress_id or '-'}",
         f"{row.kolom}: {row.nilai_lama} → {row.nilai_baru}")
        for row in _rows(conn, select(a))
    ]  # fmt: skip
    k = tables.kegiatan_audit
    events += [
        (row.waktu, row.oleh, KEGIATAN, f"kegiatan #{row.kegiatan_id}",
         f"{row.kolom}: {row.nilai_lama} → {row.nilai_baru}")
        for row in _rows(conn, select(k))
    ]  # fmt: skip
    b = tables.batas_versi
    events += [
        (row.dibuat_pada, row.dibuat_oleh, IMPOR_BATAS, f"versi batas #{row.id} {row.nama_berkas}",
         f"{row.jumlah} kelurahan")
        for row in _rows(conn, select(b))
    ]  # fmt: skip
    c = tables.catatan_rapat
    events += [
        (row.diubah_pada, row.diubah_oleh, CATATAN, f"{row.periode} slide {row.slide}", row.teks)
        for row in _rows(conn, select(c))
    ]
    i = tables.indikator_pengguna
    events += [
        (row.dibuat_pada, row.dibuat_oleh, INDIKATOR_BARU, f"{row.kode} {row.nama}", None)
        for row in _rows(conn, select(i))
    ]
    events.sort(key=_naive_time)
    for when, oleh, jenis, objek, rincian in events:
        log_event(conn, oleh, jenis, objek, rincian, when)
