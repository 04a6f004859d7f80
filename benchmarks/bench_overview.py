"""Benchmark: start-up (migrate + demo load) and the Ringkasan computation on the demo data.

Times, on a new temporary SQLite database: the first start-up (``services.bootstrap.initialise``
with the demo data: migrations, reference data and demo load), reading the current values from
SQLite, and ``analysis.overview.build_overview`` for 2025-Q4 (median of 5).
Targets (on the 2-core reference machine): first start-up ≤ 10 s, Ringkasan figures ≤ 1 s.
Run: ``.venv/bin/python benchmarks/bench_overview.py [--json] [--quick | --smoke]``.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.overview import build_overview  # noqa: E402
from benchmarks.common import Bench, timed  # noqa: E402
from services.bootstrap import initialise  # noqa: E402


def main() -> None:
    bench = Bench(__doc__)
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        store, ref, _ = initialise(f"sqlite:///{tmp}/bench.sqlite", with_demo=True)
        first_start = time.perf_counter() - t0
        t0 = time.perf_counter()
        values, scorecard = store.indicator_values(), store.scorecard_values()
        lokus, progress = store.lokus(), store.aksi_progress()
        load = time.perf_counter() - t0
        seconds, _ = timed(
            lambda: build_overview(
                values,
                scorecard,
                ref.kelurahan,
                lokus,
                ref.indikator,
                progress,
                ref.kerangka,
                2025,
                "2025-Q4",
                ref.wilayah.kode,
            ),
            bench.repeats(5),
        )
        store.dispose()
    bench.say(f"rows: {len(values)} indicator values, {len(scorecard)} scorecard rows")
    bench.record("first start-up (migrate + demo data)", first_start, "s", at_most=10)
    bench.record("load current values from SQLite", load, "s")
    bench.record("build_overview, whole city, 2025-Q4", seconds, "s", at_most=1)
    bench.finish()


if __name__ == "__main__":
    main()
