"""The import path shared by the Data page and ``manage.py import``: dry run, then commit."""

from __future__ import annotations

import json
import shlex
from dataclasses import asdict, replace

import settings
from analysis.mapping import Mapping, merge
from analysis.reference import Reference
from ingest.mapping import header_signature
from ingest.options import ImportOptions
from ingest.pipeline import Comparison, ImportPlan, Progress, build_catalogue, compare, prepare
from services.national_lookup import national_lookup
from store.database import Store
from store.profiles_store import profile_name
from store.records import Upload


def dry_run(
    store: Store,
    ref: Reference,
    data: bytes,
    filename: str,
    options: ImportOptions,
    progress: Progress | None = None,
) -> tuple[ImportPlan, Comparison]:
    """Validate a file and compare it with the stored values; writes nothing. With
    ``options.pertahankan_hitungan`` the percent-only values that would replace stored counts
    are left out of the plan (counted in ``plan.hitungan_dipertahankan`` and its notes)."""
    plan = prepare(
        data,
        filename,
        build_catalogue(ref, national_lookup()),
        options,
        settings.max_upload_bytes(),
        progress,
    )
    current = store.indicator_values()
    comparison = compare(plan.values, current)
    if options.pertahankan_hitungan and comparison.hitungan_diganti:
        kept = comparison.hitungan_diganti
        plan.values = plan.values.loc[~comparison.detail["mengganti_hitungan"].to_numpy()]
        plan.values = plan.values.reset_index(drop=True)
        plan.hitungan_dipertahankan = kept
        plan.notes.append(
            f"{kept} nilai persen saja tidak diimpor: pembilang/penyebut yang tersimpan untuk "
            "kelurahan, indikator dan periode yang sama dipertahankan."
        )
        comparison = compare(plan.values, current)
    return plan, comparison


def dry_run_with_profile(  # noqa: PLR0913
    store: Store,
    ref: Reference,
    data: bytes,
    filename: str,
    options: ImportOptions,
    progress: Progress | None = None,
    use_profile: bool | None = None,
) -> tuple[ImportPlan, Comparison, str | None]:
    """``dry_run``, then, when a saved mapping profile has the file's header signature, the dry
    run again with that profile's mapping under the caller's choices (``options.mapping`` wins
    where both choose); returns (plan, comparison, the profile's name or None when none was
    applied). ``use_profile``: look for a profile (default: only when the caller gave no
    mapping). A file without a signature (no header found) gets no profile."""
    plan, comparison = dry_run(store, ref, data, filename, options, progress)
    if not (not options.mapping if use_profile is None else use_profile):
        return plan, comparison, None
    found = store.mapping_profile_for(plan.signature) or _by_header_row(store, plan.first_rows)
    if found is None:
        return plan, comparison, None
    name, profile = found
    mapping = merge(profile, options.mapping)
    if mapping != options.mapping:
        plan, comparison = dry_run(
            store, ref, data, filename, replace(options, mapping=mapping), progress
        )
    return plan, comparison, name


def _by_header_row(store: Store, rows: list[list[str]]) -> tuple[str, Mapping] | None:
    """A file whose header row is not found alone (``plan.first_rows`` given): the profile
    saved with a chosen header row whose signature is that row of this file."""
    for row in range(1, len(rows) + 1):
        found = store.mapping_profile_for(header_signature(rows[row - 1]))
        if found is not None and found[1].header_row == row:
            return found
    return None


def save_profile(  # noqa: PLR0913
    store: Store,
    nama: str,
    mapping: Mapping,
    signature: str | None,
    oleh: str,
    seen: int | None = None,
) -> str:
    """Save ``mapping`` as profile ``nama`` keyed by the file's header ``signature`` (the Data
    page and ``manage.py import --save-mapping``); return "disimpan" (a new profile) or
    "diperbarui" (one of that name, for files with the same headers, updated). ``ValueError``
    (Indonesian) when a profile of that name exists for files with other headers: it is not
    overwritten; also for a bad name or an empty mapping. ``seen``: as
    ``Store.save_mapping_profile``."""
    name = profile_name(nama)
    profiles = store.mapping_profiles()
    stored = profiles.loc[profiles["nama"] == name, "tanda_header"]
    if not stored.empty:
        old = stored.iloc[0]
        if signature and isinstance(old, str) and old and old != signature:
            raise ValueError(
                f"Profil '{name}' sudah ada untuk berkas dengan judul kolom lain; pakai nama lain, "
                "atau hapus profil itu dulu (tab Profil pemetaan di halaman Data, atau "
                f"manage.py mappings --delete {shlex.quote(name)})."
            )
    versi = store.save_mapping_profile(name, mapping, signature, oleh, seen)
    return "disimpan" if versi == 1 else "diperbarui"


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
