"""Datasets and their values (``Store`` inherits ``DatasetStore``). Values are never
overwritten: each upload (or the demo data) is a dataset, and for every wilayah × indicator ×
period × source the value of the newest active dataset is the current one. A dataset is rolled
back or restored, never deleted; each change is in its history and the audit log."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import Connection, Engine, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from analysis import schema as s
from analysis.codes import has_duplicates
from analysis.text_clean import clean_text
from store import archive, columnar, tables
from store import audit_store as audit
from store.audit_store import log_event
from store.errors import DuplicateFile, writes
from store.records import DatasetInfo, Upload
from store.rows import bulk_insert
from store.whole_months import ended_by_whole_months, whole_months

VALUE_KEY = s.VALUE_KEY
VALUE_COLUMNS = s.VALUE_COLUMNS
SCORECARD_COLUMNS = [s.KODE_WILAYAH, s.KODE_INDIKATOR, s.PERIODE, s.Y, s.T, s.TS]


def _no_values() -> pd.DataFrame:
    """No values, typed as decoded stored values are."""
    return columnar.decode(columnar.encode(pd.DataFrame(columns=VALUE_COLUMNS)))


class DatasetStore:
    engine: Engine
    _values: dict[int, pd.DataFrame]  # decoded values by dataset id (``Store.__init__``)

    @writes
    def add_dataset(
        self,
        info: DatasetInfo,
        values: pd.DataFrame | None = None,
        scorecard: pd.DataFrame | None = None,
    ) -> int:
        """Store a dataset with its values and scorecard counts in one transaction; return its id."""
        values = values if values is not None else pd.DataFrame(columns=VALUE_COLUMNS)
        scorecard = scorecard if scorecard is not None else pd.DataFrame(columns=SCORECARD_COLUMNS)
        with self.engine.begin() as conn:
            n_rows = len(values) + len(scorecard)
            dataset_id = self._insert_dataset(conn, info, n_rows, datetime.now(UTC))
            self._insert_values(conn, values, dataset_id)
            if len(scorecard):
                # the driver's executemany: a demo of 852 desa has 100,000+ scorecard rows
                rows = scorecard[SCORECARD_COLUMNS].assign(dataset_id=dataset_id)
                bulk_insert(conn, tables.scorecard_value, rows)
            jenis = audit.DATA_CONTOH if info.jenis == "contoh" else audit.UNGGAH
            log_event(conn, info.dibuat_oleh, jenis, f"dataset #{dataset_id} {info.nama}",
                      f"{n_rows} baris")  # fmt: skip
        return int(dataset_id)

    def datasets(self) -> pd.DataFrame:
        """All datasets, newest first, with the upload counts of uploaded ones."""
        d, b = tables.dataset, tables.dataset_berkas
        hidden = ("dataset_id", "nama_berkas", "isi", "kompresi", "opsi")
        query = (
            select(d, *[c for c in b.c if c.name not in hidden])
            .outerjoin(b, b.c.dataset_id == d.c.id)
            .order_by(d.c.id.desc())
        )
        with self.engine.connect() as conn:
            return pd.read_sql(query, conn)

    @writes
    def commit_import(self, upload: Upload, values: pd.DataFrame) -> int:
        """Store an upload as a new active dataset with its file and counts, in one transaction.

        Earlier values of the same keys are superseded (newest active dataset wins), never
        deleted; if anything fails, nothing is written.
        """
        info = DatasetInfo(
            upload.nama_berkas, "unggahan", upload.oleh, False, upload.nama_berkas, upload.catatan
        )
        now = datetime.now(UTC)
        isi, kompresi = archive.pack(upload.isi) if upload.diarsipkan else (None, None)
        with self._one_active_file(upload.sha256) as conn:
            dataset_id = self._insert_dataset(conn, info, len(values), now, upload.sha256)
            self._insert_values(conn, values, dataset_id)
            file_row = {k: v for k, v in asdict(upload).items() if k in tables.dataset_berkas.c}
            file_row |= {
                "dataset_id": dataset_id,
                "ukuran": len(upload.isi),
                "isi": isi,
                "kompresi": kompresi,
            }
            conn.execute(insert(tables.dataset_berkas).values(**file_row))
            self._log(conn, dataset_id, "unggah", upload.oleh, now, upload.catatan)
            log_event(conn, upload.oleh, audit.UNGGAH, f"dataset #{dataset_id} {upload.nama_berkas}",
                      f"{upload.nilai_baru} nilai baru, {upload.nilai_diperbarui} diperbarui")  # fmt: skip
        return dataset_id

    @writes
    def set_dataset_active(
        self, dataset_id: int, active: bool, oleh: str, catatan: str | None = None
    ) -> None:
        """Roll back (``active=False``) or restore a dataset; its values stay stored either way."""
        status = "aktif" if active else "dibatalkan"
        try:
            self._set_dataset_status(dataset_id, status, oleh, catatan)
        except IntegrityError:  # ux_dataset_berkas_aktif: its file is in another active dataset
            d = tables.dataset
            with self.engine.connect() as conn:
                sha = conn.scalar(select(d.c.berkas_sha256).where(d.c.id == dataset_id))
                found = self._active_with_file(conn, sha)
            if found is None:
                raise
            raise ValueError(
                f"Dataset #{dataset_id} tidak dapat dipulihkan: berkas yang sama sudah disimpan "
                f"sebagai dataset #{found} (aktif). Batalkan dataset #{found} dulu."
            ) from None

    def _set_dataset_status(
        self, dataset_id: int, status: str, oleh: str, catatan: str | None
    ) -> None:
        active = status == "aktif"
        with self.engine.begin() as conn:
            changed = conn.execute(
                update(tables.dataset)
                .where((tables.dataset.c.id == dataset_id) & (tables.dataset.c.status != status))
                .values(status=status)
            ).rowcount
            if not changed:
                raise ValueError(f"Dataset #{dataset_id} tidak ada atau sudah berstatus {status}.")
            self._log(
                conn,
                dataset_id,
                "pulihkan" if active else "batalkan",
                oleh,
                datetime.now(UTC),
                catatan,
            )
            jenis = audit.PULIHKAN if active else audit.BATALKAN
            log_event(conn, oleh, jenis, f"dataset #{dataset_id}", catatan)

    def dataset_file(self, dataset_id: int) -> tuple[str, bytes | None] | None:
        """(file name, archived bytes or None) of an uploaded dataset; None for other datasets."""
        b = tables.dataset_berkas
        with self.engine.connect() as conn:
            row = conn.execute(
                select(b.c.nama_berkas, b.c.isi, b.c.kompresi, b.c.ukuran).where(
                    b.c.dataset_id == dataset_id
                )
            ).first()
        if row is None:
            return None
        isi = None if row.isi is None else archive.unpack(row.isi, row.kompresi, row.ukuran)
        return row.nama_berkas, isi

    def dataset_history(self) -> pd.DataFrame:
        """Every upload, roll-back and restore, newest first."""
        r = tables.dataset_riwayat
        with self.engine.connect() as conn:
            return pd.read_sql(select(r).order_by(r.c.id.desc()), conn)

    def active_dataset_for_file(self, sha256: str) -> tuple[int, datetime, str] | None:
        """(id, time saved, by whom) of the active dataset holding the file with this SHA-256,
        or None: a dry run says at once that the file is already stored."""
        d = tables.dataset
        with self.engine.connect() as conn:
            row = conn.execute(
                select(d.c.id, d.c.dibuat_pada, d.c.dibuat_oleh).where(
                    (d.c.berkas_sha256 == sha256) & (d.c.status == "aktif")
                )
            ).first()
        return None if row is None else (int(row.id), row.dibuat_pada, row.dibuat_oleh)

    def _active_with_file(self, conn, sha256: str) -> int | None:
        d = tables.dataset
        return conn.scalar(
            select(d.c.id).where((d.c.berkas_sha256 == sha256) & (d.c.status == "aktif"))
        )

    @contextmanager
    def _one_active_file(self, sha256: str) -> Iterator[Connection]:
        """A write transaction storing a file as a new dataset: refused with ``DuplicateFile``
        when an active dataset holds the same file. The check before the insert gives the
        message; the unique index ``ux_dataset_berkas_aktif`` is the guarantee when two saves of
        the file run at once (the second one's insert fails, or waits for the first and fails)."""
        try:
            with self.engine.begin() as conn:
                if (found := self._active_with_file(conn, sha256)) is not None:
                    raise DuplicateFile(found)
                yield conn
        except IntegrityError:
            with self.engine.connect() as conn:
                found = self._active_with_file(conn, sha256)
            if found is None:
                raise
            raise DuplicateFile(found) from None

    @staticmethod
    def _insert_dataset(
        conn, info: DatasetInfo, n_rows: int, now: datetime, sha256: str | None = None
    ) -> int:
        return int(
            conn.execute(
                insert(tables.dataset).values(
                    berkas_sha256=sha256,
                    nama=clean_text(info.nama),  # names from uploaded files: no controls
                    nama_berkas=clean_text(info.nama_berkas),
                    jenis=info.jenis,
                    dibuat_pada=now,
                    dibuat_oleh=info.dibuat_oleh,
                    jumlah_baris=n_rows,
                    status="aktif",
                    sintetis=info.sintetis,
                    catatan=info.catatan,
                )
            ).inserted_primary_key[0]
        )

    @staticmethod
    def _insert_values(conn, values: pd.DataFrame, dataset_id: int) -> None:
        """The dataset's values, all together as one Arrow file (``store.columnar``)."""
        if not len(values):
            return
        if has_duplicates(values[VALUE_KEY]):  # the import reports these; this guards the rest
            first = values.loc[values.duplicated(subset=VALUE_KEY), VALUE_KEY].iloc[0].tolist()
            raise ValueError(f"Nilai ganda dalam satu dataset (UNIQUE): {first}")
        conn.execute(insert(tables.dataset_nilai).values(**columnar.stored_row(dataset_id, values)))

    @staticmethod
    def _log(
        conn, dataset_id: int, aksi: str, oleh: str, when: datetime, catatan: str | None
    ) -> None:
        conn.execute(
            insert(tables.dataset_riwayat).values(
                dataset_id=dataset_id, aksi=aksi, waktu=when, oleh=oleh, catatan=catatan
            )
        )

    def has_data(self) -> bool:
        with self.engine.connect() as conn:
            return bool(conn.scalar(select(func.count()).select_from(tables.dataset)))

    def _current(self, table, key: list[str]) -> pd.DataFrame:
        """Rows of active datasets, keeping per key the one of the newest dataset."""
        d = tables.dataset
        query = (
            select(table, d.c.sintetis)
            .join(d, d.c.id == table.c.dataset_id)
            .where(d.c.status == "aktif")
            .order_by(table.c.dataset_id, *key)  # the whole key: the same order on every database
        )
        with self.engine.connect() as conn:
            frame = pd.read_sql(query, conn)
        frame = frame.drop_duplicates(subset=key, keep="last").drop(columns="id")
        return frame.reset_index(drop=True)

    def dataset_values(self, dataset_id: int) -> pd.DataFrame:
        """The values stored by one dataset (``VALUE_COLUMNS``), whatever its status."""
        return self._decoded([dataset_id]).get(dataset_id, _no_values())

    def _decoded(self, ids: list[int]) -> dict[int, pd.DataFrame]:
        """Values of datasets by id, decoded once per Store (a stored dataset never changes)."""
        missing = [i for i in ids if i not in self._values]
        if missing:
            v = tables.dataset_nilai
            query = select(v.c.dataset_id, v.c.isi).where(v.c.dataset_id.in_(missing))
            with self.engine.connect() as conn:
                for row in conn.execute(query):
                    self._values[row.dataset_id] = columnar.decode(row.isi)
        return {i: self._values[i] for i in ids if i in self._values}

    def indicator_values(self) -> pd.DataFrame:
        """Current indicator values of every source, with ``dataset_id`` and ``sintetis``.

        Per key, the value of the newest active dataset."""
        d = tables.dataset
        query = select(d.c.id, d.c.sintetis).where(d.c.status == "aktif").order_by(d.c.id)
        with self.engine.connect() as conn:
            active = conn.execute(query).all()
        decoded = self._decoded([row.id for row in active])
        frames = [
            decoded[row.id].assign(dataset_id=row.id, sintetis=row.sintetis)
            for row in active
            if row.id in decoded
        ]
        if not frames:
            return _no_values().assign(
                dataset_id=pd.Series(dtype=int), sintetis=pd.Series(dtype=bool)
            )
        frame = pd.concat(frames, ignore_index=True)
        if len(frames) > 1:  # keys are unique within a dataset
            frame = frame.drop_duplicates(subset=VALUE_KEY, keep="last")
        with self.engine.connect() as conn:
            whole = whole_months(conn)
        if len(whole):  # recomputed prevalence ends with the records it was computed from
            recomputed = frame[s.SUMBER_DATA] == s.SUMBER_HITUNG_ULANG
            frame = frame.loc[~(recomputed & ended_by_whole_months(frame, whole))]
        return frame[[s.DATASET_ID, *VALUE_COLUMNS, "sintetis"]].reset_index(drop=True)

    def scorecard_values(self) -> pd.DataFrame:
        """Current scorecard counts, with ``dataset_id`` and ``sintetis``."""
        return self._current(tables.scorecard_value, SCORECARD_COLUMNS[:3])
