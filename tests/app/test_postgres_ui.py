"""Two app instances' windows on one PostgreSQL server (started by the test run): each shows the
other's changes, and the one that loses a race on the same cart says so and reloads."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.pages.catalog import CatalogPage
from app.shell.bootstrap import AppContext, bootstrap
from app.shell.main_window import MainWindow
from domain.demo import DemoShop, seed_demo
from domain.eventstore.store import CHAIN_LOCK
from domain.model import commands as c
from tests.app.conftest import click_row, signed_in
from tests.conftest import HANG_GUARD_MS

WAIT_MS = HANG_GUARD_MS  # for correctness, not speed: CI machines are loaded


@pytest.fixture
def instances(
    qtbot: QtBot, pg_url: str, tmp_path: Path
) -> Iterator[tuple[list[AppContext], list[MainWindow], DemoShop]]:
    ctxs = [bootstrap(pg_url, tmp_path / f"instance{n}.ini") for n in (1, 2)]
    demo = seed_demo(ctxs[0].shop.bus, admin_password="admin-password")
    windows = []
    for ctx in ctxs:
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
    yield ctxs, windows, demo
    for window in windows:
        window.shutdown()


def catalog_of(window: MainWindow) -> CatalogPage:
    page = window.show_page("catalog")
    assert isinstance(page, CatalogPage)
    return page


def product_names(window: MainWindow) -> list[str]:
    table = catalog_of(window).table
    return [table.item(row, 0).text() for row in range(table.rowCount())]


def test_each_instance_shows_the_others_new_product(
    qtbot: QtBot, instances: tuple[list[AppContext], list[MainWindow], DemoShop]
) -> None:
    ctxs, windows, demo = instances
    window = windows[1]
    catalog_of(window)
    assert "Oolong from the other desk" not in product_names(window)
    ctxs[0].handle(c.AddProduct(demo.admin_id, "Oolong from the other desk", "", 1200))
    # Nobody touches the second window: its projector hears the NOTIFY, its timer reloads.
    qtbot.waitUntil(lambda: "Oolong from the other desk" in product_names(window), timeout=WAIT_MS)
    head = ctxs[0].shop.read.head()
    assert window.time_bar.slider.maximum() == head  # "Now · N events" moved on too


def advisory_waiters(conn: psycopg.Connection) -> int:
    row = conn.execute(
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
    ).fetchone()
    return int(row[0]) if row else 0


def test_the_instance_that_loses_a_race_on_a_cart_says_so_and_reloads(
    qtbot: QtBot, pg_url: str, instances: tuple[list[AppContext], list[MainWindow], DemoShop]
) -> None:
    ctxs, windows, demo = instances
    ann = demo.shopper_ids["ann"]
    window = windows[1]
    signed_in(qtbot, window, "ann", "shopper-pass")
    catalog = catalog_of(window)
    click_row(qtbot, catalog.table, product_names(window)[0])
    detail = catalog.detail
    before = {line.product_id: line.quantity for line in ctxs[1].shop.read.shopping.cart(ann).lines}
    # The read side of neither instance follows the log by itself from here: "shows the
    # latest" must not depend on whether a follower happened to apply the other's change
    # before the reload (it once did, and the cart read back stale on a loaded machine).
    for ctx in ctxs:
        ctx.shop.follower.stop()
    # Hold the chain's lock, so both instances load ann's cart at the same version and then
    # queue for the lock: the other instance first, this window second.
    holder = psycopg.connect(pg_url.replace("+psycopg", ""), autocommit=True)
    watcher = psycopg.connect(pg_url.replace("+psycopg", ""), autocommit=True)
    holder.execute("SELECT pg_advisory_lock(hashtext(%s))", (CHAIN_LOCK,))
    other_result: list[object] = []
    other = threading.Thread(
        target=lambda: other_result.append(
            ctxs[0].handle(c.AddItemToCart(ann, demo.product_ids[1], 3))
        )
    )
    other.start()
    while advisory_waiters(watcher) < 1:
        time.sleep(0.01)

    def release_when_both_wait() -> None:
        while advisory_waiters(watcher) < 2:
            time.sleep(0.01)
        holder.execute("SELECT pg_advisory_unlock(hashtext(%s))", (CHAIN_LOCK,))

    releaser = threading.Thread(target=release_when_both_wait)
    releaser.start()
    qtbot.mouseClick(detail.add_to_cart, Qt.MouseButton.LeftButton)  # waits for the lock
    releaser.join()
    other.join()
    holder.close()
    watcher.close()
    assert other_result  # the other instance's command went through
    message = detail.cart_message.text()
    assert "was changed by someone else" in message and "shows the latest" in message
    after = {line.product_id: line.quantity for line in ctxs[1].shop.read.shopping.cart(ann).lines}
    expected = dict(before)  # the other instance's 3, and nothing of this window's click
    expected[demo.product_ids[1]] = before.get(demo.product_ids[1], 0) + 3
    assert after == expected
