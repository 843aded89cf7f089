"""Recordings are untrusted input: thousands of mutated files, no traceback and no hang.

`make fuzz` runs 10,000 cases; the suite runs 1,000 (replaying every fourth that loads): each
run of `make test` takes the same seeded cases, and `make fuzz` the deep sweep.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QApplication

from tests.fuzzing.run import fuzz

RECORDINGS = Path(__file__).resolve().parents[2] / "recordings"


def test_mutated_recordings_are_refused_or_replayed_never_a_traceback(
    qapp: QApplication, tmp_path: Path
) -> None:
    sources = sorted(RECORDINGS.glob("*.shoprec"))
    seed = int(os.environ.get("REPLAYSHOP_FUZZ_SEED", "20261130"))  # another seed, other cases
    report = fuzz(seed=seed, count=1000, sources=sources, folder=tmp_path, replay_every=4)
    print(report.summary())
    assert report.failures == [], "\n\n".join(report.failures[:5])
    # The mutations reach every layer: refusals of each kind, files that load and replay.
    assert report.cases == 1000
    assert report.refused > 500 and report.loaded > 100 and report.replayed > 25
    assert {"is not a valid recording", "is corrupted and cannot be read"} <= set(report.refusals)
