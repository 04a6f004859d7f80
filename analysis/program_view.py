"""The Pemetaan Program page's view object: for one year, filter choice and area, the
activities, the convergence matrix, the lokus gaps and the budget (no Streamlit, no I/O).

``build_program_view`` combines the pure functions of ``analysis.programs`` on the frames the
page loads; ``ProgramView`` holds the results and the counts the cards state. Its display
tables are in ``text.program_tables``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis import schema as s
from analysis.activities import intervention_codes
from analysis.attainment import of_period
from analysis.periods import period_year
from analysis.programs import (
    N_KEGIATAN,
    activity_reach,
    budget_allocation,
    budget_by_group,
    budget_by_kelurahan,
    budget_by_opd,
    budget_lokus_split,
    convergence_matrix,
    coverage_periods,
    filter_activities,
    reaching,
    stalled_interventions,
    untargeted_gaps,
)


@dataclass(frozen=True)
class ProgramView:
    """Everything the page shows for one year, filter choice and area."""

    tahun: int
    periode: str | None  # the coverage period (None: no coverage data up to ``tahun``)
    periode_lalu: str | None
    listed: pd.DataFrame  # of the year, filters and area applied (cancelled ones too)
    activities: pd.DataFrame  # the same without the cancelled ones
    lokus: frozenset[str]
    matrix: pd.DataFrame
    gaps: pd.DataFrame
    stalled: pd.DataFrame | None  # None while ``tahun`` has no coverage data of its own
    by_opd: pd.DataFrame
    by_group: pd.DataFrame
    by_kelurahan: pd.DataFrame
    lokus_split: pd.DataFrame
    indicator_names: dict[str, str]  # catalogue kode → nama (the tables' indicator labels)
    opd_short: dict[str, str]  # OPD kode → singkatan (the budget table per OPD)

    @property
    def n_lokus(self) -> int:
        """Lokus shown (inside the chosen kecamatan)."""
        return int(self.matrix.loc[self.matrix[s.LOKUS], s.KODE_KELURAHAN].nunique())

    @property
    def n_lokus_reached(self) -> int:
        """Lokus that at least one activity reaches."""
        reached = self.matrix.loc[self.matrix[s.LOKUS] & (self.matrix[N_KEGIATAN] > 0)]
        return int(reached[s.KODE_KELURAHAN].nunique())

    @property
    def n_gap_lokus(self) -> int:
        """Lokus with at least one intervention below target and no activity."""
        return int(self.gaps[s.KODE_KELURAHAN].nunique())

    @property
    def total(self) -> pd.Series:
        """Pagu, realisasi and rate over every kelurahan shown (``budget_lokus_split``'s last row)."""
        return self.lokus_split.iloc[-1]

    @property
    def n_opd(self) -> int:
        """OPD with an activity shown."""
        return int(self.activities[s.OPD].nunique())

    @property
    def matrix_codes(self) -> list[str]:
        """The matrix's indicators, in its order."""
        return list(dict.fromkeys(self.matrix[s.KODE_INDIKATOR]))


def build_program_view(
    activities: pd.DataFrame,
    city: list[str],
    shown: pd.DataFrame,
    lokus: frozenset[str],
    indikator: pd.DataFrame,
    opd: pd.DataFrame,
    primary: pd.DataFrame,
    coverage: pd.DataFrame,
    tahun: int,
    chosen: str,
    opd_filter: tuple[str, ...],
    dana_filter: tuple[str, ...],
) -> ProgramView:
    """The view of ``tahun`` for the activities of the OPD and funds chosen (none: all).

    ``city``: every reference kelurahan code; ``shown``: the reference kelurahan of the area;
    ``lokus``: the codes in force in ``tahun``; ``opd``: the OPD reference table; ``primary``:
    the primary values (which periods have coverage); ``coverage``: kelurahan-level coverage of
    the area; ``chosen``: the sidebar's period.
    """
    listed = filter_activities(activities, tahun, opd_filter, dana_filter, cancelled=True)
    listed = reaching(listed, city, shown[s.KODE_KELURAHAN])
    rows = listed.loc[listed[s.STATUS] != s.KEGIATAN_BATAL]
    codes = intervention_codes(indikator)
    periode, lalu = coverage_periods(primary, codes, tahun, chosen)
    now = of_period(coverage, periode)
    matrix = convergence_matrix(activity_reach(rows, city), now, shown, lokus, codes)
    current = periode is not None and period_year(periode) == tahun
    stalled = stalled_interventions(matrix, of_period(coverage, lalu)) if current else None
    allocation = budget_allocation(rows, city)
    return ProgramView(
        tahun=tahun,
        periode=periode,
        periode_lalu=lalu,
        listed=listed,
        activities=rows,
        lokus=lokus,
        matrix=matrix,
        gaps=untargeted_gaps(matrix),
        stalled=stalled,
        by_opd=budget_by_opd(rows),
        by_group=budget_by_group(rows, indikator),
        by_kelurahan=budget_by_kelurahan(allocation, shown, lokus),
        lokus_split=budget_lokus_split(allocation, shown, lokus),
        indicator_names=dict(zip(indikator[s.KODE], indikator[s.NAMA], strict=True)),
        opd_short=dict(zip(opd[s.KODE], opd["singkatan"], strict=True)),
    )
