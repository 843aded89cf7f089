"""Fixtures for widget tests: a real shop file, the real main window, driven with qtbot."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QTableWidget
from pytestqt.qtbot import QtBot

from app.dialogs.account import AccountDialog
from app.shell.bootstrap import AppContext, bootstrap
from app.shell.main_window import MainWindow
from domain.demo import DemoShop
from domain.eventstore.database import reading
from domain.eventstore.store import read_all
from domain.model.clock import Clock, IdGenerator, SequentialIds, SteppingClock
from recorder.capture.record import Recorder
from tests.conftest import START
from tests.seeded import SeededShop


@pytest.fixture
def ctx(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[AppContext]:
    clock: Clock = SteppingClock(START)
    ids: IdGenerator = SequentialIds()
    if "demo" in request.fixturenames:  # the seeded template's copy, with its clock and ids
        seeded: SeededShop = request.getfixturevalue("demo_template")
        seeded.copy_to(tmp_path)
        clock, ids = seeded.clock() or clock, seeded.ids() or ids
    context = bootstrap(tmp_path / "shop.db", tmp_path / "settings.ini", clock=clock, ids=ids)
    yield context
    context.close()


@pytest.fixture
def demo(ctx: AppContext, demo_template: SeededShop) -> DemoShop:
    """The demo shop in `ctx`: what `seed_demo` makes, copied from the run's template."""
    return demo_template.fresh_demo()


@pytest.fixture
def window(qtbot: QtBot, ctx: AppContext) -> Iterator[MainWindow]:
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    # Shortcuts (Ctrl+Return, Ctrl+1...) reach only the active window, and the window
    # manager activates it a moment after it shows: a loaded machine makes that moment long.
    qtbot.waitUntil(win.isActiveWindow)
    yield win
    # A dialog the test left open (one that stays open on bad input, say) would otherwise
    # still be on the desk of the next test in this worker, where a recorder sees it.
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.reject()
    win.shutdown()  # as the app does on quit: no timer of this test fires into the next one


def events_since(ctx: AppContext, position: int) -> list[str]:
    with reading(ctx.shop.engine) as conn:
        return [e.type for e in read_all(conn, after_position=position)]


def sign_in(qtbot: QtBot, window: MainWindow, username: str, password: str) -> AccountDialog:
    """Sign in the way a person does: open the dialog, type, press Enter."""
    dialog = window.open_sign_in()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.username, username)
    qtbot.keyClicks(dialog.password, password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    answered(qtbot, dialog)
    return dialog


def recorded_window(
    qtbot: QtBot, qapp: QApplication, ctx: AppContext
) -> tuple[Recorder, MainWindow]:
    """The main window of a recording context, shown at its usual size, its recorder on."""
    recorder = ctx.recorder
    assert recorder is not None
    recorder.install(qapp)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    return recorder, window


def sign_in_by_button(qtbot: QtBot, window: MainWindow, username: str, password: str) -> None:
    """As `sign_in`, but through the status bar's button: a click a recording keeps, so a
    replay opens the same dialog."""
    qtbot.mouseClick(window.sign_button, Qt.MouseButton.LeftButton)
    dialog = window.dialog
    assert isinstance(dialog, AccountDialog)
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.username, username)
    qtbot.keyClicks(dialog.password, password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def answered(qtbot: QtBot, dialog: AccountDialog) -> None:
    """Wait for the dialog's command, which runs as a background job, to answer."""
    qtbot.waitUntil(lambda: not dialog.working)


def signed_in(qtbot: QtBot, window: MainWindow, username: str, password: str) -> None:
    """Sign in through the dialog and wait until it has closed and the window manager has
    given the main window back its focus (where a person's next shortcut goes)."""
    dialog = sign_in(qtbot, window, username, password)
    qtbot.waitUntil(lambda: not dialog.isVisible() and window.isActiveWindow())


def settle() -> None:
    """Let the screens refresh: after a command they do so from the event loop (a queued
    signal), as in the running app, not inside the command."""
    QApplication.processEvents()


def click_row(qtbot: QtBot, table: QTableWidget, text: str) -> None:
    """Click the first row whose first cell shows `text` (once the table has refreshed)."""
    settle()
    for row in range(table.rowCount()):
        item = table.item(row, 0)
        if item is not None and item.text().startswith(text):
            rect = table.visualItemRect(item)
            qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            return
    raise AssertionError(f"no row {text!r} in {table.objectName()}")
