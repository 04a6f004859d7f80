"""Long lists made readable: a region of 852 desa cannot show one bar, one heatmap row or one
slide line per desa, so charts and slides keep the ``n`` worst rows (pure pandas, no I/O).

Up to ``FULL_UP_TO`` rows a list is kept whole, so a region the size of a city (31 kelurahan)
looks as before; above it only the ``TOP_N`` worst are kept, and the page offers the rest in a
"lihat semua" table.
"""

from __future__ import annotations

import pandas as pd

TOP_N = 15  # rows kept of a long list: the worst, readable on one 1366 × 768 screen
FULL_UP_TO = 40  # a list this long or shorter is kept whole
NAMES_SHOWN = 10  # names written out in a caption; more end in "dan N lainnya"


def is_long(n_rows: int) -> bool:
    """Whether a list of ``n_rows`` is cut to its ``TOP_N`` worst."""
    return n_rows > FULL_UP_TO


def worst_rows(
    frame: pd.DataFrame, column: str, high_is_worse: bool, n: int = TOP_N
) -> pd.DataFrame:
    """The ``n`` rows of ``frame`` with the worst ``column`` (highest when ``high_is_worse``,
    else lowest), worst first; rows without a value come last (ties keep their order). A frame
    of at most ``FULL_UP_TO`` rows is returned whole, in its own order."""
    if not is_long(len(frame)):
        return frame
    ordered = frame.sort_values(
        column, ascending=not high_is_worse, kind="stable", na_position="last"
    )
    return ordered.head(n)


def worst_groups(
    frame: pd.DataFrame,
    group: str,
    score: pd.Series,
    n: int = TOP_N,
    whole_up_to: int = FULL_UP_TO,
) -> pd.DataFrame:
    """The rows of ``frame`` whose ``group`` (one desa/kelurahan over several rows: a heatmap's
    indicators) is among the ``n`` of highest total ``score`` (one number per row, higher =
    worse; NaN counts 0), those groups in that order, worst first, each group's rows in their
    own order. With at most ``whole_up_to`` groups the frame is returned whole."""
    names = list(dict.fromkeys(frame[group]))
    if len(names) <= whole_up_to:
        return frame
    totals = score.fillna(0).groupby(frame[group].to_numpy(), sort=False).sum()
    order = sorted(names, key=lambda g: -totals.get(g, 0.0))[:n]  # stable: ties keep order
    rank = {g: i for i, g in enumerate(order)}
    kept = frame.loc[frame[group].isin(rank)]
    return kept.iloc[kept[group].map(rank).argsort(kind="stable")]


def lokus_first_groups(
    frame: pd.DataFrame,
    group: str,
    lokus: pd.Series,
    score: pd.Series,
    n: int = TOP_N,
    whole_up_to: int = FULL_UP_TO,
) -> pd.DataFrame:
    """Like ``worst_groups``, but the groups with a true ``lokus`` (one bool per row) come first,
    all of them up to ``n`` (most ``score`` first), then the worst of the rest up to ``n`` groups
    in all: a matrix captioned "★ = lokus (di atas)" keeps its lokus on a long list."""
    names = list(dict.fromkeys(frame[group]))
    if len(names) <= whole_up_to:
        return frame
    is_lokus = lokus.astype(bool).groupby(frame[group].to_numpy(), sort=False).any()
    totals = score.fillna(0).groupby(frame[group].to_numpy(), sort=False).sum()
    order = sorted(names, key=lambda g: (not is_lokus.get(g, False), -totals.get(g, 0.0)))[:n]
    rank = {g: i for i, g in enumerate(order)}
    kept = frame.loc[frame[group].isin(rank)]
    return kept.iloc[kept[group].map(rank).argsort(kind="stable")]
