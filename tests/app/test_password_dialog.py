"""Account → Change password…, through the real dialog."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.dialogs.password import PasswordDialog
from app.shell.bootstrap import AppContext
from app.shell.main_window import MainWindow
from domain.demo import DemoShop
from domain.model import commands as c
from domain.model import passwords
from tests.app.conftest import events_since, signed_in

WRONG_OLD = "The current password is wrong, so nothing was changed. Passwords are case-sensitive."


def opened(qtbot: QtBot, window: MainWindow) -> PasswordDialog:
    window.password_action.trigger()
    dialog = window.password_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def test_a_shopper_changes_their_password_in_the_dialog(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, demo: DemoShop
) -> None:
    assert not window.password_action.isEnabled()  # signed out: nothing to change
    signed_in(qtbot, window, "ann", "shopper-pass")
    assert window.password_action.isEnabled()
    dialog = opened(qtbot, window)
    qtbot.keyClicks(dialog.old, "not-the-password")
    qtbot.keyClicks(dialog.new, "a new passphrase")
    qtbot.keyClicks(dialog.confirm, "a new passphrase")
    qtbot.mouseClick(dialog.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.working)  # it runs as a background job
    assert dialog.isVisible() and dialog.message.text() == WRONG_OLD
    # Ready to retype: the focus within the dialog, whether or not the window manager has
    # activated it yet (on a loaded desk it may not have).
    assert dialog.old.hasSelectedText() and dialog.focusWidget() is dialog.old
    qtbot.keyClicks(dialog.old, "shopper-pass")  # over the selected wrong one
    dialog.confirm.clear()
    qtbot.keyClicks(dialog.confirm, "a new passphrasE")
    qtbot.mouseClick(dialog.submit, Qt.MouseButton.LeftButton)
    assert "The two new passwords differ" in dialog.message.text() and not dialog.working
    dialog.confirm.clear()
    qtbot.keyClicks(dialog.confirm, "a new passphrase")
    qtbot.mouseClick(dialog.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert window.statusBar().currentMessage() == "Your password was changed."
    ann = ctx.handle(c.SignIn(None, "ann", "a new passphrase"))
    assert ann == demo.shopper_ids["ann"]


def test_a_too_short_new_password_is_said_and_selected(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, demo: DemoShop
) -> None:
    signed_in(qtbot, window, "ann", "shopper-pass")
    before = ctx.shop.read.head()
    dialog = opened(qtbot, window)
    qtbot.keyClicks(dialog.old, "shopper-pass")
    qtbot.keyClicks(dialog.new, "short")
    qtbot.keyClicks(dialog.confirm, "short")
    qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.working)
    assert "The password is too short" in dialog.message.text() and dialog.isVisible()
    assert dialog.new.hasSelectedText() and dialog.focusWidget() is dialog.new
    assert events_since(ctx, before) == []


def test_a_password_change_runs_off_the_gui_thread_and_the_dialog_shows_it(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, demo: DemoShop
) -> None:
    """Checking the current password and hashing the new one (scrypt twice) took the GUI
    thread for 0.6 s, seconds on a busy machine, with no sign of life. Now the check is held
    open by the test: the dialog answers events meanwhile (this test runs on the GUI thread),
    shows it is busy, and neither a second submit, by Enter or by a click, nor Escape does
    anything."""
    signed_in(qtbot, window, "ann", "shopper-pass")
    gate, on_gui_thread = threading.Event(), []
    real = ctx.shop.bus.passwords

    class Held(passwords.Passwords):
        def hash(self, password: str) -> str:
            on_gui_thread.append(threading.current_thread() is threading.main_thread())
            return real.hash(password)

        def verify(self, password: str, stored: str) -> bool:
            on_gui_thread.append(threading.current_thread() is threading.main_thread())
            gate.wait()
            return real.verify(password, stored)

    ctx.shop.bus.passwords = Held(real.cost)
    started: list[str] = []
    run = ctx.jobs.run
    ctx.jobs.run = lambda *a, **k: (started.append(k["name"]), run(*a, **k))[1]  # type: ignore[method-assign]
    try:
        dialog = opened(qtbot, window)
        qtbot.keyClicks(dialog.old, "not her password")
        qtbot.keyClicks(dialog.new, "a new passphrase")
        qtbot.keyClicks(dialog.confirm, "a new passphrase")
        qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: len(on_gui_thread) == 2)  # hashed and being checked
        assert on_gui_thread == [False, False]  # both on a worker thread
        assert dialog.working and dialog.message.text() == "Changing the password…"
        assert dialog.cursor().shape() == Qt.CursorShape.BusyCursor
        assert not dialog.submit.isEnabled() and not dialog.cancel.isEnabled()
        assert all(f.isReadOnly() for f in (dialog.old, dialog.new, dialog.confirm))
        qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)
        qtbot.mouseClick(dialog.submit, Qt.MouseButton.LeftButton)
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # no cancel: the change would go on
        assert started == ["change_password"] and dialog.isVisible()
    finally:  # a failed check must not leave the worker waiting, nor the window closing
        gate.set()
    qtbot.waitUntil(lambda: not dialog.working)
    assert dialog.message.text() == WRONG_OLD and dialog.isVisible()
    assert dialog.submit.isEnabled() and dialog.cancel.isEnabled()
    assert dialog.cursor().shape() == Qt.CursorShape.ArrowCursor
    assert dialog.old.hasSelectedText() and not dialog.old.isReadOnly()
    assert on_gui_thread == [False, False] and started == ["change_password"]
