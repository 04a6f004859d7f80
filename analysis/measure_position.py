"""Measuring position that contradicts age, counted by age group (a data-quality check).

WHO measures length lying (recumbent) below 731 days (24 completed months) and height standing
from then on (``analysis.zscore``). Two entries contradict the child's age:

* **lying from 24 months** (position L, age ≥ 731 days): the −0.7 cm correction is applied
  before scoring, but a register where many older children are "lying" has a position column
  filled by default, not by what was done;
* **standing before 9 months** (position H, age < 9 completed months, days / 30.4375): a baby
  cannot stand to be measured; WHO Anthro (≥ 1.1.0) treats the position as missing there.

Age groups are those of WHO's standard tables (completed months, days / 30.4375): 0–5, 6–11,
12–23, 24–35, 36–47, 48–59. The stored age is rounded to the middle of its month, which keeps
both rules exact (731 days is the first day of month 24).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import schema as s
from analysis.zscore import (
    DAYS_PER_MONTH,
    LYING,
    LYING_UNTIL_DAYS,
    MAX_AGE_DAYS,
    POSITION_CODES,
    STANDING,
    STANDING_MIN_MONTHS,
    normalise_codes,
)

# (first month, last month) of each age group, completed months.
AGE_GROUPS = [(0, 5), (6, 11), (12, 23), (24, 35), (36, 47), (48, 59)]
SEMUA = "semua"  # the row of all ages together
KELOMPOK, N, BERBARING_24, BERDIRI_9 = "kelompok", "n", "berbaring_24", "berdiri_9"
POSITION_COLUMNS = [KELOMPOK, N, BERBARING_24, BERDIRI_9]


def position_by_age(records: pd.DataFrame) -> pd.DataFrame:
    """Per age group (``kelompok`` "0–5" … "48–59", then ``semua``): ``n`` records with a known
    age under 60 months, ``berbaring_24`` measured lying at 24 months or more and ``berdiri_9``
    measured standing before 9 months. ``records``: ``umur_hari`` (days) and ``cara_ukur``
    (L/H, other spellings of ``analysis.zscore.POSITION_CODES``, or empty)."""
    days = pd.to_numeric(records[s.UMUR_HARI], errors="coerce").to_numpy(dtype=float)
    position = normalise_codes(records[s.CARA_UKUR], POSITION_CODES)
    known = ~np.isnan(days) & (days >= 0) & (days <= MAX_AGE_DAYS)
    months = np.floor(np.where(known, days, 0) / DAYS_PER_MONTH)
    lying_old = known & (position == LYING) & (days >= LYING_UNTIL_DAYS)
    standing_young = known & (position == STANDING) & (months < STANDING_MIN_MONTHS)
    rows = []
    for first, last in AGE_GROUPS:
        within = known & (months >= first) & (months <= last)
        rows.append(
            (f"{first}–{last}", within.sum(), (within & lying_old).sum(),
             (within & standing_young).sum())
        )  # fmt: skip
    rows.append((SEMUA, known.sum(), lying_old.sum(), standing_young.sum()))
    table = pd.DataFrame(rows, columns=POSITION_COLUMNS)
    return table.astype({N: "int64", BERBARING_24: "int64", BERDIRI_9: "int64"})
