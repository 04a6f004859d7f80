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


def _ranges(ordered: pd.DataFrame, position: np.ndarray, city: bool):
    """(tingkat, code, name, start, stop) of the city, each kecamatan and each kelurahan of
    ``ordered`` (the area sorted by kecamatan, then kelurahan) as ranges of the records
    sorted by their kelurahan's row ``position`` in it: every wilayah is one block."""
    bounds = np.searchsorted(position, np.arange(len(ordered) + 1))
    if city:
        yield KOTA, s.KODE_KOTA, KOTA_NAME, bounds[0], bounds[-1]
    for (name, code), inside in ordered.groupby([s.KECAMATAN, s.KODE_KECAMATAN], sort=False):
        yield KECAMATAN, code, name, bounds[inside.index.min()], bounds[inside.index.max() + 1]
    names = zip(ordered[s.KODE_KELURAHAN], ordered[s.KELURAHAN], strict=True)
    for i, (code, name) in enumerate(names):
        yield KELURAHAN, code, name, bounds[i], bounds[i + 1]


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
    ordered = area.sort_values([s.KECAMATAN, s.KELURAHAN]).reset_index(drop=True)
    position = pd.Categorical(records[s.KODE_WILAYAH], categories=ordered[s.KODE_KELURAHAN]).codes
    # The scored children of the area, sorted so that every wilayah is one slice (a view).
    keep = np.flatnonzero(z["dinilai"].to_numpy(dtype=bool) & (position >= 0))
    order = keep[np.argsort(position[keep], kind="stable")]
    columns = [s.JENIS_KELAMIN, s.UMUR_HARI, s.BERAT_KG, s.TINGGI_CM]
    rec = records[columns].iloc[order].reset_index(drop=True)
    zs = z[[c for c in z.columns if c[-3:] in ("haz", "waz", "whz") or c == "dinilai"]]
    zs = zs.iloc[order].reset_index(drop=True)
    parts = [
        _rows(rec.iloc[a:b], zs.iloc[a:b], criteria, tingkat, code, name)
        for tingkat, code, name, a, b in _ranges(ordered, position[order], city)
        if b > a
    ]
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
