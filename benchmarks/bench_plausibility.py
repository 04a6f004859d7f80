"""Plausibility and standard-tables benchmark (issue #25): on seeded synthetic records already
scored with WHO z-scores, the SMART-style report of one measurement round
(``analysis.plausibility.round_plausibility``) together with the WHO standard tables
(``analysis.standard_tables.round_standard_tables``: 9 cut-offs × 21 groups with the logit
interval, mean and SD) — the issue's figure — and, apart, the standard tables alone and the
report side by side for the city, 6 kecamatan and 31 kelurahan
(``analysis.plausibility_areas.area_plausibility``, what the Pengukuran page shows).

Sizes: 200,000 records (one city round) and 2,000,000. Prints seconds (median of 3) and the peak
memory. Targets of the issue for plausibility and the standard tables together: ≤ 2 s for
200,000 and ≤ 15 s for 2,000,000 records, ≤ 1.5 GB.
Run: ``.venv/bin/python benchmarks/bench_plausibility.py [--json] [--quick | --smoke]``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

from analysis import schema as s  # noqa: E402
from analysis.plausibility import round_plausibility  # noqa: E402
from analysis.plausibility_areas import area_plausibility  # noqa: E402
from analysis.standard_tables import round_standard_tables  # noqa: E402
from analysis.zscore import score_records  # noqa: E402
from benchmarks.bench_zscore import synthetic  # noqa: E402
from benchmarks.common import Bench, timed  # noqa: E402
from services.reference import load_reference  # noqa: E402
from settings import REFERENCE_DIR  # noqa: E402
from store.growth import growth_tables  # noqa: E402

# records: target in seconds (plausibility and standard tables together)
SIZES = {200_000: 2.0, 2_000_000: 15.0}


def main() -> None:
    bench = Bench(__doc__)
    reference = load_reference(REFERENCE_DIR)
    criteria, area = reference.plausibilitas, reference.kelurahan
    tables = growth_tables()
    codes = area[s.KODE_KELURAHAN].to_numpy()
    for n, target in SIZES.items():
        n = bench.size(n, 5_000)
        records = synthetic(n)
        records[s.KODE_WILAYAH] = np.random.default_rng(2).choice(codes, n)
        z = score_records(tables, records)

        def both(records=records, z=z) -> tuple:
            return round_plausibility(records, z, criteria), round_standard_tables(records, z)

        seconds, (report, table) = timed(both, bench.repeats(3))
        bench.say(f"{n:,} records: total {report.total}, {report.verdict}; {len(table)} rows")
        bench.record(f"plausibility + standard tables, {n:,} records", seconds, "s", at_most=target)
        seconds, _ = timed(lambda r=records, zz=z: round_standard_tables(r, zz), bench.repeats(3))
        bench.record(f"standard tables alone, {n:,} records", seconds, "s")
        seconds, sides = timed(
            lambda r=records, zz=z: area_plausibility(r, zz, criteria, area, reference.wilayah),
            bench.repeats(3),
        )
        rows = len(sides.drop_duplicates(["tingkat", "wilayah"]))
        bench.say(f"{n:,} records: plausibility of {rows} wilayah side by side")
        bench.record(
            f"plausibility per wilayah (kota, 6 kecamatan, 31 kelurahan), {n:,} records",
            seconds,
            "s",
        )
    bench.record_peak_memory(at_most=1536)
    bench.finish()


if __name__ == "__main__":
    main()
