"""Region import benchmark (issue #26): matching by region on the largest region, Kabupaten Aceh
Utara (11.08, 852 desa, 147 names used twice), its pack built into a temporary folder here.

Prints, as medians: the dry run of the region's own file (852 desa × 20 indicators, codes and
names), which must not read the national list (its matcher's lookup stays unloaded); the dry run
of a Kota Bandung file of the same shape, refused in one message, including the first read of
the national list and its name index (the cost a first foreign upload pays once per process).
Targets: own file ≤ 2 s; foreign file, first time, ≤ 8 s (reading the 91,599-row list and
indexing 83,000 names included), and ≤ 1 s once the list is loaded.
Run: ``.venv/bin/python benchmarks/bench_region_import.py [--json] [--quick | --smoke]``.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
RUNS = 3
sys.path.insert(0, str(ROOT))

from benchmarks.common import Bench  # noqa: E402


def region_file(kode: str, indicators: list[str], limit: int) -> bytes:
    """A long CSV: every desa of ``kode`` (at most ``limit``) × ``indicators``, codes and names."""
    from store.national import national_list

    table = national_list()
    desa = table.loc[
        table["kode"].str.startswith(kode + ".") & (table["kode"].str.count(r"\.") == 3)
    ]
    lines = ["kode_kelurahan;kelurahan;kode_indikator;periode;pembilang;penyebut"]
    for row in desa.head(limit).itertuples():
        lines += [f"{row.kode};{row.nama};{ind};2024-Q2;8;10" for ind in indicators]
    return ("\n".join(lines) + "\n").encode()


def main() -> None:
    from ingest.national import NationalLookup
    from ingest.options import ImportOptions
    from ingest.pipeline import build_catalogue, prepare
    from services.region_pack import write_region_pack
    from store.national import national_list

    bench = Bench(__doc__)
    runs = bench.repeats(RUNS)
    limit = bench.size(852, 60)
    with tempfile.TemporaryDirectory() as tmp:
        ref = write_region_pack("11.08", Path(tmp) / "11.08")
    indicators = ref.indikator["kode"].head(20).tolist()
    own, foreign = region_file("11.08", indicators, limit), region_file("32.73", indicators, limit)
    options = ImportOptions()

    def dry(data: bytes, lookup: NationalLookup) -> tuple[float, object]:
        start = time.perf_counter()
        plan = prepare(data, "berkas.csv", build_catalogue(ref, lookup), options)
        return time.perf_counter() - start, plan

    own_times = []
    for _ in range(runs):
        lookup = NationalLookup(national_list)
        took, plan = dry(own, lookup)
        assert len(plan.values) == limit * len(indicators) and not lookup._loaded
        own_times.append(took)
    bench.say(f"own file: {limit} desa × {len(indicators)} indicators, {len(plan.values):,} values")
    bench.record("dry run, own 11.08 file", median(own_times), "s", at_most=2)
    first, warm = [], []
    for _ in range(runs):
        national_list.cache_clear()
        lookup = NationalLookup(national_list)
        took, plan = dry(foreign, lookup)
        assert plan.problems["pesan"].iloc[0].startswith("Berkas ini berisi data Kota Bandung")
        first.append(took)
        warm.append(dry(foreign, lookup)[0])
    bench.record(
        "dry run, Bandung file into 11.08, first (list read)", median(first), "s", at_most=8
    )
    bench.record("dry run, Bandung file into 11.08, list loaded", median(warm), "s", at_most=1)
    bench.finish()


if __name__ == "__main__":
    main()
