"""Fixtures for widget tests: a real shop file, the real main window, driven with qtbot."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableWidget
from pytestqt.qtbot import QtBot

from app.bootstrap import AppContext, bootstrap
from app.main_window import MainWindow
from app.qt_account_dialog import AccountDialog
from domain.clock import SequentialIds, SteppingClock
from domain.database import reading
from domain.demo import DemoShop, seed_demo
from domain.store import read_all
from tests.conftest import START


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    context = bootstrap(
        tmp_path / "shop.db",
        tmp_path / "settings.ini",
        clock=SteppingClock(START),
        ids=SequentialIds(),
    )
    yield context
    context.close()


@pytest.fixture
def demo(ctx: AppContext) -> DemoShop:
    return seed_demo(ctx.shop.bus, admin_password="admin-password")


@pytest.fixture
def window(qtbot: QtBot, ctx: AppContext) -> Iterator[MainWindow]:
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
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
    return dialog


def signed_in(qtbot: QtBot, window: MainWindow, username: str, password: str) -> None:
    """Sign in through the dialog and wait until it has closed."""
    dialog = sign_in(qtbot, window, username, password)
    qtbot.waitUntil(lambda: not dialog.isVisible())


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
