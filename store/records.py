"""What a ``Store`` write takes besides frames: a dataset's provenance, an uploaded file with its
dry-run counts, and a measurement file's provenance. They live apart from the mixins that take
them, so that callers (``services``, tests) and every mixin import them without a circle."""

from __future__ import annotations

from dataclasses import dataclass

from analysis.measure_replace import CAKUPAN_KELURAHAN


@dataclass(frozen=True)
class DatasetInfo:
    """Provenance of one dataset."""

    nama: str
    jenis: str
    dibuat_oleh: str
    sintetis: bool
    nama_berkas: str | None = None
    catatan: str | None = None


@dataclass(frozen=True)
class Upload:
    """An uploaded file and its dry-run counts (named as ``dataset_berkas`` columns)."""

    nama_berkas: str
    isi: bytes
    sha256: str
    oleh: str
    diarsipkan: bool
    format: str | None
    baris_dibaca: int
    nilai_baru: int
    nilai_diperbarui: int
    nilai_sama: int
    nilai_diabaikan: int
    opsi: str | None = None
    catatan: str | None = None


@dataclass(frozen=True)
class MeasurementBatch:
    """Provenance of a set of child measurement records (an uploaded file or the demo data)."""

    nama_berkas: str
    sha256: str
    format: str
    oleh: str
    baris_dibaca: int
    kolom_pribadi_dibuang: str | None = None
    sintetis: bool = False
    catatan: str | None = None
    # What the file replaces (``analysis.measure_replace``): its kelurahan × month, or the
    # whole months it holds.
    cakupan: str = CAKUPAN_KELURAHAN
