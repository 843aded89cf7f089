"""The replay viewer on Xvfb: the picture of what was on screen at each step, and a seek
slider marked where domain events, exceptions and the divergence are (the page's marks)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.shell.replay_factory import make_replay_app
from recorder.fileformat.shoprec import load_recording, write_recording
from recorder.replay.run import run_with_pictures
from recorder.replay.timeline import DIVERGENCE, DOMAIN, MARK_COLORS, MarkedSlider
from recorder.replay.timer import FAST
from recorder.replay.viewer import ReplayViewer
from tests.conftest import HANG_GUARD_MS

RECORDINGS = Path(__file__).resolve().parents[2] / "recordings"


def drawn_mark(slider: MarkedSlider, index: int) -> QColor:
    """The colour the slider shows at the bottom of step `index`'s place, as drawn."""
    image = slider.grab().toImage()
    return image.pixelColor(slider.x_of(index), slider.height() - 2)


def test_the_viewer_marks_events_and_the_divergence_and_shows_the_pictures(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.pages import wallet as qt_wallet

    real_money = qt_wallet.money
    monkeypatch.setattr(qt_wallet, "money", lambda cents: real_money(cents * 2))
    recording = load_recording(RECORDINGS / "wallet-deposit-correction.shoprec")
    assert recording.pictures == {}
    viewer = ReplayViewer(recording, make_replay_app, FAST)
    qtbot.addWidget(viewer)
    viewer.show()
    qtbot.waitExposed(viewer)
    slider = viewer.seek_slider
    caused = recording.caused_by_ui_event()
    domain = [n for n, e in enumerate(recording.ui_events) if caused.get(e.seq)]
    assert domain and sorted(slider.marks) == domain
    assert set(slider.marks.values()) == {DOMAIN}
    assert drawn_mark(slider, domain[0]) == MARK_COLORS[DOMAIN]
    qtbot.waitUntil(lambda: viewer.replayer.verdict is not None, timeout=HANG_GUARD_MS)
    assert viewer.verdict.text().startswith("DIVERGED")
    index = viewer.divergence_index()
    assert index is not None and slider.marks[index] == DIVERGENCE
    assert drawn_mark(slider, index) == MARK_COLORS[DIVERGENCE]
    assert "a divergence" in slider.accessibleDescription()
    # The recording has no pictures: the replay's own, up to the step it stopped at.
    qtbot.waitUntil(lambda: viewer.picture.shown is not None, timeout=HANG_GUARD_MS)
    shown = viewer.picture.shown
    assert shown is not None and shown.anchor <= recording.ui_events[index].seq
    assert not viewer.picture.pixmap().isNull() and viewer.picture.pixmap().width() > 100
    assert viewer.picture_caption.text().startswith(
        f"What the user saw before #{recording.ui_events[index].seq} (drawn by the replay"
    )
    viewer.close()


def test_the_viewer_shows_the_recordings_own_picture_of_each_step(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    recording = load_recording(RECORDINGS / "menu-keys.shoprec")
    verdict, pictures = run_with_pictures(recording, make_replay_app)
    assert verdict.passed and set(pictures) == set(recording.observations)
    recording.pictures = pictures
    write_recording(recording, tmp_path / "with-pictures.shoprec")
    recording = load_recording(tmp_path / "with-pictures.shoprec")
    assert recording.pictures.keys() == pictures.keys()
    viewer = ReplayViewer(recording, make_replay_app, FAST, start_paused=True)
    qtbot.addWidget(viewer)
    viewer.show()
    qtbot.waitExposed(viewer)
    last = len(recording.ui_events) - 1
    viewer.seek(last)
    qtbot.waitUntil(lambda: viewer.replayer.index == last, timeout=HANG_GUARD_MS)
    seq = recording.ui_events[last].seq
    expected = recording.pictures[max(a for a in recording.pictures if a <= seq)]
    qtbot.waitUntil(lambda: viewer.picture.shown is expected, timeout=HANG_GUARD_MS)
    assert viewer.picture_caption.text() == f"What the user saw before #{seq}"
    assert not viewer.picture.pixmap().isNull()
    viewer.close()
