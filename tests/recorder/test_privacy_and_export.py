"""Passwords and hashes never reach a recording; the export is one self-contained file."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from app.feedback import show_unexpected_error
from app.qt_report_dialog import ReportDialog
from recorder.export import export_session
from recorder.fileformat import load_recording
from tests.app.conftest import click_row
from tests.recorder.conftest import Recorded

SECRET = "Tr0ub4dor&3-zebra"
FILLS = ("empty", "short", "long")


def sign_up_with_secret(qtbot: QtBot, recorded: Recorded) -> None:
    dialog = recorded.window.open_sign_in(sign_up=True)
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.username, "secretive")
    qtbot.keyClicks(dialog.password, SECRET)
    qtbot.keyClicks(dialog.confirm, SECRET)
    qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_no_password_or_hash_in_the_ui_tables_or_the_export(
    qtbot: QtBot, recorded: Recorded, tmp_path: Path
) -> None:
    sign_up_with_secret(qtbot, recorded)
    recorded.recorder.sink.flush(wait=True)
    db = sqlite3.connect(recorded.db)
    stored_hash = db.execute(
        "SELECT json_extract(data, '$.password_hash') FROM events "
        "WHERE event_type = 'AccountRegistered' ORDER BY position DESC"
    ).fetchone()[0]
    assert stored_hash.startswith("scrypt$")  # the shop itself keeps the hash, as it must
    ui_text = "".join(
        str(row)
        for table in ("ui_events", "ui_inputs", "ui_sessions")
        for row in db.execute(f"SELECT * FROM {table}")
    )
    db.close()
    assert SECRET not in ui_text and stored_hash not in ui_text
    # One entry per field, saying only that it was long enough: no key, not even the length.
    entries = [e for e in recorded_events(recorded) if e[1] in ("password", "confirm")]
    enter = {"key": Qt.Key.Key_Return.value, "modifiers": 0, "text": "\r", "autorepeat": False}
    assert entries == [
        ("text_entered", "password", {"masked": True, "fill": "long"}),
        ("text_entered", "confirm", {"masked": True, "fill": "long"}),
        ("key_press", "confirm", enter),  # Return types nothing: it sends the form
        ("key_release", "confirm", enter),
    ]

    out = tmp_path / "report.shoprec"
    export_session(recorded.db, out, recorded.recorder.session_id)
    raw = out.read_bytes()
    assert SECRET.encode() not in raw
    assert b"scrypt$" not in raw and stored_hash.encode() not in raw
    recording = load_recording(out)
    registered = [e for e in recording.expected if e.type == "AccountRegistered"]
    assert [e.data["password_hash"] for e in registered] == ["redacted"]


def recorded_events(recorded: Recorded) -> list[tuple[str, str, dict[str, object]]]:
    """(kind, the widget's name, data) of every UI event but focus and mouse ones."""
    db = sqlite3.connect(recorded.db)
    rows = db.execute("SELECT kind, target, data FROM ui_events ORDER BY seq").fetchall()
    db.close()
    return [
        (kind, target.rsplit("/", 1)[-1], json.loads(data))
        for kind, target, data in rows
        if kind != "focus_in" and not kind.startswith("mouse_")
    ]


@pytest.mark.parametrize(
    "held",
    [
        Qt.KeyboardModifier.ControlModifier,
        Qt.KeyboardModifier.AltModifier,
        Qt.KeyboardModifier.MetaModifier,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier,  # AltGr
        Qt.KeyboardModifier.ShiftModifier,
    ],
)
def test_a_password_typed_with_any_modifier_never_reaches_a_recording(
    qtbot: QtBot, recorded: Recorded, tmp_path: Path, held: Qt.KeyboardModifier
) -> None:
    dialog = recorded.window.open_sign_in(sign_up=False)
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.username, "ann")
    for char in SECRET:
        qtbot.keyClick(dialog.password, char, held)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Escape)
    recorded.recorder.sink.flush(wait=True)
    on_password = [e for e in recorded_events(recorded) if e[1] == "password"]
    escape = {"key": Qt.Key.Key_Escape.value, "modifiers": 0, "text": "\x1b", "autorepeat": False}
    kind, _, data = on_password[0]
    # Held Ctrl, Alt or Meta, the keys may type nothing: the field is then empty, or not.
    assert kind == "text_entered" and data in ({"masked": True, "fill": f} for f in FILLS)
    assert on_password[1:] == [
        ("key_press", "password", escape),  # leaving the form says nothing of the password
        ("key_release", "password", escape),
    ]

    out = tmp_path / "report.shoprec"
    export_session(recorded.db, out, recorded.recorder.session_id)
    shown = subprocess.run(
        [sys.executable, "-m", "app.cli", "recording", "show", "--json", str(out)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    password_events = [
        e for e in json.loads(shown)["ui_events"] if e["target"].endswith("/password")
    ]
    assert [e["kind"] for e in password_events] == ["text_entered", "key_press", "key_release"]
    assert SECRET.encode() not in out.read_bytes() and SECRET not in shown


def test_help_report_exports_the_session_with_a_note(
    qtbot: QtBot, recorded: Recorded, tmp_path: Path
) -> None:
    catalog = recorded.window.show_page("catalog")
    click_row(qtbot, catalog.table, "Tea Journal")  # type: ignore[attr-defined]
    dialog = recorded.window.open_report()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.note, "The histogram looked empty")
    dialog.path.setText(str(tmp_path / "bug"))
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    assert dialog.saved == tmp_path / "bug.shoprec"
    recording = load_recording(tmp_path / "bug.shoprec")
    assert recording.meta["note"] == "The histogram looked empty"
    assert recording.meta["app_version"] and recording.meta["qt_version"]
    assert recording.meta["start_state"] == "full"
    assert any(e.kind == "mouse_press" for e in recording.ui_events)
    assert not list(tmp_path.glob("*.part"))  # written atomically


def test_an_unexpected_error_is_recorded_and_offers_a_bug_report(
    qtbot: QtBot, recorded: Recorded, tmp_path: Path
) -> None:
    try:
        raise ZeroDivisionError("division by zero in a slot")
    except ZeroDivisionError as error:
        show_unexpected_error(ZeroDivisionError, error, error.__traceback__)
    [dialog] = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox)
        and w.objectName() == "error_dialog"
        and w.isVisible()
        and "division by zero in a slot" in w.informativeText()
    ]
    button = dialog.findChild(QPushButton, "save_bug_report")
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    report = recorded.window.report_dialog
    assert isinstance(report, ReportDialog)
    assert "ZeroDivisionError" in report.note.toPlainText()
    report.path.setText(str(tmp_path / "crash.shoprec"))
    qtbot.mouseClick(report.save, Qt.MouseButton.LeftButton)
    recording = load_recording(tmp_path / "crash.shoprec")
    [error] = recording.exceptions
    assert error["type"] == "ZeroDivisionError" and "Traceback" in error["traceback"]


