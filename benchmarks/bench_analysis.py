"""Analysis benchmark: every metric of the Indikator, Profil and Analisis Situasi pages.

Three synthetic, seeded datasets: North Jakarta (31 kelurahan), DKI-Jakarta-sized
(267 kelurahan) and province-sized (6,000 desa), each × 40 indicators × 16 quarters. Prints
seconds (median of 3) and the peak memory of the process. Values come as the pages get them from
``ui/metrics.primary_values`` (cached once per data load): key columns categorical. Targets: a
page's metric computation ≤ 0.2 s for North Jakarta and ≤ 2 s province-sized. A smoke run uses
300 desa for the province-sized set.
Run: ``.venv/bin/python benchmarks/bench_analysis.py [--json] [--quick | --smoke]``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis import schema as s  # noqa: E402
from analysis.alerts import alerts  # noqa: E402
from analysis.attainment import KECAMATAN, KOTA, convergence_index, coverage_by_area  # noqa: E402
from analysis.codes import as_categories  # noqa: E402
from analysis.region import Region  # noqa: E402
from analysis.situation import priority_scores, recommend_lokus, shortfalls  # noqa: E402
from analysis.trends import change_between, lokus_comparison  # noqa: E402
from benchmarks.common import Bench, timed  # noqa: E402

REGION = Region("99.01", "Kota Contoh")  # the synthetic data's kabupaten/kota
PERIODS = [f"{y}-Q{q}" for y in range(2022, 2026) for q in range(1, 5)]
# name: (kelurahan, kelurahan in a smoke run, target in seconds)
SIZES = {
    "31 kelurahan": (31, 31, 0.2),
    "DKI Jakarta": (267, 267, None),
    "provinsi": (6000, 300, 2.0),
}


def dataset(n_kel: int, n_ind: int = 40, seed: int = 2022):
    """Kelurahan (40 per kecamatan), a catalogue (OUT01 + 39 interventions) and values."""
    rng = np.random.default_rng(seed)
    codes = [f"K{i:05d}" for i in range(n_kel)]
    kelurahan = pd.DataFrame(
        {
            s.KODE_KELURAHAN: codes,
            s.KELURAHAN: [f"Kelurahan {i}" for i in range(n_kel)],
            s.KODE_KECAMATAN: [f"C{i // 40:04d}" for i in range(n_kel)],
            s.KECAMATAN: [f"Kecamatan {i // 40}" for i in range(n_kel)],
        }
    )
    indicators = ["OUT01", *[f"X{i:02d}" for i in range(1, n_ind)]]
    catalogue = pd.DataFrame(
        {
            s.KODE: indicators,
            s.NAMA: indicators,
            s.KELOMPOK: ["outcome"] + ["spesifik", "sensitif"] * ((n_ind - 1) // 2) + ["spesifik"],
            s.ARAH: ["rendah_baik"] + ["tinggi_baik"] * (n_ind - 1),
            s.TARGET: [14.0] + list(rng.choice([70.0, 80.0, 90.0], n_ind - 1)),
        }
    )
    grid = pd.MultiIndex.from_product(
        [codes, indicators, PERIODS], names=[s.KODE_WILAYAH, s.KODE_INDIKATOR, s.PERIODE]
    ).to_frame(index=False)
    den = rng.integers(20, 500, len(grid)).astype(float)
    share = np.where(
        grid[s.KODE_INDIKATOR] == "OUT01",
        rng.uniform(0.03, 0.25, len(grid)),
        rng.uniform(0.4, 1.0, len(grid)),
    )
    values = grid.assign(**{s.PEMBILANG: np.floor(den * share), s.PENYEBUT: den})
    rules = pd.DataFrame(
        {
            s.KODE_INDIKATOR: ["X01", "OUT01"],
            "operator": ["<", ">="],
            "ambang": [50.0, 20.0],
            "pesan": ["a", "b"],
        }
    )
    return kelurahan, catalogue, values, rules


def all_metrics(kelurahan, catalogue, values, rules) -> None:
    """What the three pages compute on a cold cache, for the latest period."""
    latest, first = PERIODS[-1], PERIODS[0]
    cov = coverage_by_area(values, kelurahan, catalogue)
    coverage_by_area(values, kelurahan, catalogue, level=KECAMATAN)
    coverage_by_area(values, kelurahan, catalogue, level=KOTA, region=REGION)
    now = cov.loc[cov[s.PERIODE] == latest]
    convergence_index(now, catalogue)
    scores = priority_scores(now, kelurahan, catalogue)
    shortfalls(now, catalogue)
    lokus = set(kelurahan[s.KODE_KELURAHAN].iloc[::5])
    recommend_lokus(scores, lokus, len(lokus))
    change_between(cov.loc[cov[s.KODE_INDIKATOR] == "X01"], catalogue, first, latest)
    lokus_comparison(values, kelurahan, lokus, "OUT01", first, latest)
    alerts(now.assign(wilayah=now[s.KODE_WILAYAH]), rules)


def main() -> None:
    bench = Bench(__doc__)
    for label, (usual, smoke, target) in SIZES.items():
        n = bench.size(usual, smoke)
        kelurahan, catalogue, values, rules = dataset(n)
        t0 = time.perf_counter()
        # As ui/metrics.primary_values does once per data load (cached): keys as categoricals.
        values = as_categories(values, [s.KODE_WILAYAH, s.KODE_INDIKATOR, s.PERIODE])
        load = time.perf_counter() - t0
        data = kelurahan, catalogue, values, rules
        seconds, _ = timed(lambda data=data: all_metrics(*data), bench.repeats(3))
        bench.say(f"{label}: {n:,} kelurahan × 40 indikator × 16 triwulan = {len(values):,} nilai")
        bench.record(
            f"{label} ({n:,} kelurahan): metrics of the pages", seconds, "s", at_most=target
        )
        bench.record(f"{label} ({n:,} kelurahan): keys to categories, once per load", load, "s")
    bench.record_peak_memory()
    bench.finish()


if __name__ == "__main__":
    main()
