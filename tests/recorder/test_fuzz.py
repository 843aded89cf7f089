"""Recordings are untrusted input: hundreds of mutated files, no traceback and no hang.

The suite runs FUZZ_CASES cases with a seed that changes every day (printed in the header of
every run, and in a failure with the command that repeats it), so each day's runs look at
other files; `make fuzz` runs the deep sweep of 10,000 cases.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QApplication

from tests.fuzzing.run import fuzz

RECORDINGS = Path(__file__).resolve().parents[2] / "recordings"
FUZZ_CASES = 300
SEED_VARIABLE = "REPLAYSHOP_FUZZ_SEED"


def fuzz_seed() -> int:
    """The day's seed (20261205 on 5 December 2026), or REPLAYSHOP_FUZZ_SEED to repeat one."""
    return int(os.environ.get(SEED_VARIABLE) or date.today().strftime("%Y%m%d"))


def test_mutated_recordings_are_refused_or_replayed_never_a_traceback(
    qapp: QApplication, tmp_path: Path
) -> None:
    sources = sorted(RECORDINGS.glob("*.shoprec"))
    seed = fuzz_seed()
    report = fuzz(seed=seed, count=FUZZ_CASES, sources=sources, folder=tmp_path, replay_every=4)
    again = f"seed {seed}: {SEED_VARIABLE}={seed} pytest {__file__}"
    print(report.summary(), again)
    assert report.failures == [], again + "\n\n" + "\n\n".join(report.failures[:5])
    # The mutations reach every layer: refusals of each kind, files that load and replay.
    assert report.cases == FUZZ_CASES
    assert report.refused > FUZZ_CASES // 2, again
    assert report.loaded > FUZZ_CASES // 10 and report.replayed > FUZZ_CASES // 40, again
    assert {"is not a valid recording", "is corrupted and cannot be read"} <= set(
        report.refusals
    ), again
