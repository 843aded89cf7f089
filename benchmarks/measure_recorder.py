"""What the recorder costs the user: page-switch clicks and keys in the app's real main window
on the demo shop, with the recorder on and, as the baseline in the same run, off.

Each input is timed from the synthetic press to the end of the work it caused on the GUI
thread (the input delivered, then the posted events processed, as the event loop would),
so what the recorder does in its event filter, before the input and after it, is inside the
figure. Rounds interleave the two arms and alternate which goes first: a noisy minute on a
shared machine hits both alike. Every round opens a fresh window on a byte copy of one seeded
shop.

Two paces: back to back (the next input as soon as the last one's work is done), and with a
pause of PAUSE_MS after each input, untimed, as a person's pace leaves the app idle. In that
pause the recorder takes the look the next input needs and holds it (recorder/capture/looks.py:
`Looks.hold`), so that work is off the input's path; it is timed on its own (`held_look_ms`),
so what moved is shown, not hidden.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any, Protocol

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.shell.bootstrap import bootstrap
from app.shell.main_window import MainWindow
from domain.demo import seed_demo
from recorder.capture.record import Recorder

TYPED = "tea\b\b\b"  # typed over and over: the search box never grows past three letters
PAUSE_MS = 100  # between two inputs at a person's pace: a fast one, still


def _app() -> QApplication:
    instance = QApplication.instance() or QApplication([])
    assert isinstance(instance, QApplication)
    return instance


def seed_shop(tmp: Path) -> Path:
    ctx = bootstrap(tmp / "seeded.db", tmp / "seeded.ini")
    seed_demo(ctx.shop.bus, admin_password="admin-password")
    ctx.close()
    return tmp / "seeded.db"


def _copy(source: Path, target: Path) -> None:
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    dst.close()
    src.close()


def _timed(qapp: QApplication, act: Any, pause_ms: int = 0) -> float:
    started = time.perf_counter()
    act()
    qapp.processEvents()
    took = time.perf_counter() - started
    if pause_ms:
        QTest.qWait(pause_ms)  # the app idles: its timers fire, the recorder holds its look
    return took


def _timing_holds(looks: Any, times: list[float]) -> None:
    """Time each look the recorder holds in a pause (none before held looks existed)."""
    hold = getattr(looks, "hold", None)
    if hold is None:
        return

    def timed_hold() -> None:
        started = time.perf_counter()
        hold()
        if looks.held is not None:
            times.append(time.perf_counter() - started)

    looks.hold = timed_hold


class BareFilter(QObject):
    """An app-wide event filter that does nothing: what any recorder built as one pays for
    Qt calling into Python for every event of every widget, before doing any work."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        return False


class Watch(Protocol):
    """What else a caller times in an arm (benchmarks/pictures.py: the pictures drawn)."""

    def attach(self, recorder: Recorder) -> None: ...  # once the window's recorder is made

    def timing(self, on: bool) -> None: ...  # the timed inputs begin (True) and end (False)


def one_arm(
    seeded: Path,
    tmp: Path,
    record: bool,
    clicks: int,
    keys: int,
    pause_ms: int = 0,
    watch: Watch | None = None,
    bare_filter: bool = False,
) -> dict[str, list[float]]:
    """Seconds per page-switch click and per key in one fresh window, and per look held.
    `bare_filter`: recorder off, and a `BareFilter` on the application instead."""
    qapp = _app()
    bare = BareFilter() if bare_filter else None
    if bare is not None:
        qapp.installEventFilter(bare)
    tmp.mkdir(parents=True)
    db = tmp / "shop.db"
    _copy(seeded, db)
    ctx = bootstrap(db, tmp / "shop.ini", record=record)
    held: list[float] = []
    if ctx.recorder is not None:
        ctx.recorder.install(qapp)
        _timing_holds(ctx.recorder.looks, held)
        if watch is not None:
            watch.attach(ctx.recorder)
    window = MainWindow(ctx)
    window.resize(1280, 800)
    window.show()
    qapp.processEvents()
    nav = window.nav

    def click_row(row: int) -> None:
        centre = nav.visualItemRect(nav.item(row)).center()
        QTest.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=centre)

    pages = nav.count()
    for row in [*range(1, pages), 0]:  # every page shown once before anything is timed
        _timed(qapp, lambda r=row: click_row(r))
    if watch is not None:
        watch.timing(True)
    switches = [
        _timed(qapp, lambda r=1 + n % (pages - 1) if n % 2 == 0 else 0: click_row(r), pause_ms)
        for n in range(clicks + clicks % 2)  # an even count: the catalog is shown at the end
    ]
    search = window.pages[0].search  # type: ignore[attr-defined]
    QTest.mouseClick(search, Qt.MouseButton.LeftButton)
    qapp.processEvents()
    typed = [
        _timed(qapp, lambda ch=ch: QTest.keyClick(search, ch), pause_ms)
        for ch in (TYPED[n % len(TYPED)] for n in range(keys))
    ]
    if watch is not None:
        watch.timing(False)
    if ctx.recorder is not None:
        ctx.recorder.sink.flush(wait=True)
    window.close()
    window.shutdown()
    window.deleteLater()
    if bare is not None:
        qapp.removeEventFilter(bare)
    qapp.processEvents()
    return {"click": switches, "key": typed, "held": held}


