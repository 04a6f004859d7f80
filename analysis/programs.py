"""Program mapping (Aksi 2): which activities reach which kelurahan and intervention, the
convergence matrix, the lokus gaps and the budget.

An *activities* frame holds one row per activity (``schema.ACTIVITY_FIELDS`` plus ``id``):
``indikator`` holds catalogue codes and ``kelurahan_sasaran`` kelurahan codes, both separated
by ";" (``semua`` = every kelurahan of the city); ``pagu`` and ``realisasi`` are rupiah, a missing
``realisasi`` meaning nothing spent yet. Cancelled activities (status ``batal``) reach no one:
they are left out of the matrix, the gaps and the budget.
"""

from __future__ import annotations

from collections.abc import Collection

import numpy as np
import pandas as pd

from analysis import schema as s
from analysis.attainment import BELUM, MENDEKATI, STATUS, TANPA_DATA, TERCAPAI
from analysis.overview import resolve_period
from analysis.periods import period_year, same_period_in_year

SEL = "sel"
CELL_GAP = "di bawah target, tanpa kegiatan"
CELL_COVERED = "di bawah target, ada kegiatan"
CELL_MET = "target tercapai"
CELL_UNKNOWN = "tanpa data atau target"
CELL_ORDER = (CELL_GAP, CELL_COVERED, CELL_MET, CELL_UNKNOWN)

N_KEGIATAN = "n_kegiatan"
N_OPD = "n_opd"
DAFTAR_OPD = "daftar_opd"
N_KELURAHAN = "n_kelurahan"
PERSEN_REALISASI = "persen_realisasi"
CAKUPAN_LALU = "cakupan_lalu"
PERUBAHAN = "perubahan"
KELOMPOK_CAMPURAN = "spesifik & sensitif"
KELOMPOK_LAIN = "lainnya"
INTERVENTION_GROUPS = ("spesifik", "sensitif")
LOKUS_GROUP = "Lokus"
NON_LOKUS_GROUP = "Bukan lokus"
ALL_GROUP = "Semua kelurahan"

MATRIX_COLUMNS = [
    s.KODE_KELURAHAN,
    s.KELURAHAN,
    s.KECAMATAN,
    s.LOKUS,
    s.KODE_INDIKATOR,
    N_KEGIATAN,
    N_OPD,
    DAFTAR_OPD,
    s.PEMBILANG,
    s.PENYEBUT,
    s.CAKUPAN,
    s.TARGET,
    s.ARAH,
    s.SELISIH_TARGET,
    STATUS,
    SEL,
]


def split_codes(value: object) -> list[str]:
    """``"SPE02; SPE01;"`` → ``["SPE01", "SPE02"]`` (also from a list); [] for missing."""
    if isinstance(value, list | tuple | np.ndarray):
        items = list(value)
    elif value is None or pd.isna(value):
        items = []
    else:
        items = str(value).split(s.KODE_SEP)
    return sorted({str(v).strip() for v in items if str(v).strip()})


def join_codes(codes: Collection[str]) -> str:
    """The stored form of a list of codes: sorted, unique, separated by ";"."""
    return s.KODE_SEP.join(split_codes(list(codes)))


def is_all_kelurahan(value: object) -> bool:
    """Whether a ``kelurahan_sasaran`` cell means every kelurahan of the city."""
    return split_codes(value) == [s.SEMUA_KELURAHAN]


def filter_activities(
    activities: pd.DataFrame,
    tahun: int,
    opd: Collection[str] = (),
    sumber_dana: Collection[str] = (),
    cancelled: bool = False,
) -> pd.DataFrame:
    """Activities of ``tahun`` of the given units and funding sources (an empty collection
    means all); cancelled ones only when ``cancelled``."""
    keep = activities[s.TAHUN] == tahun
    if not cancelled:
        keep &= activities[s.STATUS] != s.KEGIATAN_BATAL
    if opd:
        keep &= activities[s.OPD].isin(opd)
    if sumber_dana:
        keep &= activities[s.SUMBER_DANA].isin(sumber_dana)
    return activities.loc[keep]


def coverage_periods(
    values: pd.DataFrame, indicators: list[str], tahun: int, chosen: str
) -> tuple[str | None, str | None]:
    """The period whose coverage the activities of ``tahun`` are set against, and the same
    period a year earlier: ``chosen`` (the page's period) when it lies in ``tahun``, else the
    latest period with data up to the end of ``tahun`` (a plan for next year is set against
    the latest data)."""
    target = chosen if period_year(chosen) == tahun else str(tahun)
    periode = resolve_period(values, indicators, target)
    if periode is None:
        return None, None
    return periode, same_period_in_year(periode, period_year(periode) - 1)


