"""Aksi konvergensi (``Store`` inherits ``AksiStore``): the framework used per year, its progress
rows with their evidence files (the lokus per year: ``store.lokus_store``). Every change of
progress is logged field by field (``aksi_audit`` and the audit log); a save names the row
versions its screen read (``store.optimistic``), so a save made since is never overwritten."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import Engine, delete, func, insert, select, update

from analysis import schema as s
from store import audit_store as audit
from store import tables
from store.audit_store import log_event
from store.errors import writes
from store.optimistic import raise_conflicts, update_versioned
from store.rows import records

SYSTEM = "sistem"  # writes made by the app itself (start-up, demo data)
AKSI_COLUMNS = [c.name for c in tables.aksi_progress.columns if c.name not in ("id",)]


def _insert_progress(conn, rows: pd.DataFrame, now: datetime, oleh: str) -> None:
    """Progress rows entered by a user (not synthetic), stamped with who and when."""
    rows = rows.assign(sintetis=False, diubah_pada=now, diubah_oleh=oleh)
    cols = [c for c in AKSI_COLUMNS if c in rows.columns]
    conn.execute(insert(tables.aksi_progress), records(rows[cols]))


_AKSI_EVENTS = {"tahun baru": audit.TAHUN_AKSI, "kerangka": audit.KERANGKA_AKSI,
                "berkas bukti": audit.BUKTI_AKSI}  # fmt: skip


def _audit(conn, now, oleh, tahun, progress_id, kolom, lama, baru) -> None:  # noqa: PLR0913
    """One row of the aksi audit log, and its row in the general audit log."""
    jenis = _AKSI_EVENTS.get(kolom, audit.UBAH_AKSI)
    row = f"aksi {tahun}" + (f" baris #{progress_id}" if progress_id is not None else "")
    change = f"{kolom}: {lama} → {baru}" if lama is not None else f"{kolom}: {baru}"
    log_event(conn, oleh, jenis, row, change, now)
    conn.execute(
        insert(tables.aksi_audit).values(
            waktu=now,
            oleh=oleh,
            tahun=tahun,
            progress_id=progress_id,
            kolom=kolom,
            nilai_lama=lama,
            nilai_baru=baru,
        )  # fmt: skip
    )


class AksiStore:
    engine: Engine

    @writes
    def add_aksi_progress(self, years: pd.DataFrame, progress: pd.DataFrame) -> None:
        """Store the framework used per year and progress rows, in one transaction."""
        with self.engine.begin() as conn:
            if len(years):
                conn.execute(insert(tables.aksi_tahun), records(years[[s.TAHUN, s.KERANGKA]]))
            if len(progress):
                if "diubah_pada" not in progress.columns:
                    progress = progress.assign(diubah_pada=datetime.now(UTC))
                cols = [c for c in AKSI_COLUMNS if c in progress.columns]
                conn.execute(insert(tables.aksi_progress), records(progress[cols]))
            log_event(conn, SYSTEM, audit.DATA_CONTOH, "progres aksi",
                      f"{len(years)} tahun, {len(progress)} baris")  # fmt: skip

    @writes
    def update_aksi_progress(  # noqa: PLR0913
        self,
        tahun: int,
        edited: pd.DataFrame,
        diff: pd.DataFrame,
        oleh: str,
        versions: Mapping[int, int] | None = None,
    ) -> int:
        """Save edited progress rows and one audit row per changed field, in one transaction;
        return the number of fields changed. ``diff`` is ``analysis.aksi.changes``.

        ``versions`` (row id → ``versi`` as the screen read it): a changed row whose stored
        version differs — someone saved it since — makes the whole save fail with
        ``EditConflict`` and nothing is written. Without ``versions`` (an explicit overwrite,
        ``manage.py``) the rows are written whatever their version."""
        if diff.empty:
            return 0
        now = datetime.now(UTC)
        t = tables.aksi_progress
        rows = edited.set_index("id")
        with self.engine.begin() as conn:
            refused = []
            for row_id in (int(i) for i in diff["id"].unique()):
                fields = diff.loc[diff["id"] == row_id, "kolom"].tolist()
                values = records(rows.loc[[row_id], fields])[0]
                values |= {"diubah_pada": now, "diubah_oleh": oleh, "sintetis": False}
                if not update_versioned(conn, t, row_id, values, versions):
                    refused.append(row_id)
            raise_conflicts(conn, t, refused)
            for r in diff.itertuples(index=False):
                _audit(conn, now, oleh, tahun, int(r.id), r.kolom, r.nilai_lama, r.nilai_baru)
        return len(diff)

    @writes
    def add_aksi_year(self, tahun: int, kerangka: str, rows: pd.DataFrame, oleh: str) -> None:
        """A new year from the framework template, logged; refuses a year that exists."""
        if tahun in set(self.aksi_years()[s.TAHUN]):
            raise ValueError(f"Tahun {tahun} sudah ada.")
        now = datetime.now(UTC)
        years = pd.DataFrame({s.TAHUN: [tahun], s.KERANGKA: [kerangka]})
        with self.engine.begin() as conn:
            conn.execute(insert(tables.aksi_tahun), records(years))
            _insert_progress(conn, rows, now, oleh)
            _audit(conn, now, oleh, tahun, None, "tahun baru", None, kerangka)

    @writes
    def switch_aksi_framework(
        self, tahun: int, kerangka: str, rows: pd.DataFrame, oleh: str
    ) -> None:
        """Give a year another framework (its rows replaced by ``rows``, the new template) — only
        while nothing of that year has been recorded, so nothing is lost; logged. Rows are
        removed only at the version checked, in the same transaction: a save that lands in
        between makes the switch fail instead of being lost."""
        current = self.aksi_progress()
        year = current.loc[current[s.TAHUN] == tahun]
        untouched = (
            year[s.STATUS].eq(s.STATUS_BELUM).all()
            and year[s.PROGRES].eq(0).all()
            and year[["realisasi_mulai", "realisasi_selesai", "bukti"]].isna().all().all()
            and self.aksi_evidence(year["id"].tolist()).empty
        )
        refused = ValueError(
            f"Kerangka tahun {tahun} tidak dapat diganti: progresnya sudah diisi. "
            "Kerangka hanya dapat diganti selama semua aksi tahun itu belum mulai."
        )
        if year.empty or not untouched:
            raise refused
        now = datetime.now(UTC)
        t, b = tables.aksi_progress, tables.aksi_bukti
        with self.engine.begin() as conn:
            old = conn.execute(
                select(tables.aksi_tahun.c.kerangka).where(tables.aksi_tahun.c.tahun == tahun)
            ).scalar_one()
            conn.execute(  # first: holds the year against another switch until the commit
                update(tables.aksi_tahun)
                .where(tables.aksi_tahun.c.tahun == tahun)
                .values(kerangka=kerangka)
            )
            ids = [int(i) for i in year["id"]]
            if conn.scalar(select(func.count()).select_from(b).where(b.c.progress_id.in_(ids))):
                raise refused
            for row_id, versi in zip(ids, year["versi"].astype(int), strict=True):
                if not conn.execute(
                    delete(t).where((t.c.id == row_id) & (t.c.versi == versi))
                ).rowcount:
                    raise refused
            if conn.scalar(select(func.count()).select_from(t).where(t.c.tahun == tahun)):
                raise refused
            _insert_progress(conn, rows, now, oleh)
            _audit(conn, now, oleh, tahun, None, "kerangka", old, kerangka)

    @writes
    def add_aksi_evidence(self, tahun: int, progress_id: int, evidence, oleh: str) -> int:
        """Keep a checked evidence file (``ingest.evidence.Evidence``) for a progress row, logged."""
        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            evidence_id = conn.execute(
                insert(tables.aksi_bukti).values(
                    progress_id=progress_id,
                    nama_berkas=evidence.nama_berkas,
                    ukuran=len(evidence.isi),
                    sha256=evidence.sha256,
                    isi=evidence.isi,
                    diunggah_pada=now,
                    diunggah_oleh=oleh,
                )  # fmt: skip
            ).inserted_primary_key[0]
            _audit(conn, now, oleh, tahun, progress_id, "berkas bukti", None, evidence.nama_berkas)
        return int(evidence_id)

    def aksi_evidence(self, progress_ids: list[int]) -> pd.DataFrame:
        """Evidence files (without their bytes) of the given progress rows, newest first."""
        b = tables.aksi_bukti
        query = (
            select(*[c for c in b.c if c.name != "isi"])
            .where(b.c.progress_id.in_([int(i) for i in progress_ids]))
            .order_by(b.c.id.desc())
        )
        with self.engine.connect() as conn:
            return pd.read_sql(query, conn)

    def aksi_evidence_file(self, evidence_id: int) -> tuple[str, bytes]:
        b = tables.aksi_bukti
        with self.engine.connect() as conn:
            row = conn.execute(select(b.c.nama_berkas, b.c.isi).where(b.c.id == evidence_id)).one()
        return row.nama_berkas, row.isi

    def aksi_audit(self) -> pd.DataFrame:
        """Every recorded change of aksi progress, newest first."""
        a = tables.aksi_audit
        with self.engine.connect() as conn:
            return pd.read_sql(select(a).order_by(a.c.id.desc()), conn)

    def aksi_years(self) -> pd.DataFrame:
        with self.engine.connect() as conn:
            return pd.read_sql(select(tables.aksi_tahun).order_by(tables.aksi_tahun.c.tahun), conn)

    def aksi_progress(self) -> pd.DataFrame:
        """All aksi progress rows, ordered by year, aksi, tahapan and kelurahan."""
        t = tables.aksi_progress
        query = select(t).order_by(  # NULLs first, as SQLite sorts them (PostgreSQL: last)
            t.c.tahun,
            t.c.nomor_aksi,
            t.c.nomor_tahapan.nulls_first(),
            t.c.kode_kelurahan.nulls_first(),
        )
        with self.engine.connect() as conn:
            frame = pd.read_sql(query, conn)
        return frame.assign(**{s.NOMOR_TAHAPAN: frame[s.NOMOR_TAHAPAN].astype("Int64")})
