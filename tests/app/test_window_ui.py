"""Window-wide behaviour: names for every control, settings restored, errors shown."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QSplitter, QTableWidget, QWidget
from pytestqt.qtbot import QtBot

from app.pages.wallet import CorrectionDialog
from app.pages.welcome import WelcomeDialog
from app.shell.bootstrap import AppContext, bootstrap
from app.shell.main_window import MainWindow
from app.shell.screens import account_dialog, welcome_dialog
from domain.demo import DemoShop
from domain.model import commands as c
from domain.readside.follower import Lag
from domain.shop import open_shop
from recorder.capture.widget_paths import interactive_widgets, object_path
from tests.app.conftest import settle, signed_in
from tests.conftest import HANG_GUARD_MS


def assert_all_named_uniquely(root: QWidget) -> int:
    widgets = interactive_widgets(root)
    unnamed = [
        f"{type(w).__name__} under {object_path(w)!r}" for w in widgets if not w.objectName()
    ]
    assert unnamed == []
    paths = Counter(object_path(w) for w in widgets)
    assert [p for p, n in paths.items() if n > 1] == []
    return len(widgets)


def test_every_interactive_widget_has_a_unique_object_path(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, demo: DemoShop
) -> None:
    signed_in(qtbot, window, "admin", "admin-password")
    assert assert_all_named_uniquely(window) > 40
    for extra in (
        account_dialog(ctx, window, sign_up=True),
        welcome_dialog(ctx, window),
        CorrectionDialog(
            window,
            "ann",
            ctx.shop.read.shopping.wallet(demo.shopper_ids["ann"]).transactions[0],
            "",
        ),
    ):
        qtbot.addWidget(extra)
        assert assert_all_named_uniquely(extra) >= 3


def test_window_size_and_page_are_restored_between_runs(qtbot: QtBot, ctx: AppContext) -> None:
    first = MainWindow(ctx)
    qtbot.addWidget(first)
    first.show()
    first.resize(1000, 700)
    first.show_page("orders")
    first.pages[0].findChild(QSplitter, "splitter").setSizes([700, 300])  # type: ignore[union-attr]
    first.close()
    second = MainWindow(ctx)
    qtbot.addWidget(second)
    second.show()
    assert (second.width(), second.height()) == (1000, 700)
    assert second.current_page().objectName() == "orders"
    sizes = second.pages[0].findChild(QSplitter, "splitter").sizes()  # type: ignore[union-attr]
    assert sizes[0] > sizes[1]


def test_an_unexpected_error_goes_to_one_dialog_and_its_listeners(
    qtbot: QtBot, window: MainWindow
) -> None:
    seen: list[str] = []
    window.ctx.errors.add_listener(lambda kind, error, tb: seen.append(str(error)))
    try:
        raise RuntimeError("disk on fire")
    except RuntimeError as error:
        window.ctx.errors.report(RuntimeError, error, error.__traceback__)
    assert seen == ["disk on fire"]
    # This test's dialog: one left over by an earlier test (run in another order) is not it.
    [shown] = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox)
        and w.objectName() == "error_dialog"
        and w.informativeText() == "RuntimeError: disk on fire"
    ]
    assert shown.isVisible()
    assert "Traceback" in shown.detailedText() and "disk on fire" in shown.detailedText()
    shown.close()


def test_first_start_offers_the_demo_and_loads_it_without_freezing(
    qtbot: QtBot, window: MainWindow, ctx: AppContext
) -> None:
    window.start()
    welcome = window.dialog
    assert isinstance(welcome, WelcomeDialog)
    qtbot.waitExposed(welcome)
    qtbot.mouseClick(welcome.demo, Qt.MouseButton.LeftButton)
    assert not welcome.demo.isEnabled()  # returned at once: the seeding runs on a worker
    qtbot.waitUntil(lambda: not welcome.isVisible(), timeout=HANG_GUARD_MS)
    assert window.info is not None and "admin / " in window.info.informativeText()
    assert len(ctx.shop.read.catalog.products()) == 25
    assert window.time_bar.slider.maximum() == ctx.shop.read.head() > 100


def test_tab_leaves_a_table_for_the_next_control(qtbot: QtBot, window: MainWindow) -> None:
    """A keyboard-only user reaches the buttons beside every table (Tab walked the cells)."""
    tables = [t for page in window.pages for t in page.findChildren(QTableWidget)]
    assert tables and not [t.objectName() for t in tables if t.tabKeyNavigation()]
    catalog = window.show_page("catalog")
    table = catalog.table  # type: ignore[attr-defined]
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert not table.hasFocus()


def test_messages_and_the_past_banner_never_move_what_is_below_them(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, demo: DemoShop
) -> None:
    cart = window.show_page("cart")
    checkout = cart.checkout  # type: ignore[attr-defined]
    before = checkout.mapTo(window, checkout.rect().topLeft())
    cart.message.error("The cart is empty: add something first.")  # type: ignore[attr-defined]
    qtbot.wait(50)
    assert checkout.mapTo(window, checkout.rect().topLeft()) == before
    pages_top = window.stack.mapTo(window, window.stack.rect().topLeft())
    window.time_bar.travel_to(ctx.shop.read.head() // 2)
    qtbot.waitUntil(lambda: ctx.view.is_past)
    qtbot.wait(50)
    assert window.stack.mapTo(window, window.stack.rect().topLeft()) == pages_top


def test_screens_refresh_after_a_command_never_inside_it(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, demo: DemoShop
) -> None:
    """No widget code runs within CommandBus.handle: the refresh is queued to the event loop."""
    inside = [False]
    real = ctx.shop.bus.handle

    def handle(command: c.Command) -> object:
        inside[0] = True
        try:
            return real(command)
        finally:
            inside[0] = False

    ctx.shop.bus.handle = handle  # type: ignore[method-assign]
    refreshed: list[bool] = []
    ctx.signals.appended.connect(lambda events: refreshed.append(inside[0]))
    ctx.handle(c.DepositFunds(demo.shopper_ids["ann"], 100))
    assert refreshed == []  # not yet: the command has returned, the loop has not run
    settle()
    assert refreshed == [False]


def test_the_status_bar_shows_how_far_the_read_side_is_behind(
    qtbot: QtBot, window: MainWindow, ctx: AppContext
) -> None:
    """Another process writes to the same store; this window's read side follows it on its
    thread, and the status bar says so while it is behind, then hides again."""
    label = window.lag_label
    assert not label.isVisible()
    other = open_shop(ctx.shop.engine.url.database or "")  # a second app instance, in effect
    try:
        other.bus.handle(c.RegisterAccount(None, "elsewhere", "elsewhere-pass"))
    finally:
        other.close()
    ctx.shop.follower.seen = Lag(0, 1)  # as the thread would have seen it a moment before
    window.status.show_lag()
    assert label.isVisible() and label.text() == "Read side 1 event behind"
    ctx.shop.follower.seen = Lag(0, 1, "RuntimeError: carts broke")
    window.status.show_lag()
    assert label.text() == "Read side stopped at event 0: RuntimeError: carts broke"
    qtbot.waitUntil(lambda: ctx.shop.follower.seen.events == 0, timeout=HANG_GUARD_MS)
    window.status.show_lag()
    assert not label.isVisible()
    assert "elsewhere" in [a.username for a in ctx.shop.read.accounts.all()]


def test_settings_go_to_the_config_folder_not_beside_the_shop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    shop = tmp_path / "data" / "shop.db"
    ctx = bootstrap(shop)
    try:
        ctx.settings.setValue("window/geometry", "remembered")
        ctx.settings.sync()
    finally:
        ctx.close()
    assert Path(ctx.settings.fileName()) == tmp_path / "config" / "ReplayShop" / "settings.ini"
    assert "remembered" in (tmp_path / "config" / "ReplayShop" / "settings.ini").read_text()
    assert sorted(p.name for p in shop.parent.iterdir() if p.suffix == ".ini") == []


def test_a_command_just_before_quitting_does_not_refresh_a_closed_store(
    qtbot: QtBot, ctx: AppContext, demo: DemoShop
) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    ctx.handle(c.DepositFunds(demo.shopper_ids["ann"], 500, "Deposit"))  # "appended" queued
    window.shutdown()
    with qtbot.captureExceptions() as raised:
        QApplication.processEvents()  # the queued signal is delivered now, or never
    assert raised == []
