"""WHO 2006 Child Growth Standards z-scores (HAZ, WAZ, WHZ), vectorised over whole columns.

The rules follow WHO's own R package ``anthro`` (``R/z-score*.R``), see docs/zscore.md:
age in integer days (score only below 60 months, i.e. ≤ 1826 days); standing height before
9 months treated as an unknown position (flagged); length/height corrected by ±0.7 cm around
the 731-day boundary; WHZ on the corrected height with linear interpolation between 0.1 cm rows
(WFL below 731 days, WFH from 731); WHO's restricted adjustment beyond ±3 SD for WAZ and WHZ;
implausible flags and classification on z rounded to 2 decimals.

Inputs are numpy arrays: ``sex`` 1 = laki-laki, 2 = perempuan, 0 = unknown (never scored);
``position`` 1 = lying (L, terlentang), 2 = standing (H, berdiri), 0 = unknown; ``age_days``,
``height_cm`` and ``weight_kg`` floats with NaN where missing; ``oedema`` bool.

Stored records keep the z-scores computed at import from the exact age and an age rounded to the
middle of its month (``stored_form``), so that the birth date cannot be rebuilt from them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis import schema as s

LAKI, PEREMPUAN = 1, 2
LYING, STANDING = 1, 2
DAYS_PER_MONTH = 30.4375
MAX_AGE_DAYS = 1826  # the last day with age in months < 60
LYING_UNTIL_DAYS = 731  # below this age length is measured lying (WHO)
STANDING_MIN_MONTHS = 9  # standing before 9 months is implausible (anthro ≥ 1.1.0)
CORRECTION_CM = 0.7
WFL_RANGE = (45.0, 110.0)
WFH_RANGE = (65.0, 120.0)
# Implausible z-scores (WHO): |HAZ| > 6; WAZ < -6 or > 5; |WHZ| > 5.
FLAG_LIMITS = {"haz": (-6.0, 6.0), "waz": (-6.0, 5.0), "whz": (-5.0, 5.0)}

SEX_CODES = {
    **dict.fromkeys(["l", "lk", "laki", "laki-laki", "laki laki", "m", "male", "1", "pria"], LAKI),
    **dict.fromkeys(["p", "pr", "perempuan", "f", "female", "2", "wanita"], PEREMPUAN),
}
POSITION_CODES = {
    **dict.fromkeys(["l", "terlentang", "telentang", "berbaring", "lying", "recumbent"], LYING),
    **dict.fromkeys(["h", "berdiri", "standing"], STANDING),
}


@dataclass(frozen=True)
class GrowthTables:
    """WHO LMS tables as arrays ``[sex - 1, row, (L, M, S)]``.

    ``lhfa``/``wfa`` rows are age in days 0…1826; ``wfl`` rows are 45.0…110.0 cm and ``wfh``
    rows 65.0…120.0 cm, in 0.1 cm steps."""

    lhfa: np.ndarray
    wfa: np.ndarray
    wfl: np.ndarray
    wfh: np.ndarray


def normalise_codes(values: pd.Series, codes: dict[str, int]) -> np.ndarray:
    """Codes of a text column (case and spaces ignored, looked up once per distinct value);
    0 where empty or not recognised — an unknown code is never given a default."""
    cat = values.array if isinstance(values.dtype, pd.CategoricalDtype) else pd.Categorical(values)
    keys = (str(c).strip().lower() for c in cat.categories)
    lookup = np.array([codes.get(k, 0) for k in keys] + [0], dtype=np.int8)
    return lookup[cat.codes]  # code -1 (missing) picks the trailing 0


def _lms(y, lms: np.ndarray) -> np.ndarray:
    """The LMS z-score ((y/M)^L − 1)/(L·S); NaN where y or the row is missing."""
    lam, mu, sig = lms[..., 0], lms[..., 1], lms[..., 2]
    with np.errstate(invalid="ignore", divide="ignore"):
        return ((y / mu) ** lam - 1) / (sig * lam)


def _adjusted(y, lms: np.ndarray) -> np.ndarray:
    """The z-score with WHO's restricted adjustment beyond ±3 SD (WAZ, WHZ)."""
    z = _lms(y, lms)
    lam, mu, sig = lms[..., 0], lms[..., 1], lms[..., 2]
    with np.errstate(invalid="ignore", divide="ignore"):

        def sd(k):
            return mu * (1 + lam * sig * k) ** (1 / lam)

        high, low = z > 3, z < -3
        if high.any():
            sd3, sd2 = sd(3), sd(2)
            z = np.where(high, 3 + (y - sd3) / (sd3 - sd2), z)
        if low.any():
            sd3n, sd2n = sd(-3), sd(-2)
            z = np.where(low, -3 + (y - sd3n) / (sd2n - sd3n), z)
    return z


