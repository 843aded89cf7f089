"""A busy machine on demand: busy-loop processes, two per core, as a loaded CI runner has.

Replays, real-input sessions and multi-instance tests must give the same result under load:
the tests of determinism run their replays inside `busy_machine()`, `pytest --stress` runs
every real-input session that way, and `python -m benchmarks.suite_time --stress` runs a whole
fresh-clone `make test` so.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from contextlib import contextmanager

PER_CORE = 2


def _spin() -> None:
    while True:
        pass


@contextmanager
def busy_machine(per_core: int = PER_CORE) -> Iterator[int]:
    """Busy-loop processes, `per_core` for each core, for as long as the block runs; yields
    how many. Each is killed at the end, whatever happened inside."""
    context = multiprocessing.get_context("spawn")  # no copy of a test process's Qt state
    spinners = [
        context.Process(target=_spin, daemon=True) for _ in range(per_core * (os.cpu_count() or 1))
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
