"""Changes that mean something (issue #25 point 6): the 95% interval of the difference of two
proportions by Newcombe's hybrid Wilson score method (Newcombe 1998, *Statistics in Medicine*
17:873–890, method 10), and the verdict a page may print from it.

A change is "membaik" or "memburuk" only when the interval excludes zero *and* the change
reaches a practical size (``min_points`` percentage points); otherwise it is "tidak berubah
bermakna". A fixed "more than 2 points" rule alone would call noise a change in every small
kelurahan. Vectorised: every argument may be a scalar or an array of the same length.
"""

from __future__ import annotations

import numpy as np

from analysis.prevalence import Z95, wilson

MEMBAIK = "membaik"
MEMBURUK = "memburuk"
TIDAK_BERMAKNA = "tidak berubah bermakna"
MIN_POINTS = 2.0  # practical size of a change, percentage points (a setting overrides it)


def newcombe_difference(x1, n1, x2, n2, z: float = Z95):
    """(difference, lower, upper) of ``x2/n2 − x1/n1`` as proportions, the interval by
    Newcombe's hybrid Wilson score method; NaN where either ``n`` is 0."""
    x1, n1, x2, n2 = (np.asarray(v, dtype=float) for v in (x1, n1, x2, n2))
    with np.errstate(invalid="ignore", divide="ignore"):
        p1 = np.where(n1 > 0, x1 / n1, np.nan)
        p2 = np.where(n2 > 0, x2 / n2, np.nan)
        l1, u1 = wilson(x1, n1, z)
        l2, u2 = wilson(x2, n2, z)
        d = p2 - p1
        lower = d - np.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2)
        upper = d + np.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2)
    return d, lower, upper


def change_verdict(x1, n1, x2, n2, lower_is_better: bool, min_points: float = MIN_POINTS):
    """ "membaik", "memburuk" or "tidak berubah bermakna" for the change from ``x1/n1`` to
    ``x2/n2`` (an array of them for arrays; "" where a denominator is 0)."""
    d, lower, upper = newcombe_difference(x1, n1, x2, n2)
    real = ((lower > 0) | (upper < 0)) & (np.abs(d) * 100 >= min_points)
    better = (d < 0) if lower_is_better else (d > 0)
    verdict = np.where(real, np.where(better, MEMBAIK, MEMBURUK), TIDAK_BERMAKNA)
    verdict = np.where(np.isnan(d), "", verdict)
    return verdict.item() if verdict.ndim == 0 else verdict
