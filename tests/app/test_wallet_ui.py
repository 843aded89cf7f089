"""Deposits, and an admin's correction through the dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app.pages.wallet import WalletPage
from app.shell.bootstrap import AppContext
from app.shell.main_window import MainWindow
from domain.demo import DemoShop
from tests.app.conftest import events_since, settle, signed_in


def test_deposit_then_admin_corrects_it(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, demo: DemoShop
) -> None:
    signed_in(qtbot, window, "carla", "shopper-pass")
    page = window.show_page("wallet")
    assert isinstance(page, WalletPage)
    start = ctx.shop.read.shopping.wallet(demo.shopper_ids["carla"]).balance_cents
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
    wallet = ctx.shop.read.shopping.wallet(demo.shopper_ids["carla"])
    assert wallet.balance_cents == start + 5000
    settle()
    assert page.balance.text() == f"Balance: ${(start + 5000) / 100:,.2f}"
    assert page.table.item(2, 4).text() == "reversed"


def retype(qtbot: QtBot, box: QWidget, text: str) -> None:
    """Click into an amount box, select what it holds and type over it, as a person does."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(box, text)


def test_an_amount_the_box_cannot_take_is_refused_by_name_not_replaced(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, demo: DemoShop
) -> None:
    """Typing 0 and clicking Deposit once deposited the box's previous amount: the spin box
    put its last good value back as it lost the focus, and nothing said so."""
    signed_in(qtbot, window, "carla", "shopper-pass")
    page = window.show_page("wallet")
    assert isinstance(page, WalletPage)
    before = ctx.shop.read.head()
    retype(qtbot, page.amount, "0")
    qtbot.mouseClick(page.deposit, Qt.MouseButton.LeftButton)
    settle()
    assert events_since(ctx, before) == []
    assert page.message.text() == (
        '"0" is not an amount to deposit: enter $0.01 to $10,000.00. Nothing was deposited.'
    )
    # A good amount after it goes through as typed.
    retype(qtbot, page.amount, "12.5")
    qtbot.mouseClick(page.deposit, Qt.MouseButton.LeftButton)
    settle()
    assert events_since(ctx, before) == ["FundsDeposited"]
    assert page.message.text() == "Deposited $12.50."


def test_a_correction_to_an_amount_the_box_cannot_take_stays_open_and_says_so(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, demo: DemoShop
) -> None:
    signed_in(qtbot, window, "admin", "admin-password")
    page = window.show_page("wallet")
    assert isinstance(page, WalletPage)
    page.account.setCurrentIndex(page.account.findText("carla"))
    page.table.selectRow(0)
    qtbot.mouseClick(page.correct, Qt.MouseButton.LeftButton)
    correction = page.dialog
    assert correction is not None
    qtbot.waitExposed(correction)
    before = ctx.shop.read.head()
    retype(qtbot, correction.amount, "0")
    qtbot.keyClicks(correction.reason, "Typed it wrong")
    qtbot.mouseClick(correction.findChild(QPushButton, "ok"), Qt.MouseButton.LeftButton)
    settle()
    assert correction.isVisible()
    assert correction.message.text() == '"0" is not an amount: enter $0.01 to $10,000.00.'
    assert events_since(ctx, before) == []
    correction.reject()
