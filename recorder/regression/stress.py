"""A busy machine on demand: busy-loop processes, two per core, as a loaded CI runner has.

A replay's verdict must not depend on how busy the machine is. `replayshop check --stress`
replays the recordings while these processes load the machine; the suite's tests of
determinism run their sessions inside `busy_machine()`, `pytest --stress` every real-input
session, and `python -m benchmarks.suite_time --stress` a whole fresh-clone `make test`.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from contextlib import contextmanager

PER_CORE = 2


def _spin(parent: int) -> None:
    """Burn a core until told to stop, or until the process that started it is gone (a killed
    test run must not leave busy loops behind)."""
    turns = 0
    while True:
        turns += 1
        if turns % 5_000_000 == 0 and os.getppid() != parent:
            return


@contextmanager
def busy_machine(per_core: int = PER_CORE) -> Iterator[int]:
    """Busy-loop processes, `per_core` for each core, for as long as the block runs; yields
    how many. Each is killed at the end, whatever happened inside."""
    context = multiprocessing.get_context("spawn")  # no copy of a test process's Qt state
    spinners = [
        context.Process(target=_spin, args=(os.getpid(),), daemon=True)
        for _ in range(per_core * (os.cpu_count() or 1))
    ]
    for spinner in spinners:
        spinner.start()
    try:
        yield len(spinners)
    finally:
        for spinner in spinners:
            spinner.kill()
        for spinner in spinners:
            spinner.join()
