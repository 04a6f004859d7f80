"""Import benchmark: a synthetic 1,000,000-row long-format CSV, parsed, validated and stored.

Prints rows/s and peak memory of the whole import (``manage.py import`` code path: read,
recognise, match, validate, compare with stored values, commit to SQLite) and the time of a bare
``pandas.read_csv(engine="pyarrow")`` of the same file. Target: import ≤ 3× the bare read and
peak memory ≤ 1.5 GB. Run: ``.venv/bin/python benchmarks/bench_import.py [ROWS]``.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def write_csv(path: Path, rows: int) -> None:
    """31 kelurahan × 20 indicators × monthly periods, as many years as needed (seeded)."""
    import numpy as np
    import pandas as pd

    from store.reference import load_reference
    from store.settings import REFERENCE_DIR

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
    grid[["kode_kelurahan", "kode_indikator", "periode", "pembilang", "penyebut"]].to_csv(
        path, index=False, sep=";"
    )


def child(path: str, db: str) -> None:
    """Run one import in a fresh process and print its figures (peak RSS is per process)."""
    from ingest.validate import ImportOptions
    from store import uploads
    from store.bootstrap import initialise

    store, ref, _ = initialise(f"sqlite:///{db}", with_demo=False)
    data = Path(path).read_bytes()
    t0 = time.perf_counter()
    plan, comparison = uploads.dry_run(store, ref, data, "bench.csv", ImportOptions())
    t1 = time.perf_counter()
    uploads.commit(store, plan, comparison, data, "benchmark")
    t2 = time.perf_counter()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(plan.values)} {plan.n_errors} {t1 - t0:.3f} {t2 - t1:.3f} {peak_mb:.0f}")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
        return
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.csv"
        write_csv(path, rows)
        import pandas as pd

        t0 = time.perf_counter()
        pd.read_csv(path, sep=";", engine="pyarrow")
        bare = time.perf_counter() - t0
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(path), str(Path(tmp) / "bench.sqlite")],
            check=True, capture_output=True, text=True,
        ).stdout.split()  # fmt: skip
        n, errors, check, store, peak = (
            int(out[0]),
            int(out[1]),
            float(out[2]),
            float(out[3]),
            out[4],
        )
        total = check + store
        size = path.stat().st_size / 1024 / 1024
        print(f"file: {rows:,} rows, {size:.1f} MB; values imported: {n:,}; errors: {errors}")
        print(f"bare pandas.read_csv(engine='pyarrow'): {bare:.2f} s")
        print(f"dry run (read + recognise + match + validate + compare): {check:.2f} s")
        print(f"commit (one transaction, SQLite): {store:.2f} s")
        print(
            f"whole import: {total:.2f} s = {total / bare:.1f}× the bare read; {rows / total:,.0f} rows/s"
        )
        print(f"peak memory of the import process: {peak} MB")


if __name__ == "__main__":
    main()
