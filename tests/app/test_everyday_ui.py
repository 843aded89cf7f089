"""What a new user meets every day: messages that belong to their moment, empty states that
say so, an undo for a delete, a correction dialog that names things, the event log."""

from __future__ import annotations

import json
import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from app.pages.cart import CartPage
from app.pages.catalog import CatalogPage
from app.pages.event_log import EventLogPage
from app.pages.wallet import WalletPage
from app.shell.bootstrap import AppContext
from app.shell.main_window import MainWindow
from domain.demo import DemoShop
from domain.model import commands as c
from tests.app.conftest import events_since, settle, signed_in


def new_shopper(qtbot: QtBot, window: MainWindow, ctx: AppContext) -> str:
    """A shopper with nothing yet (no cart, no reviews), signed in through the dialog."""
    zoe = ctx.handle(c.RegisterAccount(None, "zoe", "shopper-pass"))
    signed_in(qtbot, window, "zoe", "shopper-pass")
    return str(zoe)


def test_a_message_does_not_greet_the_next_user_or_follow_a_page_switch(
    qtbot: QtBot, window: MainWindow, demo: DemoShop
) -> None:
    signed_in(qtbot, window, "ann", "shopper-pass")
    wallet = window.show_page("wallet")
    assert isinstance(wallet, WalletPage)
    qtbot.mouseClick(wallet.deposit, Qt.MouseButton.LeftButton)
    assert wallet.message.text() == "Deposited $20.00."
    window.show_page("catalog")
    window.show_page("wallet")
    assert wallet.message.text() == ""  # a page switch clears it

    qtbot.mouseClick(wallet.deposit, Qt.MouseButton.LeftButton)
    assert wallet.message.text() == "Deposited $20.00."
    window.ctx.session.sign_out()
    signed_in(qtbot, window, "bob", "shopper-pass")
    window.show_page("wallet")
    assert wallet.message.text() == ""


def test_time_travel_clears_the_message_of_the_present(
    qtbot: QtBot, window: MainWindow, demo: DemoShop
) -> None:
    signed_in(qtbot, window, "bob", "shopper-pass")
    cart = window.show_page("cart")
    assert isinstance(cart, CartPage)
    window.ctx.handle(c.AddItemToCart(demo.shopper_ids["bob"], demo.product_ids[0], 1))
    settle()
    cart.message.error("The cart is empty.")  # what an earlier refusal left
    window.time_bar.travel_to(3)
    qtbot.waitUntil(lambda: window.ctx.view.is_past)
    assert cart.message.text() == ""


def test_an_empty_cart_says_so_and_cannot_be_checked_out(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, demo: DemoShop
) -> None:
    zoe = new_shopper(qtbot, window, ctx)
    cart = window.show_page("cart")
    assert isinstance(cart, CartPage)
    assert cart.table.rowCount() == 0
    assert cart.total.text() == "Your cart is empty. Add products from the catalog."
    assert not cart.checkout.isEnabled()
    window.ctx.handle(c.AddItemToCart(zoe, demo.product_ids[0], 1))
    settle()
    assert cart.total.text().startswith("Total: $") and cart.checkout.isEnabled()


def test_a_search_with_no_result_says_so(qtbot: QtBot, window: MainWindow, demo: DemoShop) -> None:
    catalog = window.show_page("catalog")
    assert isinstance(catalog, CatalogPage)
    qtbot.keyClicks(catalog.search, "zzzz")
    qtbot.waitUntil(lambda: catalog.table.rowCount() == 0)
    assert catalog.count.text() == "No product matches “zzzz”. Try a shorter or other word."


def test_deleting_ones_review_can_be_undone(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, demo: DemoShop
) -> None:
    zoe = new_shopper(qtbot, window, ctx)
    catalog = window.show_page("catalog")
    assert isinstance(catalog, CatalogPage)
    detail = catalog.detail
    ctx.handle(c.PostReview(zoe, detail.product_id, 4, "Lovely #gift"))
    settle()
    assert detail.delete.isVisible() and not detail.undo.isVisible()
    before = ctx.shop.read.head()
    qtbot.mouseClick(detail.delete, Qt.MouseButton.LeftButton)
    settle()
    assert detail.review_message.text() == "Your review is deleted."
    assert detail.undo.isVisible()
    qtbot.mouseClick(detail.undo, Qt.MouseButton.LeftButton)
    settle()
    assert events_since(ctx, before) == ["ReviewDeleted", "ReviewPosted"]
    assert detail.review_message.text() == "Your review is back."
    assert not detail.undo.isVisible()
    mine = [
        r
        for r in ctx.shop.read.catalog.reviews_for(detail.product_id or "")
        if r.text == "Lovely #gift"
    ]
    assert [r.rating for r in mine] == [4]


def test_the_undo_goes_with_its_message(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, demo: DemoShop
) -> None:
    zoe = new_shopper(qtbot, window, ctx)
    catalog = window.show_page("catalog")
    assert isinstance(catalog, CatalogPage)
    detail = catalog.detail
    ctx.handle(c.PostReview(zoe, detail.product_id, 2, "Meh"))
    settle()
    qtbot.mouseClick(detail.delete, Qt.MouseButton.LeftButton)
    assert detail.undo.isVisible()
    window.show_page("cart")
    window.show_page("catalog")
    assert not detail.undo.isVisible()


