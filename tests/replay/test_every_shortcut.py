"""Every shortcut of every menu is recordable and replays: Ctrl+2 types NUL, which a
recording once could not hold (validation refused the report the app had just saved)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from app.dialogs.account import AccountDialog
from app.shell.replay_factory import make_replay_app
from recorder.fileformat.export import export_session
from recorder.fileformat.shoprec import load_recording
from recorder.replay.run import run_headless
from tests.recorder.conftest import Recorded

# Quit ends the session: it is pressed last.
LAST = "quit"
# What an X server types for Ctrl and a digit (XLookupString's control transformation):
# Ctrl+2 is NUL, Ctrl+3 to Ctrl+7 are ESC to US, Ctrl+8 is DEL. QTest would type the digit.
CTRL_DIGIT_TEXT = {"2": "\x00", "3": "\x1b", "4": "\x1c", "5": "\x1d", "6": "\x1e"}
CTRL_DIGIT_TEXT |= {"7": "\x1f", "8": "\x7f"}


def menu_shortcuts(recorded: Recorded) -> list[QAction]:
    """Every item with a shortcut in every menu (and submenu) of the menu bar."""
    found, stack = [], list(recorded.window.menuBar().actions())
    while stack:
        action = stack.pop(0)
        menu = action.menu()
        if menu is not None:
            stack.extend(menu.actions())
        elif not action.shortcut().isEmpty() and action not in found:
            found.append(action)
    return sorted(found, key=lambda a: a.objectName() == LAST)


def typed_by_x(key: Qt.Key, modifiers: Qt.KeyboardModifier) -> str:
    char = QKeySequence(key).toString().lower()
    if len(char) != 1:
        return ""
    if modifiers != Qt.KeyboardModifier.ControlModifier:
        return char
    if char.isalpha():
        return chr(ord(char.upper()) - 64)  # Ctrl+L is a form feed
    return CTRL_DIGIT_TEXT.get(char, char)


def press(qtbot: QtBot, recorded: Recorded, sequence: QKeySequence) -> None:
    """The shortcut's key as a real keyboard sends it: with the text X types for it."""
    combination = sequence[0]
    key, modifiers = combination.key(), combination.keyboardModifiers()
    window = recorded.window
    qtbot.waitUntil(window.isActiveWindow)  # a shortcut reaches the active window only
    target = window.focusWidget() or window
    text = typed_by_x(key, modifiers)
    QTest.simulateEvent(target, True, key.value, modifiers, text, False)
    QTest.simulateEvent(target, False, key.value, modifiers, text, False)


def close_what_opened(qtbot: QtBot) -> None:
    """Escape out of a dialog the shortcut opened (a file to open), as a person does."""
    for dialog in QApplication.topLevelWidgets():
        if isinstance(dialog, QDialog) and dialog.isVisible():
            qtbot.waitUntil(dialog.isActiveWindow)
            target = dialog.focusWidget() or dialog
            qtbot.keyClick(target, Qt.Key.Key_Escape)
            qtbot.waitUntil(lambda d=dialog: not d.isVisible())


def sign_in_by_hand(qtbot: QtBot, recorded: Recorded) -> None:
    """By the status bar's button, as a recording can replay (not by calling the window)."""
    window = recorded.window
    qtbot.mouseClick(window.sign_button, Qt.MouseButton.LeftButton)
    dialog = window.dialog
    assert isinstance(dialog, AccountDialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClicks(dialog.username, "admin")
    qtbot.keyClicks(dialog.password, recorded.demo.admin_password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible() and window.isActiveWindow())


def test_every_menu_shortcut_is_recorded_and_replays_identically(
    qtbot: QtBot, recorded: Recorded, tmp_path: Path
) -> None:
    sign_in_by_hand(qtbot, recorded)
    actions = menu_shortcuts(recorded)
    names = {a.objectName() for a in actions}
    assert {"page_catalog", "page_cart", "back_to_now", "sign_in", "open_recording"} <= names
    assert actions[-1].objectName() == LAST
    fired: list[str] = []
    for action in actions:
        action.triggered.connect(lambda *_, a=action: fired.append(a.objectName()))
        press(qtbot, recorded, action.shortcut())
        if action.isEnabled():  # Sign in… is not, while signed in: its key is recorded alone
            # The shortcut did what its menu item does.
            qtbot.waitUntil(lambda a=action: a.objectName() in fired)
        if action.objectName() != LAST:
            close_what_opened(qtbot)
    assert {"page_cart", "back_to_now", "quit"} <= set(fired)
    recorded.recorder.sink.flush(wait=True)
    out = tmp_path / "shortcuts.shoprec"
    export_session(recorded.db, out, recorded.recorder.session_id)
    recording = load_recording(out)  # Ctrl+2's NUL is a key's text, not a reason to refuse
    typed = [e.data.get("text") for e in recording.ui_events if e.kind == "key_press"]
    assert "\x00" in typed and "\x0c" in typed  # Ctrl+2, Ctrl+L
    verdict = run_headless(recording, make_replay_app)
    assert verdict.status == "identical", verdict.report()
