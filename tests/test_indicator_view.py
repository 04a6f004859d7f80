"""The Indikator view object (analysis.indicator_view) on three kelurahan of Penjaringan, its
figures computed by hand in the docstrings."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.attainment import KELURAHAN, WILAYAH, coverage_by_area
from analysis.indicator_view import build_indicator_view, indicator_periods
from tests.penjaringan import KAMAL_MUARA, KAPUK_MUARA, PENJARINGAN, three_kelurahan


def value(kode: str, periode: str, num: float, den: float, nilai: float | None = None) -> dict:
    return {"kode_wilayah": kode, "kode_indikator": "SPE02", "periode": periode,
            "sumber_data": "LAPRUT", "pembilang": num, "penyebut": den,
            "nilai": num / den * 100 if nilai is None else nilai}  # fmt: skip


@pytest.fixture(scope="module")
def view(ref):
    """TTD ibu hamil (SPE02, target 80 %, alert below 50 %): Penjaringan (lokus) 40 → 60 %,
    Kamal Muara 50/100 → 9/20 (45 %, a small denominator), Kapuk Muara 70 % in 2024-Q2 as a
    bare percentage; 2024-Q1 to 2024-Q2 at kelurahan level."""
    kel = three_kelurahan(ref)
    values = pd.DataFrame(
        [
            value(PENJARINGAN, "2024-Q1", 40, 100),
            value(PENJARINGAN, "2024-Q2", 60, 100),
            value(KAMAL_MUARA, "2024-Q1", 50, 100),
            value(KAMAL_MUARA, "2024-Q2", 9, 20),
            value(KAPUK_MUARA, "2024-Q2", np.nan, np.nan, 70.0),
        ]
    )
    coverage = coverage_by_area(values, kel, ref.indikator, KELURAHAN)
    areas = kel[["kode_kelurahan", "kelurahan"]].set_axis(["kode_wilayah", WILAYAH], axis=1)
    periods = indicator_periods(coverage, ["SPE02"])
    assert periods == ["2024-Q1", "2024-Q2"]
    return build_indicator_view(coverage, coverage, areas, values, values, kel, {PENJARINGAN},
                                ref.indikator, ref.aturan_peringatan, ["SPE02"], periods,
                                "2024-Q1", "2024-Q2", KELURAHAN)  # fmt: skip


def test_bars_and_their_notes(view):
    """Three bars on 2024-Q2 (60, 45, 70 %); one bare percentage (Kapuk Muara), one small
    denominator (Kamal Muara, 20 < 30), the lokus starred."""
    grid = view.main_grid.set_index(WILAYAH)["cakupan"]
    assert grid.to_dict() == pytest.approx({"Penjaringan": 60.0, "Kamal Muara": 45.0,
                                            "Kapuk Muara": 70.0})  # fmt: skip
    assert not view.no_bars and view.main_percent_only == 1 and view.not_summed == 1
    assert view.small == ["Kamal Muara"] and view.lokus_names == {"Penjaringan"}
    assert view.composition is None and view.in_range == ["2024-Q1", "2024-Q2"]


def test_change_trend_and_lokus_comparison(view):
    """Penjaringan +20 points (membaik), Kamal Muara −5 (not a meaningful change); all pooled
    90/200 = 45 % → 69/120 = 57.5 %; lokus 40 → 60, bukan lokus 50 → 45."""
    assert view.change.set_index(WILAYAH)["perubahan"].to_dict() == pytest.approx(
        {"Penjaringan": 20.0, "Kamal Muara": -5.0}
    )
    # Penjaringan 40/100 → 60/100: Wilson (0.3094, 0.4980) and (0.5020, 0.6906); Newcombe's
    # lower bound 0.2 − √((0.6 − 0.5020)² + (0.4980 − 0.4)²) = 0.2 − 0.1386 = 0.061 > 0 and
    # 20 ≥ 2 points: membaik. Kamal Muara 50/100 → 9/20: −5 points on 20 mothers, lower bound
    # below 0: tidak berubah bermakna ("tetap").
    assert view.moves == {"membaik": 1, "memburuk": 0, "tetap": 1, "tanpa_uji": 0}
    verdicts = view.change.set_index(WILAYAH)["arah_perubahan"].to_dict()
    assert verdicts == {"Penjaringan": "membaik", "Kamal Muara": "tidak berubah bermakna"}
    everyone = view.trend.loc[view.trend["kelompok_wilayah"] == "Semua kelurahan", "cakupan"]
    assert everyone.tolist() == pytest.approx([45.0, 57.5])
    pairs = view.lokus_pairs.set_index("kelompok_wilayah")["perubahan"]
    assert pairs.tolist() == pytest.approx([20.0, -5.0])
    assert not view.lokus_empty


def test_alerts_and_the_rows_to_download(view):
    """Only Kamal Muara (45 %) is below the 50 % alert on 2024-Q2; five rows to download."""
    assert view.alerts[WILAYAH].tolist() == ["Kamal Muara"]
    assert len(view.rows) == 5 and view.names == {"SPE02": view.main_name}
