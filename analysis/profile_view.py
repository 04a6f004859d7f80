"""The Profil Kelurahan page's view object: everything the page shows about one kelurahan in
one period (prevalence against the city, change since the baseline, priority rank, indeks
and tingkat konvergensi, reasons, alerts, scorecard groups, indicators and trend), computed
from the frames the page loads (no Streamlit, no I/O). The page only formats and draws it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from analysis import schema as s
from analysis.alerts import alerts
from analysis.attainment import convergence_index, of_period, region_label
from analysis.change import MIN_POINTS
from analysis.jumps import change_series, source_changes, to_check
from analysis.overview import (
    Change,
    change_since_baseline,
    convergence_by_group,
    resolve_period,
)
from analysis.region import Region
from analysis.situation import priority_scores, reasons_table, shortfalls
from analysis.trends import area_trend, stunting_composition

REASONS = 5  # shortfalls listed as reasons


@dataclass(frozen=True)
class ProfileView:
    """One kelurahan in ``periode`` (the period asked for, or the latest earlier one with a
    stunting value). Ratios are percentages; NaN where there is no data."""

    kode: str
    nama: str
    kecamatan: str
    periode: str
    mine: pd.DataFrame  # the kelurahan's coverage rows of ``periode``
    city: pd.DataFrame  # the city's coverage rows of ``periode``
    prevalence: float  # its stunting coverage
    pembilang: float  # Σ stunting counts (0 without data)
    penyebut: float
    kota: float  # the city's stunting coverage
    kota_nama: str  # the kabupaten/kota's name, as its rows and trend line are labelled
    change: float  # points since the same period of the baseline year
    change_counts: Change  # the counts behind ``change`` (its verdict: analysis.change)
    to_check: pd.DataFrame  # jumps.to_check: its flagged changes from the previous round
    rank: int  # priority rank, 1 = highest priority
    n_scored: int  # kelurahan ranked
    score: float  # priority score
    prevalence_rank: int | None  # rank by prevalence (highest first); None without a value
    index: float  # indeks konvergensi (share of intervention indicators reached)
    reached: int
    assessed: int
    rate: float  # tingkat konvergensi, total group
    composition: dict[str, float]  # trends.stunting_composition of the kelurahan
    reasons: pd.DataFrame  # situation.reasons_table: its largest shortfalls
    alerts: pd.DataFrame  # alerts.alerts of ``mine``
    groups: pd.DataFrame  # convergence_by_group rows of the kelurahan
    trend: pd.DataFrame  # area_trend of stunting: the kelurahan and the city
    target: float  # the stunting target
    indikator: pd.DataFrame  # the indicator catalogue

    @property
    def names(self) -> pd.Series:
        """Indicator nama by kode."""
        return self.indikator.set_index(s.KODE)[s.NAMA]

    @property
    def measured(self) -> bool:
        """Whether the composition has children measured (its ratio is a number)."""
        return not math.isnan(self.composition["diukur"])


def build_profile_view(
    kode: str,
    periode: str,
    coverage: pd.DataFrame,
    city: pd.DataFrame,
    primary: pd.DataFrame,
    indicator_values: pd.DataFrame,
    scorecard: pd.DataFrame,
    kelurahan: pd.DataFrame,
    indikator: pd.DataFrame,
    alert_rules: pd.DataFrame,
    region: Region,
    min_points: float = MIN_POINTS,
) -> ProfileView:
    """The profile of kelurahan ``kode`` for ``periode`` (the sidebar's).

    ``coverage``: per kelurahan of the city; ``city``: at city level; ``primary``: primary values
    per kelurahan; ``indicator_values``: every source's values (the stunting composition);
    ``scorecard``: the scorecard values; ``kelurahan``: the reference kelurahan; ``region``: the
    kabupaten/kota (the trend's second line); ``min_points``:
    the practical size of a change flagged from the previous round (``analysis.jumps``; the
    reported series and the recomputed prevalence of ``indicator_values``, each on its own).
    """
    row = kelurahan.loc[kelurahan[s.KODE_KELURAHAN] == kode].iloc[0]
    periode = resolve_period(coverage, [s.IND_STUNTING], periode) or periode
    now = of_period(coverage, periode)
    mine = now.loc[now[s.KODE_WILAYAH] == kode]
    city_now = of_period(city, periode)
    scores = priority_scores(now, kelurahan, indikator).set_index(s.KODE_KELURAHAN)
    prev_rank = scores["prevalensi"].rank(method="min", ascending=False)
    index = convergence_index(mine, indikator)
    rates = convergence_by_group(scorecard, indikator, periode)
    groups = rates.loc[rates[s.KODE_KELURAHAN] == kode]
    total = groups.loc[groups[s.KELOMPOK_SCORECARD] == "total"]
    stunting = mine.loc[mine[s.KODE_INDIKATOR] == s.IND_STUNTING]
    kota = city_now.loc[city_now[s.KODE_INDIKATOR] == s.IND_STUNTING, s.CAKUPAN]
    mine_values = primary.loc[primary[s.KODE_WILAYAH] == kode]
    me = scores.loc[kode]
    since = change_since_baseline(mine_values, s.IND_STUNTING, periode)
    everyone = set(kelurahan[s.KODE_KELURAHAN])
    kota_nama = region_label(region)[1]
    areas = {row[s.KELURAHAN]: {kode}, kota_nama: everyone}
    return ProfileView(
        kode=kode,
        nama=row[s.KELURAHAN],
        kecamatan=row[s.KECAMATAN],
        periode=periode,
        mine=mine,
        city=city_now,
        prevalence=stunting[s.CAKUPAN].iloc[0] if len(stunting) else math.nan,
        pembilang=stunting[s.PEMBILANG].sum(),
        penyebut=stunting[s.PENYEBUT].sum(),
        kota=kota.iloc[0] if len(kota) else math.nan,
        kota_nama=kota_nama,
        change=since.poin,
        change_counts=since,
        to_check=to_check(
            source_changes(
                change_series(indicator_values, indikator, {kode}), indikator, min_points
            ),
            periode,
        ),
        rank=me[s.PERINGKAT],
        n_scored=len(scores),
        score=me["skor_prioritas"],
        prevalence_rank=None if prev_rank.isna()[kode] else int(prev_rank[kode]),
        index=index["indeks_konvergensi"].iloc[0] if len(index) else math.nan,
        reached=int(index["n_tercapai"].sum()),
        assessed=int(index["n_dinilai"].sum()),
        rate=total[s.TINGKAT_KONVERGENSI].iloc[0] if len(total) else math.nan,
        composition=stunting_composition(indicator_values, {kode}, periode),
        reasons=reasons_table(scores.reset_index(), shortfalls(mine, indikator), REASONS),
        alerts=alerts(mine.assign(wilayah=row[s.KELURAHAN]), alert_rules),
        groups=groups,
        trend=area_trend(primary, areas, s.IND_STUNTING),
        target=indikator.set_index(s.KODE).loc[s.IND_STUNTING, s.TARGET],
        indikator=indikator,
    )
