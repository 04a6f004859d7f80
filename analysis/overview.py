"""Headline figures and the kelurahan ranking of the Ringkasan page.

A *values* frame has one row per wilayah × indicator × period of one source:
``kode_wilayah``, ``kode_indikator``, ``periode``, ``pembilang``, ``penyebut``, ``nilai``.
A *kelurahan* frame is the reference list (``kode_kelurahan``, ``kelurahan``, ``kecamatan``).
Percentages are in percent; changes are in percentage points.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis import schema as s
from analysis.aksi import Stage, current_stage
from analysis.coverage import aggregate_ratio, attach_targets
from analysis.periods import period_end, period_end_date, same_period_in_year, sort_periods
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


def resolve_period(values: pd.DataFrame, indicators: Collection[str], periode: str) -> str | None:
    """``periode`` itself when any of ``indicators`` has data in it, else the latest period with
    data that does not end after it (a yearly value never replaces the quarter asked for)."""
    present = set(values.loc[values[s.KODE_INDIKATOR].isin(indicators), s.PERIODE])
    if periode in present:
        return periode
    limit = period_end(periode)
    earlier = [p for p in sort_periods(present) if period_end(p) <= limit]
    return earlier[-1] if earlier else None


def latest_period(values: pd.DataFrame, indicator: str, upto: str | None = None) -> str | None:
    """The latest period with data for ``indicator``; with ``upto``, as ``resolve_period``."""
    if upto is not None:
        return resolve_period(values, [indicator], upto)
    periods = periods_of(values, indicator)
    return periods[-1] if periods else None


def area_ratio(values: pd.DataFrame, indicator: str, periode: str) -> Ratio | None:
    """Σpembilang ÷ Σpenyebut of ``indicator`` in ``periode`` over all rows given."""
    rows = values.loc[(values[s.KODE_INDIKATOR] == indicator) & (values[s.PERIODE] == periode)]
    rows = rows.dropna(subset=[s.PEMBILANG, s.PENYEBUT])
    if rows.empty:
        return None
    return Ratio(periode, float(rows[s.PEMBILANG].sum()), float(rows[s.PENYEBUT].sum()))


@dataclass(frozen=True)
class Change:
    """Before and after over the same wilayah: those reporting in both periods."""

    baseline: Ratio | None
    current: Ratio | None
    n_wilayah: int

    @property
    def poin(self) -> float:
        """current − baseline in percentage points (NaN without a pair)."""
        if self.baseline is None or self.current is None:
            return float("nan")
        return self.current.persen - self.baseline.persen


def change_since_baseline(
    values: pd.DataFrame, indicator: str, periode: str, baseline_year: int = BASELINE_YEAR
) -> Change:
    """``periode`` against the same period of ``baseline_year`` (see ``paired_change``)."""
    return paired_change(values, indicator, same_period_in_year(periode, baseline_year), periode)


def paired_change(values: pd.DataFrame, indicator: str, before: str, after: str) -> Change:
    """``after`` against ``before``, like with like: both ratios are pooled over the wilayah with
    counts in *both* periods, so a kelurahan that stopped (or started) reporting does not move
    the change."""
    rows = values.loc[values[s.KODE_INDIKATOR] == indicator].dropna(
        subset=[s.PEMBILANG, s.PENYEBUT]
    )
    now = rows.loc[rows[s.PERIODE] == after]
    base = rows.loc[rows[s.PERIODE] == before]
    paired = set(now[s.KODE_WILAYAH]) & set(base[s.KODE_WILAYAH])
    if not paired:
        return Change(None, None, 0)

    def pooled(frame: pd.DataFrame, period: str) -> Ratio:
        part = frame.loc[frame[s.KODE_WILAYAH].isin(paired)]
        return Ratio(period, float(part[s.PEMBILANG].sum()), float(part[s.PENYEBUT].sum()))

    return Change(pooled(base, before), pooled(now, after), len(paired))


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
            # In the baseline period itself there is no change to show.
            "perubahan": (table[s.CAKUPAN] - table["cakupan_baseline"])
            if base_period != periode
            else np.nan,
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
    # Indicators with values in the period but none with pembilang/penyebut (bare percentages
    # only): they cannot be pooled, so they are not among the counts above.
    n_hanya_persen: int = 0


def coverage_summary(
    values: pd.DataFrame, catalogue: pd.DataFrame, kelompok: str, periode: str
) -> tuple[CoverageSummary, pd.DataFrame]:
    """Area coverage (Σnum ÷ Σden over all rows given) of each ``kelompok`` indicator in ``periode``.

    The summary counts indicators with data, those with a target and those reaching it, and the
    simple means of coverage and target over the *higher-is-better indicators with a target*
    (a lower-is-better rate cannot be averaged with coverages), and the indicators left out
    because every value of theirs is a bare percentage (``n_hanya_persen``). The detail frame
    has one row per indicator with its coverage, target, gap and whether it is reached.
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
        n_hanya_persen=len(set(rows[s.KODE_INDIKATOR]) - set(detail[s.KODE_INDIKATOR])),
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
    """Every figure of the Ringkasan page for one area and period.

    ``periode`` is the period of the prevalence figures: the one asked for (``periode_diminta``)
    or, when it has no register data, the latest earlier one.
    """

    periode_diminta: str
    periode: str | None
    prevalence: Ratio | None
    n_melapor: int
    change: Change
    survey: Ratio | None
    lokus_tahun: int | None
    n_lokus: int
    n_kelurahan: int
    stage: Stage | None
    stage_error: str | None
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
    kode_kota: str,
) -> Overview:
    """The Ringkasan figures for the given kelurahan (a kecamatan or the whole city, whose
    Kemendagri code ``kode_kota`` marks its survey rows).

    ``values`` holds current values of all sources; register prevalence (e-PPGBM) is aggregated
    over the given kelurahan, survey prevalence (SSGI) is read at city level only, and coverage
    uses each indicator's primary source.
    """
    register_all = values.loc[values[s.SUMBER_DATA] == s.SUMBER_REGISTER]
    register = kelurahan_rows(register_all, kelurahan)
    period = resolve_period(register, [s.IND_STUNTING], periode)
    lokus_year, lokus_codes = lokus_for_year(lokus, tahun)
    prevalence = area_ratio(register, s.IND_STUNTING, period) if period else None
    reporting = register.loc[
        (register[s.KODE_INDIKATOR] == s.IND_STUNTING) & (register[s.PERIODE] == period)
    ].dropna(subset=[s.PEMBILANG, s.PENYEBUT])
    change = (
        change_since_baseline(register, s.IND_STUNTING, period) if period else Change(None, None, 0)
    )
    survey_rows = values.loc[
        (values[s.SUMBER_DATA] == s.SUMBER_SURVEI) & (values[s.KODE_WILAYAH] == kode_kota)
    ]
    survey_period = latest_period(survey_rows, s.IND_STUNTING, upto=str(tahun))
    survey = area_ratio(survey_rows, s.IND_STUNTING, survey_period) if survey_period else None
    coverage_rows = kelurahan_rows(primary_source_values(values, catalogue), kelurahan)
    summaries = {}
    for kelompok in ("spesifik", "sensitif"):
        codes = catalogue.loc[catalogue[s.KELOMPOK] == kelompok, s.KODE]
        group_period = resolve_period(coverage_rows, codes, periode)
        summaries[kelompok] = (
            coverage_summary(coverage_rows, catalogue, kelompok, group_period)[0]
            if group_period
            else None
        )
    ranking = rank_kelurahan(
        register_all, kelurahan, lokus_codes, s.IND_STUNTING, period or periode
    )
    rates = kelurahan_convergence(scorecard, catalogue, period or periode)
    ranking = ranking.merge(rates, on=s.KODE_KELURAHAN, how="left")
    stage, stage_error = None, None
    if not progress.empty:
        try:
            stage = current_stage(progress, frameworks, tahun, as_of=period_end_date(periode))
        except ValueError as err:
            stage_error = str(err)
    return Overview(
        periode_diminta=periode,
        periode=period,
        prevalence=prevalence,
        n_melapor=reporting[s.KODE_WILAYAH].nunique(),
        change=change,
        survey=survey,
        lokus_tahun=lokus_year,
        n_lokus=len(lokus_codes & set(kelurahan[s.KODE_KELURAHAN])),
        n_kelurahan=len(kelurahan),
        stage=stage,
        stage_error=stage_error,
        spesifik=summaries["spesifik"],
        sensitif=summaries["sensitif"],
        ranking=ranking,
        trend=trend_by_lokus(register_all, kelurahan, lokus_codes, s.IND_STUNTING),
    )


