"""Read-side bugs turn `check recordings/` red: the recordings keep what the user saw.

Each test plants a bug that issues no command at all (so the domain events still match) and
checks that replaying the recordings fails at the right recording, naming the widget.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from app.pages import wallet as qt_wallet
from app.pages.analytics import AnalyticsPage
from app.shell.replay_factory import make_replay_app
from domain.readside.queries import ReadModel, catalog
from domain.readside.queries.catalog import CatalogQueries
from recorder.regression.check import check_recordings

RECORDINGS = Path(__file__).resolve().parents[2] / "recordings"


def failing(capsys: pytest.CaptureFixture[str], *names: str) -> str:
    paths = [RECORDINGS / f"{name}.shoprec" for name in names]
    assert check_recordings(paths, make_replay_app) == 1
    out = capsys.readouterr().out
    assert "DIVERGED at UI event #" in out and "what the user saw differs" in out
    return out


def test_a_search_that_is_ignored(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    original = CatalogQueries.products

    def everything(self: CatalogQueries, search: str = "", *args: Any, **kwargs: Any) -> Any:
        return original(self, "", *args, **kwargs)

    monkeypatch.setattr(CatalogQueries, "products", everything)
    out = failing(capsys, "browse-search")
    assert "catalog/splitter/list/products" in out
    # The verdict's first line names the step and what the user did there.
    [first] = [line for line in out.splitlines() if line.startswith("DIVERGED at UI event #")]
    assert " on main/central/" in first and "browse-search.shoprec" in first, first


def test_an_analytics_page_that_stays_empty(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(AnalyticsPage, "refresh", lambda self: None)
    out = failing(capsys, "analytics-and-event-log")
    assert "analytics" in out


def test_money_shown_doubled(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real_money = qt_wallet.money
    monkeypatch.setattr(qt_wallet, "money", lambda cents: real_money(cents * 2))
    out = failing(capsys, "wallet-deposit-correction")
    assert "pages/wallet" in out


def test_time_travel_that_shows_the_present(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real_as_of = ReadModel.as_of

    def the_present(self: ReadModel, *args: Any, **kwargs: Any) -> ReadModel:
        past = real_as_of(self, *args, **kwargs)  # marked as the past, but reads the live rows
        past.table = lambda projection, table, *_: self.projector.tables[projection][table]  # type: ignore[method-assign]
        return past

    monkeypatch.setattr(ReadModel, "as_of", the_present)
    failing(capsys, "time-travel")


def test_a_read_model_no_screen_of_the_session_shows(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The removals report is not on screen while a shopper edits a cart, but the recording
    keeps a digest of every read model: a projector that stops counting is caught."""
    from domain.readside.projections.cart_removals import CartRemovals
    from recorder.fileformat.shoprec import load_recording
    from recorder.replay.run import run_headless

    monkeypatch.setattr(CartRemovals, "on_ItemRemovedFromCart", lambda self, r, rows: None)
    rec = load_recording(RECORDINGS / "cart-add-change-remove.shoprec")
    verdict = run_headless(rec, make_replay_app)
    assert verdict.status == "diverged", verdict.report()
    assert verdict.message.startswith("the read models differ at the end of the session")
    assert "cart_removals_v1" in verdict.message
    # The rows themselves: the removal counted when recorded, missing from the replay.
    lines = verdict.diff.splitlines()
    assert lines[0].startswith("cart_removals_v1 table ")
    assert any(line.startswith("-(") for line in lines), verdict.diff


def test_a_read_model_version_the_recording_has_no_digest_of_is_named() -> None:
    from recorder.replay.judge import not_compared

    recorded = {"reviews_v1": "a", "catalog_v2": "b"}
    replayed = {"reviews_v2": "c", "catalog_v2": "b", "review_lookups_v3": "d"}
    assert not_compared(recorded, replayed) == [
        "review_lookups v3 (the recording holds none; `recording rebase` adds it)",
        "reviews v2 (the recording holds v1; `recording rebase` adds it)",
    ]
    assert not_compared({}, replayed) == []  # a partial start state keeps no digests at all


def test_a_read_side_that_crashes_names_the_step_the_query_and_the_widget(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The search's pattern builder raises: only a typed search reaches it, so the app starts
    and the crash comes at the debounce of the first search the user typed."""

    def broken(text: str) -> str:
        raise ZeroDivisionError("planted: the search pattern divided by zero")

    monkeypatch.setattr(catalog, "escape_like", broken)
    paths = [RECORDINGS / "browse-search.shoprec"]
    assert check_recordings(paths, make_replay_app) == 1
    out = capsys.readouterr().out
    [first] = [line for line in out.splitlines() if line.startswith("EXCEPTION at UI event #")]
    assert "search" in first, first  # the step: the search's timer, or a key on the box
    assert "in CatalogQueries.products (domain/readside/queries/catalog.py:" in out, out
    assert "while main/central/pages/catalog ran CatalogPage.refresh (app/pages/catalog.py:" in out
    assert "planted: the search pattern divided by zero" in out
