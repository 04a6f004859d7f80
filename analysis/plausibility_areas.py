"""The plausibility report of one round side by side for the city, each kecamatan and each
kelurahan (issue #25 point 1): one row per wilayah and check, with the children scored, the total
score and its verdict — or ``TIDAK_BERMAKNA`` below ``analysis.plausibility.MIN_CHILDREN``.

The report itself (``analysis.plausibility``) rates the SD checks on their distance from 1; the
table here shows the SD itself as the check's value (SD of WHZ after WHO and SMART flags, SD of
HAZ and WAZ after WHO flags), its band and points unchanged.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import schema as s
from analysis.attainment import KECAMATAN, KELURAHAN, KOTA, KOTA_NAME
from analysis.plausibility import NAMA, NILAI, PENILAIAN, POIN, UJI, round_plausibility, smart_flags

TINGKAT, WILAYAH, ANAK, SKOR, VONIS = "tingkat", "wilayah", "anak", "skor", "vonis"
TIDAK_BERMAKNA = "tidak bermakna"
BERKAS = "berkas"  # a whole file, not a wilayah
COLUMNS = [TINGKAT, s.KODE_WILAYAH, WILAYAH, ANAK, SKOR, VONIS, UJI, NAMA, NILAI, PENILAIAN, POIN]
SD_NAMES = {"sd_whz": "SD WHZ", "sd_haz": "SD HAZ", "sd_waz": "SD WAZ"}


def actual_sds(z: pd.DataFrame) -> dict[str, float]:
    """The SDs (n − 1) of the plausibility report: WHZ after WHO flags and SMART flags, HAZ
    and WAZ after WHO flags (NaN with fewer than 2 values)."""

    def sd(x: np.ndarray) -> float:
        x = x[~np.isnan(x)]
        return float(np.std(x, ddof=1)) if len(x) > 1 else float("nan")

    whz = z["whz"].where(~z["flag_whz"]).to_numpy(dtype=float)
    out = {"sd_whz": sd(np.where(smart_flags(whz), np.nan, whz))}
    for name in ("haz", "waz"):
        out[f"sd_{name}"] = sd(z[name].where(~z[f"flag_{name}"]).to_numpy(dtype=float))
    return out


def _areas(area: pd.DataFrame) -> list[tuple[str, str, str, np.ndarray]]:
    """(tingkat, code, name, kelurahan codes) of the city, each kecamatan, each kelurahan."""
    out = [(KOTA, s.KODE_KOTA, KOTA_NAME, area[s.KODE_KELURAHAN].to_numpy())]
    for (code, name), part in area.groupby([s.KODE_KECAMATAN, s.KECAMATAN], sort=True):
        out.append((KECAMATAN, code, name, part[s.KODE_KELURAHAN].to_numpy()))
    for row in area.sort_values([s.KECAMATAN, s.KELURAHAN]).itertuples(index=False):
        code = getattr(row, s.KODE_KELURAHAN)
        out.append((KELURAHAN, code, getattr(row, s.KELURAHAN), np.array([code])))
    return out


def area_plausibility(
    records: pd.DataFrame,
    z: pd.DataFrame,
    criteria: pd.DataFrame,
    area: pd.DataFrame,
    city: bool = True,
) -> pd.DataFrame:
    """The report (``COLUMNS``) of ``records`` (one round, ``kode_wilayah`` a kelurahan code)
    and their z-scores ``z`` (same index) for the city, each kecamatan and each kelurahan of
    ``area`` (``kode_kelurahan``, ``kelurahan``, ``kode_kecamatan``, ``kecamatan``); wilayah
    without a child scored are left out; empty when there are no thresholds. ``city`` False
    leaves out the city row (``area`` is then one kecamatan, not the city)."""
    if criteria.empty:
        return pd.DataFrame(columns=COLUMNS)
    codes = records[s.KODE_WILAYAH].to_numpy()
    scored = z["dinilai"].to_numpy(dtype=bool)
    parts = []
    for tingkat, code, name, kelurahan in _areas(area)[0 if city else 1 :]:
        inside = np.isin(codes, kelurahan)
        if (inside & scored).any():
            parts.append(_rows(records.loc[inside], z.loc[inside], criteria, tingkat, code, name))
    if not parts:
        return pd.DataFrame(columns=COLUMNS)
    return pd.concat(parts, ignore_index=True)[COLUMNS].astype({SKOR: "Int64"})


def _rows(
    records: pd.DataFrame,
    z: pd.DataFrame,
    criteria: pd.DataFrame,
    tingkat: str,
    code: str,
    name: str,
) -> pd.DataFrame:
    """The report of one wilayah as ``COLUMNS`` rows, the SD checks showing the SD itself."""
    report = round_plausibility(records, z, criteria)
    table = report.table.copy()
    sds = actual_sds(z.loc[z["dinilai"].to_numpy(dtype=bool)])
    is_sd = table[UJI].isin(list(SD_NAMES))
    table.loc[is_sd, NILAI] = table.loc[is_sd, UJI].map(sds)
    table.loc[is_sd, NAMA] = table.loc[is_sd, UJI].map(SD_NAMES)
    return table.assign(
        **{
            TINGKAT: tingkat,
            s.KODE_WILAYAH: code,
            WILAYAH: name,
            ANAK: report.children,
            SKOR: report.total,
            VONIS: report.verdict if report.meaningful else TIDAK_BERMAKNA,
        }
    )[COLUMNS]


def whole_plausibility(
    records: pd.DataFrame, z: pd.DataFrame, criteria: pd.DataFrame, name: str
) -> pd.DataFrame:
    """The report (``COLUMNS``) of all ``records`` as one wilayah named ``name`` (tingkat
    ``BERKAS``), e.g. an analyst's file without kelurahan codes."""
    if criteria.empty or not z["dinilai"].any():
        return pd.DataFrame(columns=COLUMNS)
    return _rows(records, z, criteria, BERKAS, "", name).astype({SKOR: "Int64"})
