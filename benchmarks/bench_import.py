"""Import benchmark: a synthetic 1,000,000-row long-format CSV, parsed, validated and stored.

Prints rows/s and peak memory of the whole import (``manage.py import`` code path: read,
recognise, match, validate, compare with stored values, commit to SQLite with the original file
archived) and the time of a bare ``pandas.read_csv(engine="pyarrow")`` of the same file, as
medians of three runs. Target: import ≤ 3× the bare read and peak memory ≤ 1.5 GB (1,536 MB).
The same file with the official indicator names (Perpres 72/2021 wordings, as offices write
them) in the indicator column instead of the codes is imported too: every value must still be
imported, and the whole import must stay within 1.2× of the code version (issue #22).
A smoke run imports 20,000 rows.
Run: ``.venv/bin/python benchmarks/bench_import.py [ROWS] [--json] [--quick | --smoke]``.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
RUNS = 3
sys.path.insert(0, str(ROOT))

from benchmarks.common import Bench, peak_mb  # noqa: E402


def write_csv(path: Path, rows: int, names: bool = False) -> None:
    """31 kelurahan × 20 indicators × monthly periods, as many years as needed (seeded);
    ``names``: the indicator column holds each indicator's official name, not its code."""
    import numpy as np
    import pandas as pd

    from services.reference import load_reference
    from settings import REFERENCE_DIR

    ref = load_reference(REFERENCE_DIR)
    codes = ref.kelurahan["kode_kelurahan_10"].tolist()
    indicators = ref.indikator.query("satuan == 'persen' and kelompok in ['spesifik', 'sensitif']")[
        "kode"
    ].tolist()
    months = [f"{y}-{m:02d}" for y in range(1901, 2100) for m in range(1, 13)]
    per_period = len(codes) * len(indicators)
    periods = months[: -(-rows // per_period)]
    grid = (
        pd.MultiIndex.from_product(
            [periods, indicators, codes], names=["periode", "kode_indikator", "kode_kelurahan"]
        )
        .to_frame(index=False)
        .head(rows)
    )
    rng = np.random.default_rng(2022)
    den = rng.integers(20, 400, len(grid))
    grid["penyebut"] = den
    grid["pembilang"] = (den * rng.uniform(0.3, 1.0, len(grid))).astype(int)
    if names:
        from tests.office_corpus import OFFICIAL_NAMES

        grid["kode_indikator"] = grid["kode_indikator"].map(OFFICIAL_NAMES)
    grid[["kode_kelurahan", "kode_indikator", "periode", "pembilang", "penyebut"]].to_csv(
        path, index=False, sep=";"
    )


def child(path: str, tmp: str, runs: int) -> None:
    """Import in a fresh process and print the figures of each run (peak RSS is per process).

    A 1,000-row file is imported first so that loading the modules is not counted (a running
    app has them loaded); then the big file is imported ``runs`` times, each into a new database.
    """
    import os

    # The names file is 3.4 times the code file (106 MB for a million rows): both are accepted
    # and archived, as an admin raising the limits for such an import would have them.
    os.environ["DASBOR_MAX_UPLOAD_MB"] = os.environ["DASBOR_MAX_ARSIP_MB"] = "200"
    from ingest.options import ImportOptions
    from services import uploads
    from services.bootstrap import initialise

    def one(file: Path, db: Path) -> tuple[int, int, float, float]:
        store, ref, _ = initialise(f"sqlite:///{db}", with_demo=False)
        data = file.read_bytes()
        t0 = time.perf_counter()
        plan, comparison = uploads.dry_run(store, ref, data, file.name, ImportOptions())
        t1 = time.perf_counter()
        if plan.can_commit:  # a file whose names are not recognised has nothing to store
            uploads.commit(store, plan, comparison, data, "benchmark")
        t2 = time.perf_counter()
        store.dispose()
        return len(plan.values), plan.n_errors, t1 - t0, t2 - t1

    small = Path(tmp) / "warm.csv"
    write_csv(small, 1_000)
    one(small, Path(tmp) / "warm.sqlite")
    for run in range(runs):
        n, errors, check, store = one(Path(path), Path(tmp) / f"bench{run}.sqlite")
        print(n, errors, f"{check:.3f}", f"{store:.3f}")
    print(f"{peak_mb():.0f}")


def measure(path: Path, tmp: str, runs: int) -> tuple[int, int, list[float], list[float], float]:
    """(values imported, errors, dry-run times, commit times, peak MB) of ``runs`` imports of
    ``path`` in a fresh process (``child``)."""
    work = Path(tmp) / path.stem  # each file's databases apart
    work.mkdir()
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(path), str(work), str(runs)],
        capture_output=True, text=True,
    )  # fmt: skip
    if done.returncode:
        raise RuntimeError(f"import of {path.name} failed:\n{done.stderr}")
    lines = done.stdout.splitlines()
    measured = [line.split() for line in lines[:-1]]
    check = [float(r[2]) for r in measured]
    store = [float(r[3]) for r in measured]
    return int(measured[0][0]), int(measured[0][1]), check, store, float(lines[-1])


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], int(sys.argv[4]))
        return
    bench = Bench(
        __doc__,
        arguments=lambda parser: parser.add_argument("rows", type=int, nargs="?", help="rows"),
    )
    rows = bench.options.rows or bench.size(1_000_000, 20_000)
    runs = bench.repeats(RUNS)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.csv"
        write_csv(path, rows)
        import pandas as pd

        bare = []
        for _ in range(runs):
            t0 = time.perf_counter()
            pd.read_csv(path, sep=";", engine="pyarrow")
            bare.append(time.perf_counter() - t0)
        n, errors, check, store, peak = measure(path, tmp, runs)
        total = [c + s for c, s in zip(check, store, strict=True)]
        size = path.stat().st_size / 1024 / 1024
        bench.say(f"file: {rows:,} rows, {size:.1f} MB; values imported: {n:,}; errors: {errors}")
        bench.say(f"medians of {runs} runs (each run: {', '.join(f'{t:.2f}' for t in total)} s)")
        whole = median(total)
        bench.record("bare pandas.read_csv(engine='pyarrow')", median(bare), "s")
        bench.record("dry run (read + recognise + match + validate + compare)", median(check), "s")
        bench.record("commit (one transaction, SQLite, original file archived)", median(store), "s")
        bench.record(f"whole import of {rows:,} rows", whole, "s")
        bench.record("whole import ÷ bare read", whole / median(bare), "×", at_most=3)
        bench.record("import rate", rows / whole, "rows/s")
        bench.record("peak memory of the import process", peak, "MB", at_most=1536)
        path.unlink()
        named = Path(tmp) / "bench_nama.csv"
        write_csv(named, rows, names=True)
        n_named, errors_named, check_named, store_named, peak_named = measure(named, tmp, runs)
        total_named = [c + s for c, s in zip(check_named, store_named, strict=True)]
        size = named.stat().st_size / 1024 / 1024
        bench.say(
            f"file with indicator names: {size:.1f} MB; values imported: {n_named:,}; "
            f"errors: {errors_named}; each run: {', '.join(f'{t:.2f}' for t in total_named)} s"
        )
        whole_named = median(total_named)
        bench.record("names file: values imported", n_named, "values", at_least=n)
        bench.record("names file: dry run", median(check_named), "s")
        bench.record(f"names file: whole import of {rows:,} rows", whole_named, "s")
        bench.record("names file ÷ code file (whole import)", whole_named / whole, "×", at_most=1.2)
        bench.record("names file: peak memory of the import process", peak_named, "MB")
    bench.finish()


if __name__ == "__main__":
    main()
