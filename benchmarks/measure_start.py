"""App start to the first shown window, as a user starts it: a new process each time."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BUNDLE_EXE = Path(__file__).resolve().parent.parent / "dist" / "ReplayShop" / "ReplayShop"


def start_seconds(command: list[str], db: Path) -> float:
    home = Path(tempfile.mkdtemp())
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(home),
        "XDG_STATE_HOME": str(home / "state"),
    }
    started = time.perf_counter()
    result = subprocess.run(
        [*command, "--db", str(db), "--no-record", "--quit-after-show"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    elapsed = time.perf_counter() - started
    shutil.rmtree(home, ignore_errors=True)
    if "main window shown" not in result.stdout:
        raise RuntimeError(f"{command} did not show its window: {result.stderr[-800:]}")
    return elapsed


def commands() -> dict[str, list[str]]:
    found = {"make run (python -m app.cli)": [sys.executable, "-m", "app.cli.main"]}
    if BUNDLE_EXE.exists():
        found["bundle (dist/ReplayShop)"] = [str(BUNDLE_EXE)]
    return found
