"""The app's own timers and jobs on one clock: the wall clock live, the recording's in a
replay (held until released where the recording says they went off)."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.shell.background import BackgroundJobs
from recorder.capture.virtual_time import JOB_DONE, TIMER, AppClock, AppTimer

INTERVAL_MS = 20


@pytest.fixture
def owner(qtbot: QtBot) -> QWidget:
    """A page to own the timer, alive for the whole test (it owns the timer's life)."""
    widget = QWidget()
    widget.setObjectName("page")
    qtbot.addWidget(widget)
    return widget


def run_loop_for(ms: int) -> None:
    """The event loop for a while: a wall-clock timer would fire in it (not a speed limit: a
    held timer must not fire however long this runs)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def test_live_a_timer_fires_on_the_wall_clock(qtbot: QtBot, owner: QWidget) -> None:
    fired: list[bool] = []
    timer = AppTimer(owner, "search_debounce", INTERVAL_MS, lambda: fired.append(True), AppClock())
    timer.start()
    qtbot.waitUntil(lambda: fired == [True])


def test_held_a_timer_fires_only_where_it_is_released(qtbot: QtBot, owner: QWidget) -> None:
    clock = AppClock()
    clock.hold()
    fired: list[bool] = []
    timer = AppTimer(owner, "search_debounce", INTERVAL_MS, lambda: fired.append(True), clock)
    timer.start("t")  # as textChanged starts it, with the text
    timer.start("te")
    run_loop_for(10 * INTERVAL_MS)
    assert fired == [] and clock.pending() == ["timer page/search_debounce"]
    assert not clock.release(TIMER, "other/search_debounce")  # not armed: nothing happens
    assert clock.release(TIMER, "page/search_debounce")
    qtbot.waitUntil(lambda: fired == [True])
    assert clock.pending() == [] and not clock.release(TIMER, "page/search_debounce")


def test_held_a_stopped_timer_is_no_longer_armed(qtbot: QtBot, owner: QWidget) -> None:
    clock = AppClock()
    clock.hold()
    timer = AppTimer(owner, "travel_debounce", INTERVAL_MS, lambda: None, clock)
    timer.start()
    timer.stop()
    assert clock.pending() == [] and not clock.release(TIMER, "page/travel_debounce")


def test_held_a_finished_jobs_result_waits_for_its_release(qtbot: QtBot) -> None:
    clock = AppClock()
    clock.hold()
    jobs = BackgroundJobs(clock)
    noted: list[str] = []
    jobs.finished_hooks.append(noted.append)
    results: list[int] = []
    ran = threading.Event()

    def work() -> int:
        ran.set()
        return 42

    jobs.run(work, results.append, name="demo_load")
    qtbot.waitUntil(lambda: clock.pending() == ["job demo_load"])
    assert ran.is_set() and results == [] and noted == []
    assert clock.release(JOB_DONE, "demo_load")
    assert results == [42] and noted == ["demo_load"]  # the recorder hears of it now
    jobs.shutdown()


def test_live_an_unnamed_job_and_a_named_one_deliver_at_once(qtbot: QtBot) -> None:
    jobs = BackgroundJobs(AppClock())
    results: list[int] = []
    jobs.run(lambda: 1, results.append)
    jobs.run(lambda: 2, results.append, name="demo_load")
    qtbot.waitUntil(lambda: sorted(results) == [1, 2])
    jobs.shutdown()
