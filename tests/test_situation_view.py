"""The Analisis Situasi view object (analysis.situation_view) on three kelurahan of
Penjaringan, its figures computed by hand in the docstrings."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.attainment import KELURAHAN, coverage_by_area
from analysis.situation import Weights
from analysis.situation_view import build_situation_view
from tests.penjaringan import KAMAL_MUARA, KAPUK_MUARA, PENJARINGAN, three_kelurahan, value


@pytest.fixture(scope="module")
def view(ref):
    """2025-Q4: stunting 20/100 (Penjaringan), 15/100 (Kamal Muara), 5/100 (Kapuk Muara); TTD
    ibu hamil (SPE02, target 80 %) 60 % in Penjaringan, 90 % in Kamal Muara, none in Kapuk
    Muara; a 2024-Q4 row that must not count. Lokus now: Kamal Muara and Kapuk Muara; two
    recommended, default weights 40/30/30."""
    kel = three_kelurahan(ref)
    values = pd.DataFrame(
        [
            value(PENJARINGAN, "OUT01", "2024-Q4", 1, 100),
            value(PENJARINGAN, "OUT01", "2025-Q4", 20, 100),
            value(KAMAL_MUARA, "OUT01", "2025-Q4", 15, 100),
            value(KAPUK_MUARA, "OUT01", "2025-Q4", 5, 100),
            value(PENJARINGAN, "SPE02", "2025-Q4", 60, 100),
            value(KAMAL_MUARA, "SPE02", "2025-Q4", 90, 100),
        ]
    )
    return build_situation_view(
        coverage_by_area(values, kel, ref.indikator, KELURAHAN),
        "2025-Q4",
        kel,
        ref.indikator,
        pd.DataFrame(),
        {KAMAL_MUARA, KAPUK_MUARA},
        Weights(),
        2,
    )


def test_scores_and_ranking(view):
    """Prevalence and count rescale to 100 / 66.7 / 0 (5 → 15 → 20), the shortfall to 100 / 0
    (20 points below target vs none) with Kapuk Muara missing it: Penjaringan 100, Kamal Muara
    (40 + 30) × 66.7 / 100 = 46.7, Kapuk Muara 0 over the 70 weight it has (incomplete)."""
    scores = view.scores.set_index("kelurahan")
    assert list(scores.index) == ["Penjaringan", "Kamal Muara", "Kapuk Muara"]
    assert scores["skor_prioritas"].tolist() == pytest.approx([100.0, 70 * 200 / 3 / 100, 0.0])
    assert scores["peringkat"].tolist() == [1, 2, 3]
    assert view.incomplete == 1 and not scores.loc["Kapuk Muara", "lengkap"]


def test_reasons_and_convergence(view):
    """Penjaringan's one reason is SPE02, 20 points short; Penjaringan meets 0 of 1 assessed
    intervention (index 0 %), Kamal Muara 1 of 1 (100 %); no scorecard values, no rates."""
    assert view.reasons["kode_kelurahan"].tolist() == [PENJARINGAN]
    assert view.reasons["kode_indikator"].tolist() == ["SPE02"]
    assert view.reasons["kekurangan"].tolist() == pytest.approx([20.0])
    index = view.convergence.set_index("kode_wilayah")["indeks_konvergensi"]
    assert index.to_dict() == pytest.approx({PENJARINGAN: 0.0, KAMAL_MUARA: 100.0})
    assert view.rates.empty and view.periode == "2025-Q4"


def test_recommended_lokus_and_the_counts(view):
    """The top two are recommended: Penjaringan enters (masuk), Kamal Muara stays (tetap),
    Kapuk Muara leaves (keluar)."""
    changes = view.recommended.set_index("kelurahan")["perubahan"].to_dict()
    assert changes == {"Penjaringan": "masuk", "Kamal Muara": "tetap", "Kapuk Muara": "keluar"}
    assert (view.n_recommended, view.tetap, view.masuk, view.keluar) == (2, 1, 1, 1)
    assert view.leaving == ["Kapuk Muara"]
