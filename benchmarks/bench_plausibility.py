"""Plausibility benchmark (issue #25): the SMART-style report of one measurement round
(``analysis.plausibility.round_plausibility``: SMART flags, SD, sex and age ratio tests, digit
preference, skewness and kurtosis) on seeded synthetic records already scored with WHO z-scores.

Sizes: 200,000 records (one city round) and 2,000,000. Prints seconds (median of 3) and the peak
memory. Targets of the issue for plausibility *and* the standard tables together: ≤ 2 s for
200,000 and ≤ 15 s for 2,000,000 records, ≤ 1.5 GB; the standard tables are not built yet, so
this measures the plausibility part against the same bounds.
Run: ``.venv/bin/python benchmarks/bench_plausibility.py [--json] [--quick | --smoke]``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.plausibility import round_plausibility  # noqa: E402
from analysis.zscore import score_records  # noqa: E402
from benchmarks.bench_zscore import synthetic  # noqa: E402
from benchmarks.common import Bench, timed  # noqa: E402
from services.reference import load_reference  # noqa: E402
from settings import REFERENCE_DIR  # noqa: E402
from store.growth import growth_tables  # noqa: E402

# records: target in seconds
SIZES = {200_000: 2.0, 2_000_000: 15.0}


def main() -> None:
    bench = Bench(__doc__)
    criteria = load_reference(REFERENCE_DIR).plausibilitas
    tables = growth_tables()
    for n, target in SIZES.items():
        n = bench.size(n, 5_000)
        records = synthetic(n)
        z = score_records(tables, records)
        seconds, report = timed(lambda: round_plausibility(records, z, criteria), bench.repeats(3))  # noqa: B023
        bench.say(f"{n:,} records: total {report.total}, {report.verdict}")
        bench.record(f"plausibility report, {n:,} records", seconds, "s", at_most=target)
    bench.record_peak_memory(at_most=1536)
    bench.finish()


if __name__ == "__main__":
    main()
