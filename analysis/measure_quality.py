"""Data quality of child measurements, as WHO Anthro's report reads it.

Share of implausible (flagged) z-scores, missing fields, digit preference in height and weight
(the Digit Preference Score of the WHO–UNICEF 2019 recommendations: 0 = none, < 8 excellent,
< 12 good, < 20 acceptable, ≥ 20 problematic), heaping of age on whole years, the standard
deviation of the z-scores (about 1.0 in good data; WHO expects roughly 0.9–1.2) and the
agreement of the register's own height-for-age z-score with ours.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import schema as s
from analysis.zscore import DAYS_PER_MONTH, MAX_AGE_DAYS

ASPEK, UKURAN, NILAI, HARAPAN, PENILAIAN = "aspek", "ukuran", "nilai", "harapan", "penilaian"
REPORT_COLUMNS = [ASPEK, UKURAN, NILAI, HARAPAN, PENILAIAN]
SD_RANGE = (0.9, 1.2)
DPS_LEVELS = [(8, "sangat baik"), (12, "baik"), (20, "cukup")]
Z_NAMES = {"haz": "TB/U (HAZ)", "waz": "BB/U (WAZ)", "whz": "BB/TB (WHZ)"}


def terminal_digits(values) -> np.ndarray:
    """How many values end in .0, .1, …, .9 (the first decimal), missing values ignored."""
    x = np.asarray(values, dtype=float)
    x = x[~np.isnan(x)]
    digits = np.rint(x * 10).astype(np.int64) % 10
    return np.bincount(digits, minlength=10)


def digit_preference_score(counts) -> float:
    """DPS = 100·√(χ² / (N·df)) against equal shares of the 10 digits (df = 9); NaN if N = 0."""
    counts = np.asarray(counts, dtype=float)
    n = counts.sum()
    if n == 0:
        return float("nan")
    expected = n / len(counts)
    chi2 = ((counts - expected) ** 2 / expected).sum()
    return float(100 * np.sqrt(chi2 / (n * (len(counts) - 1))))


def dps_rating(dps: float) -> str:
    if np.isnan(dps):
        return "tidak ada data"
    return next((label for limit, label in DPS_LEVELS if dps < limit), "bermasalah")


def age_months(age_days) -> np.ndarray:
    """Completed months of age 0–59 (NaN outside)."""
    days = np.asarray(age_days, dtype=float)
    months = np.floor(days / DAYS_PER_MONTH)
    return np.where((days >= 0) & (days <= MAX_AGE_DAYS), months, np.nan)


def whole_year_heaping(age_days) -> float:
    """Observed ÷ expected share of ages at 0, 12, 24, 36 or 48 completed months (1 = no
    heaping; expected 5 of 60 months); NaN without ages."""
    months = age_months(age_days)
    months = months[~np.isnan(months)]
    if not len(months):
        return float("nan")
    return float(np.mean(months % 12 == 0) / (5 / 60))


def sd_summary(z: pd.DataFrame) -> pd.DataFrame:
    """Per z-score: plausible records, mean and standard deviation (n − 1)."""
    rows = []
    for name, label in Z_NAMES.items():
        ok = z[name].notna() & ~z[f"flag_{name}"]
        values = z.loc[ok, name]
        rows.append(
            {
                "indeks": label,
                "n": int(ok.sum()),
                "rerata": values.mean() if len(values) else np.nan,
                "sd": values.std(ddof=1) if len(values) > 1 else np.nan,
            }
        )
    return pd.DataFrame(rows)


def register_agreement(own_haz, register_haz) -> dict:
    """Comparison of the register's height-for-age z with ours, where both exist: records
    compared, share whose stunting status (z < −2, on 2 decimals) differs, mean |difference|."""
    own = np.round(np.asarray(own_haz, dtype=float), 2)
    reg = np.round(np.asarray(register_haz, dtype=float), 2)
    both = ~np.isnan(own) & ~np.isnan(reg)
    n = int(both.sum())
    if not n:
        return {"n": 0, "beda_status": np.nan, "selisih_rerata": np.nan}
    flips = (own[both] < -2) != (reg[both] < -2)
    return {
        "n": n,
        "beda_status": float(flips.mean()),
        "selisih_rerata": float(np.abs(own[both] - reg[both]).mean()),
    }


def _pct(part, whole) -> float:
    return 100 * part / whole if whole else float("nan")


def quality_report(records: pd.DataFrame, z: pd.DataFrame) -> pd.DataFrame:
    """The data-quality table of a set of records (``schema.MEASUREMENT_COLUMNS``) and their
    z-scores (``analysis.zscore.compute_zscores``, same index): aspek, ukuran, nilai (a
    number), harapan and penilaian."""
    n = len(records)
    scored = z["dinilai"]
    rows: list[tuple] = [
        ("Cakupan", "Rekaman", n, "", ""),
        ("Cakupan", "Dinilai (umur 0–59 bulan, jenis kelamin jelas)", int(scored.sum()), "", ""),
    ]
    for name, label in Z_NAMES.items():
        share = _pct(int(z.loc[scored, f"flag_{name}"].sum()), int(scored.sum()))
        verdict = "" if np.isnan(share) else ("baik" if share < 1 else "periksa")
        rows.append(("Nilai tidak masuk akal", f"% {label} ditandai", share, "< 1%", verdict))
    missing = {
        "jenis kelamin": ~records[s.JENIS_KELAMIN].isin(["L", "P"]),
        "umur": records[s.UMUR_HARI].isna(),
        "tinggi/panjang": records[s.TINGGI_CM].isna(),
        "berat": records[s.BERAT_KG].isna(),
        "cara ukur": records[s.CARA_UKUR].isna(),
    }
    for label, mask in missing.items():
        share = _pct(int(mask.sum()), n)
        verdict = "" if np.isnan(share) else ("baik" if share < 1 else "periksa")
        rows.append(("Data kosong", f"% tanpa {label}", share, "< 1%", verdict))
    rows.append(
        ("Data kosong", "Diukur berdiri sebelum 9 bulan", int(z["flag_9bulan"].sum()), "0", "")
    )
    for col, label in ((s.TINGGI_CM, "tinggi/panjang"), (s.BERAT_KG, "berat")):
        digits = terminal_digits(records[col])
        dps = digit_preference_score(digits)
        share = _pct(digits[0] + digits[5], digits.sum())
        rows.append(("Preferensi angka", f"% {label} berakhiran ,0 atau ,5", share, "20%", ""))
        rows.append(("Preferensi angka", f"Skor DPS {label}", dps, "< 12", dps_rating(dps)))
    heaping = whole_year_heaping(records[s.UMUR_HARI])
    verdict = "" if np.isnan(heaping) else ("baik" if heaping < 1.2 else "periksa")
    rows.append(("Umur", "Penumpukan umur tahun penuh (rasio)", heaping, "≈ 1", verdict))
    for row in sd_summary(z).itertuples(index=False):
        ok = SD_RANGE[0] <= row.sd <= SD_RANGE[1]
        verdict = "" if np.isnan(row.sd) else ("baik" if ok else "periksa")
        rows.append(("Sebaran z", f"SD {row.indeks}", row.sd, "0,9–1,2", verdict))
    agree = register_agreement(z["haz"], records[s.ZS_TBU_BERKAS])
    if agree["n"]:
        share = 100 * agree["beda_status"]
        verdict = "baik" if share < 2 else "periksa"
        rows.append(("Kesesuaian e-PPGBM", "Rekaman dibandingkan", agree["n"], "", ""))
        rows.append(("Kesesuaian e-PPGBM", "% status stunting berbeda", share, "< 2%", verdict))
        rows.append(
            ("Kesesuaian e-PPGBM", "Rerata |selisih| ZS TB/U", agree["selisih_rerata"], "", "")
        )
    return pd.DataFrame(rows, columns=REPORT_COLUMNS)