def _rows(table: np.ndarray, sex: np.ndarray, row: np.ndarray, ok: np.ndarray) -> np.ndarray:
    """LMS rows by sex and row index; NaN where ``ok`` is False."""
    out = np.full((len(sex), 3), np.nan)
    out[ok] = table[sex[ok] - 1, row[ok]]
    return out


def _weight_for_lenhei(tables, sex, days, position, clen, weight, valid) -> np.ndarray:
    """WHZ: WFL below 731 days, WFH from 731 (by position, then 87 cm, when age is unknown),
    L, M and S interpolated between the 0.1 cm rows around the corrected height."""
    age_known = ~np.isnan(days)
    on_l = np.where(
        age_known,
        days < LYING_UNTIL_DAYS,
        np.where(position > 0, position == LYING, clen < 87),
    )
    tenth = np.trunc(np.nan_to_num(clen) * 10)
    diff = (np.nan_to_num(clen) - tenth / 10) / 0.1
    lms = np.full((len(sex), 3), np.nan)
    for table, start, (low, high), pick in (
        (tables.wfl, WFL_RANGE[0], WFL_RANGE, on_l),
        (tables.wfh, WFH_RANGE[0], WFH_RANGE, ~on_l),
    ):
        ok = valid & pick & (clen >= low) & (clen <= high)
        lo = (tenth - round(start * 10)).astype(np.int64)
        hi = np.minimum(lo + 1, table.shape[1] - 1)
        lower, upper = _rows(table, sex, lo, ok), _rows(table, sex, hi, ok)
        d = diff[:, None]
        lms = np.where(ok[:, None], np.where(d > 0, lower + d * (upper - lower), lower), lms)
    return _adjusted(weight, lms)


def compute_zscores(
    tables: GrowthTables,
    sex: np.ndarray,
    age_days: np.ndarray,
    height_cm: np.ndarray,
    weight_kg: np.ndarray,
    position: np.ndarray,
    oedema: np.ndarray | None = None,
) -> pd.DataFrame:
    """HAZ, WAZ and WHZ (unrounded) of every record, with the cleaned inputs and flags.

    Returns columns ``haz``, ``waz``, ``whz`` (NaN where not computable), ``tinggi_koreksi``
    (the corrected length/height), ``posisi`` (the position used: 1 L, 2 H, 0 unknown),
    ``flag_9bulan`` (standing before 9 months), ``flag_haz``/``flag_waz``/``flag_whz``
    (implausible, judged on z rounded to 2 decimals) and ``dinilai`` (age 0–1826 days, sex
    known)."""
    n = len(sex)
    sex = np.asarray(sex, dtype=np.int8)
    days = np.floor(np.asarray(age_days, dtype=float) + 0.5)  # round half up
    days[days < 0] = np.nan
    height = np.asarray(height_cm, dtype=float).copy()
    weight = np.asarray(weight_kg, dtype=float).copy()
    height[~(height > 0)] = np.nan
    weight[~(weight > 0)] = np.nan
    position = np.asarray(position, dtype=np.int8).copy()
    oedema = np.zeros(n, dtype=bool) if oedema is None else np.asarray(oedema, dtype=bool)

    months = days / DAYS_PER_MONTH
    flag_9 = (position == STANDING) & (months < STANDING_MIN_MONTHS)
    position[flag_9] = 0
    age_known = ~np.isnan(days)
    lying_age = age_known & (days < LYING_UNTIL_DAYS)
    clen = height + np.where(lying_age & (position == STANDING), CORRECTION_CM, 0.0)
    clen = clen - np.where(age_known & ~lying_age & (position == LYING), CORRECTION_CM, 0.0)
    used = np.where(position > 0, position, np.where(age_known, 2 - lying_age, 0))

    scored = age_known & (days <= MAX_AGE_DAYS) & (sex >= 1) & (sex <= 2)
    day_row = np.where(scored, days, 0).astype(np.int64)
    haz = _lms(clen, _rows(tables.lhfa, sex, day_row, scored))
    waz = _adjusted(weight, _rows(tables.wfa, sex, day_row, scored))
    whz_ok = (sex >= 1) & (sex <= 2) & (~age_known | scored)
    whz = _weight_for_lenhei(tables, sex, days, position, clen, weight, whz_ok)
    waz[oedema] = np.nan
    whz[oedema] = np.nan

    out = {"haz": haz, "waz": waz, "whz": whz, "tinggi_koreksi": clen}
    out |= {"posisi": used.astype(np.int8), "flag_9bulan": flag_9, "dinilai": scored}
    for name, (low, high) in FLAG_LIMITS.items():
        rounded = np.round(out[name], 2)
        out[f"flag_{name}"] = (rounded < low) | (rounded > high)
    return pd.DataFrame(out)


