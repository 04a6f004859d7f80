"""The benchmark report: ``benchmarks/run_all --smoke`` runs every script and writes one table.

Only the report's shape is checked (a row per benchmark with a figure, a target and a verdict);
never the figures: timings belong to the benchmark scripts, not to tests.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.common import Bench, Figure, format_number

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
ROW = re.compile(r"^\| (bench_\w+) \| (.+?) \| (.+?) \| (.+?) \| (.+?) \|$")


@pytest.fixture(scope="module")
def smoke_report(tmp_path_factory):
    """The report of one smoke run of every benchmark, and the runner's exit code and stderr."""
    out = tmp_path_factory.mktemp("benchmarks") / "RESULTS.md"
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / "run_all"), "--smoke", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    return done, out.read_text(encoding="utf-8")


def test_every_benchmark_runs_and_has_judged_rows(smoke_report):
    """Each bench_*.py in the folder has rows with a figure, and at least one with a target."""
    done, text = smoke_report
    assert done.returncode == 0, done.stderr
    rows = [m.groups() for line in text.splitlines() if (m := ROW.match(line))]
    scripts = {p.stem for p in BENCHMARKS.glob("bench_*.py")}
    assert {r[0] for r in rows} == scripts
    for name in scripts:
        mine = [r for r in rows if r[0] == name]
        assert all(re.match(r"^-?[\d,.]+( \S.*)?$", r[2]) for r in mine), mine
        judged = [r for r in mine if r[4] in ("pass", "**MISSED**")]
        assert judged, f"{name} reports no figure with a target"
        assert all(re.match(r"^[≤≥] [\d,.]+", r[3]) for r in judged), judged


def test_report_states_date_machine_commit_and_command(smoke_report):
    """The header says when, where, at which commit and with which command it was measured."""
    _, text = smoke_report
    assert text.startswith("# Benchmark results\n")
    assert re.search(r"^- Date: \d{4}-\d{2}-\d{2} \d{2}:\d{2}", text, re.M)
    assert re.search(r"^- Machine: \d+ cores.*Python 3\.\d+", text, re.M)
    assert re.search(r"^- Commit: `[0-9a-f]{7,}`", text, re.M)
    assert "- Command: `benchmarks/run_all --smoke --out " in text
    assert "smoke: one repeat, small inputs" in text


def test_a_crashing_benchmark_gives_a_crash_row_and_a_failing_exit(tmp_path):
    """A script that fails is reported as crashed and the runner exits with 1."""
    folder = tmp_path / "benchmarks"
    folder.mkdir()
    runner = folder / "run_all"
    runner.write_text((BENCHMARKS / "run_all").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "common.py").write_text(
        (BENCHMARKS / "common.py").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (folder / "bench_good.py").write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(tmp_path)!r})\n"
        "from benchmarks.common import Bench\n"
        "bench = Bench(__doc__)\n"
        "bench.record('speed', 2.5, 's', at_most=1)\n"
        "bench.finish()\n",
        encoding="utf-8",
    )
    (folder / "bench_bad.py").write_text("raise RuntimeError('rusak')\n", encoding="utf-8")
    out = tmp_path / "hasil.md"
    done = subprocess.run(
        [sys.executable, str(runner), "--out", str(out)], capture_output=True, text=True
    )
    assert done.returncode == 1
    text = out.read_text(encoding="utf-8")
    assert "| bench_bad | crashed: exit code 1: " in text
    assert "RuntimeError: rusak | – | – | **CRASH** |" in text
    assert "| bench_good | speed | 2.50 s | ≤ 1 s | **MISSED** |" in text
    assert "- Targets met: 0 of 1; missed: 1" in text


def test_figure_passes_against_its_bound():
    """A figure passes on the right side of its bound, inclusive, and has no verdict without one."""
    assert Figure("t", 0.5, "s", at_most=0.5).passed is True
    assert Figure("t", 0.51, "s", at_most=0.5).passed is False
    assert Figure("r", 30, "×", at_least=30).passed is True
    assert Figure("r", 29.9, "×", at_least=30).passed is False
    assert Figure("m", 12, "MB").passed is None
    assert Figure("m", 12, "MB").target is None
    assert Figure("m", 12, "MB", at_most=1536).target == "≤ 1,536 MB"
    assert Figure("n", 0, "", at_most=0).as_dict() == {
        "name": "n",
        "figure": 0.0,
        "unit": "",
        "target": "≤ 0",
        "passed": True,
    }


def test_numbers_are_written_with_sensible_precision():
    """Small figures keep three decimals, large ones none, thousands are separated."""
    assert [format_number(x) for x in (0.1234, 2.345, 12.34, 456.7, 1_234_567.8, 3.0)] == [
        "0.123",
        "2.35",
        "12.3",
        "457",
        "1,234,568",
        "3",
    ]


def test_bench_prints_json_as_its_last_line(capsys):
    """In JSON mode the readable lines go to stderr and stdout ends with the results."""
    bench = Bench("Doc.", ["--json", "--quick"])
    assert bench.repeats(5) == 1 and bench.size(1000, 10) == 1000
    bench.say("konteks")
    bench.record("waktu", 0.25, "s", at_most=0.5)
    bench.finish()
    out, err = capsys.readouterr()
    assert (
        out
        == '[{"name": "waktu", "figure": 0.25, "unit": "s", "target": "≤ 0.5 s", "passed": true}]\n'
    )
    assert err == "konteks\nwaktu: 0.250 s   (target ≤ 0.5 s: ok)\n"
