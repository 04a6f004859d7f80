"""A SMART-style plausibility report of one measurement round (issue #25 point 1): each check's
value, its band (sangat baik / baik / cukup / bermasalah) and penalty points, and the total
score with its verdict.

The checks and their statistics follow the SMART Plausibility Check (SMART Manual 2.0, 2017;
the same thresholds as nutriverse/mwana's ``quality_raters``): WHZ outside ±3 of the survey's
own mean (SMART flags) as a percentage of the WHO-plausible WHZ; the SD of WHZ after SMART flags
(rated on its distance from 1); the sex ratio against 1:1 (exact two-sided binomial test); the
age ratio of 6–29 to 30–59 months against 0.85 (χ² test, one degree of freedom); the digit
preference score of weight and of height (``analysis.measure_quality``, rounded to a whole
number as ENA prints it); the skewness and (excess) kurtosis of WHZ after SMART flags, rated on
their absolute value. The SD of HAZ and WAZ are banded but, as in SMART, not scored.

The thresholds are data (``data/reference/plausibilitas.csv``): per check the comparison
(``<=``, ``<`` or ``>``), the limits of the first three bands and the points of all four; a
check's name may hold ``{rasio}``, which ``text.standard.check_name`` writes as ``AGE_RATIO``. Below
``MIN_CHILDREN`` children the score is not meaningful: each check keeps its value, but no band,
no points and no total are given (a band of five children would read as a finding).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis import schema as s
from analysis.measure_quality import age_months, digit_preference_score, terminal_digits

BANDS = ("sangat baik", "baik", "cukup", "bermasalah")
MIN_CHILDREN = 100
AGE_RATIO = 0.85  # expected children 6–29 months per child 30–59 months (SMART)
TOTAL = "total"
UJI, NAMA, NILAI, PENILAIAN, POIN = "uji", "nama", "nilai", "penilaian", "poin"


def smart_flags(whz) -> np.ndarray:
    """WHZ more than 3 from the mean of the values given (NaN never flagged)."""
    x = np.asarray(whz, dtype=float)
    return np.abs(x - np.nanmean(x)) > 3 if np.isfinite(x).any() else np.zeros(len(x), bool)


def skewness_kurtosis(values) -> tuple[float, float]:
    """Moment skewness m3/m2^1.5 and excess kurtosis m4/m2² − 3 (population moments)."""
    x = np.asarray(values, dtype=float)
    x = x[~np.isnan(x)]
    if len(x) < 3:
        return float("nan"), float("nan")
    d = x - x.mean()
    m2, m3, m4 = (np.mean(d**k) for k in (2, 3, 4))
    if m2 == 0:  # no spread: neither is defined
        return float("nan"), float("nan")
    return float(m3 / m2**1.5), float(m4 / m2**2 - 3)


def binomial_half_p(k: int, n: int) -> float:
    """Exact two-sided p of ``k`` successes in ``n`` trials against probability ½."""
    if n == 0:
        return float("nan")
    m = min(k, n - k)
    i = np.arange(m + 1, dtype=float)
    # log C(n, i) by the recurrence C(n, i+1) = C(n, i)·(n−i)/(i+1), summed in log space
    log_c = np.concatenate([[0.0], np.cumsum(np.log((n - i[:-1]) / (i[:-1] + 1)))])
    log_tail = np.logaddexp.reduce(log_c) - n * math.log(2)
    return float(min(1.0, 2 * math.exp(log_tail)))


def chi2_one_df_p(observed: tuple[float, float], expected_share: float) -> float:
    """p of the χ² test (1 df, no continuity correction) of two counts against a share."""
    n = sum(observed)
    if n == 0:
        return float("nan")
    expected = (n * expected_share, n * (1 - expected_share))
    chi2 = sum((o - e) ** 2 / e for o, e in zip(observed, expected, strict=True))
    return math.erfc(math.sqrt(chi2 / 2))


def statistics(
    z: pd.DataFrame, sex, age_months, weight_kg, height_cm
) -> tuple[int, dict[str, float]]:
    """(children, the value of every check) of one round: ``z`` has ``whz``, ``haz``, ``waz``
    and WHO ``flag_`` columns; ``sex`` is ``L``/``P``; ages in months."""
    whz = z["whz"].where(~z["flag_whz"]).to_numpy(dtype=float)
    valid = ~np.isnan(whz)
    smart = smart_flags(whz)
    kept = whz[valid & ~smart]
    skew, kurt = skewness_kurtosis(kept)
    sex = pd.Series(sex).to_numpy()
    boys, girls = int((sex == "L").sum()), int((sex == "P").sum())
    age = np.asarray(age_months, dtype=float)
    young, old = int(((age >= 6) & (age < 30)).sum()), int(((age >= 30) & (age < 60)).sum())

    def sd(name: str) -> float:
        x = z[name].where(~z[f"flag_{name}"]).dropna()
        return float(abs(x.std(ddof=1) - 1)) if len(x) > 1 else float("nan")

    values = {
        "flag_whz": 100 * smart.sum() / valid.sum() if valid.any() else float("nan"),
        "sd_whz": float(abs(np.std(kept, ddof=1) - 1)) if len(kept) > 1 else float("nan"),
        "rasio_jenis_kelamin": binomial_half_p(boys, boys + girls),
        "rasio_umur": chi2_one_df_p((young, old), AGE_RATIO / (1 + AGE_RATIO)),
        "dps_berat": float(round(digit_preference_score(terminal_digits(weight_kg)))),
        "dps_tinggi": float(round(digit_preference_score(terminal_digits(height_cm)))),
        "kemencengan_whz": abs(skew),
        "keruncingan_whz": abs(kurt),
        "sd_haz": sd("haz"),
        "sd_waz": sd("waz"),
    }
    return len(z), values


def band(value: float, comparison: str, limits: tuple[float, float, float]) -> int | None:
    """The band (0 = sangat baik … 3 = bermasalah) of ``value``; None when it is missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    passes = {
        "<=": lambda limit: value <= limit,
        "<": lambda limit: value < limit,
        ">": lambda limit: value > limit,
    }[comparison]
    return next((i for i, limit in enumerate(limits) if passes(limit)), 3)


