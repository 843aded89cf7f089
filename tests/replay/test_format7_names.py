"""Recordings made before format 8 called unnamed widgets by their place (`…/body/QLabel#0`,
`main [QMenuBar#0]`, the admin's fields before their group had a name). They still load,
under the names the app gives those widgets now, and replay identically. The two files in
format7/ are the committed recordings as they were in format 7 (commit a3fd188)."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from app.shell.replay_factory import make_replay_app
from recorder.fileformat.shoprec import load_recording
from recorder.replay.run import run_headless

OLD = sorted((Path(__file__).parent / "format7").glob("*.shoprec"))
PLACE = re.compile(r"(^|/)[A-Za-z]+#\d+")


@pytest.mark.parametrize("path", OLD, ids=[p.stem for p in OLD])
def test_a_format_7_recording_reads_with_todays_names_and_replays(
    qapp: QApplication, path: Path
) -> None:
    with sqlite3.connect(path) as raw:  # as stored: places and all
        assert raw.execute("SELECT value FROM meta WHERE key = 'format_version'").fetchone() == (
            "7",
        )
        stored = raw.execute("SELECT target, sub FROM ui_events").fetchall()
    recording = load_recording(path)
    read = [(e.target, e.sub) for e in recording.ui_events]
    assert read != stored  # each file holds inputs on widgets named since
    assert not [t for t in read if PLACE.search(t[0]) or PLACE.search(t[1])], read
    assert not [p for seen in recording.observations.values() for p in seen if PLACE.search(p)]
    verdict = run_headless(recording, make_replay_app)
    assert verdict.status == "identical", verdict.report()
