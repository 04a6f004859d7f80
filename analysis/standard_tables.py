"""WHO standard tables of one measurement round (issue #25 point 2): prevalence of each
indicator by age group, by sex, by age × sex and in total, with the unweighted N, cases, %, the
95% confidence interval, and the mean and SD of the z-scores — as WHO's ``anthro`` R package
(``anthro_prevalence``, the engine of the WHO Anthro Survey Analyser) computes them for
unweighted data without clusters or strata.

Cut-offs. ``anthro_prevalence`` computes every index at −3, −2, −1, +1, +2 and +3 SD; the tables
here keep the ones WHO and UNICEF report for children under five (Recommendations for data
collection, analysis and reporting on anthropometric indicators in children under 5 years old,
2019, the Anthro Survey Analyser's summary report): HAZ < −3 and < −2 (severe stunting,
stunting); WAZ < −3 and < −2 (severe underweight, underweight) — weight-for-age is not used to
classify overweight, so no upper cut-off; WHZ < −3 and < −2 (severe wasting, wasting) and
> +1, > +2, > +3 (possible risk of overweight, overweight, obesity).

Rules, as ``anthro_prevalence``:

* children scored only (age 0–1826 days, sex known: ``analysis.zscore`` ``dinilai``);
* flagged (implausible) z-scores are left out;
* classification on z rounded to 2 decimals (``anthro_zscores`` returns them so);
* oedema: weight-for-age and weight-for-height are missing, but for the prevalence the child
  counts with z = −3.1, i.e. in the denominator and as a case below −3 and −2 SD, never above;
  the mean and SD use the z-scores without those children;
* age groups in months (age in days ÷ 30.4375): [0, 6), [6, 12), [12, 24), [24, 36), [36, 48),
  [48, 60);
* ``n``: the children with a value of the index (the unweighted N), ``kasus`` those beyond the
  cut-off, ``persen`` = 100 · kasus ÷ n;
* the 95% interval: the logit interval that ``anthro`` uses for a simple (unweighted,
  unclustered) design (``R/prevalence-simple.R``, ``logit_rate_estimate``, a fast equivalent of
  ``survey::svyciprop(method = "logit")``): with p = kasus ÷ n and N the children of the whole
  table, logit(p) ± t(0.975, N − 1) · √(N ÷ (N − 1) ÷ (n · p · (1 − p))), back-transformed;
  0% and 100% have the interval 0–0 and 100–100 (as ``anthro``);
* ``rata_z`` the mean and ``sd_z`` the sample SD (n − 1) of the z-scores in the group.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis import schema as s
from analysis.prevalence import Z95
from analysis.zscore import DAYS_PER_MONTH, SEX_CODES, normalise_codes

INDIKATOR, KELOMPOK, N, KASUS, PERSEN = "indikator", "kelompok", "n", "kasus", "persen"
CI_BAWAH, CI_ATAS, RATA_Z, SD_Z = "ci_bawah", "ci_atas", "rata_z", "sd_z"
COLUMNS = [INDIKATOR, KELOMPOK, N, KASUS, PERSEN, CI_BAWAH, CI_ATAS, RATA_Z, SD_Z]

OEDEMA_Z = -3.1  # anthro's stand-in z-score of a child with oedema (weight-based indices)
AGE_BREAKS = (0, 6, 12, 24, 36, 48, 60)  # months, each group [low, high)
AGE_GROUPS = ("0–5 bulan", "6–11 bulan", "12–23 bulan", "24–35 bulan", "36–47 bulan", "48–59 bulan")
SEXES = ("Laki-laki", "Perempuan")  # codes 1 and 2 of analysis.zscore
TOTAL = "Semua"


@dataclass(frozen=True)
class Cutoff:
    """One row family of the table: the index, the side and the cut-off."""

    nama: str
    z: str
    below: bool
    batas: float
    oedema: bool  # a weight-based index: oedema counts as z = −3.1


CUTOFFS = [
    Cutoff("TB/U < −3 SD (stunting berat)", "haz", True, -3.0, False),
    Cutoff("TB/U < −2 SD (stunting)", "haz", True, -2.0, False),
    Cutoff("BB/U < −3 SD (underweight berat)", "waz", True, -3.0, True),
    Cutoff("BB/U < −2 SD (underweight)", "waz", True, -2.0, True),
    Cutoff("BB/TB < −3 SD (wasting berat)", "whz", True, -3.0, True),
    Cutoff("BB/TB < −2 SD (wasting)", "whz", True, -2.0, True),
    Cutoff("BB/TB > +1 SD (berisiko gizi lebih)", "whz", False, 1.0, True),
    Cutoff("BB/TB > +2 SD (gizi lebih)", "whz", False, 2.0, True),
    Cutoff("BB/TB > +3 SD (obesitas)", "whz", False, 3.0, True),
]


def group_labels() -> list[str]:
    """The groups in table order: total, age groups, sexes, then age × sex."""
    both = [f"{a}, {x.lower()}" for a in AGE_GROUPS for x in SEXES]
    return [TOTAL, *AGE_GROUPS, *SEXES, *both]


def _group_codes(age_days, sex) -> np.ndarray:
    """Per child and group family (total, age, sex, age × sex) the row of ``group_labels``, −1
    where the child has no group of that family; shape (4, children)."""
    months = np.asarray(age_days, dtype=float) / DAYS_PER_MONTH
    age = np.searchsorted(AGE_BREAKS, months, side="right") - 1
    age = np.where((months >= 0) & (months < AGE_BREAKS[-1]), age, -1)
    sex = np.asarray(sex, dtype=int) - 1
    sex = np.where((sex == 0) | (sex == 1), sex, -1)
    k = len(AGE_GROUPS)
    return np.stack(
        [
            np.zeros(len(age), dtype=int),
            np.where(age >= 0, 1 + age, -1),
            np.where(sex >= 0, 1 + k + sex, -1),
            np.where((age >= 0) & (sex >= 0), 3 + k + 2 * age + sex, -1),
        ]
    )


def _sums(codes: np.ndarray, weights: np.ndarray, size: int) -> np.ndarray:
    """Σ ``weights`` per group over every family of ``codes`` (``_group_codes``)."""
    out = np.zeros(size)
    for family in codes:
        inside = family >= 0
        out += np.bincount(family[inside], weights=weights[inside], minlength=size)
    return out


def _two_sided_mass(t: float, df: int) -> float:
    """P(|T| < t) of Student's t with ``df`` degrees of freedom (Abramowitz & Stegun 26.7.3–4,
    exact for whole ``df``)."""
    theta = np.arctan(t / np.sqrt(df))
    c2, term, acc = np.cos(theta) ** 2, 1.0, 1.0
    if df % 2:
        for k in range(3, df, 2):  # 1 + (2/3)c² + (2·4)/(3·5)c⁴ + …
            term *= (k - 1) / k * c2
            acc += term
        mass = 2 / np.pi * (theta + (np.sin(theta) * np.cos(theta) * acc if df > 1 else 0.0))
        return float(mass)
    for k in range(2, df, 2):  # 1 + ½c² + (1·3)/(2·4)c⁴ + …
        term *= (k - 1) / k * c2
        acc += term
    return float(np.sin(theta) * acc)


def t975(df: int) -> float:
    """The 97.5% quantile of Student's t with ``df`` degrees of freedom: bisection on the exact
    distribution up to 30, the Cornish–Fisher expansion in the normal quantile beyond (its error
    there is below 10⁻⁶)."""
    if df > 30:
        z, v = Z95, float(df)
        return (
            z
            + (z**3 + z) / (4 * v)
            + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * v**2)
            + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / (384 * v**3)
            + (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / (92160 * v**4)
        )
    low, high = 0.0, 100.0
    for _ in range(80):
        mid = (low + high) / 2
        low, high = (mid, high) if _two_sided_mass(mid, df) < 0.95 else (low, mid)
    return (low + high) / 2


def logit_interval(cases, n, total: int) -> tuple[np.ndarray, np.ndarray]:
    """``anthro``'s 95% logit interval (percent) of ``cases``/``n`` with ``total`` children in
    the whole table (degrees of freedom ``total`` − 1); NaN where ``n`` is 0."""
    x, n = np.asarray(cases, dtype=float), np.asarray(n, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = x / n
        if total < 2:
            nan = np.full(p.shape, np.nan)
            return nan, nan
        t = t975(total - 1)
        half = t * np.sqrt(total / (total - 1) / (n * p * (1 - p)))
        logit = np.log(p / (1 - p))
        low, high = 1 / (1 + np.exp(-(logit - half))), 1 / (1 + np.exp(-(logit + half)))
    low = np.where(p == 0, 0.0, np.where(p == 1, 1.0, low))
    high = np.where(p == 0, 0.0, np.where(p == 1, 1.0, high))
    return 100 * low, 100 * high


def standard_tables(z: pd.DataFrame, sex, age_days, oedema=None) -> pd.DataFrame:
    """The standard tables (``COLUMNS``, one row per cut-off × group, groups in
    ``group_labels`` order, empty groups with n = 0) of children with z-scores ``z``
    (``analysis.zscore.compute_zscores``: ``haz``/``waz``/``whz``, their ``flag_`` columns and
    ``dinilai``), ``sex`` coded 1/2, ``age_days`` and ``oedema`` (bool) aligned with it."""
    scored = z["dinilai"].to_numpy(dtype=bool)
    codes = _group_codes(np.asarray(age_days, dtype=float)[scored], np.asarray(sex)[scored])
    oedema = (np.zeros(len(z), dtype=bool) if oedema is None else np.asarray(oedema, dtype=bool))[
        scored
    ]
    total = int(scored.sum())
    labels = group_labels()
    size = len(labels)
    parts, summaries = [], {}
    for index in ("haz", "waz", "whz"):
        value = np.round(z[index].to_numpy(dtype=float)[scored], 2)
        value[z[f"flag_{index}"].to_numpy(dtype=bool)[scored]] = np.nan
        present = ~np.isnan(value)
        n_summ = _sums(codes, present.astype(float), size)
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = _sums(codes, np.where(present, value, 0.0), size) / n_summ
            # two passes: squared deviations from the group's own mean, family by family
            squares = np.zeros(size)
            for family in codes:
                inside = (family >= 0) & present
                dev = value[inside] - mean[family[inside]]
                squares += np.bincount(family[inside], weights=dev * dev, minlength=size)
            sd = np.sqrt(squares / (n_summ - 1))
        sd[n_summ < 2] = np.nan
        summaries[index] = (mean, sd)
    for c in CUTOFFS:
        value = np.round(z[c.z].to_numpy(dtype=float)[scored], 2)
        value[z[f"flag_{c.z}"].to_numpy(dtype=bool)[scored]] = np.nan
        if c.oedema:
            value[oedema] = OEDEMA_Z
        present = ~np.isnan(value)
        case = present & ((value < c.batas) if c.below else (value > c.batas))
        n = _sums(codes, present.astype(float), size)
        cases = _sums(codes, case.astype(float), size)
        low, high = logit_interval(cases, n, total)
        with np.errstate(invalid="ignore", divide="ignore"):
            percent = 100 * cases / n
        mean, sd = summaries[c.z]
        parts.append(
            pd.DataFrame(
                {
                    INDIKATOR: c.nama,
                    KELOMPOK: labels,
                    N: n.astype("int64"),
                    KASUS: cases.astype("int64"),
                    PERSEN: percent,
                    CI_BAWAH: low,
                    CI_ATAS: high,
                    RATA_Z: mean,
                    SD_Z: sd,
                }
            )
        )
    return pd.concat(parts, ignore_index=True)[COLUMNS]


def round_standard_tables(records: pd.DataFrame, z: pd.DataFrame) -> pd.DataFrame:
    """``standard_tables`` of measurement records (``schema.MEASUREMENT_COLUMNS``: sex L/P,
    age in days, oedema) and their z-scores ``z`` (same index)."""
    oedema = (
        records[s.EDEMA].fillna(False).to_numpy(dtype=bool)
        if s.EDEMA in records
        else np.zeros(len(records), dtype=bool)
    )
    return standard_tables(
        z,
        normalise_codes(records[s.JENIS_KELAMIN], SEX_CODES),
        records[s.UMUR_HARI].to_numpy(dtype=float),
        oedema,
    )
