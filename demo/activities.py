"""Synthetic activity register (rencana kegiatan) for the demo, seeded: which unit runs what,
for which intervention, where, with what budget. Invented; labelled synthetic where shown.

Each year every intervention gets some of its typical activities; each activity targets the
whole city, a few lokus or a few other kelurahan, so some lokus × intervention cells stay
without a program — as in real plans. 2023–2024 are finished, 2025 partly running, 2026 planned.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import schema as s

SEED = 8
YEARS = (2023, 2024, 2025, 2026)
# (indicator codes, unit, activity name, volume unit)
TEMPLATES = [
    ("SPE01", "SUDINKES", "Pemberian makanan tambahan ibu hamil KEK", "ibu hamil"),
    ("SPE01", "PKK", "Dapur sehat PMT lokal ibu hamil", "ibu hamil"),
    ("SPE02", "SUDINKES", "Distribusi dan pemantauan minum TTD ibu hamil", "ibu hamil"),
    ("SPE03", "SUDINDIK1", "Aksi bergizi: minum TTD bersama remaja putri di sekolah", "siswi"),
    ("SPE03", "SUDINDIK2", "Aksi bergizi: minum TTD bersama remaja putri di sekolah", "siswi"),
    ("SPE04", "SUDINKES", "Kelas menyusui dan konselor ASI di puskesmas", "ibu"),
    ("SPE04", "PKK", "Pendampingan ibu menyusui oleh kader dasawisma", "ibu"),
    ("SPE05", "SUDINKES", "Demo masak MP-ASI di posyandu", "posyandu"),
    ("SPE05", "SUDINKPKP", "Gerakan makan ikan untuk baduta", "keluarga"),
    ("SPE06", "SUDINKES", "Tata laksana gizi buruk di puskesmas", "balita"),
    ("SPE07", "KELURAHAN", "Revitalisasi posyandu dan alat antropometri", "posyandu"),
    ("SPE07", "SUDINKES", "Pelatihan kader pengukuran antropometri", "kader"),
    ("SPE08", "SUDINKES", "PMT lokal balita gizi kurang", "balita"),
    ("SPE08", "SUDINKPKP", "Paket pangan bergizi balita gizi kurang", "paket"),
    ("SPE09", "SUDINKES", "Sweeping imunisasi dasar lengkap", "balita"),
    ("SEN01", "SUDINPPAPP", "Pelayanan KB pascapersalinan", "akseptor"),
    ("SEN02", "SUDINPPAPP", "Konseling kesehatan reproduksi dan KB", "keluarga"),
    ("SEN03", "SUDINKES", "Pemeriksaan kesehatan calon pengantin", "catin"),
    ("SEN03", "KESRA", "Bimbingan perkawinan pranikah", "catin"),
    ("SEN04", "PAMJAYA", "Sambungan air minum rumah tangga", "sambungan"),
    ("SEN04", "SUDINSDA", "Penyediaan air bersih komunal", "unit"),
    ("SEN05", "SUDINSDA", "Pembangunan sanitasi komunal (IPAL)", "unit"),
    ("SEN05", "SUDINLH", "Jamban sehat keluarga berisiko stunting", "unit"),
    ("SEN06", "SUDINSOS", "Verifikasi dan pengusulan PBI JKN", "jiwa"),
    ("SEN07", "SUDINPPAPP", "Pendampingan keluarga berisiko stunting oleh TPK", "keluarga"),
    ("SEN08", "SUDINSOS", "Pendampingan PKH keluarga dengan balita", "keluarga"),
    ("SEN09", "SUDINKOMINFOTIK", "Kampanye cegah stunting di media sosial dan RPTRA", "kegiatan"),
    ("SEN09", "KELURAHAN", "Rembuk stunting kelurahan", "kegiatan"),
    ("SEN10", "SUDINSOS", "Bantuan sosial pangan keluarga miskin dengan balita", "keluarga"),
    ("SEN11", "SUDINLH", "Pemicuan stop BABS (STBM)", "RW"),
    ("SPE01;SPE08;SEN10", "KESRA", "Gerakan orang tua asuh cegah stunting", "keluarga"),
    ("SPE04;SPE07;SPE09", "SUDINKES", "Posyandu prima terpadu", "posyandu"),
]
FUNDING = {
    "KELURAHAN": ["DANA_KEL"],
    "PKK": ["SWADAYA", "DANA_KEL"],
    "KESRA": ["CSR", "BAZNAS", "APBD"],
    "PAMJAYA": ["APBD", "CSR"],
    "SUDINKES": ["APBD", "APBD", "DAK"],
    "SUDINPPAPP": ["APBD", "APBN"],
}


# The same units in any kabupaten/kota (data/templat_wilayah/opd.csv), for a region without
# North Jakarta's "Suku Dinas".
OPD_ANY_REGION = {
    "SUDINKES": "DINKES",
    "SUDINPPAPP": "DPPKB",
    "SUDINSOS": "DINSOS",
    "SUDINDIK1": "DISDIK",
    "SUDINDIK2": "DISDIK",
    "SUDINSDA": "PUPR",
    "SUDINLH": "PUPR",
    "PAMJAYA": "PUPR",
    "SUDINKPKP": "PANGAN",
    "SUDINKOMINFOTIK": "DISKOMINFO",
    "KESRA": "KEMENAG",
    "KELURAHAN": "DESA",
    "PKK": "PKK",
}


def _places(rng: np.random.Generator, lokus: list[str], others: list[str]) -> str:
    """``semua``, 2–4 lokus or 1–3 other kelurahan (3 : 5 : 2)."""
    pick = rng.random()
    if pick < 0.3:
        return s.SEMUA_KELURAHAN
    pool, n = (lokus, rng.integers(2, 5)) if pick < 0.8 else (others, rng.integers(1, 4))
    return s.KODE_SEP.join(sorted(rng.choice(pool, size=min(int(n), len(pool)), replace=False)))


def _status(rng: np.random.Generator, tahun: int, last_year: int) -> tuple[str, float | None]:
    """Status and the share of the pagu spent."""
    if tahun >= last_year:
        return s.KEGIATAN_RENCANA, None
    if rng.random() < 0.05:
        return s.KEGIATAN_BATAL, None
    if tahun == last_year - 1 and rng.random() < 0.4:
        return s.KEGIATAN_BERJALAN, float(rng.uniform(0.3, 0.8))
    return s.KEGIATAN_SELESAI, float(rng.uniform(0.75, 1.0))


def _unit(opd: str, opd_codes: set[str] | None) -> str | None:
    """The template's unit as the region's ``opd.csv`` names it: itself where listed, else its
    counterpart in any kabupaten/kota (``OPD_ANY_REGION``); None when neither is listed."""
    if opd_codes is None or opd in opd_codes:
        return opd
    other = OPD_ANY_REGION.get(opd)
    return other if other in opd_codes else None


def synthetic_activities(
    kelurahan: pd.DataFrame,
    lokus: set[str],
    opd_codes: set[str] | None = None,
    years: tuple[int, ...] = YEARS,
) -> pd.DataFrame:
    """The demo register (``schema.ACTIVITY_FIELDS``), the same on every run. With
    ``opd_codes`` (the region's ``opd.csv``), units are named as there; an activity whose unit
    the region does not list is left out."""
    rng = np.random.default_rng(SEED)
    codes = list(kelurahan[s.KODE_KELURAHAN])
    lokus_codes = [c for c in codes if c in lokus]
    others = [c for c in codes if c not in lokus]
    rows = []
    for tahun in years:
        for indikator, opd, nama, satuan in TEMPLATES:
            if rng.random() < 0.3:  # not every activity runs every year
                continue
            places = _places(rng, lokus_codes, others)
            pagu = float(np.clip(np.round(rng.lognormal(np.log(4e8), 0.9), -6), 2.5e7, 9e9))
            if places == s.SEMUA_KELURAHAN:
                pagu *= 3
            status, spent = _status(rng, tahun, max(years))
            unit = _unit(opd, opd_codes)
            if unit is None:
                continue
            rows.append(
                {
                    s.TAHUN: tahun,
                    s.NAMA_KEGIATAN: nama,
                    s.OPD: unit,
                    s.INDIKATOR: indikator,
                    s.KELURAHAN_SASARAN: places,
                    s.VOLUME: float(rng.integers(2, 50) * 10),
                    s.SATUAN_VOLUME: satuan,
                    s.PAGU: pagu,
                    s.REALISASI: None if spent is None else float(np.round(pagu * spent, -3)),
                    s.SUMBER_DANA: str(rng.choice(FUNDING.get(opd, ["APBD"]))),
                    s.STATUS: status,
                    s.CATATAN: None,
                }
            )
    return pd.DataFrame(rows, columns=s.ACTIVITY_FIELDS)
