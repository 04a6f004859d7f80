"""A region's own reference tables built from the national list (``manage.py new-region``).

``desa_table`` turns the national rows under one kabupaten/kota into ``kelurahan.csv``: codes,
names, kecamatan, label points and the approximate area of each desa/kelurahan's Voronoi cell
(``analysis.geometry``). A name used twice in the region (common in kabupaten: "Alue" in two
kecamatan) gets its kecamatan in brackets, "Alue (Samudera)", so names stay unique for pickers,
links and matching. Pure: the national list is passed in.
"""

from __future__ import annotations

import pandas as pd

from analysis import schema as s
from analysis.geometry import approximate_areas, areas_km2
from analysis.reference import COLUMNS
from analysis.region import Region, level_of

DESA_LEVEL, KECAMATAN_LEVEL = 4, 3


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
