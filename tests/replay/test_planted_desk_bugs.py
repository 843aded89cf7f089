"""The bugs a real desk found come back: replaying their recordings must then fail, naming the
step. The recordings were made with xdotool on Xvfb (`make record-real`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QTableWidget

from app.pages import catalog as qt_catalog
from app.pages.catalog import CatalogPage
from app.shell.bootstrap import AppContext
from app.shell.main_window import MainWindow
from app.shell.replay_factory import make_replay_app
from app.widgets.format import money, stars
from recorder.fileformat.shoprec import load_recording
from recorder.replay.run import run_headless

RECORDINGS = Path(__file__).resolve().parents[2] / "recordings"


def test_the_stale_detail_after_a_search_is_caught(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As before the fix: rows rewritten in place keep row 0 selected without a selection
    change, and the catalog refreshes whatever product its detail had."""
    monkeypatch.setattr(QTableWidget, "clearSelection", lambda self: None)

    def refresh_without_following(self: CatalogPage) -> None:
        products = self._catalog().products(self.search.text(), self.sort.currentData())
        rows = [
            (p.name, money(p.price_cents), stars(p.average_rating), p.review_count)
            for p in products
        ]
        qt_catalog.fill_table(self.table, rows, [p.product_id for p in products], numeric=(1, 3))
        self.count.setText(f"{len(products)} product{'s' if len(products) != 1 else ''}")
        if qt_catalog.selected_key(self.table) is None and products:
            self.table.selectRow(0)
        self.detail.refresh()

    monkeypatch.setattr(CatalogPage, "refresh", refresh_without_following)
    verdict = run_headless(
        load_recording(RECORDINGS / "bug-stale-detail-after-search.shoprec"), make_replay_app
    )
    assert verdict.status == "diverged", verdict.report()
    assert verdict.step is not None and verdict.step > 50  # after the search, not before


def test_focus_trapped_in_a_table_is_caught(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    original_init = MainWindow.__init__

    def trapping(self: MainWindow, ctx: AppContext) -> None:
        original_init(self, ctx)
        for table in self.findChildren(QTableWidget):
            table.setTabKeyNavigation(True)  # as before the fix: Tab walks the cells

    monkeypatch.setattr(MainWindow, "__init__", trapping)
    verdict = run_headless(
        load_recording(RECORDINGS / "bug-keyboard-trapped-in-tables.shoprec"), make_replay_app
    )
    assert verdict.status == "diverged", verdict.report()
    assert "Tab moved the focus to main/central/pages/catalog/splitter/list/products" in (
        verdict.message
    )
    assert "in the recording it moved to main/central/pages/catalog/splitter/detail" in (
        verdict.message
    )


def test_a_recorder_bug_is_a_finding_of_the_replay(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Replays run the recorder: one that records a wheel turn twice (as the propagation check
    by local position once did) is caught by comparing its recording with the user's."""
    from recorder.capture.inputs import InputCapture

    original = InputCapture._wheel

    def doubled(self: InputCapture, widget: object, event: object) -> None:
        original(self, widget, event)  # type: ignore[arg-type]
        self._last_input = ()  # forget it: the parent's offer is recorded again
        original(self, widget, event)  # type: ignore[arg-type]

    monkeypatch.setattr(InputCapture, "_wheel", doubled)
    verdict = run_headless(
        load_recording(RECORDINGS / "combo-wheel-resize.shoprec"), make_replay_app
    )
    assert verdict.status == "identical"  # the app did as recorded...
    assert not verdict.passed  # ...but the recorder did not
    [finding] = verdict.recorder_findings or []
    assert "wheel main/central/pages/catalog/splitter/detail/body/quantity" in finding
    assert "recorder check, differences" in verdict.report()
