"""The loaders that build each page's view object from the cached frames: one function per
view (``overview``, ``indicator_view``, ``profile_view``, ``situation_view``, ``month_view``,
``program_view``, ``profile_trajectory``, ``area_trajectory``, ``completeness``), each building the ``analysis``
view object its page renders. Those cached with ``st.cache_data`` are cleared with the data
caches; the Ringkasan figures of every area are also computed ahead (``overviews_ahead``,
``warm_up``)."""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd
import streamlit as st

import settings
from analysis import schema as s
from analysis.attainment import KELURAHAN, KOTA
from analysis.completeness import reporting_matrix, upload_times
from analysis.indicator_view import IndicatorView, build_indicator_view
from analysis.measure_coverage import sasaran_for_month
from analysis.measure_view import MonthView, build_month_view
from analysis.overview import Overview, build_overview
from analysis.periods import period_year
from analysis.profile_view import ProfileView, build_profile_view
from analysis.program_view import ProgramView, build_program_view
from analysis.situation import Weights
from analysis.situation_view import SituationView, build_situation_view
from analysis.trajectories import targets_of, up_to_year
from analysis.trajectory_view import (
    ProfileTrajectory,
    area_trajectories,
    build_profile_trajectory,
)
from charts.trend import build_trend_figure
from text.tables import priority_table, reasons_by_kelurahan, recommendation_table
from text.target_tables import target_label_of
from ui import data, metrics
from ui.sidebar import Filters


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
        metrics.area_kelurahan(kecamatan),
        data.lokus(),
        ref.indikator,
        data.aksi_progress(),
        ref.kerangka,
        tahun,
        periode,
        ref.wilayah.kode,
    )


@st.cache_data(show_spinner=False, max_entries=64)
def trend_figure(tahun: int, periode: str, kecamatan: str | None) -> dict:
    """Ringkasan's prevalence trend of an area (its ``overview``) against the stunting target,
    as the figure's dict, built once per data load: a new visitor's first page does not lay
    out the figure again."""
    trend = overview(tahun, periode, kecamatan)
    target = data.reference().indicator(s.IND_STUNTING)
    figure = build_trend_figure(
        trend.trend, target[s.TARGET], "Target", trend.periode, arah=target[s.ARAH]
    )
    return figure.to_dict()


def overviews_ahead(tahun: int, periode: str) -> None:
    """Compute the Ringkasan figures of every area (the city and each kecamatan) of this
    period in a background thread, once per data load: switching kecamatan, as a presenter
    does area by area at the rembuk, then finds them ready (a rerun without them spends
    0.2–0.3 s in ``build_overview``; see ``benchmarks/bench_pages.py``)."""
    data.ahead(("ringkasan", tahun, periode), lambda: _overviews(tahun, periode))


def warm_up() -> None:
    """Before the server takes its first visitor (``manage.py serve``): the Ringkasan figures
    of the view a visitor opens first (the latest period) for the city and every kecamatan, so
    the first visitor after a restart does not wait for them. A failure is left for the page."""
    try:
        periods = data.kelurahan_periods()
        if not periods:
            return
        tahun, periode = period_year(periods[-1]), periods[-1]  # the sidebar's default
        if data.first_since_load(("ringkasan", tahun, periode)):
            _overviews(tahun, periode)
    except Exception:  # noqa: BLE001, S110 - the first page run reports it properly
        pass


def _overviews(tahun: int, periode: str) -> None:
    """``overview`` of the city and each kecamatan."""
    for kecamatan in data.every_area():
        overview(tahun, periode, kecamatan)


class IndicatorQuery(NamedTuple):
    """What the Indikator view is of: the sidebar's year and kecamatan, the indicators picked
    (in order), their periods, the range and the level. Small and hashable: the key of the
    cached view and of the figures and tables drawn from it (``ui.indicator_sections``)."""

    tahun: int
    kecamatan: str | None
    picked: tuple[str, ...]
    periods: tuple[str, ...]
    dari: str
    sampai: str
    level: str


