"""The Analisis Situasi page's view object: the priority scores of one period with their
reasons and convergence figures, and next year's recommended lokus with the counts the page
states (no Streamlit, no I/O).

``build_situation_view`` takes the kelurahan-level coverage of the area
(``attainment.coverage_by_area``), the scorecard values, the catalogue, the lokus in force, the
weights and the number of lokus to recommend; ``SituationView`` holds what the page renders.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis import schema as s
from analysis.attainment import convergence_index, of_period
from analysis.overview import kelurahan_convergence
from analysis.situation import (
    KELUAR,
    MASUK,
    TETAP,
    Weights,
    priority_scores,
    reasons_table,
    recommend_lokus,
    shortfalls,
)


@dataclass(frozen=True)
class SituationView:
    """What the Analisis Situasi page shows for one period, area, weighting and lokus count."""

    periode: str
    scores: pd.DataFrame  # situation.priority_scores, ranked
    reasons: pd.DataFrame  # situation.reasons_table: the top shortfalls of each kelurahan
    convergence: pd.DataFrame  # attainment.convergence_index per kelurahan in ``periode``
    rates: pd.DataFrame  # overview.kelurahan_convergence (scorecard) in ``periode``
    recommended: pd.DataFrame  # situation.recommend_lokus
    incomplete: int  # kelurahan scored without one of the three components
    n_recommended: int  # kelurahan recommended as next year's lokus
    tetap: int  # lokus now and recommended again
    masuk: int  # recommended, not a lokus now
    keluar: int  # lokus now, not recommended again
    leaving: list[str]  # the names of the ``keluar`` kelurahan, in ranking order


def build_situation_view(
    coverage: pd.DataFrame,
    periode: str,
    kelurahan: pd.DataFrame,
    indikator: pd.DataFrame,
    scorecard: pd.DataFrame,
    lokus: set[str],
    weights: Weights,
    n: int,
) -> SituationView:
    """The situation of ``kelurahan`` in ``periode`` and the ``n`` lokus recommended after it.

    ``coverage``: kelurahan-level coverage of every period (the page's area); ``scorecard``: the
    scorecard values; ``lokus``: the codes of the lokus in force.
    """
    now = of_period(coverage, periode)
    scores = priority_scores(now, kelurahan, indikator, weights)
    recommended = recommend_lokus(scores, lokus, n)
    change = recommended["perubahan"]
    return SituationView(
        periode=periode,
        scores=scores,
        reasons=reasons_table(scores, shortfalls(now, indikator)),
        convergence=convergence_index(now, indikator),
        rates=kelurahan_convergence(scorecard, indikator, periode),
        recommended=recommended,
        incomplete=int((~scores["lengkap"]).sum()),
        n_recommended=int(recommended["rekomendasi"].sum()),
        tetap=int((change == TETAP).sum()),
        masuk=int((change == MASUK).sum()),
        keluar=int((change == KELUAR).sum()),
        leaving=recommended.loc[change == KELUAR, s.KELURAHAN].tolist(),
    )
