"""Cached analysis results for the pages (``st.cache_data``, cleared with the data caches)."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

import settings
from analysis import schema as s
from analysis.attainment import KECAMATAN, KELURAHAN, WILAYAH, StatusRules, coverage_by_area
from analysis.codes import as_categories
from analysis.overview import lokus_for_year, primary_source_values
from ui import data


def rules() -> StatusRules:
    return StatusRules(settings.mendekati_poin(), settings.min_penyebut())


def area_kelurahan(kecamatan: str | None) -> pd.DataFrame:
    """The reference kelurahan of a kecamatan, or of the whole kabupaten/kota."""
    kel = data.reference().kelurahan
    return kel if kecamatan is None else kel.loc[kel[s.KECAMATAN] == kecamatan]


@st.cache_data(show_spinner=False)
def coverage(level: str = KELURAHAN, kecamatan: str | None = None) -> pd.DataFrame:
    """Coverage against target of every indicator and period (each indicator's primary source)
    for the wilayah of ``level`` inside the chosen area."""
    ref = data.reference()
    return coverage_by_area(
        primary_values(), area_kelurahan(kecamatan), ref.indikator, level, rules(), ref.wilayah
    )


def lokus_codes(tahun: int) -> tuple[int | None, set[str]]:
    """The lokus in force in ``tahun`` and the year they were set."""
    return lokus_for_year(data.lokus(), tahun)


@st.cache_data(show_spinner=False)
def primary_values() -> pd.DataFrame:
    """Current values, each indicator from its catalogue source only (sources never mixed);
    the key columns categorical, so every page's grouping runs on integer codes."""
    values = primary_source_values(data.indicator_values(), data.reference().indikator)
    return as_categories(values, s.VALUE_KEY)


def indicator_options(coverage: pd.DataFrame) -> list[str]:
    """Percentage indicators with data, in catalogue order (outcome, spesifik, sensitif, …)."""
    cat = data.reference().indikator
    present = set(coverage[s.KODE_INDIKATOR])
    return [k for k in cat.loc[cat[s.SATUAN] == "persen", s.KODE] if k in present]


@st.cache_data(show_spinner=False)
def indicator_labels() -> dict[str, str]:
    """The label ("KODE · nama") of every catalogue indicator, by kode."""
    names = data.reference().indikator.set_index(s.KODE)[s.NAMA]
    return {code: f"{code} · {name}" for code, name in names.items()}


def indicator_labeller() -> Callable[[str], str]:
    """``indicator_label`` over one read of the labels: a picker's ``format_func``, which
    Streamlit calls for every option, several times a run."""
    labels = indicator_labels()
    return lambda code: labels.get(code, f"{code} · {code}")


def indicator_label(code: str) -> str:
    """The label ("KODE · nama") of an indicator (its code twice when not in the catalogue)."""
    return indicator_labeller()(code)


def area_frame(level: str, kecamatan: str | None) -> pd.DataFrame:
    """``kode_wilayah`` and ``wilayah`` of every kelurahan or kecamatan in the chosen area."""
    kel = area_kelurahan(kecamatan)
    if level == KECAMATAN:
        cols = {s.KODE_KECAMATAN: s.KODE_WILAYAH, s.KECAMATAN: WILAYAH}
    else:
        cols = {s.KODE_KELURAHAN: s.KODE_WILAYAH, s.KELURAHAN: WILAYAH}
    return kel[list(cols)].rename(columns=cols).drop_duplicates().reset_index(drop=True)


def source_name(code: str) -> str:
    """A data source as planners know it ("e-PPGBM", "Laporan rutin program")."""
    names = data.reference().sumber_data.set_index(s.KODE)[s.NAMA]
    return str(names.get(code, code))
