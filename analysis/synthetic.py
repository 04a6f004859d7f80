"""The synthetic-data rule, one for the page badge (``ui.data.shows_synthetic``) and the
presentation (``report.deck.Deck.synthetic``): what is shown for a year comes from a demo
dataset when any row of it carries ``sintetis`` (``synthetic_in``).

Shown for a year are the indicator and scorecard values of every year (trends reach back to
the baseline), and the aksi progress and the activity register of that year (the Pemetaan
Program figures and the presentation's program and recommendation slides). Every page that
shows these figures labels them by this rule (Ringkasan, Indikator, Peta, Profil kelurahan,
Analisis situasi, Pemetaan program).

Three pages label a narrower thing on purpose, because they show only that thing:
Aksi konvergensi the progress of its year (``year_synthetic``), Pengukuran the records in view
(``analysis.measure_view.MonthView.synthetic``), and Data indikator the stored datasets
(``ui.data.stores_synthetic``: whether the demo data is still active).
"""

from __future__ import annotations

import pandas as pd

from analysis import schema as s


def synthetic_in(
    values: pd.DataFrame,
    scorecard: pd.DataFrame,
    progress: pd.DataFrame,
    activities: pd.DataFrame,
    tahun: int,
) -> bool:
    """Whether anything shown for ``tahun`` comes from synthetic (demo) data. Every frame has a
    boolean ``sintetis`` column; ``progress`` and ``activities`` a ``tahun`` column."""
    return bool(
        values[s.SINTETIS].any()
        or scorecard[s.SINTETIS].any()
        or year_synthetic(progress, tahun)
        or year_synthetic(activities, tahun)
    )


def year_synthetic(frame: pd.DataFrame, tahun: int) -> bool:
    """Whether any row of ``tahun`` in ``frame`` (``tahun``, ``sintetis``) is synthetic: the
    Aksi page's badge, which shows that year's progress only."""
    return bool(frame.loc[frame[s.TAHUN] == tahun, s.SINTETIS].any())
