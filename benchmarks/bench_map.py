"""Map benchmark: build time and HTML payload of the Peta map.

North Jakarta (31 kelurahan, approximate areas from data/reference), a DKI-Jakarta-sized
synthetic set (267 seeded points over Jakarta's extent) and the largest kabupaten, Aceh Utara
(11.08, 852 desa: its region pack is written into a temporary folder by
``services.region_pack``, approximate areas from its label points, count bubbles on). Payload =
the map page folium renders (what streamlit-folium sends). Targets: ≤ 300 KB and ≤ 0.3 s for
North Jakarta; ≤ 1.5 MB for 267 polygons; ≤ 2 MB and ≤ 1.5 s for 852 desa. Build time (areas,
map, rendered page) is the median of 3. A smoke run draws 60 synthetic polygons and Kota Kupang
(53.71, 51 kelurahan) instead of Aceh Utara.
Run: ``.venv/bin/python benchmarks/bench_map.py [--json] [--quick | --smoke]``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis import schema as s  # noqa: E402
from analysis.classes import class_edges  # noqa: E402
from analysis.geometry import approximate_areas  # noqa: E402
from benchmarks.common import Bench, timed  # noqa: E402
from charts.maps import MapData, build_map, palette  # noqa: E402
from services.reference import load_reference  # noqa: E402
from services.region_pack import write_region_pack  # noqa: E402
from settings import REFERENCE_DIR  # noqa: E402


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


def measure(kelurahan: pd.DataFrame, repeats: int, bubbles: bool = False) -> tuple[float, int]:
    """Median build time of the rendered map page (seconds) and its size in bytes; with
    ``bubbles`` the count layer is drawn too (the page's largest map)."""
    rng = np.random.default_rng(1)
    values = pd.DataFrame(
        {
            s.KODE_KELURAHAN: kelurahan[s.KODE_KELURAHAN],
            "nilai": rng.uniform(3, 20, len(kelurahan)),
            s.PEMBILANG: 100.0,
            s.PENYEBUT: 1000.0,
        }
    )

    def build() -> str:
        areas = approximate_areas(kelurahan)
        edges = class_edges(values["nilai"], "kuantil", 5)
        data = MapData(
            areas, values, "Prevalensi", "%", "EPPGBM", edges, palette(len(edges) - 1, True),
            frozenset(kelurahan[s.KODE_KELURAHAN][:7]), "lokus", "batas perkiraan",
            values[[s.KODE_KELURAHAN]].assign(jumlah=values["nilai"]) if bubbles else None,
            "Jumlah balita stunting",
        )  # fmt: skip
        return build_map(data, "/app/static/leaflet").get_root().render()

    seconds, page = timed(build, repeats)
    return seconds, len(page.encode())


def main() -> None:
    bench = Bench(__doc__)
    kel = load_reference(REFERENCE_DIR).kelurahan
    seconds, size = measure(kel, bench.repeats(3))
    bench.record("data/reference, 31 polygons: build", seconds, "s", at_most=0.3)
    bench.record("data/reference, 31 polygons: HTML payload", size / 1024, "KB", at_most=300)
    n = bench.size(267, 60)
    seconds, size = measure(synthetic_kelurahan(n), bench.repeats(3))
    bench.record(f"DKI Jakarta (synthetic), {n} polygons: build", seconds, "s")
    bench.record(
        f"DKI Jakarta (synthetic), {n} polygons: HTML payload", size / 1024, "KB", at_most=1536
    )
    kode = "53.71" if bench.smoke else "11.08"
    with tempfile.TemporaryDirectory(prefix="bench_map_") as folder:
        region = write_region_pack(kode, Path(folder) / kode)
    n = len(region.kelurahan)
    seconds, size = measure(region.kelurahan, bench.repeats(3), bubbles=True)
    name = f"{region.wilayah.short_name} ({kode}), {n} {region.wilayah.sebutan_desa}"
    bench.record(f"{name}: build", seconds, "s", at_most=1.5)
    bench.record(f"{name}: HTML payload", size / 1024, "KB", at_most=2048)
    bench.finish()


if __name__ == "__main__":
    main()
