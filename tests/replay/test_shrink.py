"""Shrinking a long failing recording to the few steps that still show the bug.

The session is recorded through the real window: a shopper wanders between pages for a long
while, then searches the catalog. With the search planted broken, the recording fails at the
search; shrinking must keep that failure and drop the wandering.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.shell.replay_factory import make_replay_app
from domain.readside.queries.catalog import CatalogQueries
from recorder.fileformat.export import export_session
from recorder.fileformat.shoprec import RecordingError, load_recording
from recorder.regression.shrink import failure_of, shrink_recording
from recorder.replay.run import run_headless
from tests.recorder.conftest import Recorded

ROOT = Path(__file__).resolve().parents[2]


def click_nav(recorded: Recorded, qtbot: QtBot, row: int) -> None:
    nav = recorded.window.nav
    centre = nav.visualItemRect(nav.item(row)).center()
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(centre))


@pytest.fixture
def long_session(recorded: Recorded, qtbot: QtBot, tmp_path: Path) -> Path:
    """Over 200 UI events of browsing, then a search for "tea"."""
    pages = recorded.window.nav.count()
    for n in range(60):
        click_nav(recorded, qtbot, 1 + n % (pages - 1))
        click_nav(recorded, qtbot, 0)  # back to the catalog
    search = recorded.window.pages[0].search  # type: ignore[attr-defined]
    qtbot.mouseClick(search, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(search, "tea")
    qtbot.waitUntil(lambda: "product" in recorded.window.pages[0].count.text())  # type: ignore[attr-defined]
    qtbot.wait(400)  # the search debounce fires and the list shows the teas
    qtbot.mouseClick(search, Qt.MouseButton.LeftButton)  # the next input looks at the screen
    recorded.recorder.sink.flush(wait=True)
    out = tmp_path / "long.shoprec"
    export_session(recorded.db, out, recorded.recorder.session_id)
    return out


def ignore_the_search(monkeypatch: pytest.MonkeyPatch) -> None:
    original = CatalogQueries.products

    def everything(self: CatalogQueries, search: str = "", *args: Any, **kwargs: Any) -> Any:
        return original(self, "", *args, **kwargs)

    monkeypatch.setattr(CatalogQueries, "products", everything)


def test_a_long_recording_shrinks_to_the_search_that_shows_the_bug(
    long_session: Path, qapp: QApplication, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    original = load_recording(long_session)
    assert len(original.ui_events) >= 200
    assert run_headless(original, make_replay_app).passed  # the session itself is fine

    ignore_the_search(monkeypatch)
    before = run_headless(original, make_replay_app)
    assert before.status == "diverged" and "catalog/splitter/list" in before.message

    small_path = tmp_path / "small.shoprec"
    lines: list[str] = []
    result = shrink_recording(long_session, small_path, make_replay_app, lines.append)
    small = load_recording(small_path)
    assert result.before == len(original.ui_events) and result.after == len(small.ui_events)
    assert result.after < 0.15 * result.before, "\n".join(lines)
    assert 3 <= result.replays <= 40  # the default budget, the first and last replays included
    assert "replays left, about" in lines[1]  # each replay says how many may follow
    # The same failure: the same widgets showing the same texts, from the smaller file.
    after = run_headless(small, make_replay_app)
    assert failure_of(after, small.ui_events) == failure_of(before, original.ui_events)
    typed = [e.data.get("text") for e in small.ui_events if e.kind == "key_press"]
    assert typed == ["t", "e", "a"]  # the search is all that is left of the typing
    assert "shrunk from" in small.meta["note"]


def test_shrinking_refuses_what_does_not_fail(qapp: QApplication, tmp_path: Path) -> None:
    source = ROOT / "recordings" / "browse-search.shoprec"
    with pytest.raises(RecordingError, match="does not fail \\(identical\\)"):
        shrink_recording(source, tmp_path / "small.shoprec", make_replay_app, lambda _: None)
    assert not (tmp_path / "small.shoprec").exists()


def test_the_command_needs_an_output_file() -> None:
    source = ROOT / "recordings" / "browse-search.shoprec"
    done = subprocess.run(
        [sys.executable, "-m", "app.cli.main", "recording", "shrink", str(source)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 2
    assert "the following arguments are required: -o/--output" in done.stderr


def test_a_budget_too_small_to_shrink_is_refused_by_name(tmp_path: Path) -> None:
    source = ROOT / "recordings" / "browse-search.shoprec"
    done = subprocess.run(
        [sys.executable, "-m", "app.cli.main", "recording", "shrink", str(source),
         "-o", str(tmp_path / "small.shoprec"), "--max-replays", "2"],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "a shrink needs at least 3 replays" in done.stderr and "not 2" in done.stderr
