"""Checks of activity register rows, whether typed in the app or read from a file.

Rows are typed (``tahun`` a number, ``pagu`` a float, codes as stored); each problem names the
field by the header planners see (``LABELS``, shared by the editor, the export and the import)
and says how to fix it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

from analysis import schema as s
from analysis.programs import INTERVENTION_GROUPS, is_all_kelurahan, split_codes

LABELS = {
    s.TAHUN: "Tahun",
    s.NAMA_KEGIATAN: "Nama kegiatan",
    s.OPD: "OPD",
    s.INDIKATOR: "Indikator",
    s.KELURAHAN_SASARAN: "Kelurahan sasaran",
    s.VOLUME: "Volume target",
    s.SATUAN_VOLUME: "Satuan",
    s.PAGU: "Pagu (Rp)",
    s.REALISASI: "Realisasi (Rp)",
    s.SUMBER_DANA: "Sumber dana",
    s.STATUS: "Status",
    s.CATATAN: "Catatan",
}
MAX_NAME = 300
YEARS = (2018, 2100)
CHECK_COLUMNS = ["baris", "kolom", "nilai", "pesan", "saran"]


def intervention_codes(catalogue: pd.DataFrame) -> list[str]:
    """Catalogue indicators an activity may serve: the spesifik and sensitif interventions."""
    return list(catalogue.loc[catalogue[s.KELOMPOK].isin(INTERVENTION_GROUPS), s.KODE])


def _missing(v: object) -> bool:
    return v is None or (not isinstance(v, str | list | tuple) and pd.isna(v))


def _number(v: object) -> float | None:
    """A typed number, or None when missing; raises ValueError for anything else."""
    if _missing(v) or (isinstance(v, str) and not v.strip()):
        return None
    if isinstance(v, bool):
        raise ValueError
    return float(v)


def check_activities(  # noqa: C901, PLR0912 - one rule after another, kept in one readable list
    rows: pd.DataFrame,
    indicators: list[str],
    kelurahan: list[str],
    opd: list[str],
    sumber_dana: list[str],
    words: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Every problem of ``rows`` (activity fields as stored), one row each: ``baris`` (the row's
    index label), ``kolom`` (the field's header), ``nilai``, ``pesan``, ``saran``. ``words``:
    the region's words for the messages (``unit`` "desa", ``kabkota``, ``wilayah``; generic
    ones without)."""
    w = {"unit": "desa/kelurahan", "kabkota": "kabupaten/kota", "wilayah": "wilayah ini"}
    w |= dict(words or {})
    found: list[dict] = []

    def add(i, field: str, value: object, pesan: str, saran: str) -> None:
        nilai = "" if _missing(value) else str(value)
        found.append(
            {"baris": i, "kolom": LABELS[field], "nilai": nilai, "pesan": pesan, "saran": saran}
        )

    known_ind, known_kel = set(indicators), set(kelurahan)
    for i, r in rows.iterrows():
        name = "" if _missing(r[s.NAMA_KEGIATAN]) else str(r[s.NAMA_KEGIATAN]).strip()
        if not name:
            add(i, s.NAMA_KEGIATAN, "", "Nama kegiatan kosong.", "Tulis nama kegiatan.")
        elif len(name) > MAX_NAME:
            add(i, s.NAMA_KEGIATAN, name[:40] + "…", "Nama kegiatan terlalu panjang.",
                f"Singkat menjadi paling banyak {MAX_NAME} huruf.")  # fmt: skip
        try:
            tahun = _number(r[s.TAHUN])
        except (TypeError, ValueError):
            tahun = float("nan")
        if (
            tahun is None
            or not (math.isfinite(tahun) and tahun.is_integer())
            or not (YEARS[0] <= tahun <= YEARS[1])
        ):
            add(i, s.TAHUN, r[s.TAHUN], "Tahun tidak valid.",
                f"Tulis tahun anggaran {YEARS[0]}–{YEARS[1]}, mis. 2025.")  # fmt: skip
        if r[s.OPD] not in opd:
            add(i, s.OPD, r[s.OPD], "OPD tidak dikenal.", "Pilih OPD dari daftar (opd.csv).")
        codes = split_codes(r[s.INDIKATOR])
        unknown = [c for c in codes if c not in known_ind]
        if not codes:
            add(i, s.INDIKATOR, "", "Indikator kosong.",
                "Pilih minimal satu indikator intervensi spesifik/sensitif.")  # fmt: skip
        elif unknown:
            add(i, s.INDIKATOR, ", ".join(unknown), "Bukan indikator intervensi di katalog.",
                "Pakai kode indikator spesifik/sensitif, mis. SPE02; SEN04.")  # fmt: skip
        places = split_codes(r[s.KELURAHAN_SASARAN])
        if not places:
            add(i, s.KELURAHAN_SASARAN, "", f"{w['unit'].capitalize()} sasaran kosong.",
                f"Pilih {w['unit']} sasaran, atau 'semua' untuk seluruh {w['kabkota']}.")  # fmt: skip
        elif not is_all_kelurahan(places) and any(p not in known_kel for p in places):
            bad = [p for p in places if p not in known_kel]
            add(i, s.KELURAHAN_SASARAN, ", ".join(bad), f"{w['unit'].capitalize()} tidak dikenal.",
                f"Pakai nama atau kode {w['unit']} {w['wilayah']}, atau 'semua' saja.")  # fmt: skip
        values = {}
        for field in (s.VOLUME, s.PAGU, s.REALISASI):
            try:
                values[field] = _number(r[field])
            except (TypeError, ValueError):
                add(
                    i,
                    field,
                    r[field],
                    f"{LABELS[field]} bukan angka.",
                    "Tulis angka, mis. 1500000.",
                )
                values[field] = float("nan")
                continue
            if values[field] is not None and values[field] < 0:
                add(i, field, r[field], f"{LABELS[field]} negatif.", "Tulis angka 0 atau lebih.")
        volume, pagu, real = values[s.VOLUME], values[s.PAGU], values[s.REALISASI]
        unit = "" if _missing(r[s.SATUAN_VOLUME]) else str(r[s.SATUAN_VOLUME]).strip()
        if volume is not None and volume > 0 and not unit:
            add(i, s.SATUAN_VOLUME, "", "Volume diisi tanpa satuan.",
                "Tulis satuannya, mis. paket, orang, keluarga.")  # fmt: skip
        if pagu is None:
            add(
                i,
                s.PAGU,
                "",
                "Pagu kosong.",
                "Tulis pagu anggaran dalam rupiah (0 bila tanpa biaya).",
            )
        elif real is not None and real > pagu:
            add(i, s.REALISASI, r[s.REALISASI], "Realisasi melebihi pagu.",
                "Periksa angka realisasi atau perbarui pagunya.")  # fmt: skip
        if r[s.SUMBER_DANA] not in sumber_dana:
            add(i, s.SUMBER_DANA, r[s.SUMBER_DANA], "Sumber dana tidak dikenal.",
                "Pilih sumber dana dari daftar (sumber_dana.csv).")  # fmt: skip
        status = r[s.STATUS]
        if status not in s.KEGIATAN_STATUS_VALUES:
            add(i, s.STATUS, status, "Status tidak dikenal.",
                f"Pilih salah satu: {', '.join(s.KEGIATAN_STATUS_VALUES)}.")  # fmt: skip
        elif status == s.KEGIATAN_RENCANA and real is not None and real > 0:
            add(i, s.STATUS, status, "Kegiatan berstatus rencana sudah punya realisasi.",
                "Ubah status menjadi berjalan atau selesai, atau kosongkan realisasi.")  # fmt: skip
    return pd.DataFrame(found, columns=CHECK_COLUMNS)
