"""Other writers are input: another instance's events that reached the window during a
recorded session are in the file, at the steps where the window took them in, and a replay
brings them there (issue #29, defect 4).

Before, the export kept only the session's own events after its start, so a replay lacked
the product another instance added while the shopper browsed: "-Comet Mug +(not shown)". The
same session with its other writes taken out of the file still diverges that way.
"""

from __future__ import annotations

import dataclasses
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app.cli.main import main
from app.pages.catalog import CatalogPage
from app.shell.bootstrap import bootstrap
from app.shell.replay_factory import make_replay_app
from domain.demo import seed_demo
from domain.eventstore.database import open_engine, reading
from domain.eventstore.store import head
from domain.model import commands as c
from domain.shop import open_shop
from domain.writeside.bus import CommandBus
from recorder.capture.virtual_time import JOB_DONE, OTHERS_JOB
from recorder.fileformat.export import export_session
from recorder.fileformat.shoprec import load_recording, write_recording
from recorder.replay.run import run_headless
from tests.app.conftest import click_row, recorded_window, settle, sign_in_by_button
from tests.conftest import HANG_GUARD_S
from tests.replay.test_recording_script import run_tests

PASSWORD = "shopper-pass"  # the demo shoppers'
# Generous: how soon the status bar's check (every 500 ms) takes others' events in depends on
# the machine's load; this is a bound for a hung test, not a speed figure.
TAKEN_IN_MS = 60_000


def log_head(engine: Engine) -> int:
    with reading(engine) as conn:
        return head(conn)[0]


def wait_without_events(condition: Callable[[], bool]) -> None:
    """Until `condition` holds, with this thread's event loop not running meanwhile (no
    timer of the window fires); the hang guard is a bound for a hung test, not a speed."""
    deadline = time.monotonic() + HANG_GUARD_S
    while not condition():
        assert time.monotonic() < deadline, "gave up waiting"
        time.sleep(0.01)


def shown_products(catalog: CatalogPage) -> list[str]:
    settle()
    table = catalog.table
    return [item.text() for r in range(table.rowCount()) if (item := table.item(r, 0))]


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgresql":
        return str(request.getfixturevalue("pg_url"))
    return str(tmp_path / "shop.db")


def test_another_instances_events_are_recorded_where_the_window_took_them_in_and_replayed(
    qtbot: QtBot, qapp: QApplication, store_url: str, tmp_path: Path
) -> None:
    seeding = open_shop(store_url)
    demo = seed_demo(seeding.bus, admin_password="admin-password")
    seeding.close()
    server = "://" in store_url
    ctx = bootstrap(
        store_url,
        tmp_path / "settings.ini",
        record=True,
        desk=tmp_path / "desk.db" if server else None,
    )
    # Another instance on the same store: its own engine and bus, no session of this window.
    engine = open_engine(store_url)
    elsewhere = CommandBus(engine)
    try:
        recorder, window = recorded_window(qtbot, qapp, ctx)
        window.start()

        sign_in_by_button(qtbot, window, "carla", PASSWORD)
        catalog = window.show_page("catalog")
        assert isinstance(catalog, CatalogPage)
        assert "Comet Mug" not in shown_products(catalog)

        # Elsewhere: the admin adds a product, bob deposits (private to bob).
        mug = elsewhere.handle(c.AddProduct(demo.admin_id, "Comet Mug", "Holds tea.", 1250))
        elsewhere.handle(c.DepositFunds(demo.shopper_ids["bob"], 4000))
        # The window takes in both at one check: the status bar's check (on this thread, so
        # not before the wait below ends) takes in what the read side's thread last saw of
        # the log, and that thread may have looked between the two commits. Taken in at two
        # checks, the two are two steps of the session, as they should be, but then the
        # written test below has three steps that bring them, not two.
        both = log_head(engine)
        wait_without_events(lambda: ctx.shop.follower.seen.head >= both)
        qtbot.waitUntil(lambda: "Comet Mug" in shown_products(catalog), timeout=TAKEN_IN_MS)
        click_row(qtbot, catalog.table, "Comet Mug")
        # The price changes elsewhere just before carla's click: her command finds it.
        elsewhere.handle(c.ChangePrice(demo.admin_id, str(mug), 990))
        qtbot.mouseClick(catalog.detail.add_to_cart, Qt.MouseButton.LeftButton)
        settle()
        recorder.observe_end()
        recorder.sink.flush(wait=True)
        out = tmp_path / "carla-and-others.shoprec"
        with ctx.recorded_sessions() as sessions:
            export_session(sessions, out, recorder.session_id)
        window.close()
        window.shutdown()
    finally:
        elsewhere.writer.close()
        engine.dispose()
        ctx.close()

    recording = load_recording(out)
    assert recording.meta["scope"] == "shopper"
    takes = [e for e in recording.ui_events if (e.kind, e.target) == (JOB_DONE, OTHERS_JOB)]
    assert takes, "the window never took the other instance's events in"
    brought = {row[4]: row for _, row in recording.other_writes}
    assert set(brought) == {"ProductAdded", "EventWithheld", "ProductRepriced"}
    # Bob's deposit is his: a shopper's report holds a placeholder at its position.
    assert brought["EventWithheld"][1] == "withheld"
    assert b"admin-password" not in out.read_bytes()
    # The price change came before carla's command: it goes before her click, not later.
    price_before = next(b for b, row in recording.other_writes if row[4] == "ProductRepriced")
    added = next(e for e in recording.expected if e.type == "ItemAddedToCart")
    assert price_before <= int(str(added.correlation_id)[3:])
    assert added.data["unit_price_cents"] == 990

    verdict = run_headless(recording, make_replay_app)
    assert verdict.passed, verdict.report()

    # Without the other instance's events the same session cannot be replayed as it was.
    cut = tmp_path / "without-others.shoprec"
    write_recording(dataclasses.replace(recording, other_writes=[]), cut)
    assert not run_headless(load_recording(cut), make_replay_app).passed

    if server:  # a test written from the file brings them too (one store is enough to show)
        assert main(["recording", "script", str(out), "-o", str(tmp_path / "test_w.py")]) == 0
        written = (tmp_path / "test_w.py").read_text()
        assert 'shop.step("other app instances\' changes arrive")' in written
        assert written.count("shop.others_before(") == 2  # the take-in, and before the click
        out_text = run_tests(tmp_path, "test_w.py")
        assert re.search(r"\b1 passed", out_text), out_text
        assert main(["recording", "script", str(cut), "-o", str(tmp_path / "test_cut.py")]) == 0
        cut_out = run_tests(tmp_path, "test_cut.py")  # nothing for the window to take in
        assert "1 failed" in cut_out and "others ran 0 times" in cut_out, cut_out
