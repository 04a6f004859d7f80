"""Analisis situasi (Aksi 1): a transparent priority score per kelurahan, its reasons, and the
recommended lokus for next year.

Input is the kelurahan-level output of ``attainment.coverage_by_area`` for one period. Three
components, each rescaled to 0–100 across the kelurahan that have it (min → 0, max → 100):

- ``prevalensi``: register stunting prevalence (OUT01, percent);
- ``jumlah_stunting``: number of stunted children (OUT01 numerator);
- ``kesenjangan``: mean shortfall below target, in points, over the intervention indicators
  (spesifik and sensitif) with data and a target; an indicator on or above target counts 0.

Score = Σ weight × component ÷ Σ weight over the components the kelurahan has; a kelurahan missing
a component is flagged ``lengkap = False``. Higher score = higher priority.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis import schema as s
from analysis.attainment import BELUM, INTERVENTION_GROUPS, MENDEKATI, STATUS

PREVALENSI = "prevalensi"
JUMLAH = "jumlah_stunting"
KESENJANGAN = "kesenjangan"
COMPONENTS = (PREVALENSI, JUMLAH, KESENJANGAN)
SKOR = "skor_prioritas"
TETAP, MASUK, KELUAR = "tetap", "masuk", "keluar"


@dataclass(frozen=True)
class Weights:
    """Relative weights of the three components (any non-negative numbers; not all zero)."""

    prevalensi: float = 40.0
    jumlah_stunting: float = 30.0
    kesenjangan: float = 30.0

    def as_dict(self) -> dict[str, float]:
        return {
            PREVALENSI: self.prevalensi,
            JUMLAH: self.jumlah_stunting,
            KESENJANGAN: self.kesenjangan,
        }


def rescale(values: pd.Series) -> pd.Series:
    """Min → 0, max → 100 over the non-missing values; all equal → 0; missing stays missing."""
    low, high = values.min(), values.max()
    if pd.isna(low) or high == low:
        return values.where(values.isna(), 0.0).astype(float)
    return (values - low) / (high - low) * 100


def shortfalls(coverage: pd.DataFrame, catalogue: pd.DataFrame) -> pd.DataFrame:
    """Intervention indicators below target per wilayah, largest shortfall first.

    Columns: ``kode_wilayah``, ``kode_indikator``, ``cakupan``, ``target``, ``arah``,
    ``pembilang``, ``penyebut``, ``kekurangan`` (points below target, > 0), ``urutan`` (1 =
    largest shortfall of that wilayah).
    """
    codes = catalogue.loc[catalogue[s.KELOMPOK].isin(INTERVENTION_GROUPS), s.KODE]
    rows = coverage.loc[
        coverage[s.KODE_INDIKATOR].isin(codes) & coverage[STATUS].isin([MENDEKATI, BELUM])
    ]
    rows = rows.assign(kekurangan=-rows[s.SELISIH_TARGET]).sort_values(
        [s.KODE_WILAYAH, "kekurangan", s.KODE_INDIKATOR], ascending=[True, False, True]
    )
    rows = rows.assign(urutan=rows.groupby(s.KODE_WILAYAH).cumcount() + 1)
    columns = [s.KODE_WILAYAH, s.KODE_INDIKATOR, s.CAKUPAN, s.TARGET, s.ARAH]
    return rows[[*columns, s.PEMBILANG, s.PENYEBUT, "kekurangan", "urutan"]].reset_index(drop=True)


def priority_scores(
    coverage: pd.DataFrame,
    kelurahan: pd.DataFrame,
    catalogue: pd.DataFrame,
    weights: Weights | None = None,
) -> pd.DataFrame:
    """The priority score of every kelurahan given, ranked (1 = highest priority).

    ``coverage``: kelurahan-level coverage of one period. Returns ``kode_kelurahan``,
    ``kelurahan``, ``kecamatan``, the raw components (``prevalensi``, ``jumlah_stunting``,
    ``penyebut_prevalensi``, ``kesenjangan``, ``n_dinilai``, ``n_belum``), their rescaled
    ``skor_*``, ``skor_prioritas``, ``lengkap`` and ``peringkat``.
    """
    weights = weights or Weights()
    w = weights.as_dict()
    if any(v < 0 for v in w.values()) or not any(v > 0 for v in w.values()):
        raise ValueError("Bobot harus ≥ 0 dan setidaknya satu bobot > 0.")
    table = kelurahan[[s.KODE_KELURAHAN, s.KELURAHAN, s.KECAMATAN]].reset_index(drop=True)
    out = coverage.loc[coverage[s.KODE_INDIKATOR] == s.IND_STUNTING]
    out = out[[s.KODE_WILAYAH, s.CAKUPAN, s.PEMBILANG, s.PENYEBUT]].astype({s.KODE_WILAYAH: str})
    out = out.rename(
        columns={
            s.KODE_WILAYAH: s.KODE_KELURAHAN,
            s.CAKUPAN: PREVALENSI,
            s.PEMBILANG: JUMLAH,
            s.PENYEBUT: "penyebut_prevalensi",
        }
    )
    codes = catalogue.loc[catalogue[s.KELOMPOK].isin(INTERVENTION_GROUPS), s.KODE]
    assessed = coverage.loc[
        coverage[s.KODE_INDIKATOR].isin(codes) & coverage[s.SELISIH_TARGET].notna()
    ]
    short = (-assessed[s.SELISIH_TARGET]).clip(lower=0)
    gaps = (
        assessed.assign(_short=short, _below=short > 0)
        .groupby(s.KODE_WILAYAH, as_index=False, observed=True)
        .agg(
            **{
                KESENJANGAN: ("_short", "mean"),
                "n_dinilai": ("_short", "size"),
                "n_belum": ("_below", "sum"),
            }
        )
        .rename(columns={s.KODE_WILAYAH: s.KODE_KELURAHAN})
    )
    gaps = gaps.astype({s.KODE_KELURAHAN: str})
    table = table.merge(out, how="left").merge(gaps, how="left")
    table = table.assign(**{f"skor_{c}": rescale(table[c].astype(float)) for c in COMPONENTS})
    scores = table[[f"skor_{c}" for c in COMPONENTS]].to_numpy()
    weight = np.array([w[c] for c in COMPONENTS])
    present = ~np.isnan(scores)
    used = (present * weight).sum(axis=1)
    total = np.where(present, scores, 0.0) @ weight
    skor = np.where(used > 0, total / np.where(used > 0, used, 1), np.nan)
    table = table.assign(**{SKOR: skor, "lengkap": present.all(axis=1)})
    table = table.sort_values([SKOR, s.KELURAHAN], ascending=[False, True], na_position="last")
    ranks = table[SKOR].rank(method="min", ascending=False)
    return table.assign(**{s.PERINGKAT: ranks.astype("Int64")}).reset_index(drop=True)


def recommend_lokus(scores: pd.DataFrame, current: set[str], n: int) -> pd.DataFrame:
    """The ``n`` highest-priority kelurahan as next year's lokus, compared with ``current``.

    Adds ``rekomendasi`` (in the top ``n``), ``lokus_sekarang`` and ``perubahan``: ``tetap``
    (both), ``masuk`` (recommended, not a lokus now), ``keluar`` (a lokus now, not recommended),
    or empty. Ties at the cut-off are broken by name, as in the ranking.
    """
    if n < 0:
        raise ValueError("Jumlah lokus tidak boleh negatif.")
    ranked = scores.assign(
        rekomendasi=np.arange(len(scores)) < n,
        lokus_sekarang=scores[s.KODE_KELURAHAN].isin(current),
    )
    ranked = ranked.assign(rekomendasi=ranked["rekomendasi"] & ranked[SKOR].notna())
    change = np.select(
        [
            ranked["rekomendasi"] & ranked["lokus_sekarang"],
            ranked["rekomendasi"],
            ranked["lokus_sekarang"],
        ],
        [TETAP, MASUK, KELUAR],
        default="",
    )
    return ranked.assign(perubahan=change)


def reasons_table(scores: pd.DataFrame, gaps: pd.DataFrame, per_kelurahan: int = 3) -> pd.DataFrame:
    """The top ``per_kelurahan`` shortfalls of every scored kelurahan, in ranking order."""
    top = gaps.loc[gaps["urutan"] <= per_kelurahan].rename(
        columns={s.KODE_WILAYAH: s.KODE_KELURAHAN}
    )
    order = scores[[s.KODE_KELURAHAN, s.PERINGKAT]]
    return order.merge(top, on=s.KODE_KELURAHAN, how="inner").sort_values(
        [s.PERINGKAT, "urutan"], ignore_index=True
    )
