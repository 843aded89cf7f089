"""The recorder never breaks the app it watches, and the error dialog never feeds itself.

On a real display the first run stormed with hundreds of error dialogs: the recorder touched
the stale Python wrapper of a button being deleted, the exception escaped its event filter into
the app's error dialog, and that dialog's own button raised again.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QPushButton, QVBoxLayout
from pytestqt.qtbot import QtBot

from app.shell.error_reporter import ErrorReporter
from recorder.capture import record as capture
from recorder.capture.targets import describe
from tests.recorder.conftest import Recorded
from tests.recorder.test_capture import ui_rows


def error_dialogs() -> list[QMessageBox]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.objectName() == "error_dialog" and w.isVisible()
    ]


@pytest.fixture(autouse=True)
def errors(qapp: QApplication) -> Iterator[ErrorReporter]:
    """The app's real handler, as `run_app` installs it; the dialogs it opens are closed after."""
    reporter = ErrorReporter()
    reporter.install()
    yield reporter
    reporter.uninstall()
    for box in error_dialogs():
        box.close()


def test_a_failure_inside_the_recorder_costs_one_event_and_nothing_else(
    qtbot: QtBot,
    recorded: Recorded,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    search = recorded.window.pages[0].search  # type: ignore[attr-defined]
    real_describe, calls = capture.describe, []

    def fails_once(widget):  # type: ignore[no-untyped-def]
        calls.append(widget)
        if len(calls) == 1:
            raise RuntimeError("planted failure in describe")
        return real_describe(widget)

    monkeypatch.setattr(capture, "describe", fails_once)
    with caplog.at_level(logging.WARNING, "replayshop.recorder"):
        qtbot.keyClicks(search, "tea")
    qtbot.waitUntil(lambda: search.text() == "tea")

    keys = [data for _, kind, target, data in ui_rows(recorded) if target.endswith("search")]
    assert len(keys) == 2 * 3 - 1  # three presses and three releases, one of them lost
    assert recorded.recorder.skipped == 1
    assert error_dialogs() == []  # the app never heard of it
    logged = [r for r in caplog.records if "planted failure" in r.getMessage()]
    assert len(logged) == 1 and "skipped a ShortcutOverride event" in logged[0].getMessage()


def test_a_deleted_widget_is_never_touched(qtbot: QtBot, recorded: Recorded) -> None:
    """Events still reach a widget whose Python wrapper is stale: on a real display a closed
    dialog's focused button got a FocusIn while it was being deleted."""
    dialog = QDialog(recorded.window)
    dialog.setObjectName("short_lived")
    button = QPushButton("OK", dialog)
    button.setObjectName("ok")
    QVBoxLayout(dialog).addWidget(button)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # the recorder now remembers it
    dialog.close()
    shiboken6.delete(dialog)
    assert not shiboken6.isValid(button)

    for event in (QFocusEvent(QEvent.Type.FocusIn), QEvent(QEvent.Type.Show)):
        assert recorded.recorder.eventFilter(button, event) is False  # no exception either
    qtbot.keyClicks(recorded.window.pages[0].search, "x")  # the propagation check's last
    assert recorded.recorder.skipped == 0  # receiver was the deleted button
    assert error_dialogs() == []
    rows = ui_rows(recorded)
    targets = [target for _, _, target, _ in rows]
    assert targets.count("main/short_lived/ok") == 2  # its press and release, nothing after
    # Red once in a stress run (the last row was main/short_lived): the last rows, whole, so
    # that the next time says which event that was.
    assert targets[-1].endswith("catalog/splitter/list/search"), rows[-6:]


def test_the_same_error_again_is_counted_in_the_open_dialog(
    qtbot: QtBot, errors: ErrorReporter
) -> None:
    for _ in range(5):
        try:
            raise RuntimeError("disk on fire")
        except RuntimeError as error:
            errors.report(RuntimeError, error, error.__traceback__)
    [box] = error_dialogs()
    assert "happened 5 times" in box.informativeText()


def test_an_error_raised_while_the_handler_runs_does_not_open_another_dialog(
    qtbot: QtBot, errors: ErrorReporter
) -> None:
    def listener_that_fails_again(*_args: object) -> None:
        try:
            raise ValueError("inside the handler")
        except ValueError as inner:
            errors.report(ValueError, inner, inner.__traceback__)

    errors.add_listener(listener_that_fails_again)
    try:
        try:
            raise RuntimeError("first")
        except RuntimeError as error:
            errors.report(RuntimeError, error, error.__traceback__)
    finally:
        errors.remove_listener(listener_that_fails_again)
    assert [b.informativeText() for b in error_dialogs()] == ["RuntimeError: first"]


def test_naming_a_message_box_button_leaves_it_usable(qtbot: QtBot) -> None:
    """PySide's findChildren on a freshly wrapped C++ parent (the box's button box) tied the
    button's wrapper to that temporary: naming the button made it "already deleted"."""
    box = QMessageBox(QMessageBox.Icon.Information, "About", "hello")
    box.setObjectName("about")
    qtbot.addWidget(box)
    box.show()
    [button] = box.buttons()
    assert describe(button) == ("about", "qt_msgbox_buttonbox/QPushButton#0")
    assert shiboken6.isValid(button)
    assert button.text()  # and still usable
