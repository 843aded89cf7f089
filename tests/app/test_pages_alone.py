"""Each page and dialog built alone, from the few things it is handed (app/shell/screens.py
wires them for the window): a real demo shop on SQLite, a `send` that records each command
and runs it through the shop's real bus, the query object of the moment shown, who is signed
in and whether the moment is the past. No main window, no AppContext reached through."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot

from app.dialogs.account import AccountDialog
from app.dialogs.password import PasswordDialog
from app.pages.admin_products import ProductsAdminPage
from app.pages.analytics import AnalyticsPage
from app.pages.cart import CartPage
from app.pages.catalog import CatalogPage
from app.pages.event_log import EventLogPage
from app.pages.moderation import ModerationPage
from app.pages.orders import OrdersPage
from app.pages.reviews import ReviewsPage
from app.pages.wallet import WalletPage
from app.shell.background import BackgroundJobs
from app.shell.bootstrap import AppContext, Session, ViewState
from app.widgets.format import money
from domain.demo import DemoShop
from domain.model import commands as c
from domain.model.commands import Command
from domain.readside.queries import ReadModel
from domain.shop import Shop
from recorder.capture.virtual_time import AppClock
from tests.seeded import ADMIN_PASSWORD


@dataclass
class Sent:
    """A `send` that keeps every command handed to it and runs it on the real bus."""

    shop: Shop
    commands: list[Command] = field(default_factory=list)

    def __call__(self, command: Command) -> Any:
        self.commands.append(command)
        return self.shop.bus.handle(command)


@dataclass
class Inputs:
    shop: Shop
    demo: DemoShop
    send: Sent
    who: Session
    moment: ViewState
    clock: AppClock

    @property
    def read(self) -> ReadModel:
        """What the window's getters answer: the past while one is shown, else now."""
        return self.moment.read

    def sign_in(self, username: str) -> str:
        account_id = self.demo.admin_id if username == "admin" else self.demo.shopper_ids[username]
        account = self.shop.read.accounts.by_id(account_id)
        assert account is not None
        self.who.sign_in(account)
        return account_id


@pytest.fixture
def inputs(ctx: AppContext, demo: DemoShop) -> Iterator[Inputs]:
    # The shop of the widget tests' fixture (a copy of the seeded demo); the session and the
    # moment are this test's own, so nothing of the app's context is shared with the page.
    moment = ViewState(ctx.shop.read)
    yield Inputs(ctx.shop, demo, Sent(ctx.shop), Session(), moment, AppClock())
    moment.show_now(notify=False)  # a past view's in-memory copy is let go


def column(table: QTableWidget, col: int) -> list[str]:
    return [
        item.text() if (item := table.item(row, col)) is not None else ""
        for row in range(table.rowCount())
    ]


def select_row(table: QTableWidget, text: str) -> None:
    rows = column(table, 0)
    assert any(r.startswith(text) for r in rows), (text, rows)
    table.selectRow(next(i for i, r in enumerate(rows) if r.startswith(text)))


def test_the_catalog_lists_searches_and_adds_to_the_cart(qtbot: QtBot, inputs: Inputs) -> None:
    ann = inputs.sign_in("ann")
    page = CatalogPage(
        inputs.send, lambda: inputs.read.catalog, inputs.who, inputs.moment, inputs.clock
    )
    qtbot.addWidget(page)
    page.refresh()
    page.update_enabled()
    on_sale = inputs.shop.read.catalog.products()
    assert column(page.table, 0) == [p.name for p in on_sale]
    assert page.count.text() == f"{len(on_sale)} products"
    assert page.detail.title.text() == on_sale[0].name  # the first row is selected

    page.search.setText("teapot")
    page.refresh()  # what the search's debounce does
    teapots = inputs.shop.read.catalog.products("teapot")
    assert teapots and column(page.table, 0) == [p.name for p in teapots]

    page.detail.quantity.setValue(2)
    qtbot.mouseClick(page.detail.add_to_cart, Qt.MouseButton.LeftButton)
    assert inputs.send.commands == [c.AddItemToCart(ann, teapots[0].product_id, 2)]
    assert page.detail.cart_message.text() == "Added 2 to your cart."
    lines = {x.product_id: x.quantity for x in inputs.shop.read.shopping.cart(ann).lines}
    assert lines[teapots[0].product_id] >= 2  # in the real shop, on top of any already there


