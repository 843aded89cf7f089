"""Looks held while the app is idle (recorder/capture/looks.py: `Looks.hold`): taken once the
app has settled after a change, stored by the next input only when nothing happened since, and
never seen by the sink or a replay's listeners before that input takes them."""

from __future__ import annotations

import sqlite3
import threading
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from domain.writeside.bus import CommandReport
from recorder.capture.entered import is_masked
from recorder.capture.looks import BLANK, observe
from recorder.capture.observation import Observation
from recorder.capture.record import _qts_own
from tests.recorder.conftest import Recorded
from tests.recorder.test_pictures import colours, place


def windows() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if w.isVisible()]


def click_page(qtbot: QtBot, recorded: Recorded, row: int) -> None:
    nav = recorded.window.nav
    centre = nav.visualItemRect(nav.item(row)).center()
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def stored_looks(recorded: Recorded) -> int:
    recorded.recorder.sink.flush(wait=True)
    with sqlite3.connect(recorded.db) as db:
        (count,) = db.execute(
            "SELECT count(*) FROM ui_observations WHERE session_id = ?",
            (recorded.recorder.session_id,),
        ).fetchone()
    db.close()
    return int(count)


def checking(recorded: Recorded) -> list[tuple[int, Observation, Observation]]:
    """(anchor, what the recorder stored, what a look taken then would have seen) per look."""
    seen: list[tuple[int, Observation, Observation]] = []
    recorded.recorder.looks.listeners.append(
        lambda anchor, shown: seen.append((anchor, shown, observe(windows(), is_masked)))
    )
    return seen


def test_a_held_look_is_stored_by_the_next_input_and_not_before(
    qtbot: QtBot, recorded: Recorded
) -> None:
    looks = recorded.recorder.looks
    seen = checking(recorded)
    click_page(qtbot, recorded, 1)  # its press looks (a look is due at the start)
    qtbot.waitUntil(lambda: looks.held is not None)
    looked, before = len(seen), stored_looks(recorded)
    qtbot.wait(100)
    assert len(seen) == looked and stored_looks(recorded) == before  # held: stored nowhere
    qtbot.waitUntil(lambda: looks.held is not None)  # (held again if something was painted)
    held = looks.held
    click_page(qtbot, recorded, 0)
    assert stored_looks(recorded) == before + 1
    assert len(seen) == looked + 1
    _anchor, stored, fresh = seen[-1]
    assert held is not None and stored is held.seen  # the held one was stored, not a new look
    assert stored == fresh  # and it is what the windows showed as the input came
    assert "catalog" not in " ".join(stored)  # the page the first click showed


def test_a_change_after_the_hold_is_seen_by_the_next_input(
    qtbot: QtBot, recorded: Recorded
) -> None:
    """A slot that changes a label sends no event of its own, and the input may come before
    the label is painted: the timer that ran the slot was seen, so the input reads the texts
    again, and stores what the windows show then."""
    looks = recorded.recorder.looks
    seen = checking(recorded)
    click_page(qtbot, recorded, 1)
    qtbot.waitUntil(lambda: looks.held is not None)
    label = next(w for w in recorded.window.findChildren(QLabel) if w.isVisible() and w.text())
    done: list[bool] = []

    def change_then_click() -> None:
        label.setText("changed by a slot")
        click_page(qtbot, recorded, 0)  # before the label is painted
        done.append(True)

    QTimer.singleShot(0, change_then_click)
    qtbot.waitUntil(lambda: bool(done))
    _anchor, stored, fresh = seen[-1]
    assert stored == fresh
    assert "changed by a slot" in stored.values()


def test_a_held_picture_leaves_the_password_out(qtbot: QtBot, recorded: Recorded) -> None:
    looks = recorded.recorder.looks
    dialog = recorded.window.open_sign_in(sign_up=True)
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.username, "secretive")
    qtbot.keyClicks(dialog.password, "Tr0ub4dor&3-zebra")
    # Pressed, not yet released: a key that may change the screen, so a look is due.
    qtbot.keyPress(dialog.password, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: looks.held is not None and looks.held.image is not None)
    held = looks.held
    assert held is not None and held.image is not None
    field = place(dialog.password, windows())
    assert colours(held.image, field) == {BLANK.getRgb()[:3]}
    qtbot.keyRelease(dialog.confirm, Qt.Key.Key_Tab)
    dialog.reject()


def test_only_qts_own_answer_to_the_pointer_leaves_a_held_look_sure(recorded: Recorded) -> None:
    """A widget class of the app's that handles the pointer itself may change a text then."""

    class Tracking(QLabel):
        def mouseMoveEvent(self, event: object) -> None:
            self.setText("moved")

    assert _qts_own(recorded.window.nav)  # Qt's own class
    assert _qts_own(recorded.window)  # the app's, handling no pointer event itself
    assert not _qts_own(Tracking())


def test_a_command_reported_on_a_worker_thread_has_its_look_held(
    qtbot: QtBot, recorded: Recorded, qtlog: Any
) -> None:
    """A command run as a background job (sign-in) reports on its worker thread. The look it
    makes due is held as for any other: its settle timer starts on the recorder's thread, where
    Qt refused it from the worker ("Timers cannot be started from another thread") and no
    look was held until something else was painted."""
    looks = recorded.recorder.looks
    click_page(qtbot, recorded, 1)
    qtbot.waitUntil(lambda: looks.held is not None)  # settled, the look for the next input held
    report = CommandReport("SignIn", {}, [], [], None)
    worker = threading.Thread(target=recorded.recorder.on_command, args=(report,))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: looks.due and looks.held is not None)
    refused = [r.message for r in qtlog.records if "another thread" in r.message]
    assert refused == []
