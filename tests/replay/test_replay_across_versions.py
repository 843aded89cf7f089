"""Every recording replays identically whichever review_lookups version the app reads: the
release before v2 (what a rollback serves) as well as this one. What a recording saw does
not depend on which version of a read model answers, and must not, except where the user
saw what only v2 offers (the Reviews page's popular tags): those recordings are left out."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from app.shell.main_window import MainWindow
from app.shell.replay_factory import make_replay_app
from domain.readside import versions
from domain.readside.projections.registry import known_projections, projection_set
from recorder.fileformat.shoprec import Recording, load_recording
from recorder.replay.factory import ReplaySetup, ReplayTarget
from recorder.replay.run import run_headless

RECORDINGS = sorted((Path(__file__).resolve().parents[2] / "recordings").glob("*.shoprec"))
ONLY_IN_V2 = "main/central/pages/reviews/popular"


def saw_only_v2(recording: Recording) -> bool:
    return any(seen.get(ONLY_IN_V2) for seen in recording.observations.values())


def test_every_recording_replays_identically_on_the_previous_version(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    previous = projection_set({"review_lookups": 1})
    monkeypatch.setattr(versions, "all_projections", lambda: previous)
    monkeypatch.setattr(
        versions,
        "known_projections",
        lambda: [p for p in known_projections() if (p.NAME, p.VERSION) != ("review_lookups", 2)],
    )
    served: list[int] = []

    def noting_the_version(setup: ReplaySetup) -> ReplayTarget:
        target = make_replay_app(setup)
        assert isinstance(target.window, MainWindow)
        served.append(target.window.ctx.shop.read.serves("review_lookups"))
        return target

    recordings = [load_recording(path) for path in RECORDINGS]
    compared = [r for r in recordings if not saw_only_v2(r)]
    for recording in compared:
        verdict = run_headless(recording, noting_the_version)
        assert verdict.status == "identical", (recording.path.name, verdict.report())
    assert served and set(served) == {1} and len(compared) >= 20
