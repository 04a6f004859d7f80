"""The national Kemendagri code list with a label point per desa/kelurahan, shipped compressed in
``data/wilayah/wilayah_nasional.csv.gz`` (see its ``SOURCE.md`` for the attribution).

One row per province, kabupaten/kota, kecamatan and desa/kelurahan: ``kode`` (dotted, e.g.
``32.73.01.1001``), ``nama`` and, for desa/kelurahan with a published point, ``lat``/``lon``
(WGS84). ``compile_national`` builds the file from the two source CSVs; ``national_list`` reads
it once per process.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd

from settings import PROJECT_ROOT

NATIONAL_FILE = PROJECT_ROOT / "data" / "wilayah" / "wilayah_nasional.csv.gz"
COLUMNS = ["kode", "nama", "lat", "lon"]


def compile_national(codes_csv: Path, points_csv: Path, out: Path = NATIONAL_FILE) -> int:
    """Join the code list (``kode,nama,tingkat``) with the label points (``kode,nama,lat,lon``)
    into ``out`` (gzip CSV, ``COLUMNS``); return the number of rows."""
    codes = pd.read_csv(codes_csv, dtype=str, keep_default_na=False)
    points = pd.read_csv(points_csv, dtype={"kode": str}, usecols=["kode", "lat", "lon"])
    points = points.drop_duplicates("kode")
    table = codes[["kode", "nama"]].merge(points, on="kode", how="left")
    out.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(out, index=False, compression={"method": "gzip", "mtime": 0}, float_format="%.5f")
    return len(table)


@cache
def national_list(path: Path = NATIONAL_FILE) -> pd.DataFrame:
    """Every region of Indonesia (``COLUMNS``); ``lat``/``lon`` are NaN where no point exists."""
    return pd.read_csv(
        path,
        dtype={"kode": str, "nama": str},
        keep_default_na=False,
        na_values={"lat": [""], "lon": [""]},
    )