def targeted_kelurahan(activities: pd.DataFrame, city: list[str]) -> pd.Series:
    """Per activity, the kelurahan codes it targets (``semua`` = the ``city`` list)."""
    return activities[s.KELURAHAN_SASARAN].map(
        lambda v: list(city) if is_all_kelurahan(v) else split_codes(v)
    )


def reaching(activities: pd.DataFrame, city: list[str], area: Collection[str]) -> pd.DataFrame:
    """The activities targeting at least one kelurahan of ``area``."""
    inside = set(area)
    hits = targeted_kelurahan(activities, city).map(lambda codes: bool(inside.intersection(codes)))
    return activities.loc[hits.astype(bool)]


def activity_reach(activities: pd.DataFrame, city: list[str]) -> pd.DataFrame:
    """One row per (non-cancelled) activity × targeted kelurahan × served indicator:
    ``id``, ``opd``, ``kode_kelurahan``, ``kode_indikator``."""
    rows = activities.loc[activities[s.STATUS] != s.KEGIATAN_BATAL]
    out = pd.DataFrame(
        {
            "id": rows["id"].to_numpy(),
            s.OPD: rows[s.OPD].to_numpy(),
            s.KODE_KELURAHAN: targeted_kelurahan(rows, city).to_numpy(),
            s.KODE_INDIKATOR: rows[s.INDIKATOR].map(split_codes).to_numpy(),
        }
    )
    out = out.explode(s.KODE_KELURAHAN).explode(s.KODE_INDIKATOR)
    return out.dropna(subset=[s.KODE_KELURAHAN, s.KODE_INDIKATOR]).reset_index(drop=True)


def convergence_matrix(
    reach: pd.DataFrame,
    coverage: pd.DataFrame,
    kelurahan: pd.DataFrame,
    lokus: Collection[str],
    indicators: list[str],
) -> pd.DataFrame:
    """Per kelurahan × intervention: the activities and units present and the coverage status.

    ``reach`` is ``activity_reach`` of the activities to count; ``coverage`` holds kelurahan-level
    rows of one period (``attainment.coverage_by_area``: ``kode_wilayah``, ``kode_indikator``,
    counts, ``cakupan``, ``target``, ``arah``, ``selisih_target``, ``status_target``);
    ``kelurahan`` the reference rows to show, in display order. Every kelurahan × indicator is
    a row (no data stays ``tidak ada data``); lokus rows come first, then the others, each in
    ``kelurahan`` order, indicators in the given order. ``sel`` sorts a cell into
    ``CELL_ORDER``: below target (``belum`` or ``mendekati``) with or without an activity,
    target reached, or no data/target. Columns: ``MATRIX_COLUMNS``.
    """
    kel = kelurahan[[s.KODE_KELURAHAN, s.KELURAHAN, s.KECAMATAN]].reset_index(drop=True)
    kel = kel.assign(**{s.LOKUS: kel[s.KODE_KELURAHAN].isin(set(lokus))})
    kel = kel.iloc[np.argsort(~kel[s.LOKUS].to_numpy(), kind="stable")]
    grid = kel.merge(pd.DataFrame({s.KODE_INDIKATOR: indicators}), how="cross")
    counts = reach.groupby([s.KODE_KELURAHAN, s.KODE_INDIKATOR], as_index=False).agg(
        **{
            N_KEGIATAN: ("id", "nunique"),
            N_OPD: (s.OPD, "nunique"),
            DAFTAR_OPD: (s.OPD, lambda x: ", ".join(sorted(set(x)))),
        }
    )
    cov = coverage.rename(columns={s.KODE_WILAYAH: s.KODE_KELURAHAN})
    cov_cols = [s.PEMBILANG, s.PENYEBUT, s.CAKUPAN, s.TARGET, s.ARAH, s.SELISIH_TARGET, STATUS]
    key = [s.KODE_KELURAHAN, s.KODE_INDIKATOR]
    cov = cov[key + cov_cols].astype({s.KODE_KELURAHAN: object, s.KODE_INDIKATOR: object})
    out = grid.merge(counts, on=key, how="left").merge(
        cov.astype({STATUS: object, s.ARAH: object}), on=key, how="left"
    )
    n = out[N_KEGIATAN].fillna(0).astype(int)
    status = out[STATUS].fillna(TANPA_DATA)
    below = status.isin([BELUM, MENDEKATI])
    cell = np.select(
        [below & (n == 0), below, status == TERCAPAI], list(CELL_ORDER[:3]), CELL_UNKNOWN
    )
    return out.assign(
        **{
            N_KEGIATAN: n,
            N_OPD: out[N_OPD].fillna(0).astype(int),
            DAFTAR_OPD: out[DAFTAR_OPD].fillna(""),
            STATUS: status,
            SEL: cell,
        }
    )[MATRIX_COLUMNS]


