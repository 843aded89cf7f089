"""Catalog, cart and checkout, driven by clicks and keys."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.pages.cart import CartPage
from app.pages.catalog import CatalogPage
from app.pages.orders import OrdersPage
from app.shell.bootstrap import AppContext
from app.shell.main_window import MainWindow
from domain.demo import DemoShop
from domain.model import commands as c
from tests.app.conftest import click_row, events_since, settle, signed_in


def test_search_narrows_and_sort_orders_the_catalog(
    qtbot: QtBot, window: MainWindow, demo: DemoShop
) -> None:
    catalog = window.show_page("catalog")
    assert isinstance(catalog, CatalogPage)
    qtbot.keyClicks(catalog.search, "tea")
    qtbot.waitUntil(lambda: catalog.table.rowCount() < 10)
    names = [catalog.table.item(r, 0).text() for r in range(catalog.table.rowCount())]
    assert names and all("tea" in n.lower() for n in names)
    catalog.search.clear()
    catalog.sort.setCurrentIndex(catalog.sort.findData("price"))
    prices = [
        float(catalog.table.item(r, 1).text().strip("$").replace(",", ""))
        for r in range(catalog.table.rowCount())
    ]
    assert prices == sorted(prices) and len(prices) == 25


def test_add_change_remove_and_check_out(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, demo: DemoShop
) -> None:
    ann = demo.shopper_ids["ann"]
    for line in ctx.shop.read.shopping.cart(ann).lines:  # start from an empty cart
        ctx.handle(c.RemoveItemFromCart(ann, line.product_id))
    ctx.handle(c.DepositFunds(ann, 100_000))
    signed_in(qtbot, window, "ann", "shopper-pass")
    catalog = window.show_page("catalog")
    assert isinstance(catalog, CatalogPage)
    click_row(qtbot, catalog.table, "Ceramic Teapot")
    detail = catalog.detail
    detail.quantity.setValue(2)
    before = ctx.shop.read.head()
    qtbot.mouseClick(detail.add_to_cart, Qt.MouseButton.LeftButton)
    assert detail.cart_message.text() == "Added 2 to your cart."
    click_row(qtbot, catalog.table, "Cast Iron Kettle")
    qtbot.mouseClick(detail.add_to_cart, Qt.MouseButton.LeftButton)

    cart = window.show_page("cart")
    assert isinstance(cart, CartPage)
    assert cart.total.text() == "Total: $142.50"  # 2 x 39.00 + 64.50
    click_row(qtbot, cart.table, "Ceramic Teapot")
    cart.quantity.setValue(3)
    qtbot.mouseClick(cart.set_quantity, Qt.MouseButton.LeftButton)
    settle()
    assert cart.total.text() == "Total: $181.50"
    click_row(qtbot, cart.table, "Cast Iron Kettle")
    qtbot.mouseClick(cart.remove, Qt.MouseButton.LeftButton)
    settle()
    assert cart.table.rowCount() == 1 and cart.total.text() == "Total: $117.00"
    qtbot.mouseClick(cart.checkout, Qt.MouseButton.LeftButton)
    settle()
    assert cart.message.text().startswith("Order placed: 3 × Ceramic Teapot 1 l. Paid $117.00")
    assert cart.table.rowCount() == 0
    assert events_since(ctx, before) == [
        "ItemAddedToCart",
        "ItemAddedToCart",
        "ItemQuantityChanged",
        "ItemRemovedFromCart",
        "CartCheckedOut",
        "FundsDebited",
    ]
    orders = window.show_page("orders")
    assert isinstance(orders, OrdersPage)
    assert orders.table.item(0, 3).text() == "$117.00"


def test_checkout_refusals_are_shown_and_change_nothing(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, demo: DemoShop
) -> None:
    lena = demo.shopper_ids["lena"]
    for line in ctx.shop.read.shopping.cart(lena).lines:
        ctx.handle(c.RemoveItemFromCart(lena, line.product_id))
    signed_in(qtbot, window, "lena", "shopper-pass")
    cart = window.show_page("cart")
    assert isinstance(cart, CartPage)
    before = ctx.shop.read.head()
    # The empty cart says so before anyone tries, and its Check out is off: a click sends
    # nothing (the domain's own refusal is tested in tests/unit).
    assert cart.total.text().startswith("Your cart is empty.")
    assert not cart.checkout.isEnabled()
    qtbot.mouseClick(cart.checkout, Qt.MouseButton.LeftButton)
    assert ctx.shop.read.head() == before and cart.message.text() == ""
    ctx.handle(c.AddItemToCart(lena, demo.product_ids[11], 99))  # 99 kettles: too dear
    before = ctx.shop.read.head()
    cart.refresh()
    qtbot.mouseClick(cart.checkout, Qt.MouseButton.LeftButton)
    assert cart.message.text().startswith("Insufficient funds")
    assert ctx.shop.read.head() == before and cart.table.rowCount() == 1


def test_a_guest_cannot_buy(qtbot: QtBot, window: MainWindow, demo: DemoShop) -> None:
    catalog = window.show_page("catalog")
    assert isinstance(catalog, CatalogPage)
    click_row(qtbot, catalog.table, "Ceramic Teapot")
    assert not catalog.detail.add_to_cart.isEnabled()
    assert catalog.detail.review_box.title() == "Sign in to write a review"
