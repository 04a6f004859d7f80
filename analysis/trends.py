"""Change over time: per kelurahan between two periods, lokus against non-lokus, and the
composition of stunting (pendek vs sangat pendek).

Changes are in percentage points; ``membaik`` respects the indicator's direction (a falling
prevalence improves) and is said only of a change that means something (``analysis.change``).
Every figure keeps its counts so small denominators are not over-read.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import schema as s
from analysis.change import MEMBAIK, MEMBURUK, MIN_POINTS, TIDAK_BERMAKNA
from analysis.coverage import aggregate_ratio
from analysis.jumps import ARAH_PERUBAHAN, judge_changes
from analysis.overview import GROUP, LOKUS_LABEL, NON_LOKUS_LABEL, paired_change
from analysis.periods import sort_periods

IND_DIUKUR, IND_SANGAT_PENDEK, IND_PENDEK = "SAS03", "SAS04", "SAS05"
# A change without counts (a bare percentage) is stated, never judged.
TANPA_UJI = "tanpa uji (tanpa pembilang/penyebut)"
MOVES = {MEMBAIK: "membaik", MEMBURUK: "memburuk", TIDAK_BERMAKNA: "tetap", TANPA_UJI: "tanpa_uji"}


def change_between(
    coverage: pd.DataFrame,
    catalogue: pd.DataFrame,
    before: str,
    after: str,
    min_points: float = MIN_POINTS,
) -> pd.DataFrame:
    """Per wilayah × indicator with a value in both periods: ``cakupan_awal``, ``cakupan_akhir``,
    ``pembilang_``/``penyebut_awal`` and ``_akhir``, ``perubahan`` (points) and
    ``arah_perubahan``: membaik / memburuk / tidak berubah bermakna by ``analysis.change``
    (Newcombe's interval excludes zero and the change is at least ``min_points``) for a
    percentage with counts at both ends, else ``TANPA_UJI``; largest improvement first."""
    keep = [s.KODE_WILAYAH, "wilayah", s.KODE_INDIKATOR, s.CAKUPAN, s.PEMBILANG, s.PENYEBUT]
    a = coverage.loc[coverage[s.PERIODE] == before, keep]
    b = coverage.loc[coverage[s.PERIODE] == after, keep]
    out = a.merge(
        b, on=[s.KODE_WILAYAH, "wilayah", s.KODE_INDIKATOR], suffixes=("_awal", "_akhir")
    ).dropna(subset=["cakupan_awal", "cakupan_akhir"])
    cat = catalogue.set_index(s.KODE)
    arah = out[s.KODE_INDIKATOR].map(cat[s.ARAH])
    delta = (out["cakupan_akhir"] - out["cakupan_awal"]).round(9)
    better = np.where(arah == s.ARAH_RENDAH_BAIK, -delta, delta)
    counts = out.rename(columns={"pembilang_akhir": s.PEMBILANG, "penyebut_akhir": s.PENYEBUT})
    verdict = judge_changes(counts, (arah == s.ARAH_RENDAH_BAIK).to_numpy(), min_points)
    satuan = cat[s.SATUAN] if s.SATUAN in cat.columns else pd.Series("persen", index=cat.index)
    percent = out[s.KODE_INDIKATOR].map(satuan).eq("persen")
    tested = percent & verdict[ARAH_PERUBAHAN].ne("")
    out = out.assign(
        perubahan=delta,
        arah_perubahan=verdict[ARAH_PERUBAHAN].where(tested, TANPA_UJI),
        _better=better,
    )
    return (
        out.sort_values(["_better", "wilayah"], ascending=[False, True])
        .drop(columns="_better")
        .reset_index(drop=True)
    )


def lokus_comparison(
    values: pd.DataFrame,
    kelurahan: pd.DataFrame,
    lokus_codes: set[str],
    indicator: str,
    before: str,
    after: str,
) -> pd.DataFrame:
    """Did the lokus improve faster? Per group (lokus, bukan lokus): the pooled ratio in both
    periods over the kelurahan reporting in both, with counts.

    Columns: ``kelompok_wilayah``, ``n_kelurahan``, ``pembilang_awal``, ``penyebut_awal``,
    ``cakupan_awal``, ``pembilang_akhir``, ``penyebut_akhir``, ``cakupan_akhir``, ``perubahan``.
    """
    rows = values.loc[values[s.KODE_INDIKATOR] == indicator]
    rows = rows.loc[rows[s.KODE_WILAYAH].isin(set(kelurahan[s.KODE_KELURAHAN]))]
    records = []
    for label, inside in ((LOKUS_LABEL, True), (NON_LOKUS_LABEL, False)):
        part = rows.loc[rows[s.KODE_WILAYAH].isin(lokus_codes) == inside]
        change = paired_change(part, indicator, before, after)
        a, b = change.baseline, change.current
        records.append(
            {
                "kelompok_wilayah": label,
                "n_kelurahan": change.n_wilayah,
                "pembilang_awal": a.pembilang if a else np.nan,
                "penyebut_awal": a.penyebut if a else np.nan,
                "cakupan_awal": a.persen if a else np.nan,
                "pembilang_akhir": b.pembilang if b else np.nan,
                "penyebut_akhir": b.penyebut if b else np.nan,
                "cakupan_akhir": b.persen if b else np.nan,
                "perubahan": change.poin,
            }
        )
    return pd.DataFrame(records)


def stunting_composition(values: pd.DataFrame, codes: set[str], periode: str) -> dict[str, float]:
    """Pendek and sangat pendek among the children measured, summed over the kelurahan ``codes``
    in ``periode``: ``diukur``, ``pendek``, ``sangat_pendek``, ``persen_pendek``,
    ``persen_sangat_pendek`` (of those measured) and ``porsi_sangat_pendek`` (of the stunted).
    Counts are NaN when no kelurahan reported them."""
    rows = values.loc[values[s.KODE_WILAYAH].isin(codes) & (values[s.PERIODE] == periode)]

    def total(indicator: str) -> float:
        part = rows.loc[rows[s.KODE_INDIKATOR] == indicator, s.PEMBILANG].dropna()
        return float(part.sum()) if len(part) else np.nan

    diukur, sangat, pendek = total(IND_DIUKUR), total(IND_SANGAT_PENDEK), total(IND_PENDEK)
    stunted = sangat + pendek
    return {
        "diukur": diukur,
        "pendek": pendek,
        "sangat_pendek": sangat,
        "persen_pendek": pendek / diukur * 100 if diukur > 0 else np.nan,
        "persen_sangat_pendek": sangat / diukur * 100 if diukur > 0 else np.nan,
        "porsi_sangat_pendek": sangat / stunted * 100 if stunted > 0 else np.nan,
    }


def area_trend(values: pd.DataFrame, areas: dict[str, set[str]], indicator: str) -> pd.DataFrame:
    """Σpembilang ÷ Σpenyebut of ``indicator`` per period for each named group of wilayah codes
    (e.g. one kelurahan and the whole city). Columns as ``overview.trend_by_lokus``."""
    rows = values.loc[values[s.KODE_INDIKATOR] == indicator]
    parts = [
        aggregate_ratio(rows.loc[rows[s.KODE_WILAYAH].isin(codes)], [s.PERIODE]).assign(
            **{GROUP: label}
        )
        for label, codes in areas.items()
    ]
    out = pd.concat(parts, ignore_index=True)
    order = {p: i for i, p in enumerate(sort_periods(out[s.PERIODE].unique()))}
    out = out.assign(_o=out[s.PERIODE].map(order)).sort_values(["_o", GROUP], kind="stable")
    return out[[s.PERIODE, GROUP, s.PEMBILANG, s.PENYEBUT, s.CAKUPAN]].reset_index(drop=True)