def _figure(off: list[float], on: list[float]) -> dict[str, Any]:
    med_off, med_on = statistics.median(off), statistics.median(on)
    return {
        "recorder_off_ms": {
            "median": med_off * 1000,
            "p90": sorted(off)[int(0.9 * len(off))] * 1000,
        },
        "recorder_on_ms": {"median": med_on * 1000, "p90": sorted(on)[int(0.9 * len(on))] * 1000},
        "ratio": med_on / med_off,
        "samples": len(on),
    }


def _bare(samples: dict[tuple[str, str], list[float]], pace: str) -> dict[str, Any]:
    """The do-nothing filter's click and key against recorder-off in the same rounds."""
    return {
        name: _figure(samples["off", f"{kind}{pace}"], samples["bare filter", f"{kind}{pace}"])
        for name, kind in (("page_switch_click", "click"), ("key_in_catalog_search", "key"))
    }


def recorder_cost(rounds: int, clicks: int, keys: int) -> dict[str, Any]:
    """Medians over every round's inputs, per arm and pace, and the ratio recorder on / off."""
    _app()
    samples: dict[tuple[str, str], list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="replayshop-recorder-cost-") as tmp_dir:
        tmp = Path(tmp_dir)
        seeded = seed_shop(tmp)
        arms = ("off", "on", "bare filter")
        for n in range(rounds):
            for arm_name in arms[n % 3 :] + arms[: n % 3]:  # each arm first in turn
                for pause in (0, PAUSE_MS):
                    arm = one_arm(
                        seeded,
                        tmp / f"round{n}-{arm_name}-{pause}",
                        arm_name == "on",
                        clicks,
                        keys if not pause else min(keys, 60),
                        pause,
                        bare_filter=arm_name == "bare filter",
                    )
                    for kind, times in arm.items():
                        key = (arm_name, f"{kind}{pause or ''}")
                        samples.setdefault(key, []).extend(times)
    held = samples.get(("on", f"held{PAUSE_MS}"), [])
    paused = f"with a pause of {PAUSE_MS} ms after each input"
    return {
        "window": "the app's main window (1280x800) on the demo shop",
        "rounds": rounds,
        "page_switch_click": _figure(samples["off", "click"], samples["on", "click"]),
        "key_in_catalog_search": _figure(samples["off", "key"], samples["on", "key"]),
        # The floor of a recorder that is an application event filter: one doing nothing.
        "bare_filter": _bare(samples, ""),
        "paused": {
            "pace": paused,
            "page_switch_click": _figure(
                samples["off", f"click{PAUSE_MS}"], samples["on", f"click{PAUSE_MS}"]
            ),
            "key_in_catalog_search": _figure(
                samples["off", f"key{PAUSE_MS}"], samples["on", f"key{PAUSE_MS}"]
            ),
            "bare_filter": _bare(samples, str(PAUSE_MS)),
            # The looks taken in the pauses, off the inputs' path (none before held looks).
            "held_looks": len(held),
            "held_look_ms": statistics.median(held) * 1000 if held else None,
        },
    }
