"""How long `make test` takes from a fresh clone, and whether it stays green on a busy machine.

`python -m benchmarks.suite_time` clones HEAD into a temporary folder and runs `make test`
there (set-up included: system packages already present, a new .venv, pip from the
registry). `--stress` does the same while busy processes (two per core) load the machine, as
a shared CI runner is loaded. `--runs N` repeats it. Each run is appended to
benchmarks/results.json ("make_test_runs", with its date, commit, load and outcome); the last
green run without stress is "make_test", which `python -m benchmarks.readme` puts into the
README. Not part of `make bench`: it takes as long as the suite.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from recorder.regression.stress import busy_machine

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results.json"
KEPT_RUNS = 40  # the run history kept in results.json


def _commit(repo: Path = ROOT) -> str:
    return subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=repo, capture_output=True, text=True
    ).stdout.strip()


def measure(stress: bool) -> dict[str, Any]:
    """One fresh-clone `make test`; its figures, green or not."""
    load_at_start = round(os.getloadavg()[0], 2)
    with tempfile.TemporaryDirectory(prefix="replayshop-suite-") as tmp:
        clone = Path(tmp) / "clone"
        subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
        tested = _commit(clone)  # what this run tests, whatever is committed while it runs
        with busy_machine() if stress else _idle() as spinners:
            started = time.monotonic()
            result = subprocess.run(["make", "test"], cwd=clone, capture_output=True, text=True)
            seconds = time.monotonic() - started
    # pytest's last line: "2 failed, 418 passed, 11 deselected in 195.94s (0:03:15)"
    summary = re.findall(r"^=*\s*((?:\d+ \w+,? ?)+) in ([\d.]+)s", result.stdout, re.MULTILINE)
    said = summary[-1][0] if summary else ""
    counts = {kind: int(n) for n, kind in re.findall(r"(\d+) (passed|failed|errors?)", said)}
    figures: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "commit": tested,
        "cores": os.cpu_count(),
        "load_average_at_start": load_at_start,
        "busy_processes": spinners,
        "green": result.returncode == 0,
        "seconds": round(seconds),
        "pytest_seconds": round(float(summary[-1][1])) if summary else None,
        "passed": counts.get("passed", 0),
        "failed": counts.get("failed", 0) + counts.get("error", 0) + counts.get("errors", 0),
    }
    if result.returncode != 0:
        failures = re.findall(r"^(?:FAILED|ERROR) .*$", result.stdout, re.MULTILINE)
        figures["failures"] = failures[:10] or [result.stdout[-1500:] + result.stderr[-1500:]]
        # Why, not only which: each failure's assertion lines (pytest's "E" lines).
        figures["why"] = re.findall(r"^E  .*$", result.stdout, re.MULTILINE)[:40]
    return figures


@contextmanager
def _idle() -> Iterator[int]:
    yield 0


def record(figures: dict[str, Any], results_path: Path = RESULTS) -> None:
    results = json.loads(results_path.read_text())
    runs = [*results.get("make_test_runs", []), figures][-KEPT_RUNS:]
    results["make_test_runs"] = runs
    if figures["green"] and not figures["busy_processes"]:
        results["make_test"] = figures
    results_path.write_text(json.dumps(results, indent=2) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.suite_time", description=__doc__)
    parser.add_argument("--stress", action="store_true", help="two busy processes per core")
    parser.add_argument("--runs", type=int, default=1, help="how many runs in a row")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error(f"--runs must be at least 1, not {args.runs}")
    red = 0
    for number in range(1, args.runs + 1):
        figures = measure(args.stress)
        record(figures)
        outcome = "green" if figures["green"] else "RED"
        print(
            f"run {number}/{args.runs}{' under stress' if args.stress else ''}: {outcome}, "
            f"make test from a fresh clone in {figures['seconds']} s ({figures['passed']} "
            f"passed, {figures['failed']} failed, pytest {figures['pytest_seconds']} s)",
            flush=True,
        )
        for failure in [*figures.get("failures", []), *figures.get("why", [])]:
            print("   ", failure)
        red += not figures["green"]
    return 1 if red else 0


if __name__ == "__main__":
    sys.exit(main())