def _lokus_order(rows: pd.DataFrame, then: str) -> pd.DataFrame:
    """Rows kept in the matrix's kelurahan order, sorted by ``then`` within each kelurahan."""
    order = {k: i for i, k in enumerate(dict.fromkeys(rows[s.KODE_KELURAHAN]))}
    ranked = rows.assign(_pos=rows[s.KODE_KELURAHAN].map(order))
    return ranked.sort_values(["_pos", then], kind="stable").drop(columns="_pos")


def untargeted_gaps(matrix: pd.DataFrame) -> pd.DataFrame:
    """Lokus × intervention cells below target with no activity aimed at them, the largest
    shortfall first within each lokus (matrix columns)."""
    rows = matrix.loc[matrix[s.LOKUS] & (matrix[SEL] == CELL_GAP)]
    return _lokus_order(rows, s.SELISIH_TARGET).reset_index(drop=True)


def stalled_interventions(matrix: pd.DataFrame, previous: pd.DataFrame) -> pd.DataFrame:
    """Lokus × intervention cells with activities whose coverage did not improve on the
    previous year's (``previous``: kelurahan coverage rows of the comparison period).

    Improvement follows the indicator's direction (lower is better for ``rendah_baik``). Listed:
    a coverage that got worse, or one unchanged while below target (an unchanged coverage on
    target, or at the best possible value, has nothing left to improve). Cells without a value
    in either period cannot be judged and are left out. Adds ``cakupan_lalu`` and ``perubahan``
    (current − previous, percentage points).
    """
    prev = previous.rename(columns={s.KODE_WILAYAH: s.KODE_KELURAHAN, s.CAKUPAN: CAKUPAN_LALU})
    key = [s.KODE_KELURAHAN, s.KODE_INDIKATOR]
    prev = prev[[*key, CAKUPAN_LALU]].astype(object).dropna()
    rows = matrix.loc[matrix[s.LOKUS] & (matrix[N_KEGIATAN] > 0)].merge(prev, on=key, how="inner")
    rows = rows.assign(**{CAKUPAN_LALU: rows[CAKUPAN_LALU].astype(float)})
    change = (rows[s.CAKUPAN] - rows[CAKUPAN_LALU]).round(9)
    better = change.where(rows[s.ARAH] != s.ARAH_RENDAH_BAIK, -change)
    best = pd.Series(np.where(rows[s.ARAH] == s.ARAH_RENDAH_BAIK, 0.0, 100.0), index=rows.index)
    room = (rows[STATUS] != TERCAPAI) & (rows[s.CAKUPAN] != best)
    stalled = rows.assign(**{PERUBAHAN: change}).loc[(better < 0) | ((better == 0) & room)]
    return _lokus_order(stalled, s.KODE_INDIKATOR).reset_index(drop=True)


def realisation_rate(pagu: float, realisasi: float) -> float:
    """Σrealisasi ÷ Σpagu × 100 (NaN without a budget)."""
    return realisasi / pagu * 100 if pagu > 0 else float("nan")


