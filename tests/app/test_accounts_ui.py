"""Signing up and in through the real dialog."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from app.shell.bootstrap import AppContext
from app.shell.main_window import MainWindow
from domain.demo import DemoShop
from domain.model import passwords
from tests.app.conftest import answered, events_since, sign_in, signed_in


def test_sign_up_then_status_bar_shows_the_user(
    qtbot: QtBot, window: MainWindow, ctx: AppContext
) -> None:
    before = ctx.shop.read.head()
    dialog = window.open_sign_in(sign_up=True)
    assert dialog.password.echoMode() == QLineEdit.EchoMode.Password
    assert dialog.confirm.echoMode() == QLineEdit.EchoMode.Password
    qtbot.keyClicks(dialog.username, "Zoe")
    qtbot.keyClicks(dialog.password, "correct horse")
    qtbot.keyClicks(dialog.confirm, "correct horse")
    qtbot.mouseClick(dialog.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert window.user_label.text() == "Signed in as Zoe"
    assert events_since(ctx, before) == ["AccountRegistered", "UsernameClaimed"]
    qtbot.mouseClick(window.sign_button, Qt.MouseButton.LeftButton)
    assert window.user_label.text() == "Not signed in"


def test_sign_up_failures_say_why(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, demo: DemoShop
) -> None:
    before = ctx.shop.read.head()
    dialog = window.open_sign_in(sign_up=True)
    qtbot.keyClicks(dialog.username, "ANN")
    qtbot.keyClicks(dialog.password, "long enough")
    qtbot.keyClicks(dialog.confirm, "long enough")
    qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)
    answered(qtbot, dialog)
    assert "'ANN' is taken" in dialog.message.text() and dialog.isVisible()
    dialog.username.setText("newbie")
    dialog.password.setText("short")
    dialog.confirm.setText("short")
    qtbot.mouseClick(dialog.submit, Qt.MouseButton.LeftButton)
    answered(qtbot, dialog)
    assert "it needs at least 8" in dialog.message.text()
    dialog.confirm.setText("shorter")
    qtbot.mouseClick(dialog.submit, Qt.MouseButton.LeftButton)
    assert "passwords differ" in dialog.message.text()
    assert ctx.shop.read.head() == before


def test_wrong_password_is_named_and_escape_cancels(
    qtbot: QtBot, window: MainWindow, demo: DemoShop
) -> None:
    dialog = sign_in(qtbot, window, "ann", "not-her-password")
    assert dialog.message.text() == "Wrong password for 'ann'. Passwords are case-sensitive."
    assert dialog.password.hasSelectedText()  # ready to retype
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert window.user_label.text() == "Not signed in"


def test_sign_in_shows_the_admin_role(qtbot: QtBot, window: MainWindow, demo: DemoShop) -> None:
    signed_in(qtbot, window, "admin", "admin-password")
    assert window.user_label.text() == "Signed in as admin (administrator)"


def test_enter_submits_after_switching_to_sign_up(
    qtbot: QtBot, window: MainWindow, ctx: AppContext
) -> None:
    """Found while recording: after a click on "Create an account", Enter switched back."""
    dialog = window.open_sign_in()
    qtbot.mouseClick(dialog.switch, Qt.MouseButton.LeftButton)
    assert dialog.sign_up
    qtbot.keyClicks(dialog.username, "Mira")
    qtbot.keyClicks(dialog.password, "a-longer-secret")
    qtbot.keyClicks(dialog.confirm, "a-longer-secret")
    qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert window.user_label.text() == "Signed in as Mira"


def test_a_password_check_runs_off_the_gui_thread_and_the_dialog_shows_it(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, demo: DemoShop
) -> None:
    """scrypt took the GUI thread for 0.3 s, seconds on a busy machine, and a wrong password
    showed nothing meanwhile. Now the check is held open by the test: the dialog answers
    events meanwhile (this test runs on the GUI thread), shows it is busy, and a second
    submit, by Enter or by a click, starts nothing."""
    gate, checks = threading.Event(), []
    real = ctx.shop.bus.passwords

    class Held(passwords.Passwords):
        def verify(self, password: str, stored: str) -> bool:
            checks.append(threading.current_thread() is threading.main_thread())
            gate.wait()
            return real.verify(password, stored)

    ctx.shop.bus.passwords = Held(real.cost)
    started: list[str] = []
    run = ctx.jobs.run
    ctx.jobs.run = lambda *a, **k: (started.append(k["name"]), run(*a, **k))[1]  # type: ignore[method-assign]
    try:
        dialog = window.open_sign_in()
        qtbot.waitExposed(dialog)
        qtbot.keyClicks(dialog.username, "ann")
        qtbot.keyClicks(dialog.password, "not her password")
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: checks == [False])  # the check runs, on a worker thread
        assert dialog.working and dialog.message.text() == "Checking the password…"
        assert dialog.cursor().shape() == Qt.CursorShape.BusyCursor
        assert not any(b.isEnabled() for b in (dialog.submit, dialog.cancel, dialog.switch))
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
        qtbot.mouseClick(dialog.submit, Qt.MouseButton.LeftButton)
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # no cancel: the answer would have no dialog
        assert started == ["sign_in"] and dialog.isVisible()
    finally:  # a failed check must not leave the worker waiting, nor the window closing
        gate.set()
    answered(qtbot, dialog)
    assert dialog.message.text() == "Wrong password for 'ann'. Passwords are case-sensitive."
    assert all(b.isEnabled() for b in (dialog.submit, dialog.cancel, dialog.switch))
    assert dialog.cursor().shape() == Qt.CursorShape.ArrowCursor
    assert dialog.password.hasSelectedText() and not dialog.password.isReadOnly()
    assert checks == [False] and window.user_label.text() == "Not signed in"
