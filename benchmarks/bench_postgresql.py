"""Benchmark: the store on SQLite and on PostgreSQL, side by side.

For each backend: first start-up with the demo data (``initialise(url, with_demo=True)``: migrate,
sync lokus, load values, scorecard, aksi, 9,300 measurement records and the activity register),
then reading back — ``indicator_values()`` on a fresh Store (cold: blobs fetched and decoded) and
again (warm), ``measurements()``, ``aksi_progress()`` — and storing 200,000 measurement records
(the bulk write of a large e-PPGBM export: executemany on SQLite, COPY on PostgreSQL).

PostgreSQL: a throwaway local server from Debian's ``postgresql``, started as the tests start it
(``tests/pg_support.py``: unix socket, fsync off, where SQLite syncs each commit to disk), so
the write times favour it. Seconds, medians of 3 after a warm-up start. Target: first start-up
≤ 10 s on either backend (as in bench_overview); the rest is a comparison.
Run: ``.venv/bin/python benchmarks/bench_postgresql.py [--json] [--quick | --smoke]``.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pandas as pd  # noqa: E402

from analysis import schema as s  # noqa: E402
from benchmarks.common import Bench  # noqa: E402
from demo.measurements import synthetic_measurements  # noqa: E402
from services.bootstrap import initialise  # noqa: E402
from store.database import Store  # noqa: E402
from store.growth import growth_tables  # noqa: E402
from store.records import MeasurementBatch  # noqa: E402
from tests import pg_support  # noqa: E402


def timed(fn) -> tuple[float, object]:
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def measure(new_url, runs: int, n_records: int) -> dict[str, float]:
    """Median seconds of each step, each run on a new database from ``new_url()``."""
    steps: dict[str, list[float]] = {}
    records = None
    for _ in range(runs):
        url = new_url()
        seconds, (store, ref, _) = timed(lambda u=url: initialise(u, with_demo=True))
        steps.setdefault("initialise(with_demo=True)", []).append(seconds)
        store.dispose()
        fresh = Store(url)
        for name, fn in [
            ("indicator_values() cold", fresh.indicator_values),
            ("indicator_values() warm", fresh.indicator_values),
            ("measurements() 9,300 records", fresh.measurements),
            ("aksi_progress()", fresh.aksi_progress),
        ]:
            steps.setdefault(name, []).append(timed(fn)[0])
        if records is None:
            records = synthetic_measurements(
                growth_tables(), ref.kelurahan, set(), n_records, [(2025, 2), (2025, 8)]
            )
        batch = MeasurementBatch("bench.csv", "0" * 64, "templat", "bench", len(records))
        t0 = time.perf_counter()
        fresh.commit_measurements(batch, records, pd.DataFrame(columns=s.VALUE_COLUMNS))
        steps.setdefault(f"commit {len(records):,} measurement records", []).append(
            time.perf_counter() - t0
        )
        fresh.dispose()
    return {name: median(values) for name, values in steps.items()}


def main() -> None:
    bench = Bench(__doc__)
    runs, n = bench.repeats(3), bench.size(3226, 50)  # 3,226 per kelurahan × 2 months = 200,000
    with tempfile.TemporaryDirectory() as tmp:
        initialise(f"sqlite:///{tmp}/warm.sqlite", with_demo=True)[0].dispose()  # imports, caches
        counter = iter(range(1000))
        results = {"SQLite": measure(lambda: f"sqlite:///{tmp}/b{next(counter)}.sqlite", runs, n)}
        server = pg_support.start_server()
        if isinstance(server, str):
            bench.say(f"PostgreSQL skipped: {server}")
        else:
            try:
                results["PostgreSQL"] = measure(
                    lambda: server.url(server.create_database()), runs, n
                )
            finally:
                server.stop()
    for backend, steps in results.items():
        for name, seconds in steps.items():
            # The start-up target of bench_overview holds on either backend.
            target = {"at_most": 10} if name.startswith("initialise") else {}
            bench.record(f"{backend}: {name}", seconds, "s", **target)
    bench.finish()


if __name__ == "__main__":
    main()
