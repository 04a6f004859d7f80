"""Rembuk-stunting report benchmark on the demo database: building the nine-slide deck, drawing
one slide's chart (what the Presentasi page does on a slide change) and writing each file
(PowerPoint, PDF, Excel) with all charts.

Prints seconds (median of 3) and the peak memory. Targets: deck ≤ 2 s (cached afterwards), one
chart ≤ 1 s (a keypress on the projector), each file ≤ 10 s (a download button).
Run: ``.venv/bin/python benchmarks/bench_report.py`` (makes a temporary demo database).
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from charts.slides import render_chart  # noqa: E402
from report.deck import build_deck  # noqa: E402
from report.export import FORMATS, build_report  # noqa: E402
from report.sources import load_sources  # noqa: E402
from store.bootstrap import initialise  # noqa: E402


def timed(fn) -> tuple[float, object]:
    runs, result = [], None
    for _ in range(3):
        start = time.perf_counter()
        result = fn()
        runs.append(time.perf_counter() - start)
    return median(runs), result


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        store, ref, _ = initialise(f"sqlite:///{folder}/demo.sqlite", with_demo=True)
        sources = load_sources(store, ref)
        seconds, deck = timed(lambda: build_deck(sources, 2025, "2025-Q4", date(2026, 11, 28)))
        print(f"deck (9 slides)            {seconds:6.2f} s   target ≤ 2 s")
        worst = max(
            (timed(lambda x=x: render_chart(x.chart))[0], x.key) for x in deck.slides if x.chart
        )
        print(f"slowest slide chart ({worst[1]:<8}) {worst[0]:5.2f} s   target ≤ 1 s")
        for fmt in FORMATS:
            seconds, data = timed(lambda fmt=fmt: build_report(deck, fmt, {"situasi": "catatan"}))
            print(
                f"{fmt:<4} file ({len(data) / 1e3:6.0f} kB)       {seconds:6.2f} s   target ≤ 10 s"
            )
        store.dispose()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory                {peak:6.0f} MB")


if __name__ == "__main__":
    main()
