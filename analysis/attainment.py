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
from analysis.codes import combine
from analysis.coverage import gap_to_target
from analysis.region import Region

KELURAHAN = "kelurahan"
KECAMATAN = "kecamatan"
KOTA = "kota"
LEVELS = (KELURAHAN, KECAMATAN, KOTA)

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
HANYA_PERSEN = "n_hanya_persen"
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
    HANYA_PERSEN,
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
    code = np.select(
        [value.isna(), target.isna(), gap >= 0, gap >= -rules.mendekati_poin],
        [STATUS_ORDER.index(v) for v in (TANPA_DATA, TANPA_TARGET, TERCAPAI, MENDEKATI)],
        default=STATUS_ORDER.index(BELUM),
    )
    return pd.Series(pd.Categorical.from_codes(code, STATUS_ORDER), index=gap.index)


def region_label(region: Region | None) -> tuple[str, str]:
    """The code and name of the kabupaten/kota level (``"32.73"``, ``"Bandung"``): the region's
    own, never a fixed one; ``ValueError`` without a region."""
    if region is None:
        raise ValueError("Tingkat kabupaten/kota membutuhkan wilayahnya (Region).")
    return region.kode, region.bare_name


def _areas(
    kelurahan: pd.DataFrame, level: str, region: Region | None
) -> tuple[pd.Series, pd.Series]:
    """Per kelurahan (in ``kelurahan`` order): the code and name of its wilayah at ``level``
    (``region``, the kabupaten/kota, is needed for ``KOTA``)."""
    if level == KELURAHAN:
        return kelurahan[s.KODE_KELURAHAN], kelurahan[s.KELURAHAN]
    if level == KECAMATAN:
        return kelurahan[s.KODE_KECAMATAN], kelurahan[s.KECAMATAN]
    if level == KOTA:
        kode, nama = region_label(region)
        return pd.Series(kode, index=kelurahan.index), pd.Series(nama, index=kelurahan.index)
    raise ValueError(f"Tingkat wilayah tidak dikenal: {level!r} (pilih {', '.join(LEVELS)}).")


