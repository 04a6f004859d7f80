"""What every benchmark script shares: its options and how it reports its figures.

A script makes one ``Bench`` from its docstring, records each figure with ``record`` (the target,
if the figure has one, is given right there) and ends with ``finish``. Standalone it prints one
readable line per figure; with ``--json`` the readable lines go to stderr and the last line of
stdout is a JSON list of ``{name, figure, unit, target, passed}`` (``target`` as text such as
"≤ 0.2 s", ``passed`` true/false, both null for a figure without a target), which
``benchmarks/run_all`` collects.

Options every script takes: ``--json``; ``--quick`` (one repeat instead of the script's usual
median of several, same sizes); ``--smoke`` (one repeat and small inputs: checks that the script
runs, its figures say nothing about the targets).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from statistics import median
from typing import Any


@dataclass(frozen=True)
class Figure:
    """One measured figure and, when it has one, its target (a bound it must not cross)."""

    name: str
    figure: float
    unit: str
    at_most: float | None = None
    at_least: float | None = None

    @property
    def target(self) -> str | None:
        if self.at_most is not None:
            return f"≤ {format_bound(self.at_most)} {self.unit}".rstrip()
        if self.at_least is not None:
            return f"≥ {format_bound(self.at_least)} {self.unit}".rstrip()
        return None

    @property
    def passed(self) -> bool | None:
        if self.at_most is not None:
            return self.figure <= self.at_most
        if self.at_least is not None:
            return self.figure >= self.at_least
        return None

    def as_dict(self) -> dict[str, Any]:
        row = asdict(self)
        del row["at_most"], row["at_least"]
        return {**row, "target": self.target, "passed": self.passed}

    def line(self) -> str:
        text = f"{self.name}: {format_number(self.figure)} {self.unit}".rstrip()
        if self.target is None:
            return text
        return f"{text}   (target {self.target}: {'ok' if self.passed else 'MISSED'})"


def format_number(value: float) -> str:
    """Thousands separated, with fewer decimals the larger the number (0.123, 1.23, 12.3, 123)."""
    size = abs(value)
    if size >= 100 or value == int(value):
        return f"{value:,.0f}"
    if size >= 10:
        return f"{value:,.1f}"
    if size >= 1:
        return f"{value:.2f}"
    return f"{value:.3f}"


def format_bound(value: float) -> str:
    """A target as written in the docstrings: 0.2, 1.5, 1,536."""
    return f"{int(value):,}" if value == int(value) else f"{value:g}"


class Bench:
    """A benchmark run: parsed options, recorded figures, output in the chosen form."""

    def __init__(
        self,
        doc: str | None,
        argv: Sequence[str] | None = None,
        arguments: Callable[[argparse.ArgumentParser], object] | None = None,
    ) -> None:
        """``arguments`` adds a script's own options; they are read from ``self.options``."""
        parser = argparse.ArgumentParser(
            description=(doc or "").split("\n\n")[0],
            epilog="Targets and what is measured: see the script's docstring.",
        )
        parser.add_argument("--json", action="store_true", help="end with a JSON list of results")
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--quick", action="store_true", help="one repeat instead of several")
        mode.add_argument("--smoke", action="store_true", help="one repeat, small inputs")
        if arguments is not None:
            arguments(parser)
        options = parser.parse_args(argv)
        self.options = options
        self.json: bool = options.json
        self.quick: bool = options.quick or options.smoke
        self.smoke: bool = options.smoke
        self.figures: list[Figure] = []

    def repeats(self, usual: int) -> int:
        """How many times to repeat a measurement whose median is reported."""
        return 1 if self.quick else usual

    def size(self, usual: int, smoke: int) -> int:
        """An input size: the usual one, or a small one in a smoke run."""
        return smoke if self.smoke else usual

    def say(self, text: str) -> None:
        """A line of context (sizes, counts); kept out of stdout in JSON mode."""
        print(text, file=sys.stderr if self.json else sys.stdout, flush=True)

    def record(
        self,
        name: str,
        figure: float,
        unit: str,
        *,
        at_most: float | None = None,
        at_least: float | None = None,
    ) -> float:
        """Keep a figure (and its target) and show it; returns the figure."""
        item = Figure(name, float(figure), unit, at_most, at_least)
        self.figures.append(item)
        self.say(item.line())
        return item.figure

    def record_peak_memory(self, name: str = "peak memory of the process", **target) -> float:
        """The peak resident memory of this process so far, in MB."""
        return self.record(name, peak_mb(), "MB", **target)

    def finish(self) -> None:
        """Print the JSON list (JSON mode) or a count of targets met."""
        if self.json:
            print(json.dumps([f.as_dict() for f in self.figures], ensure_ascii=False))
            return
        judged = [f for f in self.figures if f.passed is not None]
        missed = [f.name for f in judged if not f.passed]
        print(f"targets met: {len(judged) - len(missed)} of {len(judged)}")
        if missed:
            print("missed: " + "; ".join(missed))
        if self.smoke:
            print(
                "(smoke run: one repeat, small inputs: the figures say nothing about the targets)"
            )


def peak_mb() -> float:
    """Peak resident memory of this process so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(fn: Callable[[], Any], repeats: int) -> tuple[float, Any]:
    """The median wall time in seconds of ``repeats`` calls, and the last call's result."""
    runs, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        runs.append(time.perf_counter() - start)
    return median(runs), result