def kelurahan_convergence(
    scorecard: pd.DataFrame, catalogue: pd.DataFrame, periode: str
) -> pd.DataFrame:
    """Total tingkat konvergensi per kelurahan in ``periode``: ``kode_kelurahan``,
    ``tingkat_konvergensi`` (empty frame with those columns when there are no scores)."""
    rate = convergence_by_group(scorecard, catalogue, periode)
    rate = rate.loc[rate[s.KELOMPOK_SCORECARD] == TOTAL]
    return rate[[s.KODE_KELURAHAN, s.TINGKAT_KONVERGENSI]].reset_index(drop=True)


def convergence_by_group(
    scorecard: pd.DataFrame, catalogue: pd.DataFrame, periode: str
) -> pd.DataFrame:
    """Tingkat konvergensi per kelurahan in ``periode`` for ibu hamil, anak 0–23 bulan and total:
    ``kode_kelurahan``, ``kelompok_scorecard``, ``y``, ``t``, ``ts``, ``tingkat_konvergensi``."""
    columns = [s.KODE_KELURAHAN, s.KELOMPOK_SCORECARD, s.Y, s.T, s.TS, s.TINGKAT_KONVERGENSI]
    if scorecard.empty:
        return pd.DataFrame(columns=columns)
    scores = scorecard.loc[scorecard[s.PERIODE] == periode].merge(
        catalogue[[s.KODE, s.KELOMPOK_SCORECARD]], left_on=s.KODE_INDIKATOR, right_on=s.KODE
    )
    if scores.empty:
        return pd.DataFrame(columns=columns)
    rate = convergence_rate(scores, [s.KODE_WILAYAH])
    return rate.rename(columns={s.KODE_WILAYAH: s.KODE_KELURAHAN})[columns].reset_index(drop=True)
