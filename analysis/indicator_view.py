"""The Indikator page's view object: everything its sections show for the chosen indicators,
period range and level, computed from the frames the page loads (no Streamlit, no I/O).

``build_indicator_view`` takes the coverage rows (``attainment.coverage_by_area``), the primary
values, the catalogue and the alert rules; ``IndicatorView`` holds the reshaped results (the
attainment grid, the trend lokus vs bukan lokus, the change, the pooled lokus comparison, the
alerts, the rows to download) and the counts the notes under them state. The page's ``ui``
sections only render it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis import schema as s
from analysis.alerts import alerts
from analysis.attainment import HANYA_PERSEN, KELURAHAN, coverage_grid
from analysis.change import MIN_POINTS
from analysis.overview import trend_by_lokus
from analysis.periods import sort_periods
from analysis.trends import MOVES, change_between, lokus_comparison, stunting_composition


def indicator_periods(coverage: pd.DataFrame, picked: list[str]) -> list[str]:
    """The periods with a coverage row of any ``picked`` indicator, in chronological order."""
    return sort_periods(coverage.loc[coverage[s.KODE_INDIKATOR].isin(picked), s.PERIODE].unique())


@dataclass(frozen=True)
class IndicatorView:
    """What the Indikator page shows; ``main`` (the first picked indicator) drives the bars,
    the trend, the change and the lokus comparison."""

    picked: list[str]
    main: str
    level: str  # attainment.KELURAHAN or KECAMATAN
    dari: str
    sampai: str
    in_range: list[str]  # the periods from ``dari`` to ``sampai``
    grid: pd.DataFrame  # attainment.coverage_grid of the picked indicators on ``sampai``
    lokus_names: frozenset[str]  # kelurahan starred on the bars (none at kecamatan level)
    composition: dict[str, float] | None  # pendek / sangat pendek (stunting only), else None
    trend: pd.DataFrame  # trend_by_lokus of ``main`` in the range, rows with a value
    change: pd.DataFrame  # trends.change_between of ``main`` from ``dari`` to ``sampai``
    min_points: float  # the practical size of a change (points) the verdicts used
    lokus_pairs: pd.DataFrame  # trends.lokus_comparison of ``main`` at both ends
    alerts: pd.DataFrame  # alerts.alerts of the shown rows on ``sampai``
    rows: pd.DataFrame  # the shown rows of the picked indicators in the range (the download)
    not_summed: int  # percent-only kelurahan values of ``main`` in the range
    indikator: pd.DataFrame  # the indicator catalogue
    lokus_year: int | None = None  # the year the lokus in force were set (bar caption)

    @property
    def main_grid(self) -> pd.DataFrame:
        """The grid's rows of ``main``: one per wilayah."""
        return self.grid.loc[self.grid[s.KODE_INDIKATOR] == self.main]

    @property
    def main_percent_only(self) -> int:
        """Wilayah whose ``main`` value on ``sampai`` is a bare percentage (not drawn)."""
        return int(self.main_grid[HANYA_PERSEN].sum())

    @property
    def no_bars(self) -> bool:
        """Whether no wilayah has a ``main`` value on ``sampai``."""
        return bool(self.main_grid[s.CAKUPAN].isna().all())

    @property
    def small(self) -> list[str]:
        """The wilayah whose ``main`` value rests on a small denominator."""
        grid = self.main_grid
        return grid.loc[grid["penyebut_kecil"], "wilayah"].tolist()

    @property
    def grid_empty(self) -> bool:
        """Whether no picked indicator has a value on ``sampai`` (no heatmap)."""
        return bool(self.grid[s.CAKUPAN].isna().all())

    @property
    def grid_percent_only(self) -> int:
        """Grid cells holding a bare percentage."""
        return int(self.grid[HANYA_PERSEN].sum())

    @property
    def moves(self) -> dict[str, int]:
        """How many wilayah improved, worsened, did not change meaningfully or could not be
        tested (``membaik``, ``memburuk``, ``tetap``, ``tanpa_uji``: see ``trends.MOVES``)."""
        counts = self.change["arah_perubahan"].value_counts()
        return {key: int(counts.get(verdict, 0)) for verdict, key in MOVES.items()}

    @property
    def lokus_empty(self) -> bool:
        """Whether no kelurahan has counts in both periods (nothing pooled)."""
        return bool(self.lokus_pairs["n_kelurahan"].eq(0).all())

    @property
    def catalogue(self) -> pd.DataFrame:
        """The indicator catalogue indexed by kode."""
        return self.indikator.set_index(s.KODE)

    @property
    def main_name(self) -> str:
        return self.catalogue.loc[self.main, s.NAMA]

    @property
    def names(self) -> dict[str, str]:
        """Picked kode → nama, in the picked order."""
        names = self.catalogue[s.NAMA]
        return {k: names[k] for k in self.picked}


