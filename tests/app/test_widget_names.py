"""Every widget a recording can name has a name of its own (issue #35): a path such as
`…/detail/body/QLabel#0` says where a widget sits among its unnamed siblings, and a label
added above it would rename it in every recording and generated test."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QHeaderView, QScrollBar, QSizeGrip, QWidget
from pytestqt.qtbot import QtBot

from app.pages.wallet import WalletPage
from app.shell.bootstrap import AppContext
from app.shell.main_window import MainWindow
from domain.demo import DemoShop
from domain.model import commands as c
from recorder.capture.entered import is_masked
from recorder.capture.looks import observe
from recorder.capture.schema import FORMAT_VERSION
from recorder.capture.targets import describe
from recorder.capture.widget_paths import descendants
from recorder.fileformat.shoprec import load_recording
from tests.app.conftest import settle

RECORDINGS = Path(__file__).resolve().parents[2] / "recordings"
PLACE = re.compile(r"(^|/)[A-Za-z]+#\d+")  # a step that is a place, not a name


def qt_part(widget: QWidget) -> bool:
    """A part Qt makes inside a named view (its header, a scroll bar, the size grip): recorded
    under the view's path with the part's own (`products [QHeaderView#1]`), as a table's
    viewport is; the app does not make them, and they show nothing a recording compares."""
    current: QWidget | None = widget
    while current is not None and not current.isWindow():
        if isinstance(current, (QHeaderView, QScrollBar, QSizeGrip)):
            return True
        current = current.parentWidget()
    return False


def places(found: set[str]) -> None:
    """Add the paths of every visible widget that are places: as observed, and as targets."""
    settle()
    windows = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    found.update(path for path in observe(windows, is_masked) if PLACE.search(path))
    for window in windows:
        for widget in [window, *descendants(window, QWidget)]:
            if widget.isVisible() and not qt_part(widget):
                widget.setProperty("_recorder_target", None)  # described afresh
                target, sub = describe(widget)
                if PLACE.search(target) or PLACE.search(sub):
                    found.add(f"{target} [{sub}]")


def close_dialogs(window: MainWindow) -> None:
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible() and widget is not window:
            widget.close()
    settle()


def test_every_page_and_dialog_names_what_it_shows(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, demo: DemoShop
) -> None:
    ann = demo.shopper_ids["ann"]
    ctx.handle(c.AddItemToCart(ann, demo.product_ids[0], 1))
    found: set[str] = set()
    visited = 0
    for account_id in (ann, demo.admin_id):
        account = ctx.shop.read.accounts.by_id(account_id)
        assert account is not None
        ctx.session.sign_in(account)
        for page in window.pages:
            if window.show_page(page.objectName()) is not None:
                visited += 1
                places(found)
    window.show_page("catalog")
    for open_it in (
        window.menus.actions["change_password"].trigger,
        window.open_report,
        window.menus.actions["about_replay_shop"].trigger,
    ):
        open_it()
        places(found)
        close_dialogs(window)
    wallet = window.show_page("wallet")  # an admin corrects a shopper's deposit
    assert isinstance(wallet, WalletPage)
    wallet.account.setCurrentIndex(wallet.account.findText("ann", Qt.MatchFlag.MatchStartsWith))
    settle()
    wallet.table.selectRow(0)
    wallet.correct.click()
    assert wallet.dialog is not None and wallet.dialog.isVisible()
    places(found)
    close_dialogs(window)
    ctx.session.sign_out()
    window.sign_button.click()
    places(found)
    assert visited >= 12  # a shopper's pages and an admin's
    assert not sorted(found), "\n".join(sorted(found))


def test_no_committed_recording_calls_a_widget_by_its_place() -> None:
    found = set()
    files = sorted(RECORDINGS.glob("*.shoprec"))
    for path in files:
        recording = load_recording(path)
        assert recording.meta["format_version"] == str(FORMAT_VERSION)
        raw = sqlite3.connect(path)
        try:  # as stored, not as read: an older file's places are renamed while it is read
            stored = raw.execute("SELECT target, sub FROM ui_events").fetchall()
            looks = [
                json.loads(c)["set"] for (c,) in raw.execute("SELECT change FROM ui_observations")
            ]
        finally:
            raw.close()
        found |= {
            f"{path.name}: {t} [{s}]" for t, s in stored if PLACE.search(t) or PLACE.search(s)
        }
        found |= {f"{path.name}: {p}" for seen in looks for p in seen if PLACE.search(p)}
    assert len(files) >= 30 and not found, sorted(found)
