"""Coverage against target per wilayah × indicator × period, at kelurahan, kecamatan or kota level.

A *values* frame holds current values of one source per indicator (``primary_source_values``):
``kode_wilayah``, ``kode_indikator``, ``periode``, ``pembilang``, ``penyebut``. Kecamatan and kota
figures are Σpembilang ÷ Σpenyebut over their kelurahan (domain.md §5), never a mean of
percentages. Percentages are in percent, gaps in percentage points (positive = better than
target, whatever the indicator's direction).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis import schema as s
from analysis.coverage import aggregate_ratio, gap_to_target

KELURAHAN = "kelurahan"
KECAMATAN = "kecamatan"
KOTA = "kota"
LEVELS = (KELURAHAN, KECAMATAN, KOTA)
KOTA_NAME = "Jakarta Utara"

TERCAPAI = "tercapai"
MENDEKATI = "mendekati"
BELUM = "belum"
TANPA_TARGET = "tanpa target"
TANPA_DATA = "tidak ada data"
STATUS_ORDER = (TERCAPAI, MENDEKATI, BELUM, TANPA_TARGET, TANPA_DATA)
INTERVENTION_GROUPS = ("spesifik", "sensitif")

STATUS = "status_target"
SMALL = "penyebut_kecil"
N_KELURAHAN = "n_kelurahan"
WILAYAH = "wilayah"
COVERAGE_COLUMNS = [
    s.KODE_WILAYAH,
    WILAYAH,
    s.KODE_INDIKATOR,
    s.PERIODE,
    s.PEMBILANG,
    s.PENYEBUT,
    s.CAKUPAN,
    N_KELURAHAN,
    s.TARGET,
    s.ARAH,
    s.SELISIH_TARGET,
    STATUS,
    SMALL,
]


@dataclass(frozen=True)
class StatusRules:
    """How a coverage is judged: ``mendekati`` when at most ``mendekati_poin`` points short of
    target; a denominator below ``min_penyebut`` sasaran is flagged as too small to read."""

    mendekati_poin: float = 10.0
    min_penyebut: float = 30.0


def classify(gap: pd.Series, value: pd.Series, target: pd.Series, rules: StatusRules) -> pd.Series:
    """Status per row: tercapai (gap ≥ 0), mendekati (gap ≥ −mendekati_poin), belum, or
    ``tanpa target`` / ``tidak ada data`` when the target or the value is missing."""
    status = np.select(
        [value.isna(), target.isna(), gap >= 0, gap >= -rules.mendekati_poin],
        [TANPA_DATA, TANPA_TARGET, TERCAPAI, MENDEKATI],
        default=BELUM,
    )
    return pd.Series(status, index=gap.index, dtype=object)


def _areas(kelurahan: pd.DataFrame, level: str) -> pd.DataFrame:
    """``kode_kelurahan`` → ``kode_wilayah`` and ``wilayah`` (name) of the chosen level."""
    if level == KELURAHAN:
        codes, names = kelurahan[s.KODE_KELURAHAN], kelurahan[s.KELURAHAN]
    elif level == KECAMATAN:
        codes, names = kelurahan[s.KODE_KECAMATAN], kelurahan[s.KECAMATAN]
    elif level == KOTA:
        codes = pd.Series(s.KODE_KOTA, index=kelurahan.index)
        names = pd.Series(KOTA_NAME, index=kelurahan.index)
    else:
        raise ValueError(f"Tingkat wilayah tidak dikenal: {level!r} (pilih {', '.join(LEVELS)}).")
    return pd.DataFrame(
        {s.KODE_KELURAHAN: kelurahan[s.KODE_KELURAHAN], s.KODE_WILAYAH: codes, WILAYAH: names}
    )


def coverage_by_area(
    values: pd.DataFrame,
    kelurahan: pd.DataFrame,
    catalogue: pd.DataFrame,
    level: str = KELURAHAN,
    rules: StatusRules | None = None,
) -> pd.DataFrame:
    """Σpembilang ÷ Σpenyebut per wilayah of ``level`` × indicator × period over the given
    kelurahan, with target, gap and status.

    Only kelurahan rows of ``values`` count (a city-level survey row is not a kelurahan).
    Columns: ``COVERAGE_COLUMNS``; ``n_kelurahan`` is the number of kelurahan with both counts.
    Rows exist only where some kelurahan reported; see ``coverage_grid`` for a full grid.
    """
    rules = rules or StatusRules()
    areas = _areas(kelurahan, level)
    rows = values.merge(
        areas.rename(columns={s.KODE_WILAYAH: "_area"}),
        left_on=s.KODE_WILAYAH,
        right_on=s.KODE_KELURAHAN,
        how="inner",
    )
    rows = rows.drop(columns=[s.KODE_WILAYAH]).rename(columns={"_area": s.KODE_WILAYAH})
    ratio = aggregate_ratio(rows, [s.KODE_WILAYAH, WILAYAH, s.KODE_INDIKATOR, s.PERIODE])
    ratio = ratio.rename(columns={"n_baris": N_KELURAHAN})
    return _judge(ratio, catalogue, rules)


def _judge(ratio: pd.DataFrame, catalogue: pd.DataFrame, rules: StatusRules) -> pd.DataFrame:
    cat = catalogue[[s.KODE, s.ARAH, s.TARGET]].rename(columns={s.KODE: s.KODE_INDIKATOR})
    out = ratio.merge(cat, on=s.KODE_INDIKATOR, how="left", validate="many_to_one")
    gap = gap_to_target(out[s.CAKUPAN], out[s.TARGET], out[s.ARAH])
    return out.assign(
        **{
            s.SELISIH_TARGET: gap,
            STATUS: classify(gap, out[s.CAKUPAN], out[s.TARGET], rules),
            SMALL: out[s.PENYEBUT].astype(float) < rules.min_penyebut,
        }
    )[COVERAGE_COLUMNS]


def coverage_grid(
    coverage: pd.DataFrame, areas: pd.DataFrame, indicators: list[str], periode: str
) -> pd.DataFrame:
    """Every wilayah of ``areas`` (``kode_wilayah``, ``wilayah``) × every indicator in ``periode``,
    missing combinations kept as ``tidak ada data`` (never as zero)."""
    grid = pd.MultiIndex.from_product(
        [areas[s.KODE_WILAYAH], indicators], names=[s.KODE_WILAYAH, s.KODE_INDIKATOR]
    ).to_frame(index=False)
    grid = grid.merge(areas[[s.KODE_WILAYAH, WILAYAH]], on=s.KODE_WILAYAH, how="left")
    found = coverage.loc[coverage[s.PERIODE] == periode].drop(columns=[WILAYAH])
    out = grid.merge(found, on=[s.KODE_WILAYAH, s.KODE_INDIKATOR], how="left")
    return out.assign(
        **{
            s.PERIODE: periode,
            STATUS: out[STATUS].fillna(TANPA_DATA),
            SMALL: out[SMALL].fillna(False).astype(bool),
        }
    )[COVERAGE_COLUMNS]


def convergence_index(coverage: pd.DataFrame, catalogue: pd.DataFrame) -> pd.DataFrame:
    """Indeks konvergensi per wilayah × period: the share of intervention indicators (spesifik
    and sensitif) with data and a target that meet their target.

    Columns: ``kode_wilayah``, ``wilayah``, ``periode``, ``n_dinilai`` (indicators with data and
    target), ``n_tercapai`` and ``indeks_konvergensi`` (percent; NaN when none is assessable).
    """
    codes = catalogue.loc[catalogue[s.KELOMPOK].isin(INTERVENTION_GROUPS), s.KODE]
    rows = coverage.loc[
        coverage[s.KODE_INDIKATOR].isin(codes) & coverage[STATUS].isin([TERCAPAI, MENDEKATI, BELUM])
    ]
    counted = rows.assign(_ok=rows[STATUS].eq(TERCAPAI))
    out = counted.groupby([s.KODE_WILAYAH, WILAYAH, s.PERIODE], as_index=False).agg(
        n_dinilai=("_ok", "size"), n_tercapai=("_ok", "sum")
    )
    return out.assign(indeks_konvergensi=out["n_tercapai"] / out["n_dinilai"] * 100)
