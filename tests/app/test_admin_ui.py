"""Admin screens, and what a shopper can and cannot reach."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.pages.admin_products import ProductsAdminPage
from app.pages.analytics import AnalyticsPage
from app.pages.event_log import EventLogPage
from app.pages.moderation import ModerationPage
from app.pages.page import selected_key
from app.shell.bootstrap import AppContext
from app.shell.main_window import MainWindow
from domain.demo import DemoShop
from domain.model import commands as c
from domain.model.errors import NotAuthorized
from tests.app.conftest import click_row, events_since, signed_in


def as_admin(qtbot: QtBot, window: MainWindow) -> None:
    signed_in(qtbot, window, "admin", "admin-password")


def visible_pages(window: MainWindow) -> list[str]:
    return [
        window.nav.item(r).text()
        for r in range(window.nav.count())
        if not window.nav.item(r).isHidden()
    ]


def test_a_shopper_sees_no_admin_actions_and_is_refused_anyway(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, demo: DemoShop
) -> None:
    signed_in(qtbot, window, "ann", "shopper-pass")
    assert visible_pages(window) == ["Catalog", "Cart", "Wallet", "Orders", "Reviews"]
    assert not window.pages[2].correct.isVisible()  # type: ignore[attr-defined]
    with pytest.raises(NotAuthorized, match="Only an administrator can add products"):
        ctx.handle(c.AddProduct(demo.shopper_ids["ann"], "Sneaky", "", 100))


def test_admin_adds_reprices_and_retires_a_product(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, demo: DemoShop
) -> None:
    as_admin(qtbot, window)
    assert visible_pages(window)[-5:-1] == ["Products", "Moderation", "Analytics", "Event log"]
    page = window.show_page("admin_products")
    assert isinstance(page, ProductsAdminPage)
    before = ctx.shop.read.head()
    qtbot.keyClicks(page.name, "Clay Mug")
    page.price.setValue(12.5)
    qtbot.keyClicks(page.description, "Handmade, 300 ml")
    qtbot.mouseClick(page.add, Qt.MouseButton.LeftButton)
    assert page.add_message.text() == "Added 'Clay Mug'."
    click_row(qtbot, page.table, "Clay Mug")
    page.new_price.setValue(9.99)
    qtbot.mouseClick(page.reprice, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.retire, Qt.MouseButton.LeftButton)
    assert events_since(ctx, before) == ["ProductAdded", "ProductRepriced", "ProductRetired"]
    mug = next(
        p for p in ctx.shop.read.catalog.products(include_retired=True) if p.name == "Clay Mug"
    )
    assert (mug.price_cents, mug.active) == (999, False)
    qtbot.mouseClick(page.add, Qt.MouseButton.LeftButton)  # empty name
    assert "Product name '' is not accepted" in page.add_message.text()


def test_moderation_shows_history_and_hides_with_a_reason(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, demo: DemoShop
) -> None:
    as_admin(qtbot, window)
    page = window.show_page("moderation")
    assert isinstance(page, ModerationPage)
    page.status.setCurrentIndex(page.status.findData("edited"))
    click_row(qtbot, page.table, "Ceramic Teapot")
    texts = [page.revisions.item(r, 5).text() for r in range(page.revisions.rowCount())]
    assert texts[:2] == [
        "The lid rattles, and it drips when pouring.",
        "The shop sent a new lid - it pours fine now. Happy.",
    ]
    before = ctx.shop.read.head()
    qtbot.mouseClick(page.hide_button, Qt.MouseButton.LeftButton)
    assert "Give a reason" in page.message.text() and ctx.shop.read.head() == before
    qtbot.keyClicks(page.reason, "Mentions a competitor")
    qtbot.keyClick(page.reason, Qt.Key.Key_Return)
    assert events_since(ctx, before) == ["ReviewHidden"]
    page.status.setCurrentIndex(page.status.findData("hidden"))
    assert page.table.rowCount() == 2  # bob's advert from the demo, and this one


def test_a_hidden_review_is_shown_again_with_a_reason(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, demo: DemoShop
) -> None:
    as_admin(qtbot, window)
    page = window.show_page("moderation")
    assert isinstance(page, ModerationPage)
    page.status.setCurrentIndex(page.status.findData("hidden"))
    click_row(qtbot, page.table, "Ceramic Teapot")  # bob's advert, hidden in the demo
    assert page.unhide_button.isVisible() and not page.hide_button.isVisible()
    review = selected_key(page.table)
    assert review is not None
    before = ctx.shop.read.head()
    qtbot.mouseClick(page.unhide_button, Qt.MouseButton.LeftButton)
    assert "Give a reason" in page.message.text() and ctx.shop.read.head() == before
    qtbot.keyClicks(page.reason, "Not an advert: a link to the manual")
    qtbot.keyClick(page.reason, Qt.Key.Key_Return)
    assert events_since(ctx, before) == ["ReviewUnhidden"]
    assert page.message.text() == "Review shown again."
    product = review.partition(".")[0]
    assert review in {r.review_id for r in ctx.shop.read.catalog.reviews_for(product)}
    page.status.setCurrentIndex(page.status.findData(""))
    click_row(qtbot, page.table, "Ceramic Teapot")
    page.table.selectRow(
        next(
            r
            for r in range(page.table.rowCount())
            if page.table.item(r, 0).data(Qt.ItemDataRole.UserRole) == review
        )
    )
    actions = [page.revisions.item(r, 2).text() for r in range(page.revisions.rowCount())]
    assert actions[-2:] == ["hidden", "unhidden"]
    assert page.hide_button.isVisible() and not page.unhide_button.isVisible()


def test_analytics_and_event_log_views(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, demo: DemoShop
) -> None:
    as_admin(qtbot, window)
    analytics = window.show_page("analytics")
    assert isinstance(analytics, AnalyticsPage)
    expected = [
        (s.name, s.units_removed) for s in ctx.shop.read.analytics.removals() if s.units_removed
    ]
    assert analytics.chart.bars() == expected[:25] and expected
    log = window.show_page("event_log")
    assert isinstance(log, EventLogPage)
    assert log.table.rowCount() == min(500, ctx.shop.read.head())
    log.type.setCurrentIndex(log.type.findData("ReviewHidden"))
    assert {log.table.item(r, 4).text() for r in range(log.table.rowCount())} == {"ReviewHidden"}
    assert "scrypt$" not in "".join(
        log.table.item(r, 5).text() for r in range(log.table.rowCount())
    )
