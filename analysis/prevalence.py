"""Prevalence of stunting, severe stunting, wasting and underweight from child measurements.

A child counts in an indicator's denominator when its z-score is computed and plausible (not
flagged); WHO classifies on z rounded to 2 decimals (−2.004 is not stunted). Oedema makes
weight-for-age and weight-for-height missing, but the child counts as a case (< −3 SD) of
wasting and underweight, as in WHO's ``anthro_prevalence``. Kecamatan and city figures are
Σ cases ÷ Σ valid records; confidence intervals are Wilson score intervals (95%).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis import schema as s
from analysis.attainment import KECAMATAN, KELURAHAN, KOTA, WILAYAH, region_label
from analysis.region import Region

Z95 = 1.959963984540054
KASUS, VALID, PERSEN = "kasus", "valid", "persen"
CI_BAWAH, CI_ATAS, PENYEBUT_KECIL = "ci_bawah", "ci_atas", "penyebut_kecil"
RESULT_COLUMNS = [
    s.KODE_WILAYAH,
    WILAYAH,
    s.PERIODE,
    s.KODE_INDIKATOR,
    KASUS,
    VALID,
    PERSEN,
    CI_BAWAH,
    CI_ATAS,
    PENYEBUT_KECIL,
]


@dataclass(frozen=True)
class Measure:
    """One prevalence indicator: its catalogue code, the z-score and the cut-off."""

    kode: str
    nama: str
    z: str
    batas: float
    edema_kasus: bool  # oedema counts as a case (weight-based indicators)

    @property
    def label(self) -> str:
        """The name without its cut-off (``Stunting berat``), for narrow cards."""
        return self.nama.partition(" (")[0]

    @property
    def cutoff(self) -> str:
        """The cut-off alone (``TB/U < −3 SD``)."""
        return self.nama.partition(" (")[2].removesuffix(")")


MEASURES = [
    Measure("OUT01", "Stunting (TB/U < −2 SD)", "haz", -2.0, False),
    Measure("OUT04", "Stunting berat (TB/U < −3 SD)", "haz", -3.0, False),
    Measure("OUT02", "Wasting (BB/TB < −2 SD)", "whz", -2.0, True),
    Measure("OUT03", "Underweight (BB/U < −2 SD)", "waz", -2.0, True),
]


def case_flags(z: pd.DataFrame, oedema: np.ndarray | None = None) -> pd.DataFrame:
    """Per record and indicator: ``valid_<kode>`` (in the denominator) and ``kasus_<kode>``.

    ``z`` comes from ``analysis.zscore.compute_zscores`` (``haz``/``waz``/``whz`` and their
    ``flag_`` columns); ``oedema`` is a bool array aligned with it."""
    oedema = np.zeros(len(z), dtype=bool) if oedema is None else np.asarray(oedema, dtype=bool)
    out = {}
    for m in MEASURES:
        rounded = np.round(z[m.z].to_numpy(), 2)
        valid = ~np.isnan(rounded) & ~z[f"flag_{m.z}"].to_numpy()
        case = valid & (rounded < m.batas)
        if m.edema_kasus:
            scored = z["dinilai"].to_numpy() if m.z == "waz" else np.ones(len(z), dtype=bool)
            valid = valid | (oedema & scored)
            case = case | (oedema & scored)
        out[f"{VALID}_{m.kode}"] = valid
        out[f"{KASUS}_{m.kode}"] = case
    return pd.DataFrame(out, index=z.index)


def wilson(cases, n, z: float = Z95) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval of ``cases``/``n`` as proportions (NaN where ``n`` is 0)."""
    x = np.asarray(cases, dtype=float)
    n = np.asarray(n, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = x / n
        denom = 1 + z**2 / n
        centre = (p + z**2 / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / denom
    return centre - half, centre + half


def wilayah_of_level(area: pd.DataFrame, level: str, region: Region | None = None) -> pd.DataFrame:
    """kode_kelurahan → (kode_wilayah, wilayah) of the level (``region``, the kabupaten/kota,
    is needed for ``KOTA``)."""
    if level == KELURAHAN:
        pick = {s.KODE_KELURAHAN: s.KODE_WILAYAH, s.KELURAHAN: WILAYAH}
        frame = area[[s.KODE_KELURAHAN, s.KELURAHAN]].rename(columns=pick)
        return frame.assign(**{s.KODE_KELURAHAN: area[s.KODE_KELURAHAN]})
    if level == KECAMATAN:
        return pd.DataFrame(
            {
                s.KODE_KELURAHAN: area[s.KODE_KELURAHAN],
                s.KODE_WILAYAH: area[s.KODE_KECAMATAN],
                WILAYAH: area[s.KECAMATAN],
            }
        )
    if level == KOTA:
        kode, nama = region_label(region)
        return pd.DataFrame(
            {s.KODE_KELURAHAN: area[s.KODE_KELURAHAN], s.KODE_WILAYAH: kode, WILAYAH: nama}
        )
    raise ValueError(f"Tingkat wilayah tidak dikenal: {level}")


def prevalence(
    records: pd.DataFrame,
    flags: pd.DataFrame,
    area: pd.DataFrame,
    level: str = KELURAHAN,
    min_valid: int = 30,
    region: Region | None = None,
) -> pd.DataFrame:
    """Prevalence (%) per wilayah of ``level`` × period × indicator, with counts and Wilson CI
    (``region``: the kabupaten/kota, for ``KOTA``).

    ``records`` has ``kode_wilayah`` (a kelurahan code) and ``periode``; ``flags`` comes from
    ``case_flags``; ``area`` is the kelurahan reference (codes and names of kelurahan and
    kecamatan). Wilayah with no valid record for an indicator are left out; ``penyebut_kecil``
    marks fewer than ``min_valid`` valid records."""
    places = wilayah_of_level(area, level, region)
    joined = pd.concat(
        [records[[s.KODE_WILAYAH, s.PERIODE]].reset_index(drop=True), flags.reset_index(drop=True)],
        axis=1,
    ).rename(columns={s.KODE_WILAYAH: s.KODE_KELURAHAN})
    joined = joined.merge(places, on=s.KODE_KELURAHAN, how="inner")
    sums = joined.groupby([s.KODE_WILAYAH, WILAYAH, s.PERIODE], observed=True, sort=True)[
        list(flags.columns)
    ].sum()
    parts = []
    for m in MEASURES:
        part = pd.DataFrame(
            {KASUS: sums[f"{KASUS}_{m.kode}"], VALID: sums[f"{VALID}_{m.kode}"]}
        ).reset_index()
        parts.append(part.assign(**{s.KODE_INDIKATOR: m.kode}))
    out = pd.concat(parts, ignore_index=True)
    out = out.loc[out[VALID] > 0].astype({KASUS: "int64", VALID: "int64"})
    low, high = wilson(out[KASUS], out[VALID])
    out[PERSEN] = 100 * out[KASUS] / out[VALID]
    out[CI_BAWAH], out[CI_ATAS] = 100 * low, 100 * high
    out[PENYEBUT_KECIL] = out[VALID] < min_valid
    return out[RESULT_COLUMNS].reset_index(drop=True)


def indicator_values(prev: pd.DataFrame, source: str) -> pd.DataFrame:
    """Kelurahan prevalence as indicator values (``schema.VALUE_COLUMNS``) of ``source``:
    numerator = cases, denominator = valid records, value = percent."""
    return pd.DataFrame(
        {
            s.KODE_WILAYAH: prev[s.KODE_WILAYAH].astype(str),
            s.KODE_INDIKATOR: prev[s.KODE_INDIKATOR].astype(str),
            s.PERIODE: prev[s.PERIODE].astype(str),
            s.SUMBER_DATA: source,
            s.PEMBILANG: prev[KASUS].astype(float),
            s.PENYEBUT: prev[VALID].astype(float),
            s.NILAI: prev[PERSEN].astype(float),
        }
    )[s.VALUE_COLUMNS]
