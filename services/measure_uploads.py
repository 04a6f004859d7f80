"""The measurement import shared by the Pengukuran page and the demo data: dry run, then commit.

Committing stores the records (no personal data; the age rounded to the middle of its month, the
z-scores computed from the exact age beside it) and, in the same transaction, the prevalence
recomputed from them per kelurahan and month as indicator values of the source
``EPPGBM_HITUNG`` ("e-PPGBM (dihitung ulang)"), never mixed with the register's own figures.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

import settings
from analysis import schema as s
from analysis.attainment import KELURAHAN
from analysis.measure_replace import CAKUPAN_KELURAHAN
from analysis.prevalence import case_flags, indicator_values, prevalence
from analysis.reference import Reference
from analysis.text_clean import clean_text
from analysis.zscore import score_records, stored_form
from ingest.early import oversize
from ingest.matching import AreaMatcher
from ingest.measurements import MeasurementPlan, failed_plan, read_measurements
from services.national_lookup import national_lookup
from store.database import Store
from store.growth import growth_tables
from store.records import MeasurementBatch
from text.clock import today_wib


def dry_run(
    ref: Reference, data: bytes, filename: str, today: date | None = None
) -> MeasurementPlan:
    """Read and check a measurement file; writes nothing."""
    if too_big := oversize(filename, len(data), settings.max_measurement_bytes()):
        return failed_plan(
            data,
            filename,
            too_big,
            "Bagi berkas per kecamatan atau per bulan, atau minta admin menaikkan "
            "DASBOR_MAX_PENGUKURAN_MB.",
        )
    matcher = AreaMatcher(ref.kelurahan, ref.kelurahan_alias, ref.wilayah, national_lookup())
    return read_measurements(data, filename, matcher, today or today_wib())


def kelurahan_prevalence(records: pd.DataFrame, ref: Reference) -> pd.DataFrame:
    """Prevalence per kelurahan × month of a set of records (``analysis.prevalence``)."""
    z = score_records(growth_tables(), records)
    flags = case_flags(z, records[s.EDEMA].to_numpy(dtype=bool))
    return prevalence(records, flags, ref.kelurahan, KELURAHAN, settings.min_penyebut())


def store_records(
    store: Store, ref: Reference, records: pd.DataFrame, batch: MeasurementBatch
) -> int:
    """Store records and their recomputed prevalence as one dataset; return its id. The
    z-scores are computed once, from the exact ages, and stored with the month-rounded ages
    (``analysis.zscore.stored_form``): the prevalence stored here and the one the page
    recomputes from the stored records are the same."""
    records = stored_form(growth_tables(), records)
    values = indicator_values(kelurahan_prevalence(records, ref), s.SUMBER_HITUNG_ULANG)
    return store.commit_measurements(batch, records, values)


def commit(
    store: Store,
    ref: Reference,
    plan: MeasurementPlan,
    oleh: str,
    cakupan: str = CAKUPAN_KELURAHAN,
) -> int:
    """Store a checked file's valid records (the original file is not archived: it holds
    personal data), replacing the stored records of its kelurahan × month or, with
    ``CAKUPAN_BULAN``, of the whole months it holds (``analysis.measure_replace``)."""
    if not plan.can_commit:
        raise ValueError("Tidak ada rekaman valid untuk disimpan.")
    batch = MeasurementBatch(
        nama_berkas=clean_text(plan.nama_berkas),
        sha256=plan.sha256,
        format=plan.format or "",
        oleh=oleh.strip() or "tanpa nama",
        baris_dibaca=plan.rows_read,
        kolom_pribadi_dibuang=", ".join(plan.dropped_personal) or None,
        catatan="Berkas asli tidak diarsipkan karena memuat data pribadi anak.",
        cakupan=cakupan,
    )
    return store_records(store, ref, plan.records, batch)