@dataclass(frozen=True)
class Plausibility:
    """The report: one row per check (``uji``, ``nama``, ``nilai``, ``penilaian``, ``poin``),
    the children counted, and the total with its verdict — below ``MIN_CHILDREN`` the total and
    verdict are None and every check has its value only (``penilaian`` "", ``poin`` missing)."""

    table: pd.DataFrame
    children: int
    total: int | None
    verdict: str | None

    @property
    def meaningful(self) -> bool:
        return self.total is not None


def plausibility(children: int, values: dict[str, float], criteria: pd.DataFrame) -> Plausibility:
    """Band and score ``values`` (``statistics``) by ``criteria`` (the typed
    ``plausibilitas.csv``); below ``MIN_CHILDREN`` children the values only."""
    small = children < MIN_CHILDREN
    rows = []
    for c in criteria.loc[criteria[UJI] != TOTAL].itertuples(index=False):
        limits = (c.batas_sangat_baik, c.batas_baik, c.batas_cukup)
        points = (c.poin_sangat_baik, c.poin_baik, c.poin_cukup, c.poin_bermasalah)
        found = None if small else band(values.get(c.uji, float("nan")), c.banding, limits)
        rows.append(
            {
                UJI: c.uji,
                NAMA: c.nama,
                NILAI: values.get(c.uji, float("nan")),
                PENILAIAN: BANDS[found] if found is not None else "",
                POIN: None if small else int(points[found]) if found is not None else 0,
            }
        )
    table = pd.DataFrame(rows, columns=[UJI, NAMA, NILAI, PENILAIAN, POIN]).astype({POIN: "Int64"})
    if small:
        return Plausibility(table, children, None, None)
    total = int(table[POIN].sum())
    rule = criteria.loc[criteria[UJI] == TOTAL].iloc[0]
    limits = (rule.batas_sangat_baik, rule.batas_baik, rule.batas_cukup)
    return Plausibility(table, children, total, BANDS[band(float(total), rule.banding, limits)])


def round_plausibility(
    records: pd.DataFrame, z: pd.DataFrame, criteria: pd.DataFrame
) -> Plausibility | None:
    """The report of a set of measurement records (``schema.MEASUREMENT_COLUMNS``) and their
    z-scores (same index), children scored (age 0–59 months, sex known) only; None when the
    reference folder has no thresholds."""
    if criteria.empty:
        return None
    scored = z["dinilai"].to_numpy(dtype=bool)
    rec, zs = records.loc[scored], z.loc[scored]
    children, values = statistics(
        zs,
        rec[s.JENIS_KELAMIN],
        age_months(rec[s.UMUR_HARI]),
        rec[s.BERAT_KG],
        rec[s.TINGGI_CM],
    )
    return plausibility(children, values, criteria)
