"""How long `make test` takes from a fresh clone: what a contributor waits for, and what CI
spends before `make package-test`. `python -m benchmarks.suite_time` clones HEAD into a
temporary folder, runs `make test` there (set-up included: system packages already present,
a new .venv, pip from the registry) and writes the wall time, with the date and the machine's
conditions, into benchmarks/results.json ("make_test"); `python -m benchmarks.readme` puts
it into the README. Not part of `make bench`: it takes as long as the suite.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results.json"


def measure() -> dict[str, Any]:
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    load_at_start = round(os.getloadavg()[0], 2)
    with tempfile.TemporaryDirectory(prefix="replayshop-suite-") as tmp:
        clone = Path(tmp) / "clone"
        subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
        started = time.monotonic()
        result = subprocess.run(["make", "test"], cwd=clone, capture_output=True, text=True)
        seconds = time.monotonic() - started
    summary = re.findall(r"(\d+) passed[^\n]* in ([\d.]+)s", result.stdout)
    if result.returncode != 0 or not summary:
        sys.exit(f"make test failed (exit {result.returncode}):\n{result.stdout[-3000:]}")
    passed, pytest_seconds = summary[-1]
    return {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "commit": commit,
        "cores": os.cpu_count(),
        "load_average_at_start": load_at_start,
        "seconds": round(seconds),
        "pytest_seconds": round(float(pytest_seconds)),
        "passed": int(passed),
    }


def main() -> int:
    figures = measure()
    results = json.loads(RESULTS.read_text())
    results["make_test"] = figures
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(
        f"make test from a fresh clone: {figures['seconds']} s "
        f"({figures['passed']} tests in {figures['pytest_seconds']} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
