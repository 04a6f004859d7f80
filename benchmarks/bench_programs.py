"""Program-mapping benchmark: everything the Pemetaan Program page computes for one year
(reach, convergence matrix, lokus gaps, stalled interventions, budget per unit, group,
kelurahan and lokus split) on seeded synthetic registers.

Sizes: North Jakarta (31 kelurahan, 20 interventions, 100 activities a year — the demo has
about 25) and a DKI-sized register (267 kelurahan, 20 interventions, 2,000 activities). Prints
seconds (median of 3) and the peak memory. Target: ≤ 0.5 s for North Jakarta, so a filter change
reruns the page well within the 0.5 s budget of issue 10 with caching on top.
Run: ``.venv/bin/python benchmarks/bench_programs.py [--json] [--quick | --smoke]``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis import schema as s  # noqa: E402
from analysis.attainment import KELURAHAN, StatusRules, coverage_by_area  # noqa: E402
from analysis.programs import (  # noqa: E402
    activity_reach,
    budget_allocation,
    budget_by_group,
    budget_by_kelurahan,
    budget_by_opd,
    budget_lokus_split,
    convergence_matrix,
    filter_activities,
    stalled_interventions,
    untargeted_gaps,
)
from benchmarks.common import Bench, timed  # noqa: E402

# name: (kelurahan, activities, target in seconds)
SIZES = {"31 kelurahan": (31, 100, 0.5), "DKI Jakarta": (267, 2000, None)}
INDICATORS = [f"SPE{i:02d}" for i in range(1, 10)] + [f"SEN{i:02d}" for i in range(1, 12)]


def dataset(n_kel: int, n_act: int, seed: int = 8):
    rng = np.random.default_rng(seed)
    codes = [f"K{i:04d}" for i in range(n_kel)]
    kelurahan = pd.DataFrame(
        {
            s.KODE_KELURAHAN: codes,
            s.KELURAHAN: [f"Kelurahan {i}" for i in range(n_kel)],
            s.KODE_KECAMATAN: [f"C{i // 6}" for i in range(n_kel)],
            s.KECAMATAN: [f"Kecamatan {i // 6}" for i in range(n_kel)],
        }
    )
    catalogue = pd.DataFrame(
        {
            s.KODE: INDICATORS,
            s.NAMA: INDICATORS,
            s.KELOMPOK: ["spesifik" if c.startswith("SPE") else "sensitif" for c in INDICATORS],
            s.ARAH: s.ARAH_TINGGI_BAIK,
            s.TARGET: 90.0,
        }
    )
    values = pd.DataFrame(
        [
            {s.KODE_WILAYAH: k, s.KODE_INDIKATOR: i, s.PERIODE: p,
             s.PEMBILANG: float(rng.integers(50, 100)), s.PENYEBUT: 100.0}
            for k in codes for i in INDICATORS for p in ("2024-Q4", "2025-Q4")
        ]
    )  # fmt: skip
    places = [
        "semua" if rng.random() < 0.2 else ";".join(rng.choice(codes, rng.integers(1, 6), False))
        for _ in range(n_act)
    ]
    activities = pd.DataFrame(
        {
            "id": range(n_act),
            s.TAHUN: 2025,
            s.OPD: rng.choice([f"OPD{i}" for i in range(15)], n_act),
            s.INDIKATOR: [
                ";".join(rng.choice(INDICATORS, rng.integers(1, 3), False)) for _ in range(n_act)
            ],
            s.KELURAHAN_SASARAN: places,
            s.PAGU: rng.integers(25, 5000, n_act) * 1e6,
            s.REALISASI: rng.integers(0, 25, n_act) * 1e6,
            s.SUMBER_DANA: "APBD",
            s.STATUS: rng.choice(list(s.KEGIATAN_STATUS_VALUES), n_act),
        }
    )
    lokus = set(codes[:: max(1, n_kel // 7)][:7])
    return kelurahan, catalogue, values, activities, lokus


def page_figures(kelurahan, catalogue, values, activities, lokus) -> int:
    city = list(kelurahan[s.KODE_KELURAHAN])
    coverage = coverage_by_area(values, kelurahan, catalogue, KELURAHAN, StatusRules())
    rows = filter_activities(activities, 2025)
    matrix = convergence_matrix(
        activity_reach(rows, city), coverage.loc[coverage[s.PERIODE] == "2025-Q4"],
        kelurahan, lokus, INDICATORS,
    )  # fmt: skip
    untargeted_gaps(matrix)
    stalled_interventions(matrix, coverage.loc[coverage[s.PERIODE] == "2024-Q4"])
    allocation = budget_allocation(rows, city)
    budget_by_opd(rows)
    budget_by_group(rows, catalogue)
    budget_by_kelurahan(allocation, kelurahan, lokus)
    budget_lokus_split(allocation, kelurahan, lokus)
    return len(matrix)


def main() -> None:
    bench = Bench(__doc__)
    for name, (n_kel, n_act, target) in SIZES.items():
        data = dataset(n_kel, n_act)
        seconds, cells = timed(lambda data=data: page_figures(*data), bench.repeats(3))
        bench.say(
            f"{name}: {n_kel} kelurahan × {len(INDICATORS)} intervensi = {cells} sel, "
            f"{n_act} kegiatan"
        )
        bench.record(
            f"{name} ({n_kel} kelurahan, {n_act} kegiatan): page figures",
            seconds,
            "s",
            at_most=target,
        )
    bench.record_peak_memory()
    bench.finish()


if __name__ == "__main__":
    main()