def score_records(tables: GrowthTables, records: pd.DataFrame) -> pd.DataFrame:
    """``compute_zscores`` of measurement records (``schema.MEASUREMENT_COLUMNS``: sex L/P,
    position L/H or empty, age in days, height, weight, oedema), index kept.

    Stored records (with ``schema.SCORE_COLUMNS``) keep the z-scores computed at import from
    the exact age: their stored age is rounded to the middle of its month, which leaves the
    month, the lying/standing rule (731 days = the first day of month 24), "standing before 9
    months" and "under 60 months" as they were, but not the z-scores of the LMS tables by day.
    The implausibility flags are judged on the stored z-scores."""
    oedema = records[s.EDEMA] if s.EDEMA in records else pd.Series(False, index=records.index)
    z = compute_zscores(
        tables,
        normalise_codes(records[s.JENIS_KELAMIN], SEX_CODES),
        records[s.UMUR_HARI].to_numpy(dtype=float),
        records[s.TINGGI_CM].to_numpy(dtype=float),
        records[s.BERAT_KG].to_numpy(dtype=float),
        normalise_codes(records[s.CARA_UKUR], POSITION_CODES),
        oedema.fillna(False).to_numpy(dtype=bool),
    )
    if all(c in records for c in s.SCORE_COLUMNS):
        for name in s.SCORE_COLUMNS:
            z[name] = records[name].to_numpy(dtype=float)
            low, high = FLAG_LIMITS[name]
            rounded = np.round(z[name].to_numpy(), 2)
            z[f"flag_{name}"] = (rounded < low) | (rounded > high)
    return z.set_axis(records.index)


def month_rounded_days(days) -> np.ndarray:
    """Ages in days rounded to the middle day of their month (``DAYS_PER_MONTH``): 0–30 → 15,
    31–60 → 46, 1796–1826 → 1811. The month, and so every age rule of WHO Anthro that goes by
    months, is unchanged; the birth date can no longer be rebuilt from the measure date."""
    months = np.floor(np.asarray(days, dtype=float) / DAYS_PER_MONTH)
    return np.floor((months + 0.5) * DAYS_PER_MONTH + 0.5)


def stored_form(tables: GrowthTables, records: pd.DataFrame) -> pd.DataFrame:
    """Measurement records as they are stored: the z-scores computed from the exact age added
    (``schema.SCORE_COLUMNS``, unless already there), then the age rounded to the middle of its
    month (``month_rounded_days``). Records whose age is already rounded stay the same."""
    if not all(c in records for c in s.SCORE_COLUMNS):
        z = score_records(tables, records)
        records = records.assign(**{c: z[c].to_numpy() for c in s.SCORE_COLUMNS})
    days = month_rounded_days(records[s.UMUR_HARI])
    return records.assign(**{s.UMUR_HARI: pd.array(days, dtype="Int64")})


# Nutritional status categories of Permenkes No. 2/2020 (lower bound inclusive, on z rounded
# to 2 decimals): (upper limit, label) per index, checked in order.
STATUS_CATEGORIES = {
    "haz": [(-3, "sangat pendek"), (-2, "pendek"), (3, "normal"), (np.inf, "tinggi")],
    "waz": [
        (-3, "berat badan sangat kurang"),
        (-2, "berat badan kurang"),
        (1, "berat badan normal"),
        (np.inf, "risiko berat badan lebih"),
    ],
    "whz": [
        (-3, "gizi buruk"),
        (-2, "gizi kurang"),
        (1, "gizi baik (normal)"),
        (2, "berisiko gizi lebih"),
        (3, "gizi lebih"),
        (np.inf, "obesitas"),
    ],
}


def status_label(index: str, z: float) -> str | None:
    """The Permenkes 2/2020 category of one z-score (``haz``, ``waz`` or ``whz``); None if
    missing. Below −3 is the first category; a value equal to a limit belongs above it, except
    the upper limits (+1, +2, +3), which belong below it."""
    if z is None or np.isnan(z):
        return None
    z = round(float(z), 2)
    for limit, label in STATUS_CATEGORIES[index]:
        if z < limit or (limit > 0 and z <= limit):
            return label
    return None
