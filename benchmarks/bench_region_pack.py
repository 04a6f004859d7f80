"""Benchmark: ``new-region`` and the first start of a demo region pack, from 6 to 852 desa.

For each region (31.01 Kepulauan Seribu, 6 kelurahan; 53.71 Kota Kupang, 51; 32.73 Kota Bandung,
151; 11.08 Kabupaten Aceh Utara, 852) builds the ``--demo`` reference folder in a temporary
directory (``services.region_pack.write_region_pack``: national list, approximate areas,
validation) and times the first start on a new SQLite database (``initialise`` with the demo:
migrations, region record, lokus, synthetic values, scorecard, aksi, measurements, activities),
next to North Jakarta's own folder (31 kelurahan). Prints the stored row counts.
Targets (2-core reference machine): the 852-desa pack written ≤ 10 s; its first start ≤ 20 s and
within 4× North Jakarta's (the demo's values and scorecard grow with the desa, the synthetic
children do not).
Run: ``.venv/bin/python benchmarks/bench_region_pack.py [--json] [--quick | --smoke]``
(``--smoke``: 31.01 only).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import Bench  # noqa: E402
from services.bootstrap import initialise  # noqa: E402
from services.region_pack import write_region_pack  # noqa: E402
from settings import REFERENCE_DIR  # noqa: E402

REGIONS = ("31.01", "53.71", "32.73", "11.08")
LARGEST = "11.08"


def first_start(folder: Path, db: Path) -> tuple[float, dict[str, int]]:
    """Seconds of the first start with the demo on a new database, and its row counts."""
    os.environ["DASBOR_REFERENCE_DIR"] = str(folder)
    t0 = time.perf_counter()
    store, _, _ = initialise(f"sqlite:///{db}", with_demo=True)
    seconds = time.perf_counter() - t0
    counts = {"values": len(store.indicator_values())}
    counts.update(store.row_counts(["scorecard_value", "pengukuran", "kegiatan"]))
    store.dispose()
    return seconds, counts


def main() -> None:
    bench = Bench(__doc__)
    regions = ("31.01",) if bench.smoke else REGIONS
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        city, counts = first_start(REFERENCE_DIR, root / "nj.sqlite")
        bench.say(f"data/reference (31 kelurahan): {counts}")
        bench.record("first start, North Jakarta (31)", city, "s")
        for kode in regions:
            t0 = time.perf_counter()
            ref = write_region_pack(kode, root / kode, demo=True)
            written = time.perf_counter() - t0
            seconds, counts = first_start(root / kode, root / f"{kode}.sqlite")
            n = len(ref.kelurahan)
            bench.say(f"{kode} ({ref.wilayah.nama}, {n} {ref.wilayah.sebutan_desa}): {counts}")
            largest = kode == LARGEST
            # Every size within the largest's targets: a smoke run (31.01 only) is judged too.
            bench.record(f"new-region {kode} ({n})", written, "s", at_most=10)
            bench.record(f"first start {kode} ({n})", seconds, "s", at_most=20)
            if largest:
                bench.record(f"first start {kode} ÷ North Jakarta", seconds / city, "×", at_most=4)
    os.environ.pop("DASBOR_REFERENCE_DIR", None)
    bench.finish()


if __name__ == "__main__":
    main()
