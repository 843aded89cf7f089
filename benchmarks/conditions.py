"""What each section of benchmarks/results.json was measured under, kept in the section itself.

Every section (a top-level key of results.json) carries a "run" entry: the commit, whether the
work tree differed from it, the date, the load average when the section started and when it
ended, the machine, the section's own duration and whether it ran in quick mode. One section can
then be measured again without the others (`python -m benchmarks --only NAME`), and the README
states each section's own conditions. A section written by a tool that does not record them has
no "run" entry, and the README says so rather than presenting its figures as current.
"""

from __future__ import annotations

import functools
import json
import os
import platform
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RUN = "run"
# Top-level keys of the results file from before each section kept its own conditions: they
# described one whole run, and no section is that run any more.
WHOLE_RUN_KEYS = ("date", "machine", "quick", "wall_time_s")
# Written by the benchmarks themselves while they run: not a change to the code measured.
OUTPUTS = ("benchmarks/results.json", "README.md", "docs/architecture.md", "benchmarks/plots")


def _git(*args: str) -> str:
    try:
        done = subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


@functools.cache
def commit() -> dict[str, Any]:
    """The commit measured, and whether the work tree's code differed from it: taken once,
    when the first section starts, since the code a process runs is what it imported then
    (a commit made while the benchmarks run is not what they measure)."""
    changed = _git("status", "--porcelain", "--", ".", *(f":!{p}" for p in OUTPUTS))
    return {"commit": _git("rev-parse", "--short=10", "HEAD") or "unknown", "dirty": bool(changed)}


def machine() -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cores": os.cpu_count(),
    }


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def measured(quick: bool, figures_of: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """Run one section and return its figures with the conditions it ran under."""
    code = commit()
    started_at = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    load_at_start = _load()
    started = time.perf_counter()
    figures = figures_of()
    run = {
        **code,
        "date": started_at,
        "load_average_at_start": load_at_start,
        "load_average_at_end": _load(),
        "machine": machine(),
        "seconds": round(time.perf_counter() - started, 1),
        "quick": quick,
    }
    return {**figures, RUN: run}


def conditions_of(section: Any) -> dict[str, Any] | None:
    """The section's recorded conditions, or None for a section written without them."""
    if isinstance(section, dict):
        run = section.get(RUN)
        if isinstance(run, dict) and "commit" in run and "date" in run:
            return run
    return None


def record(path: Path, name: str, figures: dict[str, Any]) -> None:
    """Put one section into the results file, keeping every other section as it was."""
    results = json.loads(path.read_text()) if path.exists() else {}
    results[name] = figures
    write(path, results)


def write(path: Path, results: dict[str, Any]) -> None:
    """Whole or not at all: a run stopped half-way leaves the previous file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(results, indent=2) + "\n")
    partial.replace(path)


def update_sections(
    path: Path, quick: bool, sections: dict[str, Callable[[], dict[str, Any]]]
) -> dict[str, Any]:
    """Measure `sections` in order into the results file at `path`, each written with its
    conditions as soon as it is measured; every other section keeps its figures and its own
    conditions."""
    results = json.loads(path.read_text()) if path.exists() else {}
    for key in WHOLE_RUN_KEYS:
        results.pop(key, None)
    for n, (name, figures_of) in enumerate(sections.items(), 1):
        print(f"{n}/{len(sections)}. {name}", flush=True)
        results[name] = measured(quick, figures_of)
        write(path, results)  # a section measured is kept, whatever happens to the next
    return results