def build_indicator_view(
    coverage: pd.DataFrame,
    shown: pd.DataFrame,
    areas: pd.DataFrame,
    values: pd.DataFrame,
    indicator_values: pd.DataFrame,
    kelurahan: pd.DataFrame,
    lokus: set[str],
    indikator: pd.DataFrame,
    alert_rules: pd.DataFrame,
    picked: list[str],
    periods: list[str],
    dari: str,
    sampai: str,
    level: str,
    lokus_year: int | None = None,
    min_points: float = MIN_POINTS,
) -> IndicatorView:
    """The view of ``picked`` from ``dari`` to ``sampai`` at ``level``.

    ``coverage``: per kelurahan of the area; ``shown``: the same at ``level``; ``areas``: its
    ``kode_wilayah``/``wilayah``; ``values``: primary values per kelurahan (trend, lokus
    comparison); ``indicator_values``: every source's values (the stunting composition);
    ``kelurahan``: the reference kelurahan of the area; ``lokus``: their codes in force, set in
    ``lokus_year``; ``periods``: ``indicator_periods`` of the picked indicators; ``min_points``:
    the practical size of a change called membaik/memburuk (``analysis.change``).
    """
    main = picked[0]
    in_range = periods[periods.index(dari) : periods.index(sampai) + 1]
    codes = set(kelurahan[s.KODE_KELURAHAN])
    # Stars mark lokus kelurahan only: a kecamatan is not the lokus kelurahan of the same name.
    starred = kelurahan.loc[kelurahan[s.KODE_KELURAHAN].isin(lokus), s.KELURAHAN]
    trend = trend_by_lokus(values, kelurahan, lokus, main)
    mine = coverage.loc[(coverage[s.KODE_INDIKATOR] == main) & coverage[s.PERIODE].isin(in_range)]
    picked_rows = shown[s.KODE_INDIKATOR].isin(picked) & shown[s.PERIODE].isin(in_range)
    return IndicatorView(
        picked=picked,
        main=main,
        level=level,
        dari=dari,
        sampai=sampai,
        in_range=in_range,
        grid=coverage_grid(shown, areas, picked, sampai),
        lokus_names=frozenset(starred) if level == KELURAHAN else frozenset(),
        composition=(
            stunting_composition(indicator_values, codes, sampai)
            if main == s.IND_STUNTING
            else None
        ),
        trend=trend.loc[trend[s.PERIODE].isin(in_range) & trend[s.CAKUPAN].notna()],
        change=change_between(
            shown.loc[shown[s.KODE_INDIKATOR] == main], indikator, dari, sampai, min_points
        ),
        min_points=min_points,
        lokus_pairs=lokus_comparison(values, kelurahan, lokus, main, dari, sampai),
        alerts=alerts(shown.loc[shown[s.PERIODE] == sampai], alert_rules),
        rows=shown.loc[picked_rows],
        not_summed=int(mine[HANYA_PERSEN].sum()),
        indikator=indikator,
        lokus_year=lokus_year,
    )