def test_the_correction_dialog_is_prefilled_and_names_the_wallet(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, demo: DemoShop
) -> None:
    ctx.handle(c.DepositFunds(demo.shopper_ids["carla"], 12_345, "Deposit"))
    signed_in(qtbot, window, "admin", "admin-password")
    page = window.show_page("wallet")
    assert isinstance(page, WalletPage)
    page.account.setCurrentIndex(page.account.findText("carla"))
    [row] = [r for r in range(page.table.rowCount()) if page.table.item(r, 2).text() == "$123.45"]
    page.table.selectRow(row)
    qtbot.mouseClick(page.correct, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert dialog is not None
    assert dialog.amount.value() == 123.45
    text = "\n".join(label.text() for label in dialog.findChildren(QLabel))
    assert "Wallet of carla: the deposit of $123.45 on" in text
    dialog.amount.setValue(12.34)
    qtbot.keyClicks(dialog.reason, "Typed 12345 for 1234")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    settle()
    notes = [page.table.item(r, 3).text() for r in range(page.table.rowCount())]
    assert any(n.startswith("Reverses the deposit of $123.45 on ") for n in notes), notes
    ids = [t.tx_id for t in ctx.shop.read.shopping.wallet(demo.shopper_ids["carla"]).transactions]
    assert not any(tx_id in note for tx_id in ids for note in notes)  # names, not raw ids


def test_the_event_log_shows_the_newest_first_in_full_and_travels_there(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, demo: DemoShop
) -> None:
    signed_in(qtbot, window, "admin", "admin-password")
    log = window.show_page("event_log")
    assert isinstance(log, EventLogPage)
    head = ctx.shop.read.head()
    positions = [int(log.table.item(r, 0).text().replace(",", "")) for r in range(5)]
    assert positions == list(range(head, head - 5, -1))

    log.order.setCurrentIndex(log.order.findData(False))
    assert log.table.item(0, 0).text() == "1"

    log.stream.setText("cart-")
    log.stream.editingFinished.emit()
    streams = {log.table.item(r, 2).text() for r in range(log.table.rowCount())}
    assert streams and all("cart-" in s for s in streams)

    log.stream.setText("no-such-stream")
    log.stream.editingFinished.emit()
    assert log.count.text() == "No event matches these filters."

    log.stream.setText("")
    log.stream.editingFinished.emit()
    log.type.setCurrentIndex(log.type.findData("ProductAdded"))
    log.table.selectRow(0)
    detail = log.detail.toPlainText()
    assert detail.startswith("Event #1: ProductAdded") or "ProductAdded" in detail.splitlines()[0]
    data = json.loads(detail[detail.index("{") :])
    assert data["name"] and data["price_cents"] > 0

    log.type.setCurrentIndex(log.type.findData("AccountRegistered"))
    log.table.selectRow(0)
    assert "scrypt$" not in log.detail.toPlainText() and "•••" in log.detail.toPlainText()

    log.stream.setText(log.table.item(0, 2).text())
    log.stream.editingFinished.emit()
    assert log.count.text() == "1 event shown"

    target = int(log.table.item(0, 0).text().replace(",", ""))
    qtbot.mouseClick(log.travel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ctx.view.is_past)
    assert window.time_bar.slider.value() == target
    assert ctx.view.read.as_of_position == target


def test_the_event_log_leaves_its_data_readable_beside_ids_as_long_as_real_ones(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, demo: DemoShop
) -> None:
    """With the app's own ids (32 hex digits; a review's stream holds two) the Stream column
    sized to its contents left the Data column "Dat…" at the default window size."""
    ctx.shop.bus.ids = lambda: uuid.uuid4().hex
    product = ctx.handle(c.AddProduct(demo.admin_id, "Kettle", "", 2500))
    zed = ctx.handle(c.RegisterAccount(None, "zed", "zed-password"))
    ctx.handle(c.PostReview(zed, product, 4, "Boils in a minute"))
    signed_in(qtbot, window, "admin", "admin-password")
    log = window.show_page("event_log")
    assert isinstance(log, EventLogPage)
    qtbot.waitUntil(lambda: log.table.rowCount() > 0)
    assert len(log.table.item(0, 2).text()) > 70  # review-<32 hex>.<an account id>
    header = log.table.horizontalHeader()
    widths = {}
    for size in ((1280, 800), (1024, 700)):  # the default, and a small laptop's screen
        window.resize(*size)
        qtbot.waitUntil(lambda s=size: window.width() == s[0])
        QApplication.processEvents()
        widths[size] = (header.sectionSize(2), header.sectionSize(5))
    metrics = log.table.fontMetrics()
    stream, data = widths[(1280, 800)]  # the old code: 300 and 26
    assert data >= metrics.horizontalAdvance('{"product_id": "') and stream >= data / 2, widths
    stream, data = widths[(1024, 700)]
    assert min(stream, data) >= 2 * metrics.horizontalAdvance("Data"), widths
