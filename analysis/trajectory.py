"""Trajectory toward a prevalence target (issue #25 point 7): the average annual rate of
reduction (AARR) so far, the AARR required to reach the target by its year, on course or not,
and the year the present trend reaches the target.

AARR between prevalence ``p1`` in year ``t1`` and ``p2`` in year ``t2`` is
``1 − (p2 / p1) ** (1 / (t2 − t1))`` (UNICEF/WHO's definition, as the Global Nutrition Report
uses it for on/off course); the required AARR is the same formula from the latest value to the
target. A prevalence is a percentage; rates are returned as percent per year.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


def aarr(p1: float, t1: float, p2: float, t2: float) -> float:
    """Average annual rate of reduction from ``p1`` (year ``t1``) to ``p2`` (year ``t2``), in
    percent per year (negative when the prevalence rose)."""
    if t2 <= t1 or p1 <= 0 or p2 <= 0:
        raise ValueError("AARR butuh dua tahun berurutan dan prevalensi di atas 0.")
    return (1 - (p2 / p1) ** (1 / (t2 - t1))) * 100


@dataclass(frozen=True)
class Trajectory:
    """Where a prevalence is heading: ``aarr`` so far and ``required`` to meet ``target`` by
    ``target_year`` (percent per year), ``on_course`` when the first is at least the second
    (or the target is met already), and ``reached_in`` the year the present trend reaches the
    target (None when the trend does not fall)."""

    aarr: float
    required: float
    on_course: bool
    reached_in: int | None


def trajectory(
    p1: float, t1: int, p2: float, t2: int, target: float, target_year: int
) -> Trajectory:
    """The trajectory from two measured points toward ``target`` (%) by ``target_year``."""
    so_far = aarr(p1, t1, p2, t2)
    if p2 <= target:
        return Trajectory(so_far, 0.0, True, t2)
    needed = aarr(p2, t2, target, target_year) if target_year > t2 else math.inf
    reached = None
    if so_far > 0:
        years = math.log(target / p2) / math.log(1 - so_far / 100)
        reached = t2 + math.ceil(years - 1e-9)
    return Trajectory(so_far, needed, so_far >= needed, reached)
