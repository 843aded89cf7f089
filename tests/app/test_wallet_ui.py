"""Deposits, and an admin's correction through the dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.bootstrap import AppContext
from app.main_window import MainWindow
from app.qt_wallet import WalletPage
from domain.demo import DemoShop
from tests.app.conftest import events_since, settle, signed_in


def test_deposit_then_admin_corrects_it(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, demo: DemoShop
) -> None:
    signed_in(qtbot, window, "carla", "shopper-pass")
    page = window.show_page("wallet")
    assert isinstance(page, WalletPage)
    start = ctx.shop.read.wallet(demo.shopper_ids["carla"]).balance_cents
    page.amount.setValue(500.00)
    before = ctx.shop.read.head()
    qtbot.mouseClick(page.deposit, Qt.MouseButton.LeftButton)
    settle()
    assert page.message.text() == "Deposited $500.00."
    assert page.table.item(0, 2).text() == "$500.00"
    window.ctx.session.sign_out()

    signed_in(qtbot, window, "admin", "admin-password")
    page = window.show_page("wallet")
    assert isinstance(page, WalletPage)
    page.account.setCurrentIndex(page.account.findText("carla"))
    page.table.selectRow(0)
    qtbot.mouseClick(page.correct, Qt.MouseButton.LeftButton)
    correction = page.dialog
    assert correction is not None
    qtbot.waitExposed(correction)
    correction.amount.setValue(50.00)
    qtbot.keyClicks(correction.reason, "Typed 500 for 50")
    qtbot.keyClick(correction.reason, Qt.Key.Key_Return)
    assert events_since(ctx, before) == ["FundsDeposited", "TransactionReversed", "FundsDeposited"]
    wallet = ctx.shop.read.wallet(demo.shopper_ids["carla"])
    assert wallet.balance_cents == start + 5000
    settle()
    assert page.balance.text() == f"Balance: ${(start + 5000) / 100:,.2f}"
    assert page.table.item(2, 4).text() == "reversed"
