"""A recorded crash is reproduced by replay; one that no longer happens is reported."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from app.cli.main import main
from app.pages.product_detail import ProductDetail
from app.shell.main_window import MainWindow
from app.shell.replay_factory import make_replay_app
from recorder.fileformat.export import export_session
from recorder.fileformat.shoprec import load_recording
from recorder.replay.run import run_headless
from recorder.writers.web_page import report_data
from tests.app.conftest import click_row
from tests.recorder.conftest import Recorded
from tests.replay.test_recording_script import run_tests


@pytest.fixture(autouse=True)
def close_error_dialogs() -> Iterator[None]:
    yield
    for box in QApplication.topLevelWidgets():
        if isinstance(box, QMessageBox) and box.objectName() == "error_dialog":
            box.close()


def close_the_error_dialog(qtbot: QtBot) -> None:
    """Click Close on the one error dialog that is open."""
    [box] = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.objectName() == "error_dialog" and w.isVisible()
    ]
    [close] = [b for b in box.buttons() if b.objectName() == "close"]
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)


def crash(self: ProductDetail) -> None:
    raise ZeroDivisionError("planted: the cart total divided by zero")


@pytest.fixture
def crash_recording(
    qtbot: QtBot,
    qapp: QApplication,
    recorded: Recorded,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Path:
    """A session that crashed twice on Add to cart, the crash still planted."""
    monkeypatch.setattr(ProductDetail, "_on_add_to_cart", crash)
    window: MainWindow = recorded.window
    monkeypatch.setattr(sys, "excepthook", window.ctx.errors.report)  # as run_app installs it
    window.ctx.session.sign_out()
    qtbot.mouseClick(window.sign_button, Qt.MouseButton.LeftButton)
    dialog = window.dialog
    qtbot.keyClicks(dialog.username, "ann")  # type: ignore[union-attr]
    qtbot.keyClicks(dialog.password, "shopper-pass")  # type: ignore[union-attr]
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: not dialog.isVisible())  # type: ignore[union-attr]  # a job checks
    catalog = window.show_page("catalog")
    click_row(qtbot, catalog.table, "Tea Journal")  # type: ignore[attr-defined]
    qtbot.mouseClick(catalog.detail.add_to_cart, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    close_the_error_dialog(qtbot)  # as the user does, then goes on
    qtbot.mouseClick(catalog.detail.add_to_cart, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    recorded.recorder.sink.flush(wait=True)
    out = tmp_path / "crash.shoprec"
    export_session(recorded.db, out, recorded.recorder.session_id)
    return out


@pytest.mark.qt_no_exception_capture
def test_a_recorded_exception_is_reproduced_at_the_same_step(
    crash_recording: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = crash_recording
    rec = load_recording(out)
    [error, again_error] = rec.exceptions
    assert error["type"] == again_error["type"] == "ZeroDivisionError"
    assert any(e.target.startswith("error_dialog") for e in rec.ui_events)

    again = run_headless(rec, make_replay_app)
    assert again.status == "reproduced", again.report()
    assert again.exit_code == 0
    assert again.step == error["ui_seq"] and "planted" in again.traceback

    monkeypatch.undo()  # the bug is fixed: the crash no longer happens
    fixed = run_headless(load_recording(out), make_replay_app)
    assert fixed.status == "diverged", fixed.report()  # never "could not replay"
    assert fixed.message.startswith(
        f"the recorded ZeroDivisionError at UI event #{error['ui_seq']} did not happen"
    )
    assert fixed.step == error["ui_seq"]


def test_a_file_dialog_answer_is_recorded_and_handed_back_on_replay(
    qtbot: QtBot, qapp: QApplication, recorded: Recorded, tmp_path: Path
) -> None:
    window: MainWindow = recorded.window
    bar, menu = window.menuBar(), window.help_menu  # Help → Report a problem, with the mouse
    qtbot.mouseClick(
        bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(menu.menuAction()).center()
    )
    qtbot.waitExposed(menu)
    [item] = [a for a in menu.actions() if a.objectName() == "report_a_problem"]
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(item).center())
    report = window.report_dialog
    assert report is not None
    qtbot.waitExposed(report)
    qtbot.mouseClick(report.browse, Qt.MouseButton.LeftButton)
    chooser = report.file_dialog
    assert chooser is not None
    assert chooser.testOption(QFileDialog.Option.DontUseNativeDialog)  # Qt's own: drivable
    chosen = str(tmp_path / "chosen-by-the-user.shoprec")
    chooser.selectFile(chosen)
    chooser.accept()  # as a click on Save would
    assert report.path.text() == chosen
    qtbot.keyClick(report.note, Qt.Key.Key_Escape)  # cancel: saving is not the point here
    recorded.recorder.sink.flush(wait=True)
    out = tmp_path / "browse.shoprec"
    export_session(recorded.db, out, recorded.recorder.session_id)
    rec = load_recording(out)
    # The name only: where the user keeps files is none of the report's business.
    assert ("file_dialog", "chosen-by-the-user.shoprec") in rec.inputs
    assert str(tmp_path) not in str(rec.inputs)
    assert [e.data for e in rec.ui_events if e.kind == "menu_action"] == [
        {"action": "report_a_problem"}
    ]
    assert not [e for e in rec.ui_events if "file_dialog" in e.target]  # the answer, not pixels
    verdict = run_headless(rec, make_replay_app)
    assert verdict.status == "identical", verdict.report()


@pytest.mark.qt_no_exception_capture
def test_steps_on_the_error_dialog_of_a_crash_that_no_longer_happens_diverge(
    qtbot: QtBot,
    qapp: QApplication,
    recorded: Recorded,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Not "could not replay: error_dialog was not found": the dialog only existed because of
    the exception, so the verdict names the exception that did not happen."""

    def broken(self: MainWindow) -> None:
        raise RuntimeError("planted: the sign-in button is broken")

    monkeypatch.setattr(MainWindow, "_on_sign_button", broken)
    window: MainWindow = recorded.window
    monkeypatch.setattr(sys, "excepthook", window.ctx.errors.report)
    qtbot.mouseClick(window.sign_button, Qt.MouseButton.LeftButton)
    close_the_error_dialog(qtbot)
    recorded.recorder.sink.flush(wait=True)
    out = tmp_path / "broken-button.shoprec"
    export_session(recorded.db, out, recorded.recorder.session_id)
    [error] = load_recording(out).exceptions

    monkeypatch.undo()  # fixed: the button opens the sign-in dialog again
    verdict = run_headless(load_recording(out), make_replay_app)
    assert verdict.status == "diverged", verdict.report()
    assert verdict.step == error["ui_seq"]
    assert verdict.message.startswith(
        f"the recorded RuntimeError at UI event #{error['ui_seq']} did not happen"
    )
    assert "was on its error dialog" in verdict.message


