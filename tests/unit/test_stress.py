"""The busy machine of `check --stress` and the determinism tests: its loops end with it, even
when the process that started them is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import HANG_GUARD_S

ROOT = Path(__file__).resolve().parents[2]
STARTER = """
import multiprocessing, sys, time
from recorder.regression.stress import busy_machine
with busy_machine(per_core=1):
    print(" ".join(str(p.pid) for p in multiprocessing.active_children()), flush=True)
    time.sleep(600)
"""


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:  # a zombie has ended; only its entry is left
        return stat.read().split(") ", 1)[1][0] != "Z"


def test_the_busy_loops_end_when_their_starter_is_killed() -> None:
    starter = subprocess.Popen(
        [sys.executable, "-c", STARTER], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert starter.stdout is not None
    spinners = [int(pid) for pid in starter.stdout.readline().split()]
    assert len(spinners) == (os.cpu_count() or 1)  # per_core=1
    starter.send_signal(signal.SIGKILL)
    starter.wait()
    deadline = time.monotonic() + HANG_GUARD_S  # a guard against a hang, not a speed limit
    while any(alive(pid) for pid in spinners) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in spinners if alive(pid)]
