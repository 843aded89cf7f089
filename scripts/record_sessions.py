"""Record the regression sessions in recordings/ by driving the app as a user would.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/record_sessions.py [NAME ...]

Every step is a real click or key press on a widget (QTest), with the recorder on; nothing is
called behind the UI's back. Each session starts from the same seeded demo shop and is
exported as recordings/<name>.shoprec.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QListWidget, QTableWidget, QWidget

from app.shell.bootstrap import bootstrap
from app.shell.main_window import MainWindow
from domain.demo import seed_demo
from domain.model.clock import SequentialIds, SteppingClock
from recorder.fileformat.export import export_session
from tests.conftest import START

OUT = Path(__file__).resolve().parent.parent / "recordings"
PAUSE_MS = 40


class User:
    """Clicks and keys, with short human pauses, on the real widgets of `window`."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def wait(self, ms: int = PAUSE_MS) -> None:
        QTest.qWait(ms)

    def click(self, widget: QWidget, pos: QPoint | None = None) -> None:
        self.wait()
        QTest.mouseClick(
            widget,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            pos or widget.rect().center(),
        )
        self.wait()

    def type(self, widget: QWidget, text: str) -> None:
        self.click(widget)
        for char in text:
            QTest.keyClick(widget, char)
            QTest.qWait(5)

    def key(
        self,
        widget: QWidget,
        key: Qt.Key,
        modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
    ) -> None:
        self.wait()
        QTest.keyClick(widget, key, modifiers)
        self.wait()

    def clear(self, widget: QWidget) -> None:
        self.click(widget)
        self.key(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        self.key(widget, Qt.Key.Key_Delete)

    def row(self, table: QTableWidget | QListWidget, text: str) -> None:
        if isinstance(table, QTableWidget):
            items = [table.item(r, 0) for r in range(table.rowCount())]
            rects = {i.text(): table.visualItemRect(i) for i in items if i is not None}
        else:
            rects = {
                table.item(r).text(): table.visualItemRect(table.item(r))
                for r in range(table.count())
            }
        name = next(n for n in rects if n.startswith(text))
        self.click(table.viewport(), rects[name].center())

    def go(self, page: str) -> None:
        title = next(p.TITLE for p in self.window.pages if p.objectName() == page)
        self.row(self.window.nav, title)

    def choose(self, combo: QComboBox, text: str) -> None:
        """Open the list and pick `text` with the keyboard, as a user may."""
        self.click(combo)
        view = combo.view()
        index = combo.findText(text)
        assert index >= 0, f"{text!r} is not in {combo.objectName()}"
        view.setCurrentIndex(view.model().index(index, 0))
        self.key(view, Qt.Key.Key_Return)
        assert combo.currentText() == text, (combo.currentText(), text)

    def sign_in(self, name: str, password: str) -> None:
        self.click(self.window.sign_button)
        dialog = self.window.dialog
        assert dialog is not None
        self.type(dialog.username, name)  # type: ignore[union-attr]
        self.type(dialog.password, password)  # type: ignore[union-attr]
        self.key(dialog.password, Qt.Key.Key_Return)  # type: ignore[union-attr]
        self.wait(100)
        self.window.activateWindow()  # as a desktop does when a dialog closes

    def sign_out(self) -> None:
        self.click(self.window.sign_button)


def session_signup_signin(u: User) -> None:
    w = u.window
    u.click(w.sign_button)
    dialog = w.dialog
    u.click(dialog.switch)  # type: ignore[union-attr]
    u.type(dialog.username, "Mira")  # type: ignore[union-attr]
    u.type(dialog.password, "short")  # type: ignore[union-attr]
    u.type(dialog.confirm, "short")  # type: ignore[union-attr]
    u.key(dialog.confirm, Qt.Key.Key_Return)  # type: ignore[union-attr]  # refused: too short
    for field in (dialog.password, dialog.confirm):  # type: ignore[union-attr]
        u.clear(field)
        u.type(field, "a-longer-secret")
    u.key(dialog.confirm, Qt.Key.Key_Return)  # type: ignore[union-attr]
    u.sign_out()
    u.sign_in("mira", "wrong-password")
    u.key(w.dialog.password, Qt.Key.Key_Escape)  # type: ignore[union-attr]
    u.sign_in("MIRA", "a-longer-secret")


def session_browse_search(u: User) -> None:
    catalog = u.window.pages[0]
    u.type(catalog.search, "tea")  # type: ignore[attr-defined]
    u.wait(300)
    u.row(catalog.table, "Sencha")  # type: ignore[attr-defined]
    u.clear(catalog.search)  # type: ignore[attr-defined]
    u.wait(300)
    u.choose(catalog.sort, "Sort: Price")  # type: ignore[attr-defined]
    u.row(catalog.table, "Honey Sticks")  # type: ignore[attr-defined]
    u.choose(catalog.sort, "Sort: Best rated")  # type: ignore[attr-defined]
    u.row(catalog.table, "Matcha")  # type: ignore[attr-defined]


def session_cart(u: User) -> None:
    u.sign_in("jon", "shopper-pass")
    catalog = u.window.pages[0]
    u.row(catalog.table, "Tea Journal")  # type: ignore[attr-defined]
    u.key(catalog.detail.quantity, Qt.Key.Key_Up)  # type: ignore[attr-defined]
    u.click(catalog.detail.add_to_cart)  # type: ignore[attr-defined]
    u.row(catalog.table, "Chai Spice")  # type: ignore[attr-defined]
    u.click(catalog.detail.add_to_cart)  # type: ignore[attr-defined]
    u.row(catalog.table, "Milk Frother")  # type: ignore[attr-defined]
    u.click(catalog.detail.add_to_cart)  # type: ignore[attr-defined]
    u.go("cart")
    cart = u.window.pages[1]
    u.row(cart.table, "Chai Spice")  # type: ignore[attr-defined]
    for _ in range(3):
        u.key(cart.quantity, Qt.Key.Key_Up)  # type: ignore[attr-defined]
    u.click(cart.set_quantity)  # type: ignore[attr-defined]
    u.row(cart.table, "Milk Frother")  # type: ignore[attr-defined]
    u.click(cart.remove)  # type: ignore[attr-defined]


def session_checkout(u: User) -> None:
    u.sign_in("lena", "shopper-pass")
    u.go("cart")
    cart = u.window.pages[1]
    while cart.table.rowCount():  # type: ignore[attr-defined]
        u.click(
            cart.table.viewport(),  # type: ignore[attr-defined]
            cart.table.visualItemRect(cart.table.item(0, 0)).center(),
        )  # type: ignore[attr-defined]
        u.click(cart.remove)  # type: ignore[attr-defined]
    # The empty cart says so and its Check out is off; the domain's refusal of an empty
    # checkout is tested below the UI (tests/unit, tests/app/test_shopping_ui.py).
    u.go("catalog")
    catalog = u.window.pages[0]
    u.row(catalog.table, "Variable Temperature Kettle")  # type: ignore[attr-defined]
    u.clear(catalog.detail.quantity)  # type: ignore[attr-defined]
    u.type(catalog.detail.quantity, "9")  # type: ignore[attr-defined]
    u.click(catalog.detail.add_to_cart)  # type: ignore[attr-defined]
    u.go("cart")
    u.click(cart.checkout)  # type: ignore[attr-defined]  # refused: insufficient funds
    u.row(cart.table, "Variable")  # type: ignore[attr-defined]
    u.clear(cart.quantity)  # type: ignore[attr-defined]
    u.type(cart.quantity, "1")  # type: ignore[attr-defined]
    u.click(cart.set_quantity)  # type: ignore[attr-defined]
    u.click(cart.checkout)  # type: ignore[attr-defined]
    u.go("orders")
    u.row(u.window.pages[3].table, "#")  # type: ignore[attr-defined]


def session_reviews(u: User) -> None:
    u.sign_in("gus", "shopper-pass")
    catalog = u.window.pages[0]
    detail = catalog.detail  # type: ignore[attr-defined]
    u.row(catalog.table, "Linen Tea Towels")  # type: ignore[attr-defined]
    u.click(detail.rating, QPoint(26 * 2 + 13, 13))
    u.type(detail.text, "Soft, but they shed lint.")
    u.click(detail.submit)
    u.click(detail.rating, QPoint(26 * 3 + 13, 13))
    u.clear(detail.text)
    u.type(detail.text, "Better after two washes.")
    u.key(detail.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    u.row(catalog.table, "Bamboo Whisk")  # type: ignore[attr-defined]
    u.click(detail.rating, QPoint(26 * 4 + 13, 13))
    u.type(detail.text, "Perfect foam.")
    u.click(detail.submit)
    u.click(detail.delete)


def session_admin_products(u: User) -> None:
    u.sign_in("admin", "admin-password")
    u.go("admin_products")
    page = u.window.pages[4]
    u.type(page.name, "Clay Mug")  # type: ignore[attr-defined]
    u.clear(page.price)  # type: ignore[attr-defined]
    u.type(page.price, "12.50")  # type: ignore[attr-defined]
    u.type(page.description, "Handmade, 300 ml")  # type: ignore[attr-defined]
    u.click(page.add)  # type: ignore[attr-defined]
    u.row(page.table, "Clay Mug")  # type: ignore[attr-defined]
    u.clear(page.new_price)  # type: ignore[attr-defined]
    u.type(page.new_price, "9.99")  # type: ignore[attr-defined]
    u.click(page.reprice)  # type: ignore[attr-defined]
    u.row(page.table, "Rooibos")  # type: ignore[attr-defined]
    u.click(page.retire)  # type: ignore[attr-defined]
    u.click(page.add)  # type: ignore[attr-defined]  # refused: no name


def session_moderation(u: User) -> None:
    u.sign_in("admin", "admin-password")
    u.go("moderation")
    page = u.window.pages[5]
    u.choose(page.status, "Edited")  # type: ignore[attr-defined]
    u.row(page.table, "Ceramic Teapot")  # type: ignore[attr-defined]
    u.click(page.hide_button)  # type: ignore[attr-defined]  # refused: no reason
    u.type(page.reason, "Mentions a competitor")  # type: ignore[attr-defined]
    u.key(page.reason, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    u.choose(page.status, "Hidden")  # type: ignore[attr-defined]


def session_wallet(u: User) -> None:
    u.sign_in("carla", "shopper-pass")
    u.go("wallet")
    page = u.window.pages[2]
    u.clear(page.amount)  # type: ignore[attr-defined]
    u.type(page.amount, "500")  # type: ignore[attr-defined]
    u.click(page.deposit)  # type: ignore[attr-defined]
    u.sign_out()
    u.sign_in("admin", "admin-password")
    u.go("wallet")
    u.choose(page.account, "carla")  # type: ignore[attr-defined]
    u.row(page.table, "")  # type: ignore[attr-defined]  # the newest: the 500.00 deposit
    u.click(page.correct)  # type: ignore[attr-defined]
    dialog = page.dialog  # type: ignore[attr-defined]
    u.clear(dialog.amount)
    u.type(dialog.amount, "50")
    u.type(dialog.reason, "Typed 500 for 50")
    u.key(dialog.reason, Qt.Key.Key_Return)


def session_time_travel(u: User) -> None:
    u.sign_in("admin", "admin-password")
    catalog = u.window.pages[0]
    u.row(catalog.table, "Assam")  # type: ignore[attr-defined]
    slider = u.window.time_bar.slider
    u.click(slider, QPoint(slider.width() // 3, slider.height() // 2))
    for _ in range(5):
        u.key(slider, Qt.Key.Key_PageDown)
    while not u.window.ctx.view.is_past:
        u.wait(50)
    u.wait(200)
    u.click(catalog.detail.add_to_cart)  # type: ignore[attr-defined]  # disabled: the past
    u.go("moderation")
    u.click(u.window.time_bar.now)
    u.go("catalog")


def session_analytics(u: User) -> None:
    u.sign_in("admin", "admin-password")
    u.go("analytics")
    u.row(u.window.pages[6].table, "Cold Brew")  # type: ignore[attr-defined]
    u.go("event_log")
    log = u.window.pages[7]
    u.choose(log.type, "CartCheckedOut")  # type: ignore[attr-defined]
    u.type(log.stream, "setup-shop")  # type: ignore[attr-defined]
    u.key(log.stream, Qt.Key.Key_Return)  # type: ignore[attr-defined]


def session_bug_quantity_carryover(u: User) -> None:
    """The bug: a quantity chosen for one product carried over to the next one selected.
    It was fixed before the app's first commit; tests/replay/test_replay.py plants it again
    and checks that replaying recordings/ catches it at this session."""
    u.sign_in("hiro", "shopper-pass")
    catalog = u.window.pages[0]
    u.row(catalog.table, "Ceramic Teapot")  # type: ignore[attr-defined]
    u.key(catalog.detail.quantity, Qt.Key.Key_Up)  # type: ignore[attr-defined]
    u.click(catalog.detail.add_to_cart)  # type: ignore[attr-defined]
    u.row(catalog.table, "Cast Iron Kettle")  # type: ignore[attr-defined]
    u.click(catalog.detail.add_to_cart)  # type: ignore[attr-defined]  # must add 1, not 2


def session_bug_enter_after_switch(u: User) -> None:
    """The bug: after clicking "New here? Create an account", Enter in the form pressed that
    (auto-default) button again and switched back instead of creating the account. The replay
    of this recording fails on the commit before the fix."""
    u.click(u.window.sign_button)
    dialog = u.window.dialog
    u.click(dialog.switch)  # type: ignore[union-attr]
    u.type(dialog.username, "Noor")  # type: ignore[union-attr]
    u.type(dialog.password, "open-sesame-42")  # type: ignore[union-attr]
    u.type(dialog.confirm, "open-sesame-42")  # type: ignore[union-attr]
    u.key(dialog.confirm, Qt.Key.Key_Return)  # type: ignore[union-attr]


def session_reviews_page(u: User) -> None:
    """The Reviews page by its shortcut: by author, by #tag, by days, and days that cannot be."""
    u.sign_in("ines", "shopper-pass")
    u.key(u.window.nav, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    page = u.window.pages[8]
    u.type(page.author, "bob")  # type: ignore[attr-defined]
    u.wait(400)  # the search debounce fires
    u.clear(page.author)  # type: ignore[attr-defined]
    u.type(page.tag, "#gift")  # type: ignore[attr-defined]
    u.wait(400)
    u.row(page.table, "")  # type: ignore[attr-defined]  # the newest #gift review
    u.type(page.since, "2026-13-40")  # type: ignore[attr-defined]  # no such day: said so
    u.wait(400)
    u.clear(page.since)  # type: ignore[attr-defined]
    u.type(page.since, "2025-01-01")  # type: ignore[attr-defined]
    u.type(page.until, "2024-01-01")  # type: ignore[attr-defined]  # before since: said so
    u.wait(400)
    u.clear(page.until)  # type: ignore[attr-defined]
    u.wait(400)


def session_typed_ratings(u: User) -> None:
    """A review rated with the keys 1 to 5 (7 is not a rating: nothing happens), then undone."""
    u.sign_in("kemal", "shopper-pass")
    catalog = u.window.pages[0]
    detail = catalog.detail  # type: ignore[attr-defined]
    u.row(catalog.table, "Porcelain Gaiwan")  # type: ignore[attr-defined]
    u.click(detail.rating, QPoint(13, 13))
    for key in (Qt.Key.Key_7, Qt.Key.Key_3, Qt.Key.Key_5):
        u.key(detail.rating, key)
    u.type(detail.text, "Thin walls, keeps the heat. #gift")
    u.click(detail.submit)
    u.key(detail.rating, Qt.Key.Key_4)
    u.click(detail.submit)
    u.click(detail.delete)
    u.click(detail.undo)  # the deleted review comes back
    u.row(detail.reviews, "")  # the review list: the first entry


def session_big_amounts(u: User) -> None:
    """$1,000 and more, with cents: a deposit, then a paid checkout of several of a kind."""
    u.sign_in("hiro", "shopper-pass")
    u.go("wallet")
    wallet = u.window.pages[2]
    u.clear(wallet.amount)  # type: ignore[attr-defined]
    u.type(wallet.amount, "1234.56")  # type: ignore[attr-defined]
    u.click(wallet.deposit)  # type: ignore[attr-defined]
    u.go("catalog")
    catalog = u.window.pages[0]
    u.row(catalog.table, "Variable Temperature Kettle")  # type: ignore[attr-defined]
    u.clear(catalog.detail.quantity)  # type: ignore[attr-defined]
    u.type(catalog.detail.quantity, "3")  # type: ignore[attr-defined]
    u.click(catalog.detail.add_to_cart)  # type: ignore[attr-defined]
    u.go("cart")
    u.click(u.window.pages[1].checkout)  # type: ignore[attr-defined]  # 3 x $79.00, paid
    u.go("orders")
    orders = u.window.pages[3]
    u.row(orders.table, "#")  # type: ignore[attr-defined]
    u.row(orders.lines, "Variable")  # type: ignore[attr-defined]
    u.go("wallet")


def session_retired_product(u: User) -> None:
    """An administrator retires a product, then tries again and reprices it: both refused."""
    u.sign_in("admin", "admin-password")
    u.go("admin_products")
    page = u.window.pages[4]
    u.row(page.table, "Tea Tin Set")  # type: ignore[attr-defined]
    u.click(page.retire)  # type: ignore[attr-defined]
    u.click(page.retire)  # type: ignore[attr-defined]  # refused: retired already
    u.clear(page.new_price)  # type: ignore[attr-defined]
    u.type(page.new_price, "15.00")  # type: ignore[attr-defined]
    u.click(page.reprice)  # type: ignore[attr-defined]  # refused: retired
    u.type(page.name, "Tea Tin Set")  # type: ignore[attr-defined]
    u.clear(page.price)  # type: ignore[attr-defined]
    u.click(page.add)  # type: ignore[attr-defined]  # refused: no price


def session_moderation_then_look(u: User) -> None:
    """A review is hidden, the product shows it no more; found by search and shown again."""
    u.sign_in("admin", "admin-password")
    u.go("moderation")
    page = u.window.pages[5]
    u.type(page.search, "grassy")  # type: ignore[attr-defined]  # nothing: said so
    u.wait(400)
    u.clear(page.search)  # type: ignore[attr-defined]
    u.type(page.search, "best")  # type: ignore[attr-defined]
    u.wait(400)
    u.row(page.table, "")  # type: ignore[attr-defined]
    u.row(page.revisions, "")  # type: ignore[attr-defined]
    u.type(page.reason, "Off topic")  # type: ignore[attr-defined]
    u.click(page.hide_button)  # type: ignore[attr-defined]
    u.go("catalog")
    catalog = u.window.pages[0]
    u.row(catalog.table, "Oolong")  # type: ignore[attr-defined]  # the hidden one is gone
    u.go("moderation")
    u.choose(page.status, "Hidden")  # type: ignore[attr-defined]
    u.row(page.table, "")  # type: ignore[attr-defined]
    u.type(page.reason, "Reviewed again: fine")  # type: ignore[attr-defined]
    u.click(page.unhide_button)  # type: ignore[attr-defined]
    u.go("catalog")
    u.row(catalog.table, "Oolong")  # type: ignore[attr-defined]  # and back again


def session_admin_by_keys(u: User) -> None:
    """An administrator's pages by Ctrl+5 to Ctrl+8, the event log read and travelled from,
    back to now by Ctrl+0."""
    u.sign_in("admin", "admin-password")
    ctrl = Qt.KeyboardModifier.ControlModifier
    for key in (Qt.Key.Key_5, Qt.Key.Key_6, Qt.Key.Key_7, Qt.Key.Key_8):
        u.key(u.window.nav, key, ctrl)
    log = u.window.pages[7]
    u.choose(log.order, log.order.itemText(1))  # type: ignore[attr-defined]  # oldest first
    u.click(log.more)  # type: ignore[attr-defined]
    u.row(log.table, "")  # type: ignore[attr-defined]
    u.click(log.travel)  # type: ignore[attr-defined]  # the shop as it was after that event
    u.wait(400)  # the time-travel build
    u.key(u.window.nav, Qt.Key.Key_0, ctrl)  # back to now
    u.key(u.window.nav, Qt.Key.Key_4, ctrl)
    u.sign_out()


def session_signup_refusals(u: User) -> None:
    """A new account with a name someone has, then a name that is not one: both refused."""
    w = u.window
    u.click(w.sign_button)
    dialog = w.dialog
    u.click(dialog.switch)  # type: ignore[union-attr]
    u.type(dialog.username, "ANN")  # type: ignore[union-attr]  # ann's, whatever the case
    u.type(dialog.password, "a-long-secret")  # type: ignore[union-attr]
    u.type(dialog.confirm, "a-long-secret")  # type: ignore[union-attr]
    u.key(dialog.confirm, Qt.Key.Key_Return)  # type: ignore[union-attr]
    u.clear(dialog.username)  # type: ignore[union-attr]
    u.type(dialog.username, "a!")  # type: ignore[union-attr]
    u.key(dialog.confirm, Qt.Key.Key_Return)  # type: ignore[union-attr]
    u.key(dialog.confirm, Qt.Key.Key_Escape)  # type: ignore[union-attr]


def session_retired_in_cart_exact_balance(u: User) -> None:
    """A new shopper pays exactly the whole balance: deposits with cents ($0.29 and the
    rest), 99 of a kind, a product retired while in the cart (marked, and the checkout
    refused), then the paid order's debit seen in the correction dialog by an admin."""
    w = u.window
    u.click(w.sign_button)
    dialog = w.dialog
    u.click(dialog.switch)  # type: ignore[union-attr]
    u.type(dialog.username, "nadia")  # type: ignore[union-attr]
    u.type(dialog.password, "a-long-secret")  # type: ignore[union-attr]
    u.type(dialog.confirm, "a-long-secret")  # type: ignore[union-attr]
    u.key(dialog.confirm, Qt.Key.Key_Return)  # type: ignore[union-attr]
    u.wait(100)
    w.activateWindow()
    u.go("wallet")
    wallet = w.pages[2]
    for amount in ("0.29", "1435.21"):  # $1,435.50: 99 Tea Tin Sets at $14.50
        u.clear(wallet.amount)  # type: ignore[attr-defined]
        u.type(wallet.amount, amount)  # type: ignore[attr-defined]
        u.click(wallet.deposit)  # type: ignore[attr-defined]
    u.go("catalog")
    catalog = w.pages[0]
    u.row(catalog.table, "Glass Tea Cups")  # type: ignore[attr-defined]
    u.click(catalog.detail.add_to_cart)  # type: ignore[attr-defined]
    u.row(catalog.table, "Tea Tin Set")  # type: ignore[attr-defined]
    u.clear(catalog.detail.quantity)  # type: ignore[attr-defined]
    u.type(catalog.detail.quantity, "99")  # type: ignore[attr-defined]  # the most there is
    u.click(catalog.detail.add_to_cart)  # type: ignore[attr-defined]
    u.sign_out()
    u.sign_in("admin", "admin-password")
    u.go("admin_products")
    products = w.pages[4]
    u.row(products.table, "Glass Tea Cups")  # type: ignore[attr-defined]
    u.click(products.retire)  # type: ignore[attr-defined]
    u.sign_out()
    u.sign_in("nadia", "a-long-secret")
    u.go("cart")
    cart = w.pages[1]
    u.click(cart.checkout)  # type: ignore[attr-defined]  # refused: Glass Tea Cups retired
    u.row(cart.table, "Glass Tea Cups")  # type: ignore[attr-defined]  # "(retired)"
    u.click(cart.remove)  # type: ignore[attr-defined]
    u.click(cart.checkout)  # type: ignore[attr-defined]  # $1,435.50 of $1,435.50: paid
    u.go("wallet")
    u.sign_out()
    u.sign_in("admin", "admin-password")
    u.go("wallet")
    u.choose(wallet.account, "nadia")  # type: ignore[attr-defined]
    # The top row, the newest: the order's debit (the rows' times are the same minute, so
    # not by its text).
    table = wallet.table  # type: ignore[attr-defined]
    u.click(table.viewport(), table.visualItemRect(table.item(0, 0)).center())
    u.click(wallet.correct)  # type: ignore[attr-defined]
    correction = wallet.dialog  # type: ignore[attr-defined]
    u.key(correction.amount, Qt.Key.Key_Escape)  # seen, prefilled with $1,435.50; not sent


def session_account_dialog_and_review_days(u: User) -> None:
    """A refused sign-in whose message goes when the dialog switches to sign-up and back; on
    the Reviews page, one day as both From and To, which finds the reviews of that day."""
    w = u.window
    u.click(w.sign_button)
    dialog = w.dialog
    u.type(dialog.username, "ann")  # type: ignore[union-attr]
    u.type(dialog.password, "not-her-password")  # type: ignore[union-attr]
    u.key(dialog.password, Qt.Key.Key_Return)  # type: ignore[union-attr]  # refused
    u.click(dialog.switch)  # type: ignore[union-attr]  # to sign-up: the message goes
    u.click(dialog.switch)  # type: ignore[union-attr]  # and back
    u.key(dialog.password, Qt.Key.Key_Escape)  # type: ignore[union-attr]
    u.wait(100)
    w.activateWindow()
    u.sign_in("ines", "shopper-pass")
    u.key(w.nav, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    page = w.pages[8]
    u.type(page.author, "bob")  # type: ignore[attr-defined]
    u.wait(400)
    # The day of bob's newest review, as the user reads it in the list.
    day = page.table.item(0, 0).text()[:10]  # type: ignore[attr-defined]
    u.clear(page.author)  # type: ignore[attr-defined]
    u.type(page.since, day)  # type: ignore[attr-defined]
    u.type(page.until, day)  # type: ignore[attr-defined]  # the day itself is included
    u.wait(400)
    u.row(page.table, "")  # type: ignore[attr-defined]


SESSIONS: dict[str, Callable[[User], None]] = {
    "signup-signin": session_signup_signin,
    "browse-search": session_browse_search,
    "cart-add-change-remove": session_cart,
    "checkout-refused-and-paid": session_checkout,
    "reviews-post-edit-delete": session_reviews,
    "admin-products": session_admin_products,
    "moderation-hide": session_moderation,
    "wallet-deposit-correction": session_wallet,
    "time-travel": session_time_travel,
    "analytics-and-event-log": session_analytics,
    "bug-quantity-carryover": session_bug_quantity_carryover,
    "bug-enter-after-switch": session_bug_enter_after_switch,
    "reviews-page": session_reviews_page,
    "typed-ratings-undo": session_typed_ratings,
    "big-amounts-multi-checkout": session_big_amounts,
    "retired-product-refused": session_retired_product,
    "moderation-then-look": session_moderation_then_look,
    "admin-pages-by-keys": session_admin_by_keys,
    "signup-refusals": session_signup_refusals,
    "retired-in-cart-exact-balance": session_retired_in_cart_exact_balance,
    "account-dialog-and-review-days": session_account_dialog_and_review_days,
}


def record(name: str, app: QApplication) -> Path:
    tmp = Path(tempfile.mkdtemp())
    seeded = bootstrap(
        tmp / "shop.db", tmp / "shop.ini", clock=SteppingClock(START), ids=SequentialIds("d")
    )
    seed_demo(seeded.shop.bus, admin_password="admin-password")
    seeded.close()
    ctx = bootstrap(tmp / "shop.db", tmp / "shop.ini", record=True)
    assert ctx.recorder is not None
    ctx.recorder.install(app)
    window = MainWindow(ctx)
    window.resize(1280, 800)
    window.show()
    QTest.qWaitForWindowExposed(window)
    SESSIONS[name](User(window))
    QTest.qWait(300)
    session_id = ctx.recorder.session_id
    ctx.recorder.sink.flush(wait=True)
    window.close()
    window.shutdown()
    out = OUT / f"{name}.shoprec"
    summary = export_session(tmp / "shop.db", out, session_id, f"Regression session: {name}")
    print(
        f"{out.name}: {summary.ui_events} UI events, {summary.expected_events} domain events, "
        f"{summary.bytes:,} bytes"
    )
    return out


def main(names: list[str]) -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    OUT.mkdir(exist_ok=True)
    for name in names or list(SESSIONS):
        record(name, app)


if __name__ == "__main__":
    main(sys.argv[1:])
