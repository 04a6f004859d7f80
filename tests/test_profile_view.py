"""The Profil Kelurahan view object (analysis.profile_view) on three kelurahan of Penjaringan,
its figures computed by hand in the docstrings."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.attainment import KELURAHAN, KOTA, coverage_by_area
from analysis.profile_view import build_profile_view
from tests.penjaringan import KAMAL_MUARA, KAPUK_MUARA, PENJARINGAN, three_kelurahan, value
from tests.regions import NJ


@pytest.fixture(scope="module")
def view(ref):
    """Stunting 30→20 % (Penjaringan), 10→15 % (Kamal Muara), 5 % (Kapuk Muara, 2025 only);
    TTD ibu hamil (SPE02, target 80 %) 60 % and 90 %; the profile of Penjaringan asked for
    2026-Q1, a period without data."""
    kel = three_kelurahan(ref)
    values = pd.DataFrame(
        [
            value(PENJARINGAN, "OUT01", "2022-Q4", 30, 100),
            value(PENJARINGAN, "OUT01", "2025-Q4", 20, 100),
            value(KAMAL_MUARA, "OUT01", "2022-Q4", 10, 100),
            value(KAMAL_MUARA, "OUT01", "2025-Q4", 15, 100),
            value(KAPUK_MUARA, "OUT01", "2025-Q4", 5, 100),
            value(PENJARINGAN, "SPE02", "2025-Q4", 60, 100),
            value(KAMAL_MUARA, "SPE02", "2025-Q4", 90, 100),
        ]
    )
    return build_profile_view(
        PENJARINGAN,
        "2026-Q1",
        coverage_by_area(values, kel, ref.indikator, KELURAHAN),
        coverage_by_area(values, kel, ref.indikator, KOTA, region=NJ),
        values,
        values,
        pd.DataFrame(),
        kel,
        ref.indikator,
        ref.aturan_peringatan,
        NJ,
    )


def test_headline_figures(view):
    """20/100 = 20 % against the city's 40/300 = 13.3 %; 20 − 30 = −10 points since 2022-Q4;
    the latest period with stunting data (2025-Q4) stands in for 2026-Q1."""
    assert (view.nama, view.kecamatan, view.periode) == ("Penjaringan", "Penjaringan", "2025-Q4")
    assert (view.prevalence, view.pembilang, view.penyebut) == (20.0, 20.0, 100.0)
    assert view.kota == pytest.approx(40 / 300 * 100)
    assert view.change == pytest.approx(-10.0)
    assert view.target == 14.0


def test_priority_index_and_reasons(view):
    """Highest prevalence (20 %), most stunted children (20) and the only gap (80 − 60 = 20
    points): every component rescales to 100, so score 100 and rank 1 of 3; SPE02 below target
    gives indeks 0 % (0 of 1) and the one reason; 20 % ≥ 20 % raises the stunting alert."""
    assert (view.rank, view.n_scored, view.prevalence_rank) == (1, 3, 1)
    assert view.score == pytest.approx(100.0)
    assert (view.index, view.reached, view.assessed) == (0.0, 0, 1)
    assert view.reasons["kode_indikator"].tolist() == ["SPE02"]
    assert view.alerts["kode_indikator"].tolist() == ["OUT01"]
    assert math.isnan(view.rate) and view.groups.empty and not view.measured


def test_trend_of_the_kelurahan_and_the_city(view):
    """Penjaringan 30 → 20 %; the city 40/200 = 20 % → 40/300 = 13.3 %."""
    trend = view.trend.set_index(["periode", "kelompok_wilayah"])["cakupan"]
    assert trend[("2022-Q4", "Penjaringan")] == pytest.approx(30.0)
    assert trend[("2025-Q4", "Penjaringan")] == pytest.approx(20.0)
    assert trend[("2022-Q4", NJ.bare_name)] == pytest.approx(20.0)
    assert trend[("2025-Q4", NJ.bare_name)] == pytest.approx(40 / 300 * 100)
