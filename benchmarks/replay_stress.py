"""Whether a replay's verdict depends on the machine's load: every committed recording
replayed several times while busy processes (two per core) load the machine.

`python -m benchmarks.replay_stress [--times N]` (also part of `make bench`, 5 times each)
writes "replays_identical_under_stress" into benchmarks/results.json, with the date, the
commit and the load it ran under; `python -m benchmarks.readme` puts it into the README.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results.json"
RECORDINGS = ROOT / "recordings"


def measure(times: int) -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication

    from app.shell.replay_factory import make_replay_app
    from recorder.fileformat.shoprec import load_recording
    from recorder.regression.stress import busy_machine
    from recorder.replay.run import run_headless

    QApplication.instance() or QApplication([])
    counts: dict[str, int] = {}
    started = time.perf_counter()
    with busy_machine() as spinners:
        time.sleep(1)  # the spinners running before the first replay starts
        load = os.getloadavg()[0]
        for path in sorted(RECORDINGS.glob("*.shoprec")):
            recording = load_recording(path)
            counts[path.stem] = sum(
                run_headless(recording, make_replay_app).passed for _ in range(times)
            )
        load = max(load, os.getloadavg()[0])
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "commit": commit,
        "cores": os.cpu_count(),
        "of": times,
        "identical": counts,
        "rate": sum(counts.values()) / (times * len(counts)),
        "busy_processes": spinners,
        "load_average_during": round(load, 2),
        "seconds": round(time.perf_counter() - started),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.replay_stress", description=__doc__)
    parser.add_argument("--times", type=int, default=5, help="replays of each recording")
    args = parser.parse_args(argv)
    from benchmarks.conditions import measured, record

    figures = measured(False, lambda: measure(args.times))
    record(RESULTS, "replays_identical_under_stress", figures)
    print(
        f"{len(figures['identical'])} recordings replayed {args.times} times each with "
        f"{figures['busy_processes']} busy processes: {figures['rate']:.0%} identical"
    )
    return 0 if figures["rate"] == 1 else 1


if __name__ == "__main__":
    sys.exit(main())
