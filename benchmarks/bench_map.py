"""Map benchmark: build time and HTML payload of the Peta map.

North Jakarta (31 kelurahan, approximate areas from data/reference) and a DKI-Jakarta-sized
synthetic set (267 seeded points over Jakarta's extent). Payload = the map page folium renders
(what streamlit-folium sends). Targets: ≤ 300 KB and ≤ 0.3 s for North Jakarta; ≤ 1.5 MB for
267 polygons. Run: ``.venv/bin/python benchmarks/bench_map.py``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from statistics import median

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis import schema as s  # noqa: E402
from analysis.classes import class_edges  # noqa: E402
from analysis.geometry import approximate_areas  # noqa: E402
from charts.maps import MapData, build_map, palette  # noqa: E402
from store.reference import load_reference  # noqa: E402
from store.settings import REFERENCE_DIR  # noqa: E402


def synthetic_kelurahan(n: int, seed: int = 2022) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            s.KODE_KELURAHAN: [f"K{i:04d}" for i in range(n)],
            s.KELURAHAN: [f"Kelurahan {i}" for i in range(n)],
            s.KODE_KECAMATAN: [f"C{i // 6:03d}" for i in range(n)],
            s.KECAMATAN: [f"Kecamatan {i // 6}" for i in range(n)],
            s.LABEL_LON: rng.uniform(106.68, 106.97, n),
            s.LABEL_LAT: rng.uniform(-6.37, -6.09, n),
        }
    )


def measure(kelurahan: pd.DataFrame) -> tuple[float, int]:
    rng = np.random.default_rng(1)
    values = pd.DataFrame(
        {
            s.KODE_KELURAHAN: kelurahan[s.KODE_KELURAHAN],
            "nilai": rng.uniform(3, 20, len(kelurahan)),
            s.PEMBILANG: 100.0,
            s.PENYEBUT: 1000.0,
        }
    )
    times, size = [], 0
    for _ in range(3):
        t0 = time.perf_counter()
        areas = approximate_areas(kelurahan)
        edges = class_edges(values["nilai"], "kuantil", 5)
        data = MapData(
            areas, values, "Prevalensi", "%", "EPPGBM", edges, palette(len(edges) - 1, True),
            frozenset(kelurahan[s.KODE_KELURAHAN][:7]), "lokus", "batas perkiraan",
        )  # fmt: skip
        page = build_map(data, "/app/static/leaflet").get_root().render()
        times.append(time.perf_counter() - t0)
        size = len(page.encode())
    return median(times), size


def main() -> None:
    kel = load_reference(REFERENCE_DIR).kelurahan
    for label, frame in (
        ("Jakarta Utara", kel),
        ("DKI Jakarta (sintetis)", synthetic_kelurahan(267)),
    ):
        seconds, size = measure(frame)
        print(f"{label}: {len(frame)} poligon: {seconds:.3f} s, {size / 1024:,.0f} KB")
    print("targets: Jakarta Utara ≤ 0.3 s and ≤ 300 KB; 267 poligon ≤ 1.5 MB")


if __name__ == "__main__":
    main()
