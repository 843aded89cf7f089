"""Time travel: the shop as it was, read-only, then back to now in one click."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from app.pages.admin_products import ProductsAdminPage
from app.pages.catalog import CatalogPage
from app.shell.bootstrap import AppContext
from app.shell.main_window import MainWindow
from domain.demo import DemoShop
from domain.model import commands as c
from domain.readside.retention import keep
from tests.app.conftest import click_row, settle, signed_in
from tests.conftest import HANG_GUARD_MS
from tests.integration.test_retention import last_at_its_time, recorded_at


def test_travel_back_shows_the_old_price_read_only_and_returns(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, demo: DemoShop
) -> None:
    signed_in(qtbot, window, "admin", "admin-password")
    teapot = demo.product_ids[3]
    before_change = ctx.shop.read.head()
    ctx.handle(c.ChangePrice(demo.admin_id, teapot, 4500))
    settle()
    catalog = window.show_page("catalog")
    assert isinstance(catalog, CatalogPage)
    click_row(qtbot, catalog.table, "Ceramic Teapot")
    assert catalog.detail.price.text() == "$45.00"

    window.time_bar.travel_to(before_change)
    qtbot.waitUntil(lambda: ctx.view.is_past, timeout=HANG_GUARD_MS)
    assert window.banner.property("past") and "read-only" in window.banner.text()
    assert catalog.detail.price.text() == "$39.00"
    assert not catalog.detail.add_to_cart.isEnabled()
    admin = window.show_page("admin_products")
    assert isinstance(admin, ProductsAdminPage)
    assert not admin.add.isEnabled() and not admin.reprice.isEnabled()

    qtbot.mouseClick(window.time_bar.now, Qt.MouseButton.LeftButton)
    assert not ctx.view.is_past and not window.banner.property("past")
    assert "Live" in window.banner.text()
    assert admin.add.isEnabled()
    window.show_page("catalog")
    assert catalog.detail.price.text() == "$45.00"


def test_the_slider_follows_new_events_while_showing_now(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, demo: DemoShop
) -> None:
    ctx.handle(c.DepositFunds(demo.shopper_ids["ann"], 100))
    settle()
    head = ctx.shop.read.head()
    assert window.time_bar.slider.maximum() == head == window.time_bar.slider.value()


def test_back_to_now_beats_a_build_still_running_and_the_newest_choice_wins(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, demo: DemoShop
) -> None:
    """Trips into the past are built on a worker: one that finishes after "Back to now", or
    after a newer trip was chosen, must never put the shop back into that past."""
    bar, head = window.time_bar, ctx.shop.read.head()
    finished: list[str] = []
    ctx.jobs.finished_hooks.append(finished.append)
    bar.travel_to(head // 2)
    qtbot.mouseClick(bar.now, Qt.MouseButton.LeftButton)  # before that build is done
    qtbot.waitUntil(lambda: finished.count("time_travel") == 1 and ctx.jobs.active() == 0)
    assert not ctx.view.is_past and "Now" in bar.label.text()

    bar.travel_to(head // 3)
    bar.travel_to(head // 4)  # chosen while the first is still being built
    qtbot.waitUntil(lambda: finished.count("time_travel") == 3 and ctx.jobs.active() == 0)
    assert ctx.view.is_past and ctx.view.read.as_of_position == head // 4
    assert bar.label.text().endswith(f"event {head // 4:,}")


def test_a_click_on_the_slider_goes_where_it_points_not_one_page(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, demo: DemoShop
) -> None:
    """As a media player's seek bar: a click a quarter of the way along shows the shop a
    quarter of the way through its history; the handle then follows the pointer as a drag."""
    slider = window.time_bar.slider
    head = slider.maximum()
    assert head > 100 and slider.value() == head
    quarter = QPoint(slider.width() // 4, slider.height() // 2)
    qtbot.mousePress(slider, Qt.MouseButton.LeftButton, pos=quarter)
    landed = slider.value()
    assert abs(landed - head // 4) <= head // 20, (landed, head)  # QSlider alone: head - page
    qtbot.mouseMove(slider, QPoint(slider.width() // 2, slider.height() // 2))
    qtbot.mouseRelease(slider, Qt.MouseButton.LeftButton, pos=QPoint(slider.width() // 2, 5))
    assert abs(slider.value() - head // 2) <= head // 20, (slider.value(), head)
    qtbot.waitUntil(lambda: ctx.view.is_past, timeout=HANG_GUARD_MS)


def test_a_shop_keeping_its_last_days_travels_back_that_far_and_says_so(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, demo: DemoShop
) -> None:
    """Retention (domain/readside/retention.py), folded here as another process would while
    the window is open: the first trip past the limit is refused and says so, the slider then
    starts where the kept history does, and the event log's "travel to this event" for an
    older one says why not."""
    bar, head = window.time_bar, ctx.shop.read.head()
    kept = last_at_its_time(ctx.shop.engine, head // 2)
    now = recorded_at(ctx.shop.engine, kept) + timedelta(days=1)
    assert keep(ctx.shop.engine, ctx.shop.projector.stored, 1, now).kept_from == kept
    assert bar.slider.minimum() == 0  # read at the start: it learns on the first refusal
    finished: list[str] = []
    ctx.jobs.finished_hooks.append(finished.append)
    bar.travel_to(kept - 1)
    qtbot.waitUntil(lambda: finished.count("time_travel") == 1, timeout=HANG_GUARD_MS)
    said = f"Event {kept - 1:,} is older than the history kept (from event {kept:,})"
    assert bar.label.text() == said and not ctx.view.is_past
    assert (bar.slider.minimum(), bar.slider.maximum()) == (kept, head)
    assert f"back to event {kept:,}" in bar.slider.toolTip()
    bar.travel_to(kept - 2)  # known now: refused without a trip
    assert bar.label.text().startswith(f"Event {kept - 2:,} is older") and not ctx.view.is_past
    bar.travel_to(kept)
    qtbot.waitUntil(lambda: ctx.view.is_past, timeout=HANG_GUARD_MS)
    assert ctx.view.read.as_of_position == kept
    # Keeping no days: nowhere to travel, and the slider says so instead of inviting a drag.
    bar.back_to_now()
    last = ctx.shop.read.head()
    assert (
        keep(
            ctx.shop.engine, ctx.shop.projector.stored, 0, recorded_at(ctx.shop.engine, last)
        ).kept_from
        == last
    )
    bar.travel_to(last - 1)
    qtbot.waitUntil(lambda: finished.count("time_travel") == 3, timeout=HANG_GUARD_MS)
    assert not bar.slider.isEnabled() and not ctx.view.is_past
    assert bar.slider.toolTip() == f"This shop keeps no history before event {last:,}"
