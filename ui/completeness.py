"""The "Kelengkapan laporan" section (Data page) and the Ringkasan caption: which kelurahan
reported which indicator for a period, late or not at all, per kecamatan and per indicator,
and the gap list to chase, downloadable as CSV or XLSX."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import settings
from analysis import schema as s
from analysis.completeness import (
    completeness_by,
    gaps,
    incomplete,
    kelurahan_reporting,
    most_gaps_first,
    reported_periods,
    status_grid,
)
from analysis.longlists import is_long
from text import files
from text.completeness_tables import gap_table, grid_table, summary_table
from text.fmt import fmt_percent, fmt_period
from text.strings import t, word
from ui import data, metrics, views
from ui.widgets import download, fitted_table, full_table, top_rows

SUMMARY_WIDTHS = {"Kecamatan": 200, "Diharapkan": 100, "Melapor": 90, "Terlambat": 90,
                  "Belum melapor": 110, "Kelengkapan": 100, "Tepat waktu": 100}  # fmt: skip
INDICATOR_WIDTHS = {"Indikator": 310, **{k: v for k, v in SUMMARY_WIDTHS.items() if k != "Kecamatan"}}  # fmt: skip
# Long indicator names wrap on word boundaries within ``WRAP`` lines (SKD03's name, the
# catalogue's longest, takes two at 310 px and three at 250 px).
WRAP = 3
# The period is the one chosen above: shown in the downloads, not in the table.
GAP_WIDTHS = {"Desa/Kelurahan": 140, "Kecamatan": 105, "Kode indikator": 65, "Indikator": 250,
              "Status": 110, "Diunggah": 110, "Batas lapor": 110}  # fmt: skip


def reporting_caption(periode: str | None, kecamatan: str | None) -> str | None:
    """ "Kelurahan melapor lengkap 28/31 (Triwulan IV 2025)" for the Ringkasan's area (the
    indicators expected are the city's), or None when nothing was expected in ``periode``."""
    counts = area_reporting(periode, kecamatan)
    if counts is None:
        return None
    done, total = counts
    return t("lengkap.ringkasan", n=done, total=total, periode=fmt_period(periode))


@st.cache_data(show_spinner=False, max_entries=64)
def area_reporting(periode: str | None, kecamatan: str | None) -> tuple[int, int] | None:
    """(complete, all) desa/kelurahan of the area in ``periode``, cached: the two numbers, not
    the matrix (450 000 rows for 852 desa), are what a new session reads back."""
    matrix = views.completeness()
    # ``.eq().any()``, not ``in set(column)``: iterating 450 000 cells (852 desa) takes seconds.
    if not periode or not matrix[s.PERIODE].eq(periode).any():
        return None
    area = metrics.area_kelurahan(kecamatan)[s.KODE_KELURAHAN]
    mine = matrix.loc[matrix[s.KODE_KELURAHAN].isin(area)]
    return kelurahan_reporting(mine, periode, len(area))


def render_completeness() -> None:
    """The section: period choice, headline, per kecamatan, per indicator, grid and gap list."""
    st.markdown(t("lengkap.intro", hari=settings.batas_lapor_hari()))
    periods = _periods()
    if not periods:
        st.info(t("lengkap.empty"))
        return
    periode = st.selectbox(
        t("lengkap.periode"),
        periods[::-1],
        format_func=fmt_period,
        key="lengkap.periode",
    )
    x = _section(periode)
    st.markdown(
        t(
            "lengkap.headline",
            n=x["done"],
            total=x["total"],
            lengkap=fmt_percent(x["persen_lengkap"]),
            tepat=fmt_percent(x["persen_tepat_waktu"]),
            indikator=x["indikator"],
        )
    )
    st.subheader(t("lengkap.by_kecamatan"))
    fitted_table(x["per_kecamatan"], SUMMARY_WIDTHS, key="lengkap.kecamatan")
    st.subheader(t("lengkap.by_indicator"))
    st.caption(t("lengkap.by_indicator_caption", n=x["n_complete"]))
    if x["short"] is not None:
        fitted_table(x["short"], INDICATOR_WIDTHS, key="lengkap.indikator", wrap=WRAP)
    with st.expander(t("lengkap.grid")):
        st.caption(t("lengkap.grid_caption"))
        if x["grid"] is not None:  # 852 desa: those with most gaps first, the top ones shown
            full_table(grid_table(top_rows(x["grid"], key="lengkap.semua")), key="lengkap.matriks")
        else:
            full_table(x["grid_shown"], key="lengkap.matriks")
    _gap_list(x["tables"], periode)


