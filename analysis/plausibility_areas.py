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
from analysis.attainment import KECAMATAN, KELURAHAN, KOTA, region_label
from analysis.measure_quality import age_months
from analysis.plausibility import (
    MIN_CHILDREN,
    NAMA,
    NILAI,
    PENILAIAN,
    POIN,
    UJI,
    plausibility,
    smart_flags,
    statistics,
)
from analysis.region import Region

TINGKAT, WILAYAH, ANAK, SKOR, VONIS = "tingkat", "wilayah", "anak", "skor", "vonis"
TIDAK_BERMAKNA = f"tidak bermakna (< {MIN_CHILDREN} anak)"
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


def _ranges(ordered: pd.DataFrame, position: np.ndarray, region: Region | None):
    """(tingkat, code, name, start, stop) of the city ``region``, each kecamatan and each kelurahan of
    ``ordered`` (the area sorted by kecamatan, then kelurahan) as ranges of the records
    sorted by their kelurahan's row ``position`` in it: every wilayah is one block."""
    bounds = np.searchsorted(position, np.arange(len(ordered) + 1))
    if region is not None:
        yield KOTA, *region_label(region), bounds[0], bounds[-1]
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
    region: Region | None = None,
) -> pd.DataFrame:
    """The report (``COLUMNS``) of ``records`` (one round, ``kode_wilayah`` a kelurahan code)
    and their z-scores ``z`` (same index) for the city, each kecamatan and each kelurahan of
    ``area`` (``kode_kelurahan``, ``kelurahan``, ``kode_kecamatan``, ``kecamatan``); wilayah
    without a child scored are left out; empty when there are no thresholds. The city row is
    that of kabupaten/kota ``region``; without one it is left out (``area`` is then one
    kecamatan, not the city)."""
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
    rows = [
        row
        for tingkat, code, name, a, b in _ranges(ordered, position[order], region)
        if b > a
        for row in _rows(rec.iloc[a:b], zs.iloc[a:b], criteria, tingkat, code, name)
    ]
    return pd.DataFrame(rows, columns=COLUMNS).astype({SKOR: "Int64"})


def _rows(
    records: pd.DataFrame,
    z: pd.DataFrame,
    criteria: pd.DataFrame,
    tingkat: str,
    code: str,
    name: str,
) -> list[dict]:
    """The report of one wilayah (scored children only) as ``COLUMNS`` rows, the SD checks
    showing the SD itself."""
    children, values = statistics(
        z,
        records[s.JENIS_KELAMIN].to_numpy(),
        age_months(records[s.UMUR_HARI].to_numpy(dtype=float)),
        records[s.BERAT_KG].to_numpy(dtype=float),
        records[s.TINGGI_CM].to_numpy(dtype=float),
    )
    report = plausibility(children, values, criteria)
    sds = actual_sds(z)
    common = {
        TINGKAT: tingkat,
        s.KODE_WILAYAH: code,
        WILAYAH: name,
        ANAK: report.children,
        SKOR: report.total,
        VONIS: report.verdict if report.meaningful else TIDAK_BERMAKNA,
    }
    rows = []
    for row in report.table.to_dict("records"):
        if row[UJI] in SD_NAMES:
            row |= {NILAI: sds[row[UJI]], NAMA: SD_NAMES[row[UJI]]}
        rows.append(common | row)
    return rows


def whole_plausibility(
    records: pd.DataFrame, z: pd.DataFrame, criteria: pd.DataFrame, name: str
) -> pd.DataFrame:
    """The report (``COLUMNS``) of all ``records`` as one wilayah named ``name`` (tingkat
    ``BERKAS``), e.g. an analyst's file without kelurahan codes."""
    scored = z["dinilai"].to_numpy(dtype=bool)
    if criteria.empty or not scored.any():
        return pd.DataFrame(columns=COLUMNS)
    rows = _rows(records.loc[scored], z.loc[scored], criteria, BERKAS, "", name)
    return pd.DataFrame(rows, columns=COLUMNS).astype({SKOR: "Int64"})
