"""Running a replay to its verdict without a viewer (CLI, CI and the pytest plugin)."""

from __future__ import annotations

from PySide6.QtCore import QEventLoop, QTimer

from recorder.capture.schema import Picture
from recorder.fileformat.shoprec import Recording
from recorder.replay.factory import AppFactory
from recorder.replay.replayer import Replayer
from recorder.replay.timer import FAST, Pace
from recorder.replay.verdict import Verdict

TIMEOUT_MS = 10 * 60 * 1000


def run_headless(
    recording: Recording,
    factory: AppFactory,
    pace: Pace = FAST,
    window_size: tuple[int, int] | None = None,
) -> Verdict:
    replayer = Replayer(recording, factory, pace, window_size)
    try:
        return run_to_verdict(replayer)
    finally:
        replayer.close()


def run_with_pictures(
    recording: Recording, factory: AppFactory, pace: Pace = FAST
) -> tuple[Verdict, dict[int, Picture]]:
    """A replay to its verdict whose app's recorder keeps pictures: what the replay saw at
    each look, by recorded step (a page of a recording made without pictures shows them)."""
    replayer = Replayer(recording, factory, pace, pictures=True)
    try:
        verdict = run_to_verdict(replayer)  # each picture was handed over as it was taken
        return verdict, dict(replayer.collector.pictures)
    finally:
        replayer.close()


def run_to_verdict(replayer: Replayer) -> Verdict:
    """Play a replayer to its verdict in a local event loop. The caller closes it (after
    reading what it needs from the throw-away store)."""
    loop = QEventLoop()
    replayer.finished.connect(lambda _verdict: loop.quit())
    guard = QTimer(singleShot=True, interval=TIMEOUT_MS)
    guard.timeout.connect(loop.quit)
    guard.start()
    replayer.start()
    if replayer.verdict is None:
        loop.exec()
    return replayer.verdict or Verdict(
        "could_not_replay", None, f"the replay did not finish within {TIMEOUT_MS // 60000} minutes"
    )
