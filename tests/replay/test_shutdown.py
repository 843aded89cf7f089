"""Closing a replayed app stops everything it started before its throw-away store goes away.

The race these tests arm on purpose made `make test` fail at random: the catalog search's
150 ms debounce fired after a replay had ended and its temporary store had been deleted.
pytest-qt only processes events between tests (no nested event loop), and at that level a
`deleteLater` is never carried out, so the window and its timer lived on.
"""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.pages.catalog import CatalogPage
from app.shell.main_window import MainWindow
from app.shell.replay_factory import make_replay_app
from domain.model.clock import SequentialIds, SteppingClock
from domain.model.passwords import Passwords
from domain.readside import queries
from domain.readside.projector import BuildCancelled
from recorder.replay.factory import ReplaySetup, ReplayTarget
from tests.conftest import START


def start_replayed_app(store: Path) -> ReplayTarget:
    """The app as a replay starts it, on its own copy of a demo shop."""
    return make_replay_app(
        ReplaySetup(
            db_path=store,
            clock=SteppingClock(START),
            ids=SequentialIds(),
            passwords=Passwords(),
            context=lambda: {},
            window_size=None,
            answer=lambda kind: "",
        )
    )


@pytest.fixture
def replay_store(tmp_path: Path, shop_db: Path) -> Path:
    folder = tmp_path / "replay"
    folder.mkdir()
    shutil.copyfile(shop_db, folder / "shop.db")
    return folder / "shop.db"


def spin_events(ms: int) -> None:
    """Run the event loop as pytest-qt does between tests: events and timers, at loop level 0.

    Not `qtbot.wait`: that also carries out deferred deletes and so would hide the race.
    """
    deadline = time.monotonic() + ms / 1000
    while time.monotonic() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


def test_a_pending_search_debounce_never_fires_after_the_replay_closed(
    qtbot: QtBot, qapp: QApplication, replay_store: Path
) -> None:
    target = start_replayed_app(replay_store)
    window = target.window
    assert isinstance(window, MainWindow)
    catalog = window.show_page("catalog")
    assert isinstance(catalog, CatalogPage)
    qtbot.keyClicks(catalog.search, "tea")
    debounce = catalog._debounce
    assert debounce.isActive()  # the race is armed: a refresh is due in 150 ms

    target.close()
    shutil.rmtree(replay_store.parent)  # what the replayer does right after closing

    with qtbot.captureExceptions() as errors:
        spin_events(400)
    assert [str(e[1]) for e in errors] == []
    assert not shiboken6.isValid(window)  # deleted at once, with every timer it owned
    assert not shiboken6.isValid(debounce)
    assert not replay_store.parent.exists()  # nothing reopened (and so recreated) the store


def test_closing_during_a_time_travel_build_cancels_it(
    qtbot: QtBot, qapp: QApplication, replay_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A past view still being built when the app closes is stopped and waited for."""
    started, outcomes = threading.Event(), []
    real_as_of = queries.ReadModel.as_of

    def slow_as_of(self: queries.ReadModel, *args: object, **kwargs: object) -> object:
        started.set()
        cancelled = kwargs["cancelled"]
        assert callable(cancelled)
        while not cancelled():  # a long history: the build is still going when the app closes
            time.sleep(0.005)
        outcomes.append("stopped")
        return real_as_of(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(queries.ReadModel, "as_of", slow_as_of)
    target = start_replayed_app(replay_store)
    window = target.window
    assert isinstance(window, MainWindow)
    ctx = window.ctx
    window.time_bar.travel_to(3)
    qtbot.waitUntil(started.is_set)

    target.close()  # returns only once the worker has stopped
    assert outcomes == ["stopped"]
    assert ctx.jobs.active() == 0
    shutil.rmtree(replay_store.parent)
    with qtbot.captureExceptions() as errors:
        spin_events(300)
    assert errors == []
    assert not ctx.view.is_past  # the cancelled build was never shown


def test_a_cancelled_build_stops_without_a_result(shop_db: Path) -> None:
    from domain.shop import open_shop

    shop = open_shop(shop_db)
    try:
        with pytest.raises(BuildCancelled):
            shop.read.as_of(position=shop.read.head(), cancelled=lambda: True)
        past = shop.read.as_of(position=40, cancelled=lambda: False)
        assert past.is_past and past.catalog.products()  # the demo shop had products by then
        past.close()
    finally:
        shop.close()


def test_a_closed_read_model_refuses_to_quietly_reopen_the_store(shop_db: Path) -> None:
    from domain.shop import open_shop

    shop = open_shop(shop_db)
    shop.close()
    with pytest.raises(queries.ReadModelClosed, match="closed"):
        shop.read.catalog.products()
