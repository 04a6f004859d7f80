"""What the Pengukuran page shows for one weighing month and area: prevalence per wilayah of the
chosen level, the area as a whole, and the records behind them for the quality panel — built
from the scored records (``analysis.zscore``) and flags (``analysis.prevalence.case_flags``)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis import schema as s
from analysis.attainment import KELURAHAN, KOTA
from analysis.measure_coverage import (
    COVERAGE_COLUMNS,
    measured_per_kelurahan,
    measurement_coverage,
)
from analysis.measure_position import position_by_age
from analysis.measure_quality import quality_report, terminal_digits
from analysis.plausibility import Plausibility, round_plausibility
from analysis.prevalence import prevalence
from analysis.region import Region


@dataclass(frozen=True)
class MonthView:
    """One month and area: ``prevalence`` per wilayah of the level (every indicator), ``kota``
    the area as a whole (indexed by indicator), the ``records`` in view with their z-scores
    ``z`` (same index), the names of the lokus kelurahan to star, and the coverage of
    measurement (``analysis.measure_coverage``) per wilayah of the level (``cakupan``) and of
    the area as a whole (``cakupan_area``, one row or none)."""

    prevalence: pd.DataFrame
    kota: pd.DataFrame
    records: pd.DataFrame
    z: pd.DataFrame
    lokus_names: set[str]
    cakupan: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=COVERAGE_COLUMNS))
    cakupan_area: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=COVERAGE_COLUMNS)
    )

    def of(self, kode: str) -> pd.DataFrame:
        """The prevalence rows of indicator ``kode``."""
        return self.prevalence.loc[self.prevalence[s.KODE_INDIKATOR] == kode]

    def coverage_whole(self) -> pd.Series | None:
        """The area's coverage of measurement (``diukur``, ``sasaran``, ``cakupan_ukur``,
        ``pita``, ``tanpa_sasaran``), or None when nobody was measured and there is no sasaran."""
        return self.cakupan_area.iloc[0] if len(self.cakupan_area) else None

    def whole(self, kode: str) -> pd.Series | None:
        """The area's figure for ``kode`` (``kasus``, ``valid``, percent, CI), or None."""
        return self.kota.loc[kode] if kode in self.kota.index else None

    @property
    def synthetic(self) -> bool:
        """Whether any record in view comes from the demo data."""
        return bool(self.records[s.SINTETIS].any())

    @property
    def plausible_haz(self) -> pd.Series:
        """HAZ of the records in view, flagged (implausible) ones as missing."""
        return self.z["haz"].where(~self.z["flag_haz"])

    def quality(self) -> pd.DataFrame:
        """The quality panel's table of the records in view (``quality_report``)."""
        return quality_report(self.records, self.z)

    def plausibility(self, criteria: pd.DataFrame) -> Plausibility | None:
        """The SMART-style plausibility report of the records in view (``analysis.plausibility``)."""
        return round_plausibility(self.records, self.z, criteria)

    def positions(self) -> pd.DataFrame:
        """Measuring position contradicting age per age group (``position_by_age``)."""
        return position_by_age(self.records)

    def digits(self, field: str) -> np.ndarray:
        """Terminal-digit counts of a measurement column of the records in view."""
        return terminal_digits(self.records[field])


def months(records: pd.DataFrame) -> list[str]:
    """The weighing months of ``records``, oldest first."""
    return sorted(records[s.PERIODE].unique())


def build_month_view(
    records: pd.DataFrame,
    z: pd.DataFrame,
    flags: pd.DataFrame,
    area: pd.DataFrame,
    lokus: Collection[str],
    periode: str,
    level: str,
    minimum: float,
    sasaran: pd.DataFrame | None = None,
    bands: tuple[float, float] = (80.0, 95.0),
    region: Region | None = None,
) -> MonthView:
    """The view of ``periode`` over the kelurahan of ``area`` (``kode_kelurahan``,
    ``kelurahan``, ``kecamatan``); ``lokus`` are the year's lokus codes, starred only at the
    kelurahan level (never a kecamatan of the same name); ``minimum`` children measured below
    which a prevalence is not shown (the setting); ``sasaran`` the month's sasaran balita
    (``analysis.measure_coverage.sasaran_for_month``) and ``bands`` the coverage thresholds
    (warning, trusted) in percent; ``region`` the kabupaten/kota (its code and name label the
    ``KOTA`` level and the area as a whole)."""
    in_area = records[s.KODE_WILAYAH].isin(area[s.KODE_KELURAHAN]) & (records[s.PERIODE] == periode)
    rec, fl = records.loc[in_area], flags.loc[in_area]
    names = (
        set(area.loc[area[s.KODE_KELURAHAN].isin(lokus), s.KELURAHAN])
        if level == KELURAHAN
        else set()
    )
    z_in = z.loc[in_area]
    measured = measured_per_kelurahan(rec, z_in["dinilai"])
    target = sasaran if sasaran is not None else pd.DataFrame(columns=[s.KODE_WILAYAH, "sasaran"])
    return MonthView(
        prevalence(rec, fl, area, level, minimum, region),
        prevalence(rec, fl, area, KOTA, minimum, region).set_index(s.KODE_INDIKATOR),
        rec,
        z_in,
        names,
        measurement_coverage(measured, target, area, level, *bands, region=region),
        measurement_coverage(measured, target, area, KOTA, *bands, region=region),
    )
