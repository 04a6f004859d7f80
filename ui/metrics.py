"""Cached analysis results for the pages (``st.cache_data``, cleared with the data caches)."""

from __future__ import annotations

import threading
import time

import pandas as pd
import streamlit as st

import settings
from analysis import schema as s
from analysis.attainment import KECAMATAN, KELURAHAN, WILAYAH, StatusRules, coverage_by_area
from analysis.codes import as_categories
from analysis.overview import Overview, build_overview, lokus_for_year, primary_source_values
from analysis.periods import period_year
from ui import data


def rules() -> StatusRules:
    return StatusRules(settings.mendekati_poin(), settings.min_penyebut())


def area_kelurahan(kecamatan: str | None) -> pd.DataFrame:
    """The reference kelurahan of a kecamatan, or of the whole city."""
    kel = data.reference().kelurahan
    return kel if kecamatan is None else kel.loc[kel[s.KECAMATAN] == kecamatan]


@st.cache_data(show_spinner=False)
def coverage(level: str = KELURAHAN, kecamatan: str | None = None) -> pd.DataFrame:
    """Coverage against target of every indicator and period (each indicator's primary source)
    for the wilayah of ``level`` inside the chosen area."""
    ref = data.reference()
    return coverage_by_area(
        primary_values(), area_kelurahan(kecamatan), ref.indikator, level, rules()
    )


@st.cache_data(show_spinner=False, max_entries=64)
def overview(tahun: int, periode: str, kecamatan: str | None) -> Overview:
    """The Ringkasan figures of an area and period, computed once per data load: a new visitor,
    or a return to a view already seen, does not compute them again. (A result computed from
    the old data while new data is stored is not kept: ``st.cache_data.clear`` detaches the
    caches, and a late write goes to the detached one.)"""
    ref = data.reference()
    return build_overview(
        data.indicator_values(),
        data.scorecard_values(),
        area_kelurahan(kecamatan),
        data.lokus(),
        ref.indikator,
        data.aksi_progress(),
        ref.kerangka,
        tahun,
        periode,
    )


# Seconds the background computation waits after a page is drawn, leaving the server to the
# browser's requests for the page's scripts first.
AHEAD_DELAY = 1.0


def overviews_ahead(tahun: int, periode: str) -> None:
    """Compute the Ringkasan figures of every area (the city and each kecamatan) of this
    period in a background thread, once per data load: switching kecamatan, as a presenter
    does area by area at the rembuk, then finds them ready (a rerun without them spends
    0.2–0.3 s in ``build_overview``; see ``benchmarks/bench_pages.py``)."""
    if data.first_since_load(("overview", tahun, periode)):
        args = (tahun, periode, AHEAD_DELAY)
        threading.Thread(target=_overviews, args=args, name="ringkasan-ahead", daemon=True).start()


def warm_up() -> None:
    """Before the server takes its first visitor (``manage.py serve``): the Ringkasan figures
    of the view a visitor opens first (the latest period) for the city and every kecamatan, so
    the first visitor after a restart does not wait for them. A failure is left for the page."""
    try:
        periods = data.kelurahan_periods()
        if not periods:
            return
        tahun, periode = period_year(periods[-1]), periods[-1]  # the sidebar's default
        if data.first_since_load(("overview", tahun, periode)):
            _overviews(tahun, periode, delay=0)
    except Exception:  # noqa: BLE001, S110 - the first page run reports it properly
        pass


def _overviews(tahun: int, periode: str, delay: float) -> None:
    """``overview`` of the city and each kecamatan, after ``delay`` seconds."""
    time.sleep(delay)
    try:
        for kecamatan in [None, *sorted(data.reference().kelurahan[s.KECAMATAN].unique())]:
            overview(tahun, periode, kecamatan)
    except Exception:  # noqa: BLE001, S110 - the page itself reports the failure when it asks
        pass


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


def indicator_label(code: str) -> str:
    names = data.reference().indikator.set_index(s.KODE)[s.NAMA]
    return f"{code} · {names.get(code, code)}"


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