CRASH_PLANT = """
import os

import pytest


@pytest.fixture(autouse=True)
def plant(monkeypatch):
    if os.environ.get("PLANT") == "crash":
        from app.pages.product_detail import ProductDetail

        def crash(self):
            raise ZeroDivisionError("planted: the cart total divided by zero")

        monkeypatch.setattr(ProductDetail, "_on_add_to_cart", crash)
"""


@pytest.mark.qt_no_exception_capture
def test_a_script_from_a_crash_expects_it_until_it_is_fixed(
    crash_recording: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "generated"
    folder.mkdir()
    test = folder / "test_crash.py"
    assert main(["recording", "script", str(crash_recording), "-o", str(test)]) == 0
    text = test.read_text()
    assert text.count('with shop.raises("ZeroDivisionError"):') == 2
    assert "error_dialog" not in text  # the test catches the exception; no dialog to close
    # The report page marks the same two steps with the exception.
    steps = report_data(load_recording(crash_recording))["steps"]
    crashed = [s for s in steps if s["exceptions"]]
    assert len(crashed) == 2
    assert all(
        s["exceptions"] == ["ZeroDivisionError: planted: the cart total divided by zero"]
        for s in crashed
    )
    (folder / "conftest.py").write_text(CRASH_PLANT)
    crashing = run_tests(folder, plant="crash")
    assert "1 passed" in crashing, crashing
    fixed = run_tests(folder)
    assert "1 failed" in fixed, fixed
    assert re.search(r'step \d+ ".+": the recorded ZeroDivisionError did not happen', fixed)
