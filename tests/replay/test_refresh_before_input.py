"""A command's screen refresh is queued; an input the window system already had may come
before it (a key released while the command ran). The recorder delivers the refresh before it
looks at the next input, as a replay does before every step: otherwise the verdict depends on
which of the two the event loop took first (seen on a loaded desk: a review posted with
Ctrl+Return, the Return released before the refresh, every replay "diverged")."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from app.pages.catalog import CatalogPage
from app.shell.replay_factory import make_replay_app
from recorder.fileformat.export import export_session
from recorder.fileformat.shoprec import load_recording
from recorder.replay.run import run_headless
from tests.app.conftest import click_row
from tests.recorder.conftest import ANN_PASSWORD, Recorded
from tests.replay.test_account_jobs import open_dialog, submit


def test_a_key_released_before_the_refresh_is_recorded_after_it(
    qtbot: QtBot, recorded: Recorded, tmp_path: Path
) -> None:
    window = recorded.window
    if recorded.ctx.session.account is None:
        dialog = open_dialog(qtbot, window)
        qtbot.keyClicks(dialog.username, "ann")
        qtbot.keyClicks(dialog.password, ANN_PASSWORD)
        submit(qtbot, dialog, "password")
        qtbot.waitUntil(lambda: not dialog.isVisible() and window.isActiveWindow())
    catalog = window.show_page("catalog")
    assert isinstance(catalog, CatalogPage)
    click_row(qtbot, catalog.table, "Tea Journal")
    detail = catalog.detail
    qtbot.mouseClick(detail.rating, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(detail.text, "Sturdy #paper")
    before = catalog.table.item(catalog.table.currentRow(), 0).text()
    # Press and release back to back, as the window system hands them over when both were
    # queued while the command ran: no turn of the event loop in between.
    QTest.keyPress(detail.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    QTest.keyRelease(detail.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert detail.review_message.text() == "Thanks! Your review is posted."
    qtbot.waitUntil(lambda: catalog.table.item(catalog.table.currentRow(), 0) is not None)
    qtbot.mouseClick(catalog.search, Qt.MouseButton.LeftButton)  # an input after it

    recorded.recorder.sink.flush(wait=True)
    out = tmp_path / "release-before-refresh.shoprec"
    export_session(recorded.db, out, recorded.recorder.session_id)
    recording = load_recording(out)
    assert before, "the catalog showed the product's row before the review"
    verdict = run_headless(recording, make_replay_app)
    assert verdict.status == "identical", verdict.report()
