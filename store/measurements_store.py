"""Child measurement records (``Store`` inherits ``MeasurementStore``). A measurement file is
stored as a dataset (``DatasetStore``) holding the prevalence recomputed from its records; per
kelurahan × period only the records of the newest active file count, and a file saved to replace
whole months ends older records of those months (``store.whole_months``)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import insert, select

from analysis import schema as s
from analysis.measure_replace import CAKUPAN
from analysis.zscore import stored_form
from store import audit_store as audit
from store import tables
from store.audit_store import log_event
from store.datasets_store import DatasetStore
from store.errors import writes
from store.growth import growth_tables
from store.records import DatasetInfo, MeasurementBatch
from store.rows import bulk_insert
from store.whole_months import ended_by_whole_months, whole_months


class MeasurementStore(DatasetStore):
    """Measurement files and their records. The one mixin that builds on another: a
    measurement file is saved as a dataset, through ``DatasetStore``'s own writes."""

    @writes
    def commit_measurements(
        self, batch: MeasurementBatch, records: pd.DataFrame, values: pd.DataFrame
    ) -> int:
        """Store measurement records with the prevalence recomputed from them (``values``) as
        one new dataset, in one transaction; return the dataset id. Only
        ``schema.MEASUREMENT_COLUMNS`` and ``schema.SCORE_COLUMNS`` of ``records`` are written,
        in their stored form (``analysis.zscore.stored_form``): z-scores from the exact age,
        the age itself rounded to the middle of its month."""
        if batch.cakupan not in CAKUPAN:
            raise ValueError(f"cakupan tidak dikenal: {batch.cakupan!r}")
        records = stored_form(growth_tables(), records)
        info = DatasetInfo(
            batch.nama_berkas,
            "pengukuran",
            batch.oleh,
            batch.sintetis,
            batch.nama_berkas,
            batch.catatan,
        )
        now = datetime.now(UTC)
        with self._one_active_file(batch.sha256) as conn:
            dataset_id = self._insert_dataset(conn, info, len(values), now, batch.sha256)
            self._insert_values(conn, values, dataset_id)
            row = {k: v for k, v in asdict(batch).items() if k in tables.pengukuran_berkas.c}
            row |= {"dataset_id": dataset_id, "rekaman_disimpan": len(records)}
            berkas_id = conn.execute(
                insert(tables.pengukuran_berkas).values(**row)
            ).inserted_primary_key[0]
            stored = records[s.MEASUREMENT_COLUMNS + s.SCORE_COLUMNS].assign(berkas_id=berkas_id)
            bulk_insert(conn, tables.pengukuran, stored)
            self._log(conn, dataset_id, "unggah", batch.oleh, now, batch.catatan)
            jenis = audit.DATA_CONTOH if batch.sintetis else audit.UNGGAH_PENGUKURAN
            log_event(conn, batch.oleh, jenis,
                      f"dataset #{dataset_id} {batch.nama_berkas}", f"{len(records)} rekaman")  # fmt: skip
        return dataset_id

    def measurements(self) -> pd.DataFrame:
        """Current measurement records (``MEASUREMENT_COLUMNS``, ``SCORE_COLUMNS``, ``dataset_id``,
        ``sintetis``):
        those of active datasets and, per kelurahan × period, only of the newest one — a newer
        export of the same kelurahan and month replaces the older, never adds to it. A file
        saved to replace whole months (``CAKUPAN_BULAN``) also ends, for those months, the
        records of older datasets for kelurahan it does not hold."""
        p, b, d = tables.pengukuran, tables.pengukuran_berkas, tables.dataset
        query = (
            select(
                *[p.c[c] for c in s.MEASUREMENT_COLUMNS + s.SCORE_COLUMNS],
                b.c.dataset_id,
                d.c.sintetis,
            )
            .join(b, b.c.id == p.c.berkas_id)
            .join(d, d.c.id == b.c.dataset_id)
            .where(d.c.status == "aktif")
            .order_by(p.c.id)  # as stored (PostgreSQL returns a join in no set order)
        )
        with self.engine.connect() as conn:
            frame = pd.read_sql(query, conn)
            frame = frame.loc[~ended_by_whole_months(frame, whole_months(conn))]
        newest = frame.groupby([s.KODE_WILAYAH, s.PERIODE])[s.DATASET_ID].transform("max")
        frame = frame.loc[frame[s.DATASET_ID] == newest].reset_index(drop=True)
        frame[s.TANGGAL_UKUR] = pd.to_datetime(frame[s.TANGGAL_UKUR])
        floats = [s.TINGGI_CM, s.BERAT_KG, s.ZS_TBU_BERKAS, s.ZS_BBU_BERKAS, s.ZS_BBTB_BERKAS]
        floats += s.SCORE_COLUMNS
        return frame.astype({s.EDEMA: bool, s.SINTETIS: bool} | dict.fromkeys(floats, float))

    def measurement_batches(self) -> pd.DataFrame:
        """Every stored measurement file, newest first, with its dataset's status."""
        b, d = tables.pengukuran_berkas, tables.dataset
        query = (
            select(b, d.c.status, d.c.dibuat_pada, d.c.dibuat_oleh, d.c.sintetis)
            .join(d, d.c.id == b.c.dataset_id)
            .order_by(b.c.id.desc())
        )
        with self.engine.connect() as conn:
            return pd.read_sql(query, conn)
