"""A replay's windows are its own: what it leaves behind never hides a window from a recorder."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.shell.replay_factory import make_replay_app
from recorder.fileformat.shoprec import load_recording
from recorder.replay.run import run_headless
from tests.recorder.conftest import Recorded

RECORDINGS = Path(__file__).resolve().parents[2] / "recordings"


def test_the_apps_recorder_still_sees_its_window_after_a_replay_in_the_same_process(
    qtbot: QtBot, recorded: Recorded
) -> None:
    """A replay skips the windows open when it starts (here the app's own window). It once
    kept them in a module-wide set that outlived it, and a recorder in the same process then
    observed nothing of those windows, nor of a later window at a reused address."""
    verdict = run_headless(load_recording(RECORDINGS / "menu-keys.shoprec"), make_replay_app)
    assert verdict.status == "identical", verdict.report()

    seen = recorded.recorder.observe(recorded.recorder.seq + 1)
    catalog = [path for path in seen if path.startswith("main/") and "catalog" in path]
    assert catalog, f"the recorder saw none of the main window; it saw {sorted(seen)[:5]}"
