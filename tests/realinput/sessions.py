"""Exporting what a real-input session recorded, and replaying it as a developer would."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from contextlib import nullcontext
from pathlib import Path
from typing import Any

from recorder.regression.stress import busy_machine

REPLAYS = 3  # in `make test`; `make bench` replays each session 20 times


def replayshop(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.cli.main", *args],
        env=env or {**os.environ, "QT_QPA_PLATFORM": "xcb"},
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )


def export(db: Path, out: Path, note: str = "") -> Path:
    done = replayshop("report", "--db", str(db), "-o", str(out), "--note", note)
    assert done.returncode == 0, done.stderr
    return out


def keep(recording: Path) -> None:
    """With REPLAYSHOP_KEEP_RECORDINGS=DIR (`make record-real`), a session that replayed
    identically is copied there: this is how the real-input files in recordings/ are made."""
    folder = os.environ.get("REPLAYSHOP_KEEP_RECORDINGS")
    if folder:
        shutil.copyfile(recording, Path(folder) / recording.name)


def timeline(recording: Path) -> list[dict[str, Any]]:
    done = replayshop("recording", "show", str(recording), "--json")
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    events: list[dict[str, Any]] = shown["ui_events"]
    return events


def replay_verdicts(recording: Path, times: int = REPLAYS, *options: str) -> list[str]:
    """The first line of each headless replay's verdict, on the test's X server."""
    verdicts = []
    for _ in range(times):
        done = replayshop("replay", "--headless", *options, str(recording))
        verdicts.append(done.stdout.strip() or done.stderr.strip())
    return verdicts


def assert_replays_identically(
    recording: Path, times: int = REPLAYS, *options: str, busy: bool = False
) -> None:
    """`options` for `replayshop replay` (`--speed 1`: at the user's own pace). `busy`: the
    replays run while busy processes (two per core) load the machine, and only they: a
    verdict must not depend on the load, and spinning through the session that made the
    recording as well slowed every other test of the suite for nothing the test checks."""
    with busy_machine() if busy else nullcontext():
        verdicts = replay_verdicts(recording, times, *options)
    same_inputs = "recorder check: the replay recorded the same inputs"
    bad = [v for v in verdicts if not v.startswith("IDENTICAL") or same_inputs not in v]
    assert not bad, f"{len(bad)} of {times} replays were not identical:\n\n" + "\n\n".join(bad)