def test_the_product_detail_posts_a_review_for_who_is_signed_in(
    qtbot: QtBot, inputs: Inputs
) -> None:
    carla = inputs.sign_in("carla")
    page = CatalogPage(
        inputs.send, lambda: inputs.read.catalog, inputs.who, inputs.moment, inputs.clock
    )
    qtbot.addWidget(page)
    page.refresh()
    detail = page.detail
    product = detail.product_id
    assert product is not None
    if detail.own_review is not None:  # the demo's history may have left one: start afresh
        qtbot.mouseClick(detail.delete, Qt.MouseButton.LeftButton)
        inputs.send.commands.clear()
    detail.rating.setValue(5)
    detail.text.setPlainText("Alone on its page, and still lovely.")
    qtbot.mouseClick(detail.submit, Qt.MouseButton.LeftButton)
    assert inputs.send.commands == [
        c.PostReview(carla, product, 5, "Alone on its page, and still lovely.")
    ]
    assert detail.review_message.text() == "Thanks! Your review is posted."
    assert detail.reviews.item(0).text().endswith("Alone on its page, and still lovely.")


def test_the_cart_changes_removes_and_checks_out(qtbot: QtBot, inputs: Inputs) -> None:
    dan = inputs.sign_in("dmitri")
    for line in inputs.shop.read.shopping.cart(dan).lines:  # an empty cart to start from
        inputs.shop.bus.handle(c.RemoveItemFromCart(dan, line.product_id))
    first, second = inputs.shop.read.catalog.products(sort="price")[:2]  # affordable
    inputs.shop.bus.handle(c.AddItemToCart(dan, first.product_id, 1))
    inputs.shop.bus.handle(c.AddItemToCart(dan, second.product_id, 1))
    page = CartPage(inputs.send, lambda: inputs.read.shopping, inputs.who, inputs.moment)
    qtbot.addWidget(page)
    page.refresh()
    assert column(page.table, 0) == [first.name, second.name]
    assert page.checkout.isEnabled()

    select_row(page.table, first.name)
    page.quantity.setValue(3)
    qtbot.mouseClick(page.set_quantity, Qt.MouseButton.LeftButton)
    select_row(page.table, second.name)
    qtbot.mouseClick(page.remove, Qt.MouseButton.LeftButton)
    assert page.message.text() == "Removed from your cart."
    assert inputs.send.commands == [
        c.ChangeQuantity(dan, first.product_id, 3),
        c.RemoveItemFromCart(dan, second.product_id),
    ]
    page.refresh()  # what the window does once the command's events are in
    assert column(page.table, 0) == [first.name]
    assert column(page.table, 2) == ["3"]

    qtbot.mouseClick(page.checkout, Qt.MouseButton.LeftButton)
    assert inputs.send.commands[-1] == c.CheckOut(dan)
    assert page.message.text().startswith(f"Order placed: 3 × {first.name}. Paid ")
    page.refresh()
    assert page.table.rowCount() == 0 and not page.checkout.isEnabled()


def test_the_wallet_shows_the_balance_and_deposits(qtbot: QtBot, inputs: Inputs) -> None:
    eve = inputs.sign_in("eve")
    page = WalletPage(
        inputs.send,
        lambda: inputs.read.shopping,
        lambda: inputs.read.accounts,
        inputs.who,
        inputs.moment,
    )
    qtbot.addWidget(page)
    page.refresh()
    before = inputs.shop.read.shopping.wallet(eve)
    assert page.balance.text() == f"Balance: {money(before.balance_cents)}"
    assert page.table.rowCount() == len(before.transactions)
    assert not page.account.isVisible() and not page.correct.isVisible()  # a shopper's own

    page.amount.setValue(12.5)
    qtbot.mouseClick(page.deposit, Qt.MouseButton.LeftButton)
    assert inputs.send.commands == [c.DepositFunds(eve, 1250, "Deposit")]
    assert page.message.text() == "Deposited $12.50."
    page.refresh()
    assert page.balance.text() == f"Balance: {money(before.balance_cents + 1250)}"


