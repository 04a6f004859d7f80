"""Downloadable templates (long and wide, CSV and XLSX); the files are written by ``text.files``."""

from __future__ import annotations

import pandas as pd

from analysis import schema as s
from text.strings import word

LONG_COLUMNS = [s.KODE_KELURAHAN, s.KELURAHAN, s.KECAMATAN, *s.VALUE_COLUMNS[1:]]


def template_indicators(indikator: pd.DataFrame) -> pd.DataFrame:
    """Indicators a template lists: all but the scorecard ones (those come as Y/T/TS counts)."""
    return indikator[indikator[s.KELOMPOK] != "scorecard"]


def long_template(kelurahan: pd.DataFrame) -> pd.DataFrame:
    """One row per kelurahan with the indicator, period and counts left to fill in."""
    frame = kelurahan[[s.KODE_KELURAHAN, s.KELURAHAN, s.KECAMATAN]].copy()
    for col in LONG_COLUMNS[3:]:
        frame[col] = ""
    return frame.reset_index(drop=True)


def wide_columns(indikator: pd.DataFrame) -> list[str]:
    """``KODE_pembilang`` and ``KODE_penyebut`` per percentage indicator, ``KODE`` per count."""
    cols = []
    for kode, satuan in zip(indikator[s.KODE], indikator[s.SATUAN], strict=True):
        cols += [f"{kode}_pembilang", f"{kode}_penyebut"] if satuan == "persen" else [kode]
    return cols


def wide_template(kelurahan: pd.DataFrame, indikator: pd.DataFrame) -> pd.DataFrame:
    """One row per kelurahan, one column per indicator field."""
    frame = kelurahan[[s.KODE_KELURAHAN, s.KELURAHAN, s.KECAMATAN]].copy()
    for col in wide_columns(template_indicators(indikator)):
        frame[col] = ""
    return frame.reset_index(drop=True)


def guide(indikator: pd.DataFrame, wide: bool) -> pd.DataFrame:
    """The instructions sheet of an XLSX template: how to fill it and the indicator codes."""
    lines = [
        f"Isi satu baris per {word('unit')}. Jangan ubah kode_kelurahan (kode Kemendagri "
        f"{word('kode_wilayah')}…).",
        "Angka boleh ditulis 1.234 atau 1.234,5 (koma desimal). Persen boleh 85, 85% atau 85,0.",
        "Baris 'Jumlah'/'Total' tidak perlu; dasbor menjumlahkan sendiri.",
        "Pilih periode saat mengunggah (mis. Triwulan II 2024), atau tulis periode di judul di atas header."
        if wide
        else "Kolom periode: 2024-Q2, Triwulan II 2024, Semester I 2024, Agustus 2024 atau 2024.",
        "Kolom sumber_data boleh kosong: sumber bawaan indikator dipakai (lihat tabel di bawah)."
        if not wide
        else "Sumber data: sumber bawaan indikator, atau pilih saat mengunggah.",
    ]
    ind = template_indicators(indikator)[[s.KODE, s.NAMA, s.SATUAN, s.SUMBER_DATA]]
    info = pd.DataFrame({s.KODE: ["Petunjuk"] * len(lines), s.NAMA: lines})
    return pd.concat([info, pd.DataFrame([{}]), ind], ignore_index=True).fillna("")


def measurement_template(kelurahan: pd.DataFrame) -> pd.DataFrame:
    """The measurement template (``ingest.measurements``): its columns with two invented rows,
    in the first two desa/kelurahan of the region's reference ``kelurahan``."""
    names = list(kelurahan[s.KELURAHAN].iloc[:2])
    return pd.DataFrame(
        {
            "kelurahan": (names * 2)[:2],
            "posyandu": ["Posyandu Melati", "Posyandu Mawar"],
            "jenis_kelamin": ["L", "P"],
            "tanggal_lahir": ["2023-02-10", "2022-05-10"],
            "tanggal_ukur": ["2025-08-12", "2025-08-12"],
            "tinggi_cm": ["86,5", "92,0"],
            "berat_kg": ["11,9", "13,1"],
            "cara_ukur": ["H", "H"],
        }
    )
