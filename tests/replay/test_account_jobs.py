"""Sign-in, sign-up and a change of password run as background jobs: a session recorded now
has each job's end in it, and replays identically, the end released where the user's came
(recordings made before, without it, are in recordings/ and replay as they did)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.dialogs.account import AccountDialog
from app.dialogs.password import PasswordDialog
from app.shell.main_window import MainWindow
from app.shell.replay_factory import make_replay_app
from recorder.capture.virtual_time import JOB_DONE
from recorder.fileformat.export import export_session
from recorder.fileformat.shoprec import load_recording
from recorder.replay.run import run_headless
from tests.recorder.conftest import ANN_PASSWORD, Recorded


def open_dialog(qtbot: QtBot, window: MainWindow) -> AccountDialog:
    qtbot.mouseClick(window.sign_button, Qt.MouseButton.LeftButton)
    dialog = window.dialog
    assert isinstance(dialog, AccountDialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def submit(qtbot: QtBot, dialog: AccountDialog, field: str) -> None:
    """Enter in `field`, then wait for the job's answer, as the user does."""
    qtbot.keyClick(getattr(dialog, field), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.working)


def test_sign_in_wrong_and_right_and_sign_up_record_their_jobs_and_replay_identically(
    qtbot: QtBot, recorded: Recorded, tmp_path: Path
) -> None:
    window = recorded.window
    window.ctx.session.sign_out()
    dialog = open_dialog(qtbot, window)
    qtbot.keyClicks(dialog.username, "ann")
    qtbot.keyClicks(dialog.password, "not her password")
    submit(qtbot, dialog, "password")
    assert dialog.message.text() == "Wrong password for 'ann'. Passwords are case-sensitive."
    qtbot.keyClicks(dialog.password, ANN_PASSWORD)  # over the selected wrong one
    submit(qtbot, dialog, "password")
    qtbot.waitUntil(lambda: not dialog.isVisible() and window.isActiveWindow())
    assert window.user_label.text() == "Signed in as ann"
    qtbot.mouseClick(window.sign_button, Qt.MouseButton.LeftButton)  # signs out
    dialog = open_dialog(qtbot, window)
    qtbot.mouseClick(dialog.switch, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.username, "Nora")
    qtbot.keyClicks(dialog.password, "a long secret")
    qtbot.keyClicks(dialog.confirm, "a long secret")
    submit(qtbot, dialog, "confirm")
    qtbot.waitUntil(lambda: not dialog.isVisible() and window.isActiveWindow())
    assert window.user_label.text() == "Signed in as Nora"

    recorded.recorder.sink.flush(wait=True)
    out = tmp_path / "account-jobs.shoprec"
    export_session(recorded.db, out, recorded.recorder.session_id)
    recording = load_recording(out)
    ended = [e.target for e in recording.ui_events if e.kind == JOB_DONE]
    assert ended == ["sign_in", "sign_in", "sign_up"]
    verdict = run_headless(recording, make_replay_app)
    assert verdict.status == "identical", verdict.report()


def test_a_wrong_then_right_change_of_password_records_its_jobs_and_replays_identically(
    qtbot: QtBot, recorded: Recorded, tmp_path: Path
) -> None:
    window = recorded.window
    window.ctx.session.sign_out()
    dialog = open_dialog(qtbot, window)
    qtbot.keyClicks(dialog.username, "ann")
    qtbot.keyClicks(dialog.password, ANN_PASSWORD)
    submit(qtbot, dialog, "password")
    qtbot.waitUntil(lambda: not dialog.isVisible() and window.isActiveWindow())
    bar, menu = window.menuBar(), window.menus.menus["menu_account"]  # with the mouse
    qtbot.mouseClick(
        bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(menu.menuAction()).center()
    )
    qtbot.waitExposed(menu)
    item = window.password_action
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(item).center())
    changing = window.password_dialog
    assert isinstance(changing, PasswordDialog)
    qtbot.waitUntil(changing.isActiveWindow)
    qtbot.keyClicks(changing.old, "not her password")
    qtbot.keyClicks(changing.new, "a new passphrase")
    qtbot.keyClicks(changing.confirm, "a new passphrase")
    qtbot.keyClick(changing.confirm, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not changing.working)
    assert changing.message.text().startswith("The current password is wrong")
    qtbot.keyClicks(changing.old, ANN_PASSWORD)  # over the selected wrong one
    qtbot.mouseClick(changing.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not changing.isVisible() and window.isActiveWindow())
    assert window.statusBar().currentMessage() == "Your password was changed."

    recorded.recorder.sink.flush(wait=True)
    out = tmp_path / "password-jobs.shoprec"
    export_session(recorded.db, out, recorded.recorder.session_id)
    recording = load_recording(out)
    ended = [e.target for e in recording.ui_events if e.kind == JOB_DONE]
    assert ended == ["sign_in", "change_password", "change_password"]
    assert [e.type for e in recording.expected][-1:] == ["PasswordChanged"]
    # The three fields, typed twice: in the recording only as masked entries, never the text.
    typed = [e.data for e in recording.ui_events if "password_dialog/" in e.target]
    assert [d for d in typed if "masked" in d] == [{"masked": True, "fill": "long"}] * 4
    raw = out.read_bytes()
    for secret in ("not her password", "a new passphrase", ANN_PASSWORD, "scrypt$"):
        assert secret.encode() not in raw
    verdict = run_headless(recording, make_replay_app)
    assert verdict.status == "identical", verdict.report()