def test_orders_lists_the_shoppers_orders_and_their_lines(qtbot: QtBot, inputs: Inputs) -> None:
    shopper = next(
        name
        for name, account in inputs.demo.shopper_ids.items()
        if inputs.shop.read.shopping.orders(account)
    )
    orders = inputs.shop.read.shopping.orders(inputs.sign_in(shopper))
    page = OrdersPage(lambda: inputs.read.shopping, inputs.who, inputs.moment)
    qtbot.addWidget(page)
    page.refresh()
    assert column(page.table, 0) == [f"#{o.order_id[:8]}" for o in orders]
    page.table.selectRow(0)
    assert column(page.lines, 0) == [line.name for line in orders[0].lines]
    assert page.empty.text() == ""


def test_the_products_page_adds_and_retires_for_the_admin(qtbot: QtBot, inputs: Inputs) -> None:
    admin = inputs.sign_in("admin")
    page = ProductsAdminPage(inputs.send, lambda: inputs.read.catalog, inputs.who, inputs.moment)
    qtbot.addWidget(page)
    page.refresh()
    everything = inputs.shop.read.catalog.products(include_retired=True)
    assert column(page.table, 0) == [p.name for p in everything]
    assert "retired" in column(page.table, 2)  # the demo's samovar

    page.name.setText("Tea cosy")
    page.description.setPlainText("Knitted.")
    page.price.setValue(15)
    qtbot.mouseClick(page.add, Qt.MouseButton.LeftButton)
    assert inputs.send.commands == [c.AddProduct(admin, "Tea cosy", "Knitted.", 1500)]
    assert page.add_message.text() == "Added 'Tea cosy'."
    page.refresh()
    select_row(page.table, "Tea cosy")
    qtbot.mouseClick(page.retire, Qt.MouseButton.LeftButton)
    cosy = next(
        p for p in inputs.shop.read.catalog.products(include_retired=True) if p.name == "Tea cosy"
    )
    assert inputs.send.commands[-1] == c.RetireProduct(admin, cosy.product_id)
    assert page.message.text() == "Product retired." and not cosy.active


def test_moderation_lists_every_review_and_hides_one(qtbot: QtBot, inputs: Inputs) -> None:
    admin = inputs.sign_in("admin")
    page = ModerationPage(
        inputs.send, lambda: inputs.read.reviews, inputs.who, inputs.moment, inputs.clock
    )
    qtbot.addWidget(page)
    page.refresh()
    listed = inputs.shop.read.reviews.moderation()
    assert page.table.rowCount() == len(listed)
    assert "hidden" in column(page.table, 2)  # the demo's advertisement

    posted = next(m for m in listed if m.status in ("posted", "edited"))
    page.table.selectRow(next(i for i, m in enumerate(listed) if m is posted))
    assert page.revisions.rowCount() == posted.revisions
    page.reason.setText("Off topic")
    qtbot.mouseClick(page.hide_button, Qt.MouseButton.LeftButton)
    assert inputs.send.commands == [c.HideReview(admin, posted.review_id, "Off topic")]
    assert page.message.text() == "Review hidden." and page.reason.text() == ""


def test_analytics_shows_the_removals(qtbot: QtBot, inputs: Inputs) -> None:
    inputs.sign_in("admin")
    page = AnalyticsPage(lambda: inputs.read.analytics, inputs.who, inputs.moment)
    qtbot.addWidget(page)
    page.refresh()
    stats = inputs.shop.read.analytics.removals()
    assert stats and column(page.table, 0) == [s.name for s in stats]
    assert column(page.table, 2) == [str(s.units_removed) for s in stats]


def test_the_event_log_pages_the_log_and_asks_to_travel(qtbot: QtBot, inputs: Inputs) -> None:
    inputs.sign_in("admin")
    page = EventLogPage(lambda: inputs.read.event_log, inputs.who, inputs.moment)
    qtbot.addWidget(page)
    page.refresh()
    newest = inputs.shop.read.event_log.page(limit=500)
    assert column(page.table, 0) == [str(e.position) for e in newest]
    assert page.count.text() == f"{len(newest):,} events shown"
    page.table.selectRow(1)
    assert page.detail.toPlainText().startswith(f"Event #{newest[1].position:,}: ")
    with qtbot.waitSignal(page.travel_requested) as asked:
        qtbot.mouseClick(page.travel, Qt.MouseButton.LeftButton)
    assert asked.args == [newest[1].position]
    assert inputs.send.commands == []  # it reads only


