"""The audit log (migration 11): one row per write and per sign-in — who, when, what kind, on
what, and a short description. Write methods call ``log_event`` inside their own transaction,
so a write and its log row are stored together or not at all. ``Store`` inherits ``AuditLog``.
Every text is cleaned (``analysis.text_clean``) before it is logged: a failed sign-in logs the
name as typed, and one control character in it must not break the Audit page."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import Connection, Engine, insert, select

from analysis.text_clean import clean_note, clean_text
from store import tables
from store.errors import writes

# Kinds of events (shown as they are on the Audit page).
UNGGAH = "unggah data"
PULIHKAN = "pulihkan dataset"
BATALKAN = "batalkan dataset"
DATA_CONTOH = "data contoh"
LOKUS = "lokus referensi"
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
MASUK = "masuk"
GAGAL_MASUK = "gagal masuk"
KELUAR = "keluar"
PENGGUNA = "pengguna"

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
    """Append one audit row in the caller's transaction."""
    conn.execute(
        insert(tables.log_audit).values(
            waktu=when or datetime.now(UTC),
            oleh=_short(oleh),
            jenis=jenis,
            objek=_short(objek),
            rincian=clean_note(rincian),
        )
    )


class AuditLog:
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
