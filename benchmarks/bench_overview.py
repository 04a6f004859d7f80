"""Benchmark: start-up (migrate + demo load) and the Ringkasan computation on the demo data.

Run: .venv/bin/python benchmarks/bench_overview.py   (prints seconds; no thresholds here)
Targets (on the 2-core reference machine): first start-up < 10 s, Ringkasan figures < 1 s.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.overview import build_overview  # noqa: E402
from store.bootstrap import initialise  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        store, ref, _ = initialise(f"sqlite:///{tmp}/bench.sqlite", with_demo=True)
        first_start = time.perf_counter() - t0
        t0 = time.perf_counter()
        values, scorecard = store.indicator_values(), store.scorecard_values()
        lokus, progress = store.lokus(), store.aksi_progress()
        load = time.perf_counter() - t0
        runs = []
        for _ in range(5):
            t0 = time.perf_counter()
            build_overview(
                values,
                scorecard,
                ref.kelurahan,
                lokus,
                ref.indikator,
                progress,
                ref.kerangka,
                2025,
                "2025-Q4",
            )
            runs.append(time.perf_counter() - t0)
        store.dispose()
    print(f"rows: {len(values)} indicator values, {len(scorecard)} scorecard rows")
    print(f"first start-up (migrate + demo data): {first_start:.2f} s")
    print(f"load current values from SQLite:      {load:.2f} s")
    print(f"build_overview (median of 5):         {statistics.median(runs):.3f} s")


if __name__ == "__main__":
    main()
