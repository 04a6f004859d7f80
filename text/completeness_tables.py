"""Display tables of the reporting-completeness section (``analysis.completeness``): the
kelurahan × indicator grid of one period, completeness per kecamatan and per indicator, and
the gap list a planner chases (also the downloadable CSV/XLSX), with Indonesian headers."""

from __future__ import annotations

import pandas as pd

from analysis import schema as s
from analysis.completeness import (
    BATAS,
    BELUM,
    DIHARAPKAN,
    DIUNGGAH,
    MELAPOR,
    PERSEN_LENGKAP,
    PERSEN_TEPAT,
    STATUS,
    TEPAT_WAKTU,
    TERLAMBAT,
)
from text.fmt import MISSING, fmt_date, fmt_percent, fmt_period
from text.strings import word

CELL = {TEPAT_WAKTU: "✓", TERLAMBAT: "! terlambat", BELUM: "✗ belum"}


def grid_table(grid: pd.DataFrame) -> pd.DataFrame:
    """``analysis.completeness.status_grid`` with a mark per cell: ✓ on time, ! late, ✗ missing
    (indicator codes as column headers)."""
    codes = [c for c in grid.columns if c not in (s.KELURAHAN, s.KECAMATAN)]
    out = pd.DataFrame({word("Unit"): grid[s.KELURAHAN], "Kecamatan": grid[s.KECAMATAN]})
    for code in codes:
        out[code] = grid[code].map(CELL).fillna("")
    return out


def summary_table(
    summary: pd.DataFrame, by: str, names: dict[str, str], numeric: bool = False
) -> pd.DataFrame:
    """``analysis.completeness.completeness_by`` as shown: the area or indicator, counts of
    expected, reported, late and missing reports, completeness % and on time % ("98,5%");
    ``numeric`` (the workbook) gives the two percentages as numbers rounded to one decimal
    under "Kelengkapan (%)" and "Tepat waktu (%)", so that a spreadsheet can compute with them."""
    if by == s.KODE_INDIKATOR:
        label = {"Indikator": [f"{c} · {names.get(c, c)}" for c in summary[by]]}
    else:
        label = {"Kecamatan": summary[by]}
    return pd.DataFrame(
        {
            **label,
            "Diharapkan": summary[DIHARAPKAN],
            "Melapor": summary[MELAPOR],
            "Terlambat": summary[TERLAMBAT],
            "Belum melapor": summary[BELUM],
            **(
                {
                    "Kelengkapan (%)": summary[PERSEN_LENGKAP].astype(float).round(1),
                    "Tepat waktu (%)": summary[PERSEN_TEPAT].astype(float).round(1),
                }
                if numeric
                else {
                    "Kelengkapan": summary[PERSEN_LENGKAP].map(fmt_percent),
                    "Tepat waktu": summary[PERSEN_TEPAT].map(fmt_percent),
                }
            ),
        }
    )


def _date(value: object) -> str:
    return MISSING if pd.isna(value) else fmt_date(pd.Timestamp(value).date())


def gap_table(gaps: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """The gap list: kelurahan, kecamatan, indicator, period, status, upload date (of a late
    report) and the deadline."""
    return pd.DataFrame(
        {
            word("Unit"): gaps[s.KELURAHAN],
            "Kecamatan": gaps[s.KECAMATAN],
            "Kode indikator": gaps[s.KODE_INDIKATOR],
            "Indikator": gaps[s.KODE_INDIKATOR].map(lambda c: names.get(c, c)),
            "Periode": gaps[s.PERIODE].map(fmt_period),
            "Status": gaps[STATUS],
            "Diunggah": gaps[DIUNGGAH].map(_date),
            "Batas lapor": gaps[BATAS].map(_date),
        }
    )
