"""The trajectory sections' view objects (issue #25 points 7 and 8): on Profil, the chosen
kelurahan and the city toward the stunting targets, with the chart's paths and the sources
side by side; on Analisis Situasi, every kelurahan of the area and the city toward one target.

Kelurahan rows use the catalogue's source of the stunting indicator (e-PPGBM as reported) and,
where records were uploaded, the prevalence recomputed from them (``EPPGBM_HITUNG``); the city
adds the survey (SSGI/SKI, its own city rows). Each row is one source (``analysis.trajectories``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from analysis import schema as s
from analysis.attainment import region_label
from analysis.region import Region
from analysis.trajectories import (
    BELUM,
    KURANG,
    SESUAI,
    SUDAH,
    TABLE_COLUMNS,
    TAK_TERHITUNG,
    TERLEWAT,
    active_target,
    source_panel,
    split_series,
    targets_of,
    trajectory_path,
    trajectory_table,
    yearly_table,
    yearly_values,
)

# The kelurahan a planner must look at first come first.
STATUS_ORDER = {TERLEWAT: 0, BELUM: 1, TAK_TERHITUNG: 2, KURANG: 3, SESUAI: 4, SUDAH: 5}


def stunting_sources(indikator: pd.DataFrame) -> tuple[str, str, str]:
    """The register source of stunting in the catalogue, the recomputed one and the survey."""
    primary = indikator.set_index(s.KODE).loc[s.IND_STUNTING, s.SUMBER_DATA]
    return str(primary), s.SUMBER_HITUNG_ULANG, s.SUMBER_SURVEI


@dataclass(frozen=True)
class ProfileTrajectory:
    """One kelurahan and the city: ``table`` (``trajectories.TABLE_COLUMNS``, every area ×
    source × target), ``targets`` (``targets_of``), ``active`` (position of the target ahead
    of the kelurahan's latest register value, None without targets), ``paths`` (per
    ``(wilayah, sumber_data)`` of the table, its ``trajectory_path`` toward the active target —
    the actual values alone when the target is met or passed), ``panel`` (``source_panel``),
    ``source`` (the register source, the chart's first choice)."""

    nama: str
    table: pd.DataFrame
    targets: pd.DataFrame
    active: int | None
    paths: dict[tuple[str, str], pd.DataFrame]
    panel: pd.DataFrame
    source: str

    def active_row(self, wilayah: str, source: str) -> pd.Series | None:
        """The row of ``wilayah`` and ``source`` toward the active target (None without)."""
        if self.active is None:
            return None
        year = self.targets.iloc[self.active][s.TAHUN_TARGET]
        rows = self.table.loc[
            (self.table["wilayah"] == wilayah)
            & (self.table[s.SUMBER_DATA] == source)
            & (self.table[s.TAHUN_TARGET] == year)
        ]
        return rows.iloc[0] if len(rows) else None


def build_profile_trajectory(
    values: pd.DataFrame,
    kode: str,
    kelurahan: pd.DataFrame,
    indikator: pd.DataFrame,
    target_lain: pd.DataFrame,
    region: Region,
) -> ProfileTrajectory:
    """The trajectory of kelurahan ``kode`` and of the city (``kelurahan``: the reference rows
    of the whole city; ``values``: the stored values of every source; ``region``: the
    kabupaten/kota, whose code marks its survey rows and whose name labels its lines)."""
    kota_kode, kota_nama = region_label(region)
    nama = kelurahan.loc[kelurahan[s.KODE_KELURAHAN] == kode, s.KELURAHAN].iloc[0]
    city = set(kelurahan[s.KODE_KELURAHAN])
    primary, recomputed, survey = stunting_sources(indikator)
    areas = [(nama, kode, {kode}, src) for src in (primary, recomputed)]
    areas += [(kota_nama, kota_kode, city, src) for src in (primary, recomputed)]
    areas.append((kota_nama, kota_kode, {kota_kode}, survey))
    targets = targets_of(indikator, target_lain)
    latest = yearly_values(values, {kode}, primary)[s.TAHUN].max()
    view = ProfileTrajectory(
        nama=nama,
        table=trajectory_table(values, areas, targets),
        targets=targets,
        active=active_target(targets, None if pd.isna(latest) else int(latest)),
        paths={},
        panel=source_panel(
            values, kode, city, [primary, recomputed], [primary, recomputed, survey], kota_kode
        ),
        source=primary,
    )
    yearly_of = split_series(yearly_table(values, [(c, src) for _, _, c, src in areas]), len(areas))
    paths = {}
    for (label, _, _, source), yearly in zip(areas, yearly_of, strict=True):
        row = view.active_row(label, source)
        if row is not None:
            paths[(label, source)] = trajectory_path(yearly, row)
    return replace(view, paths=paths)


def area_trajectories(
    values: pd.DataFrame,
    kelurahan: pd.DataFrame,
    indikator: pd.DataFrame,
    target: pd.Series,
    region: Region | None = None,
) -> pd.DataFrame:
    """The area (register source pooled over every kelurahan of ``kelurahan``: the whole
    kabupaten/kota ``region``, with its survey too, or — without ``region`` — the one kecamatan
    ``kelurahan`` lie in) then each kelurahan (register source), toward one ``target`` (a ``targets_of`` row): ``trajectories.TABLE_COLUMNS``.
    Kelurahan furthest from their path first: by ``STATUS_ORDER``, then by how far the AARR
    so far falls short of the required one, then by name."""
    primary, _, survey = stunting_sources(indikator)
    kel = kelurahan.sort_values(s.KELURAHAN)
    pooled = set(kel[s.KODE_KELURAHAN])
    if region is not None:
        kode, label = region_label(region)
        areas = [(label, kode, pooled, primary), (label, kode, {kode}, survey)]
    else:
        kode, label = str(kel[s.KODE_KECAMATAN].iloc[0]), str(kel[s.KECAMATAN].iloc[0])
        areas = [(label, kode, pooled, primary)]
    goal = target.to_frame().T
    pooled_rows = trajectory_table(values, areas, goal)
    each = [
        (name, kode, {kode}, primary)
        for kode, name in zip(kel[s.KODE_KELURAHAN], kel[s.KELURAHAN], strict=True)
    ]
    rows = trajectory_table(values, each, goal)
    rows = rows.assign(
        _rank=rows["status"].map(STATUS_ORDER), _gap=rows["aarr_dibutuhkan"] - rows["aarr"]
    ).sort_values(["_rank", "_gap", "wilayah"], ascending=[True, False, True], na_position="last")
    return pd.concat([pooled_rows, rows.drop(columns=["_rank", "_gap"])], ignore_index=True)


def city_trajectories(
    values: pd.DataFrame,
    kelurahan: pd.DataFrame,
    indikator: pd.DataFrame,
    target_lain: pd.DataFrame,
    region: Region,
) -> pd.DataFrame:
    """The city (``region``) toward the target ahead of its latest data, from the register
    (pooled over ``kelurahan``) and from the survey, one row each where there is data:
    ``trajectories.TABLE_COLUMNS`` (what the presentation says in one sentence per source)."""
    primary, _, survey = stunting_sources(indikator)
    city = set(kelurahan[s.KODE_KELURAHAN])
    kota_kode, kota_nama = region_label(region)
    targets = targets_of(indikator, target_lain)
    rows = []
    for codes, source in ((city, primary), ({kota_kode}, survey)):
        yearly = yearly_values(values, codes, source)
        at = active_target(targets, int(yearly[s.TAHUN].max()) if len(yearly) else None)
        if yearly.empty or at is None:
            continue
        area = [(kota_nama, kota_kode, codes, source)]
        rows.append(trajectory_table(values, area, targets.iloc[[at]]))
    return pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=TABLE_COLUMNS)
