"""What a measurement file replaces among the stored records: per kelurahan × month, the
records stored now, those in the file, and whether the kelurahan loses more than a fifth.

A file replaces either only the kelurahan × month it holds (``CAKUPAN_KELURAHAN``, kelurahan
absent from the file keep their records) or every kelurahan of the months it holds
(``CAKUPAN_BULAN``, kelurahan absent from the file have no record of those months after it)."""

from __future__ import annotations

import pandas as pd

from analysis import schema as s

CAKUPAN_KELURAHAN = "kelurahan"
CAKUPAN_BULAN = "bulan"
CAKUPAN = (CAKUPAN_KELURAHAN, CAKUPAN_BULAN)
TERSIMPAN = "tersimpan"
DI_BERKAS = "di_berkas"
BERKURANG = "berkurang"
BERKURANG_BANYAK = "berkurang_banyak"
KEY = [s.KODE_WILAYAH, s.PERIODE]
COLUMNS = [*KEY, TERSIMPAN, DI_BERKAS, BERKURANG, BERKURANG_BANYAK]


def _counts(records: pd.DataFrame, name: str) -> pd.DataFrame:
    return records.groupby(KEY, observed=True).size().rename(name).reset_index()


def replaced_records(stored: pd.DataFrame, incoming: pd.DataFrame, cakupan: str) -> pd.DataFrame:
    """One row per kelurahan × month holding stored records that ``incoming`` would replace
    under ``cakupan``, sorted by month and code: ``tersimpan`` (records stored now),
    ``di_berkas`` (records of the file), ``berkurang`` (records fewer after the save, never
    below 0) and ``berkurang_banyak`` (more than a fifth of ``tersimpan`` lost).

    ``stored`` holds the current records and ``incoming`` the file's, each with
    ``kode_wilayah`` and ``periode`` (one row a record)."""
    if cakupan not in CAKUPAN:
        raise ValueError(f"cakupan tidak dikenal: {cakupan!r}")
    have = _counts(stored, TERSIMPAN)
    new = _counts(incoming, DI_BERKAS)
    if cakupan == CAKUPAN_KELURAHAN:
        out = have.merge(new, on=KEY, how="inner")
    else:
        months = set(incoming[s.PERIODE])
        out = have.loc[have[s.PERIODE].isin(months)].merge(new, on=KEY, how="left")
    out = out.fillna({DI_BERKAS: 0}).astype({TERSIMPAN: "int64", DI_BERKAS: "int64"})
    out[BERKURANG] = (out[TERSIMPAN] - out[DI_BERKAS]).clip(lower=0)
    out[BERKURANG_BANYAK] = 5 * out[BERKURANG] > out[TERSIMPAN]  # more than a fifth, exactly
    return out.sort_values([s.PERIODE, s.KODE_WILAYAH])[COLUMNS].reset_index(drop=True)
