"""Rule-based alerts ("cakupan ASI eksklusif < 50%"): the rules are reference data
(``aturan_peringatan.csv``: ``kode_indikator``, ``operator``, ``ambang``, ``pesan``)."""

from __future__ import annotations

import operator

import pandas as pd

from analysis import schema as s

OPERATORS = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}


def alerts(coverage: pd.DataFrame, rules: pd.DataFrame) -> pd.DataFrame:
    """Every row of ``coverage`` (any level, any period) that breaks a rule: the coverage row's
    ``kode_wilayah``, ``wilayah``, ``kode_indikator``, ``periode``, ``cakupan``, ``pembilang``,
    ``penyebut`` plus the rule's ``operator``, ``ambang`` and ``pesan``. Missing values never
    raise an alert (no data is not a low value)."""
    keep = [
        s.KODE_WILAYAH,
        "wilayah",
        s.KODE_INDIKATOR,
        s.PERIODE,
        s.CAKUPAN,
        s.PEMBILANG,
        s.PENYEBUT,
    ]
    merged = coverage[keep].merge(rules, on=s.KODE_INDIKATOR, how="inner")
    hit = pd.Series(False, index=merged.index)
    for symbol, compare in OPERATORS.items():
        rows = merged["operator"] == symbol
        hit |= rows & compare(merged[s.CAKUPAN], merged["ambang"]).fillna(False)
    return merged.loc[hit].reset_index(drop=True)