def _budget(frame: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Activities, Σpagu, Σrealisasi (missing = 0) and the realisation rate per group."""
    out = (
        frame.assign(**{s.REALISASI: frame[s.REALISASI].fillna(0.0)})
        .groupby(by, as_index=False, sort=True)
        .agg(
            **{
                N_KEGIATAN: ("id", "nunique"),
                s.PAGU: (s.PAGU, "sum"),
                s.REALISASI: (s.REALISASI, "sum"),
            }
        )
    )
    rate = [realisation_rate(p, r) for p, r in zip(out[s.PAGU], out[s.REALISASI], strict=True)]
    return out.assign(**{PERSEN_REALISASI: rate})


def budget_by_opd(activities: pd.DataFrame) -> pd.DataFrame:
    """Budget per unit, largest pagu first: ``opd``, ``n_kegiatan``, ``pagu``, ``realisasi``,
    ``persen_realisasi``. Cancelled activities are left out."""
    rows = activities.loc[activities[s.STATUS] != s.KEGIATAN_BATAL]
    out = _budget(rows, [s.OPD])
    return out.sort_values([s.PAGU, s.OPD], ascending=[False, True]).reset_index(drop=True)


def activity_groups(activities: pd.DataFrame, catalogue: pd.DataFrame) -> pd.Series:
    """Per activity, the intervention group of the indicators it serves: ``spesifik``,
    ``sensitif``, ``spesifik & sensitif`` when it serves both, else ``lainnya``."""
    groups = catalogue.set_index(s.KODE)[s.KELOMPOK]

    def group(codes: list[str]) -> str:
        found = {groups.get(c) for c in codes} & set(INTERVENTION_GROUPS)
        if len(found) == 2:
            return KELOMPOK_CAMPURAN
        return found.pop() if found else KELOMPOK_LAIN

    return activities[s.INDIKATOR].map(lambda v: group(split_codes(v)))


def budget_by_group(activities: pd.DataFrame, catalogue: pd.DataFrame) -> pd.DataFrame:
    """Budget per intervention group (``activity_groups``), in the order spesifik, sensitif,
    both, others; an activity is counted once, never split between groups."""
    rows = activities.loc[activities[s.STATUS] != s.KEGIATAN_BATAL]
    rows = rows.assign(**{s.KELOMPOK: activity_groups(rows, catalogue)})
    out = _budget(rows, [s.KELOMPOK])
    order = [*INTERVENTION_GROUPS, KELOMPOK_CAMPURAN, KELOMPOK_LAIN]
    return out.sort_values(s.KELOMPOK, key=lambda c: c.map(order.index)).reset_index(drop=True)


def budget_allocation(activities: pd.DataFrame, city: list[str]) -> pd.DataFrame:
    """Each (non-cancelled) activity's budget shared equally among the kelurahan it targets:
    ``id``, ``kode_kelurahan``, ``n_kelurahan``, ``pagu``, ``realisasi`` (the shares)."""
    rows = activities.loc[activities[s.STATUS] != s.KEGIATAN_BATAL]
    kel = targeted_kelurahan(rows, city)
    n = kel.map(len).astype(int)
    out = pd.DataFrame(
        {
            "id": rows["id"].to_numpy(),
            s.KODE_KELURAHAN: kel.to_numpy(),
            N_KELURAHAN: n.to_numpy(),
            s.PAGU: (rows[s.PAGU] / n.where(n > 0)).to_numpy(),
            s.REALISASI: (rows[s.REALISASI].fillna(0.0) / n.where(n > 0)).to_numpy(),
        }
    )
    return out.explode(s.KODE_KELURAHAN).dropna(subset=[s.KODE_KELURAHAN]).reset_index(drop=True)


def budget_by_kelurahan(
    allocation: pd.DataFrame, kelurahan: pd.DataFrame, lokus: Collection[str]
) -> pd.DataFrame:
    """Per kelurahan of ``kelurahan`` (every one, none dropped): activities reaching it and its
    equal shares of their pagu and realisasi, with ``lokus``; lokus first, then largest pagu."""
    per = _budget(allocation, [s.KODE_KELURAHAN])
    out = kelurahan[[s.KODE_KELURAHAN, s.KELURAHAN, s.KECAMATAN]].merge(
        per, on=s.KODE_KELURAHAN, how="left"
    )
    out = out.assign(
        **{
            s.LOKUS: out[s.KODE_KELURAHAN].isin(set(lokus)),
            N_KEGIATAN: out[N_KEGIATAN].fillna(0).astype(int),
            s.PAGU: out[s.PAGU].fillna(0.0),
            s.REALISASI: out[s.REALISASI].fillna(0.0),
        }
    )
    return out.sort_values([s.LOKUS, s.PAGU], ascending=[False, False], kind="stable").reset_index(
        drop=True
    )


def budget_lokus_split(
    allocation: pd.DataFrame, kelurahan: pd.DataFrame, lokus: Collection[str]
) -> pd.DataFrame:
    """Lokus, non-lokus and all kelurahan of ``kelurahan``: kelurahan count, distinct
    activities reaching them, Σ of their budget shares and the realisation rate."""
    codes = list(kelurahan[s.KODE_KELURAHAN])
    part = allocation.loc[allocation[s.KODE_KELURAHAN].isin(codes)]
    groups = {
        LOKUS_GROUP: [c for c in codes if c in set(lokus)],
        NON_LOKUS_GROUP: [c for c in codes if c not in set(lokus)],
        ALL_GROUP: codes,
    }
    rows = []
    for name, members in groups.items():
        rows_of = part.loc[part[s.KODE_KELURAHAN].isin(members)]
        pagu, real = float(rows_of[s.PAGU].sum()), float(rows_of[s.REALISASI].sum())
        rows.append(
            {
                "kelompok_wilayah": name,
                N_KELURAHAN: len(members),
                N_KEGIATAN: rows_of["id"].nunique(),
                s.PAGU: pagu,
                s.REALISASI: real,
                PERSEN_REALISASI: realisation_rate(pagu, real),
            }
        )
    return pd.DataFrame(rows)
