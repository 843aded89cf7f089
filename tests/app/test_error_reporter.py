"""The app's handler of unexpected exceptions: an object each app context owns, not module state."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from types import TracebackType

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from app.shell.error_reporter import ErrorReporter
from app.shell.main_window import MainWindow

Seen = list[tuple[type[BaseException], str]]


def raise_into(reporter: ErrorReporter, message: str) -> None:
    """What Qt does with an exception that escapes a slot: hand it to the hook."""
    try:
        raise RuntimeError(message)
    except RuntimeError as error:
        reporter.report(RuntimeError, error, error.__traceback__)


def shown(message: str) -> list[QMessageBox]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox)
        and w.objectName() == "error_dialog"
        and w.isVisible()
        and message in w.informativeText()
    ]


@pytest.fixture
def reporter(qapp: QApplication) -> Iterator[ErrorReporter]:
    errors = ErrorReporter()
    yield errors
    errors.uninstall()  # closes the dialogs it opened


def test_install_makes_it_the_hook_and_uninstall_gives_the_previous_back(
    reporter: ErrorReporter,
) -> None:
    before = sys.excepthook
    reporter.install()
    assert sys.excepthook == reporter.report
    reporter.install()  # twice is once: the hook before it is still the one given back
    reporter.uninstall()
    assert sys.excepthook == before


def test_the_dialog_offers_the_bug_report_and_hands_it_the_summary(
    qtbot: QtBot, reporter: ErrorReporter
) -> None:
    asked: list[str] = []
    reporter.bug_report = asked.append
    raise_into(reporter, "printer on fire")
    [box] = shown("printer on fire")
    button = box.findChild(QPushButton, "save_bug_report")
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert asked == ["RuntimeError: printer on fire"]
    qtbot.waitUntil(lambda: not shown("printer on fire"))  # the box closes with the click


def test_without_a_bug_report_action_the_dialog_only_closes(
    qtbot: QtBot, reporter: ErrorReporter
) -> None:
    raise_into(reporter, "no window to report from")
    [box] = shown("no window to report from")
    assert box.findChild(QPushButton, "save_bug_report") is None
    assert "close" in [b.objectName() for b in box.buttons()]


def test_listeners_hear_of_each_error_and_a_failing_one_hides_nothing(
    qtbot: QtBot, reporter: ErrorReporter
) -> None:
    seen: Seen = []

    def broken(*_args: object) -> None:
        raise ValueError("the listener itself is broken")

    def listener(kind: type[BaseException], error: BaseException, _tb: object) -> None:
        seen.append((kind, str(error)))

    reporter.add_listener(broken)
    reporter.add_listener(listener)
    raise_into(reporter, "first")
    assert seen == [(RuntimeError, "first")]
    assert len(shown("first")) == 1  # the broken listener did not stop the dialog
    reporter.remove_listener(listener)
    reporter.remove_listener(listener)  # removing one not there is no error
    raise_into(reporter, "second")
    assert seen == [(RuntimeError, "first")]


def test_a_diverted_reporter_hands_the_error_to_the_replay_alone(
    qtbot: QtBot, reporter: ErrorReporter
) -> None:
    heard: Seen = []
    diverted: list[tuple[str, TracebackType | None]] = []
    reporter.add_listener(lambda kind, error, tb: heard.append((kind, str(error))))
    reporter.divert(lambda kind, error, tb: diverted.append((str(error), tb)))
    raise_into(reporter, "while judged")
    [(message, tb)] = diverted
    assert message == "while judged" and tb is not None
    assert heard == [] and shown("while judged") == []  # no dialog, no recorder
    reporter.restore()
    raise_into(reporter, "after the verdict")
    assert heard == [(RuntimeError, "after the verdict")]
    assert len(shown("after the verdict")) == 1


def test_uninstall_closes_the_dialogs_it_opened(qtbot: QtBot, reporter: ErrorReporter) -> None:
    raise_into(reporter, "left open")
    assert len(shown("left open")) == 1
    reporter.uninstall()
    assert shown("left open") == []


def test_two_apps_have_two_reporters(qtbot: QtBot, window: MainWindow) -> None:
    """No process globals: another context's listeners and bug report are not this one's."""
    other = ErrorReporter()
    heard: list[str] = []
    other.add_listener(lambda kind, error, tb: heard.append(str(error)))
    assert window.ctx.errors is not other
    assert window.ctx.errors.bug_report == window.open_report
    assert other.bug_report is None
    raise_into(window.ctx.errors, "in the window's app")
    assert heard == []
    [box] = shown("in the window's app")
    assert box.findChild(QPushButton, "save_bug_report") is not None
    window.ctx.errors.uninstall()
    window.shutdown()
    assert window.ctx.errors.bug_report is None  # a closed window is not called from a dialog


def test_held_errors_go_to_whoever_diverts_it_first(qtbot: QtBot, reporter: ErrorReporter) -> None:
    """A replay starts the app, then takes its exceptions: one raised while the app was being
    built is evidence too, not a dialog."""
    reporter.hold()
    raise_into(reporter, "while the window was built")
    assert shown("while the window was built") == []
    taken: list[str] = []
    reporter.divert(lambda kind, error, tb: taken.append(str(error)))
    assert taken == ["while the window was built"]
    raise_into(reporter, "during the replay")
    assert taken == ["while the window was built", "during the replay"]


def test_held_errors_nobody_took_are_shown_on_restore(
    qtbot: QtBot, reporter: ErrorReporter
) -> None:
    reporter.hold()
    raise_into(reporter, "held and never taken")
    reporter.restore()
    assert len(shown("held and never taken")) == 1
