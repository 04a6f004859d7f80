"""Rembuk-stunting report benchmark on the demo database: building the ten-slide deck, drawing
one slide's chart (what the Presentasi page does on a slide change) and writing each file
(PowerPoint, PDF, Excel) with all charts.

Prints seconds (median of 3) and the peak memory. Targets: deck ≤ 2 s (cached afterwards), one
chart ≤ 1 s (a keypress on the projector), each file ≤ 10 s (a download button).
Run: ``.venv/bin/python benchmarks/bench_report.py [--json] [--quick | --smoke]`` (makes a
temporary demo database).
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import Bench, timed  # noqa: E402
from charts.slides import render_chart  # noqa: E402
from report.deck import build_deck  # noqa: E402
from report.export import FORMATS, build_report  # noqa: E402
from services.bootstrap import initialise  # noqa: E402
from services.sources import load_sources  # noqa: E402


def main() -> None:
    bench = Bench(__doc__)
    repeats = bench.repeats(3)
    with tempfile.TemporaryDirectory() as folder:
        store, ref, _ = initialise(f"sqlite:///{folder}/demo.sqlite", with_demo=True)
        sources = load_sources(store, ref)
        seconds, deck = timed(
            lambda: build_deck(sources, 2025, "2025-Q4", date(2026, 11, 28)), repeats
        )
        bench.record(f"deck ({len(deck.slides)} slides)", seconds, "s", at_most=2)
        worst = max(
            (timed(lambda x=x: render_chart(x.chart), repeats)[0], x.key)
            for x in deck.slides
            if x.chart
        )
        bench.record(f"slowest slide chart ({worst[1]})", worst[0], "s", at_most=1)
        for fmt in FORMATS:
            seconds, data = timed(
                lambda fmt=fmt: build_report(deck, fmt, {"situasi": "catatan"}), repeats
            )
            bench.record(f"{fmt} file ({len(data) / 1e3:,.0f} kB)", seconds, "s", at_most=10)
        store.dispose()
    bench.record_peak_memory()
    bench.finish()


if __name__ == "__main__":
    main()
