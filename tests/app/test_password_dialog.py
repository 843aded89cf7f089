"""Account → Change password…, through the real dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.shell.bootstrap import AppContext
from app.shell.main_window import MainWindow
from domain.demo import DemoShop
from domain.model import commands as c
from tests.app.conftest import signed_in


def test_a_shopper_changes_their_password_in_the_dialog(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, demo: DemoShop
) -> None:
    assert not window.password_action.isEnabled()  # signed out: nothing to change
    signed_in(qtbot, window, "ann", "shopper-pass")
    assert window.password_action.isEnabled()
    window.password_action.trigger()
    dialog = window.password_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.old, "not-the-password")
    qtbot.keyClicks(dialog.new, "a new passphrase")
    qtbot.keyClicks(dialog.confirm, "a new passphrase")
    qtbot.mouseClick(dialog.submit, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "Wrong password for 'ann'" in dialog.message.text()
    dialog.old.clear()
    qtbot.keyClicks(dialog.old, "shopper-pass")
    dialog.confirm.clear()
    qtbot.keyClicks(dialog.confirm, "a new passphrasE")
    qtbot.mouseClick(dialog.submit, Qt.MouseButton.LeftButton)
    assert "The two new passwords differ" in dialog.message.text()
    dialog.confirm.clear()
    qtbot.keyClicks(dialog.confirm, "a new passphrase")
    qtbot.mouseClick(dialog.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert window.statusBar().currentMessage() == "Your password was changed."
    ann = ctx.handle(c.SignIn(None, "ann", "a new passphrase"))
    assert ann == demo.shopper_ids["ann"]
