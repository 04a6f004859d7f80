"""A region's own reference tables built from the national list (``manage.py new-region``).

``desa_table`` turns the national rows under one kabupaten/kota into ``kelurahan.csv``: codes,
names, kecamatan, label points and the approximate area of each desa/kelurahan's Voronoi cell
(``analysis.geometry``). A name used twice in the region (common in kabupaten: "Alue" in two
kecamatan) gets its kecamatan in brackets, "Alue (Samudera)", so names stay unique for pickers,
links and matching. ``demo_lokus`` picks the synthetic lokus of a ``--demo`` pack. Pure: the
national list is passed in.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import schema as s
from analysis.geometry import approximate_areas, areas_km2
from analysis.reference import COLUMNS
from analysis.region import Region, level_of

DESA_LEVEL, KECAMATAN_LEVEL = 4, 3
# Synthetic lokus of a --demo pack: about a tenth of the desa, 3 to 15, for the demo's first year.
DEMO_LOKUS_SHARE, DEMO_LOKUS_MIN, DEMO_LOKUS_MAX = 0.1, 3, 15
DEMO_LOKUS_YEAR = 2022
DEMO_LOKUS_SEED = 20220720
DEMO_LOKUS_BASIS = "Contoh sintetis (demo) — ganti dengan lokus resmi"


def _children(national: pd.DataFrame, kode: str, level: int) -> pd.DataFrame:
    codes = national["kode"]
    return national.loc[codes.str.startswith(kode + ".") & (codes.str.count(r"\.") == level - 1)]


def desa_table(region: Region, national: pd.DataFrame) -> pd.DataFrame:
    """``kelurahan.csv`` of ``region`` (``COLUMNS["kelurahan.csv"]``), in code order; label point
    and area empty where the national list has no point."""
    desa = _children(national, region.kode, DESA_LEVEL).sort_values("kode")
    kec = _children(national, region.kode, KECAMATAN_LEVEL).set_index("kode")["nama"]
    kode_kec = desa["kode"].str.rsplit(".", n=1).str[0]
    names = desa["nama"].str.strip()
    kec_names = kode_kec.map(kec).fillna("")
    twice = names.duplicated(keep=False)
    names = names.where(~twice, names + " (" + kec_names + ")")
    table = pd.DataFrame(
        {
            s.KODE_KELURAHAN: desa["kode"],
            s.KODE_KELURAHAN_10: desa["kode"].str.replace(".", "", regex=False),
            s.KELURAHAN: names,
            s.KODE_KECAMATAN: kode_kec,
            s.KECAMATAN: kec_names,
            s.LABEL_LAT: desa["lat"],
            s.LABEL_LON: desa["lon"],
        }
    ).reset_index(drop=True)
    areas = approximate_areas(table)
    size = dict(zip(areas[s.KODE_KELURAHAN], areas_km2(areas).round(2), strict=True))
    table[s.AREA_KM2] = table[s.KODE_KELURAHAN].map(size)
    return table[COLUMNS["kelurahan.csv"]]


def wilayah_table(region: Region) -> pd.DataFrame:
    """``wilayah.csv``: the one row naming the region."""
    return pd.DataFrame(
        [
            {
                "kode": region.kode,
                "nama": region.nama,
                "provinsi": region.provinsi,
                "kode_bps": region.kode_bps,
                "sebutan_desa": region.sebutan_desa,
                "data_contoh": "1" if region.data_contoh else "0",
            }
        ]
    )


def is_kabupaten_kota(kode: str) -> bool:
    return level_of(kode) == 2  # noqa: PLR2004


def demo_lokus_count(n_desa: int) -> int:
    """How many synthetic lokus a pack of ``n_desa`` gets: a tenth, rounded, within 3…15 (and
    never more than there are desa)."""
    wanted = int(np.clip(round(n_desa * DEMO_LOKUS_SHARE), DEMO_LOKUS_MIN, DEMO_LOKUS_MAX))
    return min(wanted, n_desa)


def demo_lokus(region: Region, desa: pd.DataFrame) -> pd.DataFrame:
    """``lokus.csv`` of a ``--demo`` pack: a seeded choice of ``demo_lokus_count`` desa of
    ``desa`` (``kelurahan.csv``) for ``DEMO_LOKUS_YEAR``, the same for the same region on every
    run, marked synthetic in ``dasar_penetapan``; in code order."""
    rng = np.random.default_rng([DEMO_LOKUS_SEED, int(region.digits)])
    picked = rng.choice(len(desa), size=demo_lokus_count(len(desa)), replace=False)
    chosen = desa.iloc[np.sort(picked)]
    return pd.DataFrame(
        {
            s.TAHUN: DEMO_LOKUS_YEAR,
            s.KODE_KELURAHAN: chosen[s.KODE_KELURAHAN].to_numpy(),
            s.KELURAHAN: chosen[s.KELURAHAN].to_numpy(),
            s.DASAR_PENETAPAN: DEMO_LOKUS_BASIS,
        },
        columns=COLUMNS["lokus.csv"],
    )