def test_reviews_finds_by_author(qtbot: QtBot, inputs: Inputs) -> None:
    page = ReviewsPage(lambda: inputs.read.reviews, inputs.who, inputs.moment, inputs.clock)
    qtbot.addWidget(page)
    page.refresh()
    newest = inputs.shop.read.reviews.find(limit=200)
    assert page.table.rowCount() == len(newest) > 0
    page.author.setText("ann")
    page.refresh()  # what the fields' debounce does
    by_ann = inputs.shop.read.reviews.find(author="ann", limit=200)
    assert by_ann and set(column(page.table, 2)) == {"ann"}
    assert page.summary.text() == (
        "1 review found" if len(by_ann) == 1 else f"{len(by_ann)} reviews found"
    )


def test_a_page_shows_the_past_it_is_handed_read_only(qtbot: QtBot, inputs: Inputs) -> None:
    inputs.sign_in("ann")
    page = CatalogPage(
        inputs.send, lambda: inputs.read.catalog, inputs.who, inputs.moment, inputs.clock
    )
    qtbot.addWidget(page)
    at_first_product = next(
        e.position
        for e in inputs.shop.read.event_log.page(newest_first=False)
        if e.type == "ProductAdded"
    )
    inputs.moment.show_past(inputs.shop.read.as_of(position=at_first_product), "then")
    page.refresh()
    page.update_enabled()
    assert page.table.rowCount() == 1  # one product existed then
    assert not page.detail.add_to_cart.isEnabled()  # the past is read-only
    inputs.moment.show_now()
    page.refresh()
    page.update_enabled()
    assert page.table.rowCount() > 1 and page.detail.add_to_cart.isEnabled()


def test_the_password_dialog_compares_with_the_policy_and_sends(
    qtbot: QtBot, inputs: Inputs
) -> None:
    ann = inputs.sign_in("ann")
    jobs = BackgroundJobs(inputs.clock)
    dialog = PasswordDialog(
        lambda command: lambda: answered(inputs.send(command)),
        jobs,
        inputs.shop.bus.passwords,
        inputs.who,
        None,
    )
    qtbot.addWidget(dialog)
    dialog.old.setText("shopper-pass")
    dialog.new.setText("a new secret")
    dialog.confirm.setText("a new secrets")
    qtbot.mouseClick(dialog.submit, Qt.MouseButton.LeftButton)
    assert inputs.send.commands == []  # refused before any command
    assert "differ" in dialog.message.text()
    dialog.confirm.setText("a new secret")
    qtbot.mouseClick(dialog.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.working)  # it runs as a background job
    jobs.shutdown()
    assert inputs.send.commands == [c.ChangePassword(ann, "shopper-pass", "a new secret")]
    assert dialog.result() == PasswordDialog.DialogCode.Accepted


def answered(result: Any) -> Callable[[], Any]:
    """What a prepared command's run gives back to the GUI thread (AppContext.prepare)."""
    return lambda: result


def test_the_account_dialog_signs_in_through_a_job(qtbot: QtBot, inputs: Inputs) -> None:
    signed_in: list[str] = []
    jobs = BackgroundJobs(inputs.clock)
    dialog = AccountDialog(
        lambda command: lambda: answered(inputs.send(command)),
        jobs,
        inputs.shop.bus.passwords,
        inputs.who,
        lambda account: signed_in.append(account.username),
        inputs.shop.read.accounts,
        None,
    )
    qtbot.addWidget(dialog)
    dialog.username.setText("admin")
    dialog.password.setText("wrong password")
    qtbot.mouseClick(dialog.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.working)  # it runs as a background job
    assert signed_in == [] and dialog.message.text()  # refused, and says so
    dialog.password.setText(ADMIN_PASSWORD)
    qtbot.mouseClick(dialog.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.working)
    jobs.shutdown()
    assert inputs.send.commands == [
        c.SignIn(None, "admin", "wrong password"),
        c.SignIn(None, "admin", ADMIN_PASSWORD),
    ]
    assert signed_in == ["admin"]
