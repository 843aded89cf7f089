"""Measurements that need Qt: replay speed and accuracy, seek, shrink, export size (the
recorder's cost to the user is measured in its own section, `measure_recorder.py`)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import contextlib
import itertools

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from app.shell.bootstrap import bootstrap
from app.shell.main_window import MainWindow
from app.shell.replay_factory import make_replay_app
from domain.demo import seed_demo
from domain.readside.queries.catalog import CatalogQueries
from recorder.capture.session import start_recording
from recorder.fileformat.export import export_session
from recorder.fileformat.shoprec import load_recording
from recorder.regression.shrink import shrink_recording
from recorder.replay.replayer import Replayer
from recorder.replay.run import run_headless
from recorder.replay.timer import EXACT

RECORDINGS = Path(__file__).resolve().parent.parent / "recordings"


def app() -> QApplication:
    instance = QApplication.instance() or QApplication([])
    assert isinstance(instance, QApplication)
    return instance


def replay_events_per_second() -> float:
    """As fast as possible, headless, over every recording in recordings/."""
    app()
    total_events, total_time = 0, 0.0
    for path in sorted(RECORDINGS.glob("*.shoprec")):
        recording = load_recording(path)
        started = time.perf_counter()
        verdict = run_headless(recording, make_replay_app)
        total_time += time.perf_counter() - started
        assert verdict.exit_code == 0, verdict.report(str(path))
        total_events += len(recording.ui_events)
    return total_events / total_time


def check_wall_time_s() -> float:
    started = time.perf_counter()
    replay_events_per_second()
    return time.perf_counter() - started


def real_time_errors_ms(name: str = "cart-add-change-remove") -> list[float]:
    """|replayed gap - recorded gap| between consecutive steps, played in real time."""
    app()
    replayer = Replayer(load_recording(RECORDINGS / f"{name}.shoprec"), make_replay_app, EXACT)
    loop = QEventLoop()
    replayer.finished.connect(lambda _v: loop.quit())
    replayer.start()
    if replayer.verdict is None:
        loop.exec()
    replayer.close()
    timings = replayer.timings
    return [abs((b[1] - a[1]) - (b[0] - a[0])) for a, b in itertools.pairwise(timings)]


def long_recording(clicks: int, out: Path) -> Path:
    """Record a session of about 2 x `clicks` UI events (typing in the catalog search)."""

    def typing(window: MainWindow) -> None:
        search = window.pages[0].search  # type: ignore[attr-defined]
        for n in range(clicks):
            QTest.keyClick(search, "teapot "[n % 7])
            if n % 50 == 49:
                QTest.keyClick(search, "a", Qt.KeyboardModifier.ControlModifier)

    return recorded_session(out, typing)


def browsing_then_search(clicks: int, out: Path) -> Path:
    """About 2 x `clicks` UI events (an even count of clicks) of going from page to page,
    then a search for "tea"."""

    def browsing(window: MainWindow) -> None:
        nav = window.nav
        # A page, then the catalog; an odd count still ends on the catalog, whose search
        # box the session types into (a click on a hidden widget could not be replayed).
        for n in range(clicks + clicks % 2):
            row = 0 if n % 2 else 1 + (n // 2) % (nav.count() - 1)
            centre = nav.visualItemRect(nav.item(row)).center()
            QTest.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=centre)
        search = window.pages[0].search  # type: ignore[attr-defined]
        QTest.mouseClick(search, Qt.MouseButton.LeftButton)
        QTest.keyClicks(search, "tea")
        QTest.qWait(400)  # the search debounce fires
        QTest.mouseClick(search, Qt.MouseButton.LeftButton)

    return recorded_session(out, browsing)


def shrink_figures(clicks: int, runs: int, tmp: Path) -> dict[str, Any]:
    """Shrinking a browsing session that fails at its search (the search planted broken),
    against one plain replay of the same file."""
    path = browsing_then_search(clicks, tmp / "browsing.shoprec")
    recording = load_recording(path)
    replays, seconds, kept, one_replay = [], [], [], []
    original = CatalogQueries.products
    for n in range(runs):
        started = time.perf_counter()
        run_headless(recording, make_replay_app)
        one_replay.append(time.perf_counter() - started)
        CatalogQueries.products = lambda self, search="", *a, **k: original(self, "", *a, **k)  # type: ignore[method-assign]
        try:
            result = shrink_recording(path, tmp / f"small-{n}.shoprec", make_replay_app, str)
        finally:
            CatalogQueries.products = original  # type: ignore[method-assign]
        replays.append(float(result.replays))
        seconds.append(result.seconds)
        kept.append(float(result.after))
    return {
        "ui_events": len(recording.ui_events),
        "kept_ui_events": statistics.median(kept),
        "replays": statistics.median(replays),
        "seconds": statistics.median(seconds),
        "one_replay_s": statistics.median(one_replay),
        "ratio_to_one_replay": statistics.median(seconds) / statistics.median(one_replay),
        "runs": runs,
    }


def recorded_session(out: Path, drive: Callable[[MainWindow], None]) -> Path:
    """A session recorded through the real window on a demo shop, exported to `out`."""
    qapp = app()
    tmp = Path(tempfile.mkdtemp())
    seeded = bootstrap(tmp / "shop.db", tmp / "shop.ini")
    seed_demo(seeded.shop.bus, admin_password="admin-password")
    seeded.close()
    ctx = bootstrap(tmp / "shop.db", tmp / "shop.ini", record=True)
    assert ctx.recorder is not None
    ctx.recorder.install(qapp)
    window = MainWindow(ctx)
    window.resize(1280, 800)
    window.show()
    drive(window)
    session = ctx.recorder.session_id
    ctx.recorder.sink.flush(wait=True)
    window.close()
    window.shutdown()
    export_session(tmp / "shop.db", out, session)
    return out


def seek_seconds(path: Path) -> tuple[float, float]:
    """Time to seek to the end from the start, and then back to the middle."""
    app()
    recording = load_recording(path)
    replayer = Replayer(recording, make_replay_app)

    def seek_to(index: int) -> float:
        loop = QEventLoop()
        poll = QTimer(interval=1)
        poll.timeout.connect(
            lambda: (
                loop.quit()
                if replayer.verdict is not None
                or (replayer.index == index and not replayer.timer.running)
                else None
            )
        )
        started = time.perf_counter()
        replayer.seek(index)
        poll.start()
        loop.exec()
        poll.stop()
        return time.perf_counter() - started

    end = len(recording.ui_events) - 1
    forward = seek_to(end)
    back = seek_to(end // 2)
    replayer.close()
    return forward, back


def export_sizes(clicks_small: int, clicks_big: int, tmp: Path) -> dict[str, float]:
    small = long_recording(clicks_small, tmp / "small.shoprec")
    big = long_recording(clicks_big, tmp / "big.shoprec")
    n_small = len(load_recording(small).ui_events)
    n_big = len(load_recording(big).ui_events)
    per_event = (big.stat().st_size - small.stat().st_size) / (n_big - n_small)
    return {"bytes_per_ui_event": per_event, "ui_events": n_big, "bytes": big.stat().st_size}


def thirty_minute_export_bytes(
    history_db: Path, tmp: Path, ui_events: int = 4500
) -> dict[str, float]:
    """A 30-minute session (about 2.5 UI events a second) on a large store: the export size."""
    qapp = app()
    db = tmp / "big.db"
    shutil.copyfile(history_db, db)
    recorder = start_recording(db, {"app_version": "bench"})
    recorder.install(qapp)
    from domain.model import commands as c
    from domain.shop import open_shop

    shop = open_shop(db, context=recorder.context)
    shop.bus.observers.append(recorder.on_command)
    field = QLineEdit()
    field.setObjectName("search")
    field.show()
    accounts = [a.account_id for a in shop.read.accounts.all()[:20]]
    products = [p.product_id for p in shop.read.catalog.products()[:20]]
    for n in range(ui_events // 2):
        QTest.keyClick(field, "x")
        if n % 100 == 0:  # now and then a command, as a shopper adds things to a cart
            with contextlib.suppress(Exception):
                shop.bus.handle(c.AddItemToCart(accounts[n % 20], products[n % 20], 1))
    recorder.sink.flush(wait=True)
    recorder.close()
    shop.close()
    out = tmp / "thirty-minutes.shoprec"
    summary = export_session(db, out, recorder.session_id)
    field.close()
    return {
        "ui_events": summary.ui_events,
        "start_events": summary.start_events,
        "bytes": summary.bytes,
        "full_start_state": summary.full_start_state,
        "store_events": sqlite3.connect(db).execute("SELECT count(*) FROM events").fetchone()[0],
    }
