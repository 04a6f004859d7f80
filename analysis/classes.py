"""Class breaks for a choropleth legend: quantiles, equal intervals, or the target itself.

Edges are ascending; a value belongs to class ``i`` when ``edges[i] ≤ value < edges[i+1]`` (the
last class includes its upper edge). Missing values get class −1 ("tidak ada data").
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import schema as s

KUANTIL = "kuantil"
INTERVAL = "interval sama"
TARGET = "target"
METHODS = (KUANTIL, INTERVAL, TARGET)


def class_edges(
    values: pd.Series,
    method: str,
    k: int = 5,
    target: float | None = None,
    arah: str | None = None,
    mendekati_poin: float = 10.0,
) -> list[float]:
    """Ascending class edges of ``values`` (missing values ignored).

    ``kuantil``: k classes of (about) equal counts; ``interval sama``: k classes of equal width;
    ``target``: three classes split at the target and ``mendekati_poin`` away from it (below it
    for higher-is-better, above it for lower-is-better), so colours read as the status.
    Duplicate edges (few distinct values) are merged.
    """
    data = values.dropna().astype(float)
    if data.empty:
        return []
    low, high = float(data.min()), float(data.max())
    if method == KUANTIL:
        edges = list(np.quantile(data, np.linspace(0, 1, k + 1)))
    elif method == INTERVAL:
        edges = list(np.linspace(low, high, k + 1))
    elif method == TARGET:
        if target is None or np.isnan(target):
            raise ValueError("Indikator ini tidak punya target: pilih kuantil atau interval sama.")
        near = target - mendekati_poin if arah != s.ARAH_RENDAH_BAIK else target + mendekati_poin
        inner = sorted({float(target), float(near)})
        edges = [min(low, inner[0]), *inner, max(high, inner[-1])]
    else:
        raise ValueError(f"Metode kelas tidak dikenal: {method!r}.")
    return sorted(set(round(e, 9) for e in edges))


def assign_classes(values: pd.Series, edges: list[float]) -> np.ndarray:
    """Class index of each value for ``edges`` (−1 where the value is missing)."""
    v = values.astype(float).to_numpy()
    if len(edges) < 2:
        return np.where(np.isnan(v), -1, 0)
    index = np.searchsorted(edges, v, side="right") - 1
    index = np.clip(index, 0, len(edges) - 2)
    return np.where(np.isnan(v), -1, index)
