"""Coverage of measurement: children measured in a weighing round ÷ target children (sasaran
balita), per wilayah — how far a prevalence recomputed from the records can be trusted.

*Measured* are the distinct records of the round that can be scored (age 0–59 months,
``dinilai`` of ``analysis.zscore``) of each kelurahan; duplicates are removed at import. The
*sasaran* is read from the indicator values: the value of ``SAS06`` "Jumlah balita sasaran (S)"
(``nilai``, else ``pembilang``) or, for a kelurahan without it, the denominator (S) of ``SKD01``
"Balita ditimbang (D/S)". Its period is the indicator period containing the weighing month
(``2025`` or ``2025-Q3`` or ``2025-08`` for ``2025-08``); when several do, the shortest (the
most specific) is used. A kelurahan without either has no coverage — never an invented one.

Kecamatan and city coverage is Σ measured ÷ Σ sasaran over their kelurahan that were measured or
have a sasaran; it is left out (NaN, ``tanpa_sasaran`` > 0) when any measured kelurahan among
them has no sasaran, as the ratio would then count children without their target.

Bands (percent, thresholds from the settings): below ``waspada`` "rendah", from ``percaya`` up
to 100% "terpercaya", above 100% "melebihi" (more children than the sasaran: the sasaran or
the records need checking), otherwise "sedang"; "tanpa_sasaran" when there is none.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis import schema as s
from analysis.attainment import KELURAHAN
from analysis.periods import is_period, parse_period, period_end
from analysis.prevalence import wilayah_of_level
from analysis.region import Region

KODE_SASARAN = "SAS06"
KODE_DS = "SKD01"  # D/S: its denominator S is the sasaran of the posyandu weighing
DIUKUR, SASARAN, CAKUPAN_UKUR = "diukur", "sasaran", "cakupan_ukur"
PITA, TANPA_SASARAN, SASARAN_DS = "pita", "tanpa_sasaran", "sasaran_ds"
KODE_SUMBER, PERIODE_SASARAN = "kode_sasaran", "periode_sasaran"
RENDAH, SEDANG, TERPERCAYA, MELEBIHI, TIDAK_ADA = (
    "rendah",
    "sedang",
    "terpercaya",
    "melebihi",
    "tanpa_sasaran",
)
SASARAN_COLUMNS = [s.KODE_WILAYAH, SASARAN, KODE_SUMBER, PERIODE_SASARAN, s.SUMBER_DATA]
COVERAGE_COLUMNS = [
    s.KODE_WILAYAH,
    "wilayah",
    DIUKUR,
    SASARAN,
    CAKUPAN_UKUR,
    PITA,
    TANPA_SASARAN,
    SASARAN_DS,
]


def contains_month(periode: str, bulan: str) -> bool:
    """Whether indicator period ``periode`` (year, semester, quarter or month) contains the
    weighing month ``bulan`` ('YYYY-MM'); False for a text that is not a period."""
    if not is_period(periode):
        return False
    p, m = parse_period(periode), parse_period(bulan)
    return p.year == m.year and p.start_month <= m.start_month <= p.end_month


def sasaran_for_month(values: pd.DataFrame, bulan: str) -> pd.DataFrame:
    """The sasaran balita of each wilayah for weighing month ``bulan``.

    ``values`` holds indicator values (``kode_wilayah``, ``kode_indikator``, ``periode``,
    ``sumber_data``, ``pembilang``, ``penyebut``, ``nilai``). Returns ``SASARAN_COLUMNS``: one
    row per wilayah with a positive sasaran, ``SAS06`` preferred over ``SKD01``'s denominator,
    then the shortest period, then the source code in alphabetical order (deterministic)."""
    rows = values.loc[values[s.KODE_INDIKATOR].isin([KODE_SASARAN, KODE_DS])]
    rows = rows.loc[[contains_month(p, bulan) for p in rows[s.PERIODE]]]
    if rows.empty:
        return pd.DataFrame(columns=SASARAN_COLUMNS)
    own = rows[s.NILAI].astype(float).fillna(rows[s.PEMBILANG].astype(float))
    amount = np.where(rows[s.KODE_INDIKATOR] == KODE_SASARAN, own, rows[s.PENYEBUT].astype(float))
    length = [parse_period(p).end_month - parse_period(p).start_month for p in rows[s.PERIODE]]
    picked = (
        rows.assign(
            **{SASARAN: amount, KODE_SUMBER: rows[s.KODE_INDIKATOR]},
            _kind=(rows[s.KODE_INDIKATOR] != KODE_SASARAN).astype(int),
            _length=length,
        )
        .rename(columns={s.PERIODE: PERIODE_SASARAN})
        .loc[lambda f: f[SASARAN] > 0]
        .sort_values([s.KODE_WILAYAH, "_kind", "_length", s.SUMBER_DATA], kind="stable")
        .drop_duplicates(s.KODE_WILAYAH)
    )
    return picked[SASARAN_COLUMNS].reset_index(drop=True)


def measured_per_kelurahan(records: pd.DataFrame, scored: pd.Series) -> pd.Series:
    """Children measured per kelurahan code: the records (``kode_wilayah``) whose ``scored``
    flag (aligned bool Series, e.g. ``dinilai``) is true."""
    mask = np.asarray(scored, dtype=bool)
    return records.loc[mask].groupby(s.KODE_WILAYAH).size().rename(DIUKUR)


def band(persen: float, waspada: float, percaya: float) -> str:
    """The band of a coverage in percent (see the module docstring)."""
    if persen is None or np.isnan(persen):
        return TIDAK_ADA
    if persen > 100:
        return MELEBIHI
    if persen >= percaya:
        return TERPERCAYA
    return RENDAH if persen < waspada else SEDANG


def measurement_coverage(
    measured: pd.Series,
    sasaran: pd.DataFrame,
    area: pd.DataFrame,
    level: str,
    waspada: float,
    percaya: float,
    region: Region | None = None,
) -> pd.DataFrame:
    """Coverage of measurement per wilayah of ``level`` (``analysis.attainment`` levels;
    ``region``, the kabupaten/kota, for ``KOTA``).

    ``measured`` comes from ``measured_per_kelurahan``, ``sasaran`` from ``sasaran_for_month``,
    ``area`` is the kelurahan reference of the area in view. Returns ``COVERAGE_COLUMNS`` for
    every wilayah with a measured child or a sasaran: ``cakupan_ukur`` in percent (NaN without
    a complete sasaran), ``pita`` its band, ``tanpa_sasaran`` the measured kelurahan without a
    sasaran and ``sasaran_ds`` the kelurahan whose sasaran is D/S's S rather than SAS06 (said
    beside the figure, so the two are never summed silently)."""
    places = wilayah_of_level(area, level, region)
    by_code = sasaran.set_index(s.KODE_WILAYAH) if len(sasaran) else None
    target = by_code[SASARAN] if by_code is not None else pd.Series(dtype=float)
    from_ds = (
        by_code[KODE_SUMBER] == KODE_DS
        if by_code is not None and KODE_SUMBER in by_code
        else pd.Series(dtype=bool)
    )
    kel = places.assign(
        **{
            DIUKUR: places[s.KODE_KELURAHAN].map(measured).fillna(0).astype("int64"),
            SASARAN: places[s.KODE_KELURAHAN].map(target).astype(float),
            SASARAN_DS: places[s.KODE_KELURAHAN].map(from_ds).eq(True),
        }
    )
    kel = kel.loc[(kel[DIUKUR] > 0) | kel[SASARAN].notna()]
    kel = kel.assign(**{TANPA_SASARAN: (kel[DIUKUR] > 0) & kel[SASARAN].isna()})
    if kel.empty:
        return pd.DataFrame(columns=COVERAGE_COLUMNS)
    sums = (
        kel.groupby([s.KODE_WILAYAH, "wilayah"], sort=True)[
            [DIUKUR, SASARAN, TANPA_SASARAN, SASARAN_DS]
        ]
        .sum(min_count=1)
        .reset_index()
    )
    for column in (TANPA_SASARAN, SASARAN_DS):
        sums[column] = sums[column].fillna(0).astype("int64")
    sums[DIUKUR] = sums[DIUKUR].astype("int64")
    complete = (sums[TANPA_SASARAN] == 0) & (sums[SASARAN] > 0)
    sums[SASARAN] = sums[SASARAN].where(complete)  # a partial sum is no one's sasaran
    ratio = sums[DIUKUR] / sums[SASARAN] * 100
    sums[CAKUPAN_UKUR] = ratio
    sums[PITA] = [band(v, waspada, percaya) for v in ratio]
    return sums[COVERAGE_COLUMNS]


def month_in_view(months: list[str], periode: str) -> str | None:
    """The latest weighing month of ``months`` ('YYYY-MM') that has ended by the end of the
    indicator period ``periode`` in view (``2025-Q3`` → up to ``2025-09``), or None."""
    limit = period_end(periode)
    done = [m for m in months if period_end(m) <= limit]
    return max(done, key=period_end) if done else None


@dataclass(frozen=True)
class KelurahanMonth:
    """One kelurahan's latest weighing month in view: its stunting cases and valid records
    (recomputed) and its coverage-of-measurement row (``COVERAGE_COLUMNS``)."""

    bulan: str
    kasus: int
    valid: int
    coverage: pd.Series


def kelurahan_month(  # noqa: PLR0913 - the frames of one scored read, the values and the bands
    records: pd.DataFrame,
    z: pd.DataFrame,
    flags: pd.DataFrame,
    values: pd.DataFrame,
    area: pd.DataFrame,
    periode: str,
    waspada: float,
    percaya: float,
) -> KelurahanMonth | None:
    """The latest weighing month ended by ``periode`` of the one kelurahan in ``area``: stunting
    recomputed from its records and the coverage of measurement; None without records."""
    mine = records[s.KODE_WILAYAH].isin(area[s.KODE_KELURAHAN])
    bulan = month_in_view(sorted(records.loc[mine, s.PERIODE].unique()), periode)
    if bulan is None:
        return None
    rows = mine & (records[s.PERIODE] == bulan)
    cov = measurement_coverage(
        measured_per_kelurahan(records.loc[rows], z.loc[rows, "dinilai"]),
        sasaran_for_month(values, bulan),
        area,
        KELURAHAN,
        waspada,
        percaya,
    )
    kasus = int(flags.loc[rows, f"kasus_{s.IND_STUNTING}"].sum())
    valid = int(flags.loc[rows, f"valid_{s.IND_STUNTING}"].sum())
    return KelurahanMonth(bulan, kasus, valid, cov.iloc[0])