@st.cache_data(show_spinner=False, max_entries=32)
def indicator_view(q: IndicatorQuery) -> IndicatorView:
    """The Indikator view of ``q.picked`` from ``q.dari`` to ``q.sampai`` at ``q.level``, from
    the cached frames of the sidebar's area; computed once per data load."""
    ref = data.reference()
    lokus_year, lokus = metrics.lokus_codes(q.tahun)
    coverage = metrics.coverage(kecamatan=q.kecamatan)
    shown = coverage if q.level == KELURAHAN else metrics.coverage(q.level, q.kecamatan)
    return build_indicator_view(
        coverage,
        shown,
        metrics.area_frame(q.level, q.kecamatan),
        metrics.primary_values(),
        data.indicator_values(),
        metrics.area_kelurahan(q.kecamatan),
        lokus,
        ref.indikator,
        ref.aturan_peringatan,
        list(q.picked),
        list(q.periods),
        q.dari,
        q.sampai,
        q.level,
        lokus_year,
        min_points=settings.perubahan_poin(),
    )


def month_view(
    frames: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame],
    periode: str,
    level: str,
    kecamatan: str | None,
) -> MonthView:
    """The month and area in view of ``frames`` — the page's one ``scored()`` of this run, so
    that the records in view are the very records the page draws from, even when a save
    (in this session or another) cleared the caches since."""
    records, z, flags = frames
    lokus = metrics.lokus_codes(int(periode[:4]))[1] if level == KELURAHAN else ()
    area = metrics.area_kelurahan(kecamatan)
    sasaran = sasaran_for_month(data.indicator_values(), periode)
    bands = (settings.cakupan_ukur_waspada(), settings.cakupan_ukur_percaya())
    return build_month_view(
        records,
        z,
        flags,
        area,
        lokus,
        periode,
        level,
        settings.min_penyebut(),
        sasaran,
        bands,
        region=data.reference().wilayah,
    )


@st.cache_data(show_spinner=False, max_entries=32)
def program_view(
    tahun: int, chosen: str, opd: tuple[str, ...], dana: tuple[str, ...], kecamatan: str | None
) -> ProgramView:
    """The Pemetaan Program view of ``tahun``, the OPD and funds chosen and the area."""
    ref = data.reference()
    return build_program_view(
        data.activities(),
        list(ref.kelurahan[s.KODE_KELURAHAN]),
        metrics.area_kelurahan(kecamatan),
        frozenset(metrics.lokus_codes(tahun)[1]),
        ref.indikator,
        ref.opd,
        metrics.primary_values(),
        metrics.coverage(KELURAHAN, kecamatan),
        tahun,
        chosen,
        opd,
        dana,
    )


@st.cache_data(show_spinner=False, max_entries=64)
def profile_view(kode: str, periode: str) -> ProfileView:
    """The Profil Kelurahan view of kelurahan ``kode`` for the sidebar's ``periode``; computed
    once per data load."""
    ref = data.reference()
    return build_profile_view(
        kode,
        periode,
        metrics.coverage(),
        metrics.coverage(level=KOTA),
        metrics.primary_values(),
        data.indicator_values(),
        data.scorecard_values(),
        ref.kelurahan,
        ref.indikator,
        ref.aturan_peringatan,
        ref.wilayah,
        min_points=settings.perubahan_poin(),
    )


@st.cache_data(show_spinner=False, max_entries=64)
def profile_trend_figure(kode: str, periode: str, nama: str) -> dict:
    """The Profil stunting trend of kelurahan ``kode`` (named ``nama``) and the city, as the
    figure's dict; built once per data load."""
    view = profile_view(kode, periode)
    label = target_label_of(data.reference().indikator, s.IND_STUNTING)
    figure = build_trend_figure(
        view.trend, view.target, label, view.periode, groups=[nama, view.kota_nama]
    )
    return figure.to_dict()


def situation_view(filters: Filters, periode: str, weights: Weights, n: int) -> SituationView:
    """The Analisis Situasi view of the sidebar's area in ``periode`` (the resolved one), with
    the ``n`` lokus recommended for the year after ``filters.tahun``, compared with the lokus
    already set for that year, else with those in force (cached per area, period, weights and
    ``n``: a return to the page or a widget elsewhere on it does not score again)."""
    return _situation_view(*_situation_key(filters, periode, weights, n))