@st.cache_data(show_spinner=False, max_entries=2)
def _periods() -> list[str]:
    return reported_periods(views.completeness())


@st.cache_data(show_spinner=False, max_entries=16)
def _section(periode: str) -> dict:
    """The section's figures and tables of ``periode``, computed once per data load (a return
    to the Data page does not group the matrix again): the headline numbers, the per kecamatan
    and incomplete indicator tables as shown, the status grid (as shown, or ordered most gaps
    first when long, for ``top_rows``) and the download tables."""
    matrix = views.completeness()
    one = matrix.loc[matrix[s.PERIODE] == periode]
    ref = data.reference()
    names = dict(zip(ref.indikator[s.KODE], ref.indikator[s.NAMA], strict=True))
    done, total = kelurahan_reporting(matrix, periode, len(ref.kelurahan))
    city = completeness_by(one.assign(_kota=1), "_kota").iloc[0]
    per_kecamatan = completeness_by(one, s.KECAMATAN)
    per_indicator = completeness_by(one, s.KODE_INDIKATOR)
    short = incomplete(per_indicator)
    grid = status_grid(matrix, periode)
    long = is_long(len(grid))
    return {
        "done": done,
        "total": total,
        "persen_lengkap": city["persen_lengkap"],
        "persen_tepat_waktu": city["persen_tepat_waktu"],
        "indikator": one[s.KODE_INDIKATOR].nunique(),
        "per_kecamatan": summary_table(per_kecamatan, s.KECAMATAN, names),
        "n_complete": len(per_indicator) - len(short),
        "short": summary_table(short, s.KODE_INDIKATOR, names) if len(short) else None,
        "grid": most_gaps_first(grid) if long else None,
        "grid_shown": None if long else grid_table(grid),
        # The workbook's summaries hold the percentages as numbers; the page shows "98,5%".
        "tables": {
            "kesenjangan": gap_table(gaps(one), names),
            "per_kecamatan": summary_table(per_kecamatan, s.KECAMATAN, names, numeric=True),
            "per_indikator": summary_table(per_indicator, s.KODE_INDIKATOR, names, numeric=True),
        },
    }


def _gap_list(tables: dict[str, pd.DataFrame], periode: str) -> None:
    """The gaps of the period, with the CSV of the gaps and the XLSX of all three tables."""
    table = tables["kesenjangan"]
    st.subheader(t("lengkap.gaps", n=len(table)))
    if table.empty:
        st.success(t("lengkap.no_gaps"))
        return
    fitted_table(
        table,
        {word("Unit") if k == "Desa/Kelurahan" else k: v for k, v in GAP_WIDTHS.items()},
        key="lengkap.celah",
        full=False,
        short={"Kode indikator": "Kode"},
        wrap=WRAP,
    )
    name = f"kelengkapan_laporan_{periode}"
    left, right = st.columns(2)
    # The files are built when a button is pressed, not for every drawing of the page.
    download(t("lengkap.download_csv"), lambda: files.to_csv_bytes(table), f"{name}.csv",
             key="lengkap.unduh_csv", where=left)  # fmt: skip
    download(t("lengkap.download_xlsx"), lambda: files.to_xlsx_bytes(tables), f"{name}.xlsx",
             key="lengkap.unduh_xlsx", where=right)  # fmt: skip
