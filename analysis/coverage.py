"""Coverage of indicators: Σnumerator ÷ Σdenominator, targets and the gap to target.

Required columns of a values frame: ``kode_indikator``, ``periode``, ``pembilang``, ``penyebut``
(counts of people, households or kelurahan) plus whatever grouping columns are asked for.
Percentages are returned in percent (0–100).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import schema as s

GAP_DECIMALS = 9


def aggregate_ratio(values: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Σpembilang ÷ Σpenyebut × 100 per group, ignoring rows without both counts.

    Returns the ``by`` columns plus ``pembilang``, ``penyebut`` (sums), ``cakupan`` (percent,
    NaN when the denominator sum is 0) and ``n_baris`` (rows aggregated).
    """
    usable = values.dropna(subset=[s.PEMBILANG, s.PENYEBUT])
    groups = usable.groupby(by, dropna=False, sort=True)
    # Two plain reductions rather than a named .agg(): the same frame in about half the time
    # (the Ringkasan, Indikator and Profil figures aggregate through here).
    grouped = groups[[s.PEMBILANG, s.PENYEBUT]].sum().assign(n_baris=groups.size()).reset_index()
    den = grouped[s.PENYEBUT].astype(float)
    ratio = np.where(
        den > 0, grouped[s.PEMBILANG].astype(float) / den.where(den > 0, 1.0) * 100, np.nan
    )
    return grouped.assign(**{s.CAKUPAN: ratio})


def gap_to_target(value: pd.Series, target: pd.Series, direction: pd.Series) -> pd.Series:
    """Signed gap in percentage points where positive means *better* than target.

    For ``tinggi_baik`` the gap is value − target; for ``rendah_baik`` it is target − value.
    NaN when the value or the target is missing.
    """
    raw = value.astype(float) - target.astype(float)
    # Rounded so that a coverage exactly on target (58/100 → 57.99999999999999) counts as reached.
    return raw.where(direction != s.ARAH_RENDAH_BAIK, -raw).round(GAP_DECIMALS)


def attach_targets(coverage: pd.DataFrame, catalogue: pd.DataFrame) -> pd.DataFrame:
    """Add the catalogue's ``target``/``arah`` and the derived ``selisih_target`` and ``tercapai``.

    ``tercapai`` is True/False where a target exists and missing (``pd.NA``) where it does not.
    """
    cat = catalogue[[s.KODE, s.NAMA, s.KELOMPOK, s.ARAH, s.TARGET]].rename(
        columns={s.KODE: s.KODE_INDIKATOR}
    )
    merged = coverage.merge(cat, on=s.KODE_INDIKATOR, how="left", validate="many_to_one")
    gap = gap_to_target(merged[s.CAKUPAN], merged[s.TARGET], merged[s.ARAH])
    reached = pd.array([pd.NA if np.isnan(g) else bool(g >= 0) for g in gap], dtype="boolean")
    return merged.assign(**{s.SELISIH_TARGET: gap, s.TERCAPAI: reached})