def _codes(series: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Integer codes (−1 = missing) and the values they stand for (sorted, unless the column
    is already categorical: then its own codes and categories)."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        return series.cat.codes.to_numpy(), pd.Index(series.cat.categories)
    codes, uniques = pd.factorize(series, sort=True)
    return codes, pd.Index(uniques)


def coverage_by_area(
    values: pd.DataFrame,
    kelurahan: pd.DataFrame,
    catalogue: pd.DataFrame,
    level: str = KELURAHAN,
    rules: StatusRules | None = None,
    region: Region | None = None,
) -> pd.DataFrame:
    """Σpembilang ÷ Σpenyebut per wilayah of ``level`` × indicator × period over the given
    kelurahan, with target, gap and status (``region``: the kabupaten/kota, for ``KOTA``).

    Only kelurahan rows of ``values`` count (a city-level survey row is not a kelurahan), and
    only rows with both counts are summed. A percentage indicator's value written without its
    counts (``nilai`` only: *hanya persen*) is shown as it is at kelurahan level (``cakupan`` =
    ``nilai``, counts NaN) and never summed above it: ``n_hanya_persen`` says how many such
    kelurahan a wilayah has, ``n_kelurahan`` how many were summed (a kecamatan of percent-only
    kelurahan alone has no ``cakupan``). Columns: ``COVERAGE_COLUMNS`` (text columns
    categorical). Rows exist only where some kelurahan reported; see ``coverage_grid`` for a
    full grid. Works on integer codes: millions of values stay fast.
    """
    rules = rules or StatusRules()
    area_code, area_name = _areas(kelurahan, level, region)
    area_of_kel, area_codes = _codes(area_code.reset_index(drop=True))
    names = pd.Series(area_name.to_numpy(), index=area_of_kel).groupby(level=0).first()
    place, place_values = _codes(values[s.KODE_WILAYAH])
    kel_pos = pd.Index(kelurahan[s.KODE_KELURAHAN]).get_indexer(place_values)
    pos = np.where(place >= 0, kel_pos[place], -1)
    num = values[s.PEMBILANG].to_numpy(dtype=float)
    den = values[s.PENYEBUT].to_numpy(dtype=float)
    val = (
        values[s.NILAI].to_numpy(dtype=float)
        if s.NILAI in values.columns
        else np.full(len(values), np.nan)
    )
    ind, ind_values = _codes(values[s.KODE_INDIKATOR])
    per, per_values = _codes(values[s.PERIODE])
    cat = catalogue.set_index(s.KODE).reindex(ind_values)
    satuan = cat[s.SATUAN] if s.SATUAN in cat.columns else pd.Series("persen", index=cat.index)
    persen = np.append(satuan.eq("persen").to_numpy(dtype=bool), False)  # [-1]: unknown
    counted = ~np.isnan(num) & ~np.isnan(den)
    pct_only = ~counted & ~np.isnan(val) & persen[ind]
    keep = (pos >= 0) & (ind >= 0) & (per >= 0) & (counted | pct_only)
    area, ind, per = area_of_kel[pos[keep]], ind[keep], per[keep]
    counted, pct_only = counted[keep], pct_only[keep]
    sizes = [len(area_codes), len(ind_values), len(per_values)]
    group = combine([area, ind, per], sizes) if keep.any() else np.zeros(0, dtype=np.int64)
    n_groups = int(group.max()) + 1 if len(group) else 0
    first = np.zeros(n_groups, dtype=np.int64)
    first[group[::-1]] = np.arange(len(group))[::-1]
    sums_num = np.bincount(group, weights=np.where(counted, num[keep], 0), minlength=n_groups)
    sums_den = np.bincount(group, weights=np.where(counted, den[keep], 0), minlength=n_groups)
    count = np.bincount(group, weights=counted, minlength=n_groups).astype(np.int64)
    n_pct = np.bincount(group, weights=pct_only, minlength=n_groups).astype(np.int64)
    g_area, g_ind = area[first], ind[first]
    ratio = np.where(sums_den > 0, sums_num / np.where(sums_den > 0, sums_den, 1) * 100, np.nan)
    if level == KELURAHAN:  # one value per kelurahan: a percent-only one is shown as written
        pct_value = np.bincount(group, weights=np.where(pct_only, val[keep], 0), minlength=n_groups)
        ratio = np.where((count == 0) & (n_pct > 0), pct_value, ratio)
    no_counts = count == 0
    sums_num, sums_den = (
        np.where(no_counts, np.nan, sums_num),
        np.where(no_counts, np.nan, sums_den),
    )
    arah = pd.Categorical(cat[s.ARAH].to_numpy(dtype=object))
    out = pd.DataFrame(
        {
            s.KODE_WILAYAH: pd.Categorical.from_codes(g_area, area_codes),
            WILAYAH: _take(names.to_numpy(dtype=object), g_area),
            s.KODE_INDIKATOR: pd.Categorical.from_codes(g_ind, ind_values),
            s.PERIODE: pd.Categorical.from_codes(per[first], per_values),
            s.PEMBILANG: sums_num,
            s.PENYEBUT: sums_den,
            s.CAKUPAN: ratio,
            N_KELURAHAN: count,
            HANYA_PERSEN: n_pct,
            s.TARGET: cat[s.TARGET].to_numpy(dtype=float)[g_ind],
            s.ARAH: pd.Categorical.from_codes(arah.codes[g_ind], arah.categories),
        }
    )
    gap = gap_to_target(out[s.CAKUPAN], out[s.TARGET], out[s.ARAH])
    status = classify(gap, out[s.CAKUPAN], out[s.TARGET], rules)
    # Group numbers follow the sorted codes: rows are ordered by wilayah, indicator, period.
    return out.assign(
        **{
            s.SELISIH_TARGET: gap,
            STATUS: status,
            SMALL: ~no_counts & (np.nan_to_num(sums_den) < rules.min_penyebut),
        }
    )[COVERAGE_COLUMNS]


def _take(labels: np.ndarray, codes: np.ndarray) -> pd.Categorical:
    """``labels[codes]`` as a categorical, without building millions of strings."""
    uniques, inverse = np.unique(labels.astype(str), return_inverse=True)
    return pd.Categorical.from_codes(inverse[codes], uniques)


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
            N_KELURAHAN: out[N_KELURAHAN].fillna(0).astype(np.int64),
            HANYA_PERSEN: out[HANYA_PERSEN].fillna(0).astype(np.int64),
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


def of_period(frame: pd.DataFrame, periode: str) -> pd.DataFrame:
    """The rows of ``frame`` (with a ``periode`` column) in ``periode``."""
    return frame.loc[frame[s.PERIODE] == periode]