def _situation_key(filters: Filters, periode: str, weights: Weights, n: int) -> tuple:
    """What a situation view is of, as a cache key: year, kecamatan, period, weights, n."""
    weights_key = (weights.prevalensi, weights.jumlah_stunting, weights.kesenjangan)
    return filters.tahun, filters.kecamatan, periode, weights_key, n


@st.cache_data(show_spinner=False, max_entries=64)
def _situation_view(
    tahun: int, kecamatan: str | None, periode: str, weights: tuple[float, float, float], n: int
) -> SituationView:
    ref = data.reference()
    area = Filters(tahun, periode, kecamatan).kelurahan(ref.kelurahan)
    return build_situation_view(
        metrics.coverage(kecamatan=kecamatan),
        periode,
        area,
        ref.indikator,
        data.scorecard_values(),
        metrics.lokus_codes(tahun + 1)[1],
        Weights(*weights),
        n,
    )


def situation_tables(
    filters: Filters, periode: str, weights: Weights, n: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Analisis Situasi's two tables as shown (``text.tables``): the priority ranking with its
    reasons, lokus of ``filters.tahun`` starred, and the recommended lokus, compared with those
    already set for the year after when they are (cached like ``situation_view``)."""
    return _situation_tables(*_situation_key(filters, periode, weights, n))


@st.cache_data(show_spinner=False, max_entries=64)
def _situation_tables(
    tahun: int, kecamatan: str | None, periode: str, weights: tuple[float, float, float], n: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    view = _situation_view(tahun, kecamatan, periode, weights, n)
    reasons = reasons_by_kelurahan(view.reasons, data.reference().indikator)
    lokus = metrics.lokus_codes(tahun)[1]
    ranking = priority_table(view.scores, reasons, view.convergence, view.rates, lokus)
    compared_year = metrics.lokus_codes(tahun + 1)[0]
    recommended = recommendation_table(
        view.recommended, compared_year if compared_year == tahun + 1 else None
    )
    return ranking, recommended


@st.cache_data(show_spinner=False, max_entries=64)
def profile_trajectory(kode: str, tahun: int) -> ProfileTrajectory:
    """The Profil trajectory of kelurahan ``kode`` and the city, from the values of ``tahun``
    and before (every source; each trajectory row from one)."""
    ref = data.reference()
    values = up_to_year(data.indicator_values(), tahun)
    return build_profile_trajectory(
        values, kode, ref.kelurahan, ref.indikator, ref.target_lain, ref.wilayah
    )


@st.cache_data(show_spinner=False, max_entries=2)
def stunting_targets() -> pd.DataFrame:
    """The stunting targets of the reference data (catalogue and ``target_lain.csv``)."""
    ref = data.reference()
    return targets_of(ref.indikator, ref.target_lain)


@st.cache_data(show_spinner=False, max_entries=32)
def area_trajectory(tahun: int, kecamatan: str | None, target: int) -> pd.DataFrame:
    """The trajectory of the area and each of its kelurahan toward the ``target``-th stunting
    target, from the values of ``tahun`` and before."""
    ref = data.reference()
    values = up_to_year(data.indicator_values(), tahun)
    region = ref.wilayah if kecamatan is None else None
    goal = stunting_targets().iloc[target]
    area = metrics.area_kelurahan(kecamatan)
    return area_trajectories(values, area, ref.indikator, goal, region)


@st.cache_data(show_spinner=False, max_entries=2)
def completeness() -> pd.DataFrame:
    """The reporting-completeness matrix of every period (``analysis.completeness``): each
    kelurahan's status for every indicator expected of it, with the deadline of
    ``DASBOR_BATAS_LAPOR_HARI`` days after the period."""
    return reporting_matrix(
        data.indicator_values(),
        upload_times(data.datasets()),
        data.reference().kelurahan,
        settings.batas_lapor_hari(),
    )
