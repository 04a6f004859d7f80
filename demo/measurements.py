"""Seeded *synthetic* child measurements, and e-PPGBM-shaped exports of them for tests.

Heights and weights are drawn from WHO's own LMS tables around a kelurahan-specific mean z
(lokus lower), so prevalences look plausible; some heights are heaped on ,0/,5, a few positions
are wrong or missing and a few entries are mistyped, so the data-quality panel has something to
show. The register's own z-scores (``ZS TB/U``) are ours plus noise, as a month-based register
would differ. Every name and NIK in an export is invented and marked synthetic.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

from analysis import schema as s
from analysis.periods import MONTH_NUMBERS
from analysis.zscore import LYING_UNTIL_DAYS, MAX_AGE_DAYS, GrowthTables

DEMO_PERIODS = [(2025, 2), (2025, 8)]  # bulan penimbangan: Februari and Agustus
DEMO_CHILDREN = 150  # per kelurahan and weighing month, for a city of CITY_SIZE kelurahan
CITY_SIZE = 31  # North Jakarta's kelurahan: the demo's totals are sized for a city like it
MIN_CHILDREN = 10  # per desa, however many desa: enough for a prevalence to show


def children_per_kelurahan(n_kelurahan: int) -> int:
    """Synthetic children per desa/kelurahan and weighing month: ``DEMO_CHILDREN`` up to
    ``CITY_SIZE`` of them, then fewer so that the region's total stays near a city's
    (150 × 31 = 4,650), never below ``MIN_CHILDREN``: 150 for 6 or 31, 91 for 51, 31 for 151,
    10 for 852."""
    if n_kelurahan <= CITY_SIZE:
        return DEMO_CHILDREN
    return max(MIN_CHILDREN, round(DEMO_CHILDREN * CITY_SIZE / n_kelurahan))


EPPGBM_HEADER = [
    "NIK",
    "Nama",
    "JK",
    "Tgl Lahir",
    "BB Lahir",
    "TB Lahir",
    "Nama Ortu",
    "Prov",
    "Kab/Kota",
    "Kec",
    "Pukesmas",
    "Desa/Kel",
    "Posyandu",
    "RT",
    "RW",
    "Alamat",
    "Usia Saat Ukur",
    "Tanggal Pengukuran",
    "Bulan Pengukuran",
    "Status Bulan",
    "status tahun",
    "Berat",
    "Tinggi",
    "Cara Ukur",
    "LiLA",
    "BB/U",
    "ZS BB/U",
    "TB/U",
    "ZS TB/U",
    "BB/TB",
    "ZS BB/TB",
    "Naik Berat Badan",
    "PMT Diterima (kg)",
    "Jml Vit A",
    "KPSP",
    "KIA",
    "Detail Status",
    "status desa",
]
# Full month names, the first spelling of each month in the period parser's table.
BULAN = {m: name.capitalize() for name, m in reversed(list(MONTH_NUMBERS.items()))}


def _from_z(lms: np.ndarray, z: np.ndarray) -> np.ndarray:
    lam, mu, sig = lms[:, 0], lms[:, 1], lms[:, 2]
    return mu * (1 + lam * sig * z) ** (1 / lam)


def synthetic_measurements(
    tables: GrowthTables,
    kelurahan: pd.DataFrame,
    lokus_codes: set[str],
    per_kelurahan: int,
    periods: list[tuple[int, int]],
    seed: int = 20250801,
) -> pd.DataFrame:
    """``schema.MEASUREMENT_COLUMNS`` records plus ``tanggal_lahir`` (for exports only)."""
    rng = np.random.default_rng(seed)
    codes = kelurahan[s.KODE_KELURAHAN].to_numpy()
    base = np.where(np.isin(codes, list(lokus_codes)), -1.05, -0.65)
    base = base + rng.normal(0, 0.15, len(codes))
    parts = []
    for year, month in periods:
        n = per_kelurahan * len(codes)
        kel = np.repeat(np.arange(len(codes)), per_kelurahan)
        measured = np.array([date(year, month, 1)]) + rng.integers(0, 25, n) * timedelta(days=1)
        days = rng.integers(0, MAX_AGE_DAYS + 1, n)
        sex = rng.integers(1, 3, n)
        haz = rng.normal(base[kel], 1.1)
        height = _from_z(tables.lhfa[sex - 1, days], haz)
        lying = days < LYING_UNTIL_DAYS
        wrong = rng.random(n) < 0.08
        position = np.where(lying ^ wrong, "L", "H")
        position = np.where(rng.random(n) < 0.02, None, position)
        # measured value: the correction goes the other way round from the table's convention
        height = height - np.where(lying & (position == "H"), 0.7, 0.0)
        height = height + np.where(~lying & (position == "L"), 0.7, 0.0)
        wfx, start = np.where(lying, 0, 1), np.where(lying, 450, 650)
        row = np.clip(np.rint(height * 10).astype(int) - start, 0, 550)
        lms = np.where(
            (wfx == 0)[:, None], tables.wfl[sex - 1, row], tables.wfh[sex - 1, np.minimum(row, 550)]
        )
        weight = _from_z(lms, rng.normal(-0.25, 1.0, n))
        heaped = rng.random(n) < 0.3
        height = np.where(heaped, np.rint(height * 2) / 2, np.round(height, 1))
        typo = rng.random(n) < 0.004
        height = np.where(typo, np.round(height * 1.3, 1), height)
        register = np.round(haz + rng.normal(0, 0.06, n) + (rng.random(n) < 0.03) * 0.35, 2)
        parts.append(
            pd.DataFrame(
                {
                    s.KODE_WILAYAH: codes[kel],
                    s.POSYANDU: [f"Posyandu Sintetis {i % 6 + 1:02d}" for i in range(n)],
                    s.JENIS_KELAMIN: np.where(sex == 1, "L", "P"),
                    s.UMUR_HARI: days,
                    s.TANGGAL_UKUR: pd.to_datetime(measured),
                    s.PERIODE: f"{year}-{month:02d}",
                    s.TINGGI_CM: height,
                    s.BERAT_KG: np.round(weight, 1),
                    s.CARA_UKUR: position,
                    s.EDEMA: False,
                    s.ZS_TBU_BERKAS: register,
                    s.STATUS_TBU_BERKAS: np.select(
                        [register < -3, register < -2, register > 3],
                        ["Sangat Pendek", "Pendek", "Tinggi"],
                        "Normal",
                    ),
                    s.ZS_BBU_BERKAS: np.nan,
                    s.ZS_BBTB_BERKAS: np.nan,
                    "tanggal_lahir": pd.to_datetime(measured) - pd.to_timedelta(days, unit="D"),
                }
            )
        )
    return pd.concat(parts, ignore_index=True)


def eppgbm_export(records: pd.DataFrame, kelurahan: pd.DataFrame, seed: int = 7) -> pd.DataFrame:
    """The records as an e-PPGBM export (its header, its spellings), with invented NIK, names
    and addresses marked synthetic — the personal columns an import must drop."""
    rng = np.random.default_rng(seed)
    n = len(records)
    ref = kelurahan.set_index(s.KODE_KELURAHAN)
    kel = ref.loc[records[s.KODE_WILAYAH]]
    measured = pd.to_datetime(records[s.TANGGAL_UKUR])
    born = pd.to_datetime(records["tanggal_lahir"])
    frame = pd.DataFrame(index=range(n), columns=EPPGBM_HEADER, dtype=object)
    frame["NIK"] = [f"3172{x:012d}" for x in rng.integers(0, 10**12, n)]
    frame["Nama"] = [f"ANAK SINTETIS {i:06d}" for i in range(n)]
    frame["JK"] = records[s.JENIS_KELAMIN].to_numpy()
    frame["Tgl Lahir"] = born.dt.strftime("%Y-%m-%d").to_numpy()
    frame["Nama Ortu"] = [f"ORANG TUA SINTETIS {i:06d}" for i in range(n)]
    frame["Prov"], frame["Kab/Kota"] = "DKI JAKARTA", "KOTA ADM. JAKARTA UTARA"
    frame["Kec"] = kel[s.KECAMATAN].str.upper().to_numpy()
    frame["Pukesmas"] = ("KELURAHAN " + kel[s.KELURAHAN].str.upper()).to_numpy()
    frame["Desa/Kel"] = kel[s.KELURAHAN].str.upper().to_numpy()
    frame["Posyandu"] = records[s.POSYANDU].to_numpy()
    frame["RT"], frame["RW"] = "001", "002"
    frame["Alamat"] = [f"JL. SINTETIS NO. {i}" for i in range(n)]
    frame["Usia Saat Ukur"] = [
        f"{d // 365} Tahun - {d % 365 // 30} Bulan" for d in records[s.UMUR_HARI]
    ]
    frame["Tanggal Pengukuran"] = measured.dt.strftime("%Y-%m-%d").to_numpy()
    frame["Bulan Pengukuran"] = measured.dt.month.map(BULAN).to_numpy()
    frame["Berat"] = records[s.BERAT_KG].to_numpy()
    frame["Tinggi"] = records[s.TINGGI_CM].to_numpy()
    frame["Cara Ukur"] = records[s.CARA_UKUR].map({"L": "Terlentang", "H": "Berdiri"}).to_numpy()
    frame["ZS TB/U"] = records[s.ZS_TBU_BERKAS].to_numpy()
    frame["TB/U"] = records[s.STATUS_TBU_BERKAS].to_numpy()
    return frame.fillna("")
