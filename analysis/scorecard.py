"""Scorecard konvergensi (domain.md §4): Y / T / TS counts per indicator and target group.

Required columns: ``kode_indikator``, ``kelompok_scorecard`` (``ibu_hamil`` or ``anak_0_23``),
``y``, ``t``, ``ts`` (counts of target persons), plus grouping columns.

Tingkat konvergensi = ΣY ÷ (indicators × targets − ΣTS) × 100. Each target person is scored on
every indicator of the group, so indicators × targets = Σ(Y + T + TS).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import schema as s

TOTAL = "total"


def _rate(frame: pd.DataFrame) -> pd.Series:
    scored = frame[s.Y] + frame[s.T] + frame[s.TS]
    applicable = (scored - frame[s.TS]).astype(float)
    return pd.Series(
        np.where(applicable > 0, frame[s.Y] / applicable.where(applicable > 0, 1.0) * 100, np.nan),
        index=frame.index,
    )


def indicator_convergence(scores: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Per indicator: Y ÷ (N − TS) × 100 with N = Y + T + TS, summed over ``by`` groups."""
    keys = [*by, s.KODE_INDIKATOR]
    summed = scores.groupby(keys, as_index=False)[[s.Y, s.T, s.TS]].sum()
    return summed.assign(**{s.TINGKAT_KONVERGENSI: _rate(summed)})


def convergence_rate(scores: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Tingkat konvergensi per ``by`` group for ``ibu_hamil``, ``anak_0_23`` and ``total``.

    Returns ``by`` + ``kelompok_scorecard`` + ``y``, ``t``, ``ts`` sums + ``tingkat_konvergensi``.
    """
    counts = [s.Y, s.T, s.TS]
    per_group = scores.groupby([*by, s.KELOMPOK_SCORECARD], as_index=False)[counts].sum()
    if by:
        total = scores.groupby(by, as_index=False)[counts].sum()
    else:
        total = scores[counts].sum().to_frame().T
    total = total.assign(**{s.KELOMPOK_SCORECARD: TOTAL})
    out = pd.concat([per_group, total], ignore_index=True)
    out = out.sort_values([*by, s.KELOMPOK_SCORECARD], ignore_index=True)
    return out.assign(**{s.TINGKAT_KONVERGENSI: _rate(out)})
