"""The import path shared by the Data page and ``manage.py import``: dry run, then commit."""

from __future__ import annotations

import json
from dataclasses import asdict

from ingest.pipeline import Comparison, ImportPlan, Progress, build_catalogue, compare, prepare
from ingest.validate import ImportOptions
from store import settings
from store.database import Store, Upload
from store.reference import Reference


def dry_run(
    store: Store,
    ref: Reference,
    data: bytes,
    filename: str,
    options: ImportOptions,
    progress: Progress | None = None,
) -> tuple[ImportPlan, Comparison]:
    """Validate a file and compare it with the stored values; writes nothing."""
    plan = prepare(
        data, filename, build_catalogue(ref), options, settings.max_upload_bytes(), progress
    )
    return plan, compare(plan.values, store.indicator_values())


def commit(store: Store, plan: ImportPlan, comparison: Comparison, data: bytes, oleh: str) -> int:
    """Store the plan's valid values as a new dataset (one transaction); return its id."""
    if not plan.can_commit:
        raise ValueError("Tidak ada nilai valid untuk disimpan.")
    archive = plan.keeps_original and len(data) <= settings.max_archive_bytes()
    upload = Upload(
        nama_berkas=plan.nama_berkas,
        isi=data,
        sha256=plan.sha256,
        oleh=oleh.strip() or "tanpa nama",
        diarsipkan=archive,
        format=plan.format,
        baris_dibaca=plan.rows_read,
        nilai_baru=comparison.added,
        nilai_diperbarui=comparison.updated,
        nilai_sama=comparison.unchanged,
        nilai_diabaikan=plan.n_ignored_values,
        opsi=json.dumps(asdict(plan.options), ensure_ascii=False),
        catatan=None if archive else _not_archived_reason(plan, len(data)),
    )
    return store.commit_import(upload, plan.values)


def _not_archived_reason(plan: ImportPlan, size: int) -> str:
    if not plan.keeps_original:
        return "Berkas asli tidak diarsipkan karena memuat kolom data pribadi."
    return f"Berkas asli ({size:,} byte) melebihi batas arsip; hanya sidik SHA-256 disimpan."