def test_cli_report_and_timeline(qtbot: QtBot, recorded: Recorded, tmp_path: Path) -> None:
    catalog = recorded.window.show_page("catalog")
    click_row(qtbot, catalog.table, "Tea Journal")  # type: ignore[attr-defined]
    recorded.ctx.session.sign_in(
        recorded.ctx.shop.read.account(  # type: ignore[arg-type]
            recorded.demo.shopper_ids["ann"]
        )
    )
    qtbot.mouseClick(catalog.detail.add_to_cart, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    recorded.recorder.sink.flush(wait=True)
    out = tmp_path / "cli.shoprec"
    run = [sys.executable, "-m", "app.cli"]
    made = subprocess.run(
        [*run, "report", "--db", str(recorded.db), "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    assert f"session {recorded.recorder.session_id}" in made.stdout
    shown = subprocess.run(
        [*run, "recording", "show", str(out)], capture_output=True, text=True, check=False
    )
    assert shown.returncode == 0
    lines = shown.stdout.splitlines()
    click = next(
        n
        for n, line in enumerate(lines)
        if "mouse_release" in line and line.rstrip().endswith(")") and "add_to_cart" in line
    )
    assert "-> ItemAddedToCart" in lines[click + 1] or "-> ItemQuantityChanged" in lines[click + 1]
