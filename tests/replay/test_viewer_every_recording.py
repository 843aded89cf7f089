"""Every committed session shows a picture at each step in the replay viewer (issue #35), on
Xvfb: the viewer's half of what tests/replay/test_pictures_of_every_recording.py does for
the report page.

The committed recordings keep no pictures, so the viewer shows the ones its replay draws. One
replay per recording drives the viewer the ways a person does: played at full speed from the
start (where the pictures once came steps late, from the recorder's writer thread), paused,
stepped, sought forward, and played on to the end. Probes connected after the viewer's own
slots see what it shows as each step starts and as each is done, so every step is checked at
the moment it is shown, never by sampling a moving replay.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from app.shell.replay_factory import make_replay_app
from recorder.capture.schema import Picture
from recorder.fileformat.shoprec import Recording, load_recording
from recorder.replay.machine import State
from recorder.replay.timeline import picture_before
from recorder.replay.timer import FAST
from recorder.replay.verdict import StepResult
from recorder.replay.viewer import ReplayViewer
from tests.conftest import HANG_GUARD_MS

pytestmark = pytest.mark.pictures  # make pictures-check, beside the page's

RECORDINGS = sorted((Path(__file__).resolve().parents[2] / "recordings").glob("*.shoprec"))
# A drawn window has hundreds of colours (text is antialiased); a blank or single-colour
# image, a handful.
MIN_COLOURS = 64


def colours(image: QImage) -> int:
    """How many distinct colours the image has."""
    pixels = memoryview(image.convertToFormat(QImage.Format.Format_RGB32).constBits())
    return len(set(pixels.cast("B").cast("I")))


@dataclass
class Probe:
    """What the viewer showed at each step, checked as it was shown."""

    viewer: ReplayViewer
    recording: Recording
    started: list[int] = field(default_factory=list)
    done: list[int] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    drawn: dict[int, int] = field(default_factory=dict)  # id(picture) -> colours in the view
    pause_after: int | None = None

    def seq(self, index: int) -> int:
        events = self.recording.ui_events
        return events[index].seq if index < len(events) else events[-1].seq + 1

    def on_started(self, index: int) -> None:
        self.started.append(index)
        self.check(f"step {index} starting", self.seq(index))

    def on_done(self, result: StepResult) -> None:
        self.done.append(result.index)
        shown = self.check(f"step {result.index} done", self.seq(result.index + 1))
        seq = result.event.seq
        if seq in self.recording.observations and (shown is None or shown.anchor != seq):
            self.wrong.append(f"step {result.index} done: not the look taken before #{seq}")
        if result.index == self.pause_after:
            self.viewer.pause_button.click()

    def check(self, when: str, seq: int) -> Picture | None:
        """The viewer shows the replay's picture for `seq`, drawn, not a blank; none only
        before the recording's first look (the window coming up: moved, sized, focused,
        before the first input), taken as the step it belongs to is replayed."""
        view = self.viewer.picture
        expected = picture_before(self.viewer.replayer.collector.pictures, seq)
        pixmap = view.pixmap()
        caption = self.viewer.picture_caption.text()
        if seq <= min(self.recording.observations):
            if view.shown is not None or expected is not None or caption != "No picture yet.":
                self.wrong.append(f"{when}: before the first look, yet {caption!r}")
        elif expected is None or view.shown is not expected:
            self.wrong.append(f"{when}: shows {view.shown!r:.60}, not {expected!r:.60}")
        elif pixmap.isNull() or pixmap.width() <= 100:
            self.wrong.append(f"{when}: the view is {pixmap.width()} px wide")
        elif caption == "No picture yet.":
            self.wrong.append(f"{when}: No picture yet")
        elif id(expected) not in self.drawn:
            self.drawn[id(expected)] = colours(pixmap.toImage())
        return view.shown


def stopped_at(viewer: ReplayViewer, index: int) -> bool:
    """The replay rests before step `index`, or ended (the caller says how)."""
    replayer = viewer.replayer
    if replayer.verdict is not None:
        return True
    return replayer.index == index and not replayer.timer.running


def resting_at(viewer: ReplayViewer, index: int) -> None:
    verdict = viewer.replayer.verdict
    assert verdict is None, f"ended before step {index}: {verdict.report()}"
    assert viewer.replayer.index == index


@pytest.mark.parametrize("source", RECORDINGS, ids=lambda path: path.stem)
def test_every_step_of_a_committed_session_shows_its_picture_in_the_viewer(
    qtbot: QtBot, source: Path
) -> None:
    recording = load_recording(source)
    assert recording.pictures == {}  # the viewer's replay draws them
    steps = len(recording.ui_events)
    viewer = ReplayViewer(recording, make_replay_app, FAST, start_paused=True)
    qtbot.addWidget(viewer)
    probe = Probe(viewer, recording)
    # Connected after the viewer's own slots: Qt calls them in that order, on the GUI thread.
    viewer.replayer.step_started.connect(probe.on_started)
    viewer.replayer.step_done.connect(probe.on_done)
    viewer.show()
    qtbot.waitExposed(viewer)
    # Played at full speed from the start, paused a third of the way in.
    paused_at = max(1, steps // 3)
    probe.pause_after = paused_at - 1
    viewer.play.click()
    qtbot.waitUntil(lambda: stopped_at(viewer, paused_at), timeout=HANG_GUARD_MS)
    resting_at(viewer, paused_at)
    # Stepped: each step's picture as the viewer rests on it.
    at = paused_at
    for _ in range(min(3, steps - at)):
        viewer.step_button.click()
        at += 1
        qtbot.waitUntil(lambda: stopped_at(viewer, at), timeout=HANG_GUARD_MS)  # noqa: B023
        resting_at(viewer, at)
        probe.check(f"stepped to {at}", probe.seq(at))
    # Sought forward (fast-forwarded, the app not restarted), then played to the end.
    sought = at + (steps - at) // 2
    if sought > at:
        viewer.seek(sought)
        qtbot.waitUntil(lambda: stopped_at(viewer, sought), timeout=HANG_GUARD_MS)
        resting_at(viewer, sought)
        assert viewer.replayer.machine.state is State.PAUSED
        probe.check(f"sought to {sought}", probe.seq(sought))
    viewer.play.click()
    qtbot.waitUntil(lambda: viewer.replayer.verdict is not None, timeout=HANG_GUARD_MS)
    verdict = viewer.replayer.verdict
    assert verdict is not None
    assert verdict.passed, verdict.report()
    probe.check("at the end", probe.seq(steps))
    viewer.close()
    # Every step was seen starting and done, once each, in order (nothing checked vacuously).
    assert probe.started == probe.done == list(range(steps))
    assert not probe.wrong, "\n".join(probe.wrong)
    assert probe.drawn and min(probe.drawn.values()) > MIN_COLOURS, probe.drawn
