"""Headline figures and the kelurahan ranking of the Ringkasan page.

A *values* frame has one row per wilayah × indicator × period of one source:
``kode_wilayah``, ``kode_indikator``, ``periode``, ``pembilang``, ``penyebut``, ``nilai``.
A *kelurahan* frame is the reference list (``kode_kelurahan``, ``kelurahan``, ``kecamatan``).
Percentages are in percent; changes are in percentage points.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis import schema as s
from analysis.aksi import Stage, current_stage
from analysis.coverage import aggregate_ratio, attach_targets
from analysis.periods import period_end, same_period_in_year, sort_periods
from analysis.scorecard import TOTAL, convergence_rate

BASELINE_YEAR = 2022
LOKUS_LABEL = "Lokus"
NON_LOKUS_LABEL = "Bukan lokus"
ALL_LABEL = "Semua kelurahan"
GROUP = "kelompok_wilayah"
RANKING_COLUMNS = [
    s.PERINGKAT,
    s.KODE_KELURAHAN,
    s.KELURAHAN,
    s.KECAMATAN,
    s.LOKUS,
    s.PEMBILANG,
    s.PENYEBUT,
    s.CAKUPAN,
    "cakupan_baseline",
    "perubahan",
]


@dataclass(frozen=True)
class Ratio:
    """An aggregated percentage with the counts it was computed from."""

    periode: str
    pembilang: float
    penyebut: float

    @property
    def persen(self) -> float:
        return self.pembilang / self.penyebut * 100 if self.penyebut > 0 else float("nan")


def kelurahan_rows(values: pd.DataFrame, kelurahan: pd.DataFrame) -> pd.DataFrame:
    """Values of the listed kelurahan only, with ``kelurahan`` and ``kecamatan`` attached."""
    ref = kelurahan[[s.KODE_KELURAHAN, s.KELURAHAN, s.KECAMATAN]]
    return values.merge(ref, left_on=s.KODE_WILAYAH, right_on=s.KODE_KELURAHAN, how="inner")


def periods_of(values: pd.DataFrame, indicator: str) -> list[str]:
    """The periods that hold data for ``indicator``, in chronological order."""
    return sort_periods(values.loc[values[s.KODE_INDIKATOR] == indicator, s.PERIODE].unique())


def latest_period(values: pd.DataFrame, indicator: str, upto: str | None = None) -> str | None:
    """The latest period with data for ``indicator``, not ending after ``upto`` when given."""
    periods = periods_of(values, indicator)
    if upto is not None:
        limit = period_end(upto)
        periods = [p for p in periods if period_end(p) <= limit]
    return periods[-1] if periods else None


def area_ratio(values: pd.DataFrame, indicator: str, periode: str) -> Ratio | None:
    """Σpembilang ÷ Σpenyebut of ``indicator`` in ``periode`` over all rows given."""
    rows = values.loc[(values[s.KODE_INDIKATOR] == indicator) & (values[s.PERIODE] == periode)]
    rows = rows.dropna(subset=[s.PEMBILANG, s.PENYEBUT])
    if rows.empty:
        return None
    return Ratio(periode, float(rows[s.PEMBILANG].sum()), float(rows[s.PENYEBUT].sum()))


def change_since_baseline(
    values: pd.DataFrame, indicator: str, periode: str, baseline_year: int = BASELINE_YEAR
) -> tuple[Ratio | None, float]:
    """The same period of the baseline year and the change to ``periode`` in percentage points."""
    now = area_ratio(values, indicator, periode)
    base = area_ratio(values, indicator, same_period_in_year(periode, baseline_year))
    if now is None or base is None:
        return base, float("nan")
    return base, now.persen - base.persen


def rank_kelurahan(
    values: pd.DataFrame,
    kelurahan: pd.DataFrame,
    lokus_codes: set[str],
    indicator: str,
    periode: str,
    baseline_year: int = BASELINE_YEAR,
) -> pd.DataFrame:
    """Kelurahan ranked from the highest ``indicator`` value in ``periode`` (1 = highest).

    Columns: ``peringkat``, ``kode_kelurahan``, ``kelurahan``, ``kecamatan``, ``lokus``,
    ``pembilang``, ``penyebut``, ``cakupan``, ``cakupan_baseline``, ``perubahan``. Kelurahan
    without data come last with NaN values and no rank.
    """
    rows = kelurahan_rows(values.loc[values[s.KODE_INDIKATOR] == indicator], kelurahan)
    base_period = same_period_in_year(periode, baseline_year)
    now = aggregate_ratio(rows.loc[rows[s.PERIODE] == periode], [s.KODE_KELURAHAN])
    base = aggregate_ratio(rows.loc[rows[s.PERIODE] == base_period], [s.KODE_KELURAHAN])
    table = (
        kelurahan[[s.KODE_KELURAHAN, s.KELURAHAN, s.KECAMATAN]]
        .merge(now[[s.KODE_KELURAHAN, s.PEMBILANG, s.PENYEBUT, s.CAKUPAN]], how="left")
        .merge(
            base[[s.KODE_KELURAHAN, s.CAKUPAN]].rename(columns={s.CAKUPAN: "cakupan_baseline"}),
            how="left",
        )
    )
    table = table.assign(
        **{
            s.LOKUS: table[s.KODE_KELURAHAN].isin(lokus_codes),
            "perubahan": table[s.CAKUPAN] - table["cakupan_baseline"],
        }
    ).sort_values([s.CAKUPAN, s.KELURAHAN], ascending=[False, True], na_position="last")
    ranks = table[s.CAKUPAN].rank(method="min", ascending=False)
    table = table.assign(**{s.PERINGKAT: ranks.astype("Int64")})
    return table[RANKING_COLUMNS].reset_index(drop=True)


def trend_by_lokus(
    values: pd.DataFrame, kelurahan: pd.DataFrame, lokus_codes: set[str], indicator: str
) -> pd.DataFrame:
    """Per period, Σpembilang ÷ Σpenyebut for lokus, non-lokus and all kelurahan given.

    Columns: ``periode``, ``kelompok_wilayah``, ``pembilang``, ``penyebut``, ``cakupan``; periods
    in chronological order.
    """
    rows = kelurahan_rows(values.loc[values[s.KODE_INDIKATOR] == indicator], kelurahan)
    rows = rows.assign(
        **{GROUP: np.where(rows[s.KODE_WILAYAH].isin(lokus_codes), LOKUS_LABEL, NON_LOKUS_LABEL)}
    )
    groups = aggregate_ratio(rows, [s.PERIODE, GROUP])
    total = aggregate_ratio(rows, [s.PERIODE]).assign(**{GROUP: ALL_LABEL})
    out = pd.concat([groups, total], ignore_index=True)
    order = {p: i for i, p in enumerate(sort_periods(out[s.PERIODE].unique()))}
    out = out.assign(_o=out[s.PERIODE].map(order)).sort_values(["_o", GROUP])
    return out[[s.PERIODE, GROUP, s.PEMBILANG, s.PENYEBUT, s.CAKUPAN]].reset_index(drop=True)


@dataclass(frozen=True)
class CoverageSummary:
    """Coverage of one indicator group against its targets in one period."""

    kelompok: str
    periode: str
    n_indikator: int
    n_bertarget: int
    n_tercapai: int
    rata_cakupan: float
    rata_target: float


def coverage_summary(
    values: pd.DataFrame, catalogue: pd.DataFrame, kelompok: str, periode: str
) -> tuple[CoverageSummary, pd.DataFrame]:
    """Area coverage (Σnum ÷ Σden over all rows given) of each ``kelompok`` indicator in ``periode``.

    The summary counts indicators with data, those with a target and those reaching it, and the
    simple means of coverage and target over the *higher-is-better indicators with a target*
    (a lower-is-better rate cannot be averaged with coverages). The detail frame has one row per
    indicator with its coverage, target, gap and whether it is reached.
    """
    codes = catalogue.loc[catalogue[s.KELOMPOK] == kelompok, s.KODE]
    rows = values.loc[values[s.KODE_INDIKATOR].isin(codes) & (values[s.PERIODE] == periode)]
    detail = attach_targets(aggregate_ratio(rows, [s.KODE_INDIKATOR]), catalogue)
    with_target = detail.loc[detail[s.TARGET].notna()]
    higher = with_target.loc[
        (with_target[s.ARAH] == s.ARAH_TINGGI_BAIK) & with_target[s.CAKUPAN].notna()
    ]
    summary = CoverageSummary(
        kelompok=kelompok,
        periode=periode,
        n_indikator=len(detail),
        n_bertarget=len(with_target),
        n_tercapai=int(with_target[s.TERCAPAI].sum()),
        rata_cakupan=float(higher[s.CAKUPAN].mean()) if len(higher) else float("nan"),
        rata_target=float(higher[s.TARGET].mean()) if len(higher) else float("nan"),
    )
    return summary, detail


def primary_source_values(values: pd.DataFrame, catalogue: pd.DataFrame) -> pd.DataFrame:
    """Rows whose source is the catalogue's ``sumber_data`` of their indicator, so that one
    indicator never mixes sources."""
    primary = catalogue[[s.KODE, s.SUMBER_DATA]].rename(
        columns={s.KODE: s.KODE_INDIKATOR, s.SUMBER_DATA: "_primary"}
    )
    merged = values.merge(primary, on=s.KODE_INDIKATOR, how="inner")
    return merged.loc[merged[s.SUMBER_DATA] == merged["_primary"]].drop(columns="_primary")


def lokus_for_year(lokus: pd.DataFrame, tahun: int) -> tuple[int | None, set[str]]:
    """The lokus in force in ``tahun``: those set for the latest year ≤ ``tahun``."""
    years = sorted(y for y in lokus[s.TAHUN].unique() if y <= tahun)
    if not years:
        return None, set()
    year = int(years[-1])
    return year, set(lokus.loc[lokus[s.TAHUN] == year, s.KODE_KELURAHAN])


@dataclass(frozen=True)
class Overview:
    """Every figure of the Ringkasan page for one area and period."""

    periode: str | None
    prevalence: Ratio | None
    baseline: Ratio | None
    change: float
    survey: Ratio | None
    lokus_tahun: int | None
    n_lokus: int
    n_kelurahan: int
    stage: Stage | None
    spesifik: CoverageSummary | None
    sensitif: CoverageSummary | None
    ranking: pd.DataFrame
    trend: pd.DataFrame


def build_overview(
    values: pd.DataFrame,
    scorecard: pd.DataFrame,
    kelurahan: pd.DataFrame,
    lokus: pd.DataFrame,
    catalogue: pd.DataFrame,
    progress: pd.DataFrame,
    frameworks: pd.DataFrame,
    tahun: int,
    periode: str,
) -> Overview:
    """The Ringkasan figures for the given kelurahan (a kecamatan or the whole city).

    ``values`` holds current values of all sources; register prevalence (e-PPGBM) is aggregated
    over the given kelurahan, survey prevalence (SSGI) is read at city level only, and coverage
    uses each indicator's primary source.
    """
    register_all = values.loc[values[s.SUMBER_DATA] == s.SUMBER_REGISTER]
    register = kelurahan_rows(register_all, kelurahan)
    period = latest_period(register, s.IND_STUNTING, upto=periode)
    lokus_year, lokus_codes = lokus_for_year(lokus, tahun)
    prevalence = area_ratio(register, s.IND_STUNTING, period) if period else None
    baseline, change = (
        change_since_baseline(register, s.IND_STUNTING, period) if period else (None, float("nan"))
    )
    survey_rows = values.loc[
        (values[s.SUMBER_DATA] == s.SUMBER_SURVEI) & (values[s.KODE_WILAYAH] == s.KODE_KOTA)
    ]
    survey_period = latest_period(survey_rows, s.IND_STUNTING, upto=str(tahun))
    survey = area_ratio(survey_rows, s.IND_STUNTING, survey_period) if survey_period else None
    coverage_rows = kelurahan_rows(primary_source_values(values, catalogue), kelurahan)
    spesifik = sensitif = None
    ranking = rank_kelurahan(
        register_all, kelurahan, lokus_codes, s.IND_STUNTING, period or periode
    )
    if period:
        spesifik, _ = coverage_summary(coverage_rows, catalogue, "spesifik", period)
        sensitif, _ = coverage_summary(coverage_rows, catalogue, "sensitif", period)
        if not scorecard.empty:
            sc = scorecard.loc[scorecard[s.PERIODE] == period].merge(
                catalogue[[s.KODE, s.KELOMPOK_SCORECARD]],
                left_on=s.KODE_INDIKATOR,
                right_on=s.KODE,
                how="inner",
            )
            rate = convergence_rate(sc, [s.KODE_WILAYAH])
            rate = rate.loc[
                rate[s.KELOMPOK_SCORECARD] == TOTAL, [s.KODE_WILAYAH, s.TINGKAT_KONVERGENSI]
            ]
            ranking = ranking.merge(
                rate.rename(columns={s.KODE_WILAYAH: s.KODE_KELURAHAN}), how="left"
            )
    if s.TINGKAT_KONVERGENSI not in ranking.columns:
        ranking = ranking.assign(**{s.TINGKAT_KONVERGENSI: np.nan})
    return Overview(
        periode=period,
        prevalence=prevalence,
        baseline=baseline,
        change=change,
        survey=survey,
        lokus_tahun=lokus_year,
        n_lokus=len(lokus_codes & set(kelurahan[s.KODE_KELURAHAN])),
        n_kelurahan=len(kelurahan),
        stage=current_stage(progress, frameworks, tahun) if not progress.empty else None,
        spesifik=spesifik,
        sensitif=sensitif,
        ranking=ranking,
        trend=trend_by_lokus(register_all, kelurahan, lokus_codes, s.IND_STUNTING),
    )
