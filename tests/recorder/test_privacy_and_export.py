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

from app.dialogs.report import ReportDialog
from app.shell.replay_factory import make_replay_app
from recorder.fileformat.export import export_session
from recorder.fileformat.report_scope import NOT_PUBLISHED, _withhold_unpublished_reviews
from recorder.fileformat.shoprec import load_recording
from recorder.replay.run import run_headless
from tests.app.conftest import click_row, settle
from tests.recorder.conftest import ANN_PASSWORD, Recorded

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
        [sys.executable, "-m", "app.cli.main", "recording", "show", "--json", str(out)],
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
    # Before saving: what the file will hold, in words, counted from the session so far.
    contents = dialog.contents.text()
    assert contents.startswith("The file will hold this session from ")
    assert ": 1 click; " in contents and "; 0 changes to the shop;" in contents
    assert "What was typed into password fields is not in it." in contents
    qtbot.keyClicks(dialog.note, "The histogram lookde")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Backspace)
    qtbot.keyClick(dialog.note, Qt.Key.Key_Backspace)
    qtbot.keyClicks(dialog.note, "ed empty")
    dialog.path.setText(str(tmp_path / "bug"))
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    assert dialog.saved == tmp_path / "bug.shoprec"
    # After: the window says where it went.
    status = recorded.window.statusBar().currentMessage()
    assert status.startswith(f"Report saved to {tmp_path / 'bug.shoprec'} (")
    recording = load_recording(tmp_path / "bug.shoprec")
    assert recording.meta["note"] == "The histogram looked empty"
    assert recording.meta["app_version"] and recording.meta["qt_version"]
    assert recording.meta["start_state"] == "full"
    assert any(e.kind == "mouse_press" for e in recording.ui_events)
    # The note as it was finally written, once; not the typing and its correction.
    on_note = [e for e in recording.ui_events if e.target.endswith("report_dialog/note")]
    assert [(e.kind, e.data) for e in on_note] == [
        ("text_entered", {"text": "The histogram looked empty"})
    ]
    assert not list(tmp_path.glob("*.part"))  # written atomically


def test_an_unexpected_error_is_recorded_and_offers_a_bug_report(
    qtbot: QtBot, recorded: Recorded, tmp_path: Path
) -> None:
    try:
        raise ZeroDivisionError("division by zero in a slot")
    except ZeroDivisionError as error:
        recorded.window.ctx.errors.report(ZeroDivisionError, error, error.__traceback__)
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
        recorded.ctx.shop.read.accounts.by_id(  # type: ignore[arg-type]
            recorded.demo.shopper_ids["ann"]
        )
    )
    qtbot.mouseClick(catalog.detail.add_to_cart, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    recorded.recorder.sink.flush(wait=True)
    out = tmp_path / "cli.shoprec"
    run = [sys.executable, "-m", "app.cli.main"]
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
    listed = subprocess.run(
        [*run, "sessions", "--db", str(recorded.db), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    [row] = [
        r for r in json.loads(listed.stdout) if r["session_id"] == recorded.recorder.session_id
    ]
    assert row["accounts"] == ["ann"] and row["domain_events"] == 1
    assert row["ui_events"] > 0 and row["exceptions"] == 0
    table = subprocess.run(
        [*run, "sessions", "--db", str(recorded.db)], capture_output=True, text=True, check=True
    ).stdout
    assert recorded.recorder.session_id in table and "accounts that acted" in table


def sign_in_by_clicks(qtbot: QtBot, recorded: Recorded, username: str, password: str) -> None:
    """Every step an input, so a replay of the session signs in the same way."""
    qtbot.mouseClick(recorded.window.sign_button, Qt.MouseButton.LeftButton)
    dialog = recorded.window.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.username, username)  # type: ignore[attr-defined]
    qtbot.keyClicks(dialog.password, password)  # type: ignore[attr-defined]
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_a_shoppers_report_leaves_other_shoppers_private_data_out(
    qtbot: QtBot, recorded: Recorded, tmp_path: Path
) -> None:
    """Carla reports a problem: bob's wallet, cart and orders, his hidden and deleted review
    texts and ann's edited-away text are not in her file; what she saw replays the same."""
    ann, bob = recorded.demo.shopper_ids["ann"], recorded.demo.shopper_ids["bob"]
    carla = recorded.demo.shopper_ids["carla"]
    sign_in_by_clicks(qtbot, recorded, "carla", ANN_PASSWORD)
    catalog = recorded.window.show_page("catalog")
    click_row(qtbot, catalog.table, "Tea Journal")  # type: ignore[attr-defined]
    qtbot.mouseClick(catalog.detail.add_to_cart, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    settle()  # the screens refresh from the event loop, as they do before the app closes
    recorded.recorder.observe_end()  # as when the app closes: what she saw last
    recorded.recorder.sink.flush(wait=True)
    out = tmp_path / "carla.shoprec"
    export_session(recorded.db, out, recorded.recorder.session_id)

    raw = out.read_bytes()
    for private in (
        "Bank transfer",  # bob's deposit note
        "Transfer was 50.00, typed as 500.00",  # the admin's correction of it
        "BUY FROM my-cheap-teapots",  # bob's hidden review
        "Advertising another shop",  # the moderator's reason
        "Heavy, but keeps water hot",  # bob's deleted review
        "The lid rattles",  # ann's text before her edit
    ):
        assert private.encode() not in raw, private
    recording = load_recording(out)
    assert recording.meta["scope"] == "shopper"
    streams = {row[1] for row in recording.start_events}
    for other in (ann, bob):
        assert f"wallet-{other}" not in streams and f"cart-{other}" not in streams
    assert f"wallet-{carla}" in streams  # her own, and the public catalog
    assert any(row[2] == "product" for row in recording.start_events)
    published = "The shop sent a new lid - it pours fine now. Happy."
    assert published.encode() in raw  # ann's published review is public
    withheld = [row for row in recording.start_events if row[4] == "EventWithheld"]
    assert withheld and all(row[6] == "{}" and row[7] == "{}" for row in withheld)
    source = sqlite3.connect(recorded.db)
    positions = [r[0] for r in source.execute("SELECT position FROM events ORDER BY position")]
    source.close()
    assert [row[0] for row in recording.start_events] == positions[: len(recording.start_events)]

    verdict = run_headless(recording, make_replay_app)
    assert verdict.passed, verdict.report()  # read side and read-model digests included


def test_an_admins_report_keeps_what_the_admin_saw(
    qtbot: QtBot, recorded: Recorded, tmp_path: Path
) -> None:
    sign_in_by_clicks(qtbot, recorded, "admin", recorded.demo.admin_password)
    recorded.window.show_page("moderation")
    recorded.recorder.sink.flush(wait=True)
    out = tmp_path / "admin.shoprec"
    export_session(recorded.db, out, recorded.recorder.session_id)
    recording = load_recording(out)
    assert recording.meta["scope"] == "admin"
    source = sqlite3.connect(recorded.db)  # the head of the log it saw, for verify later
    position, digest = source.execute(
        "SELECT position, hash FROM events ORDER BY 1 DESC"
    ).fetchone()
    source.close()
    assert recording.meta["log_head"] == f"{position}:{digest}"
    assert b"BUY FROM my-cheap-teapots" in out.read_bytes()  # the moderation history
    assert not [row for row in recording.start_events if row[4] == "EventWithheld"]


def test_a_review_shown_again_is_public_but_the_moderators_reasons_are_not() -> None:
    """The rule a shopper's report applies to others' reviews in its start state: the text
    that is live now is public (an unhide makes it so again); earlier texts, a deleted or
    still-hidden review's text and every moderator's reason are withheld."""
    db = sqlite3.connect(":memory:")
    db.execute(
        "CREATE TABLE start_events (position INTEGER, stream_id TEXT, stream_type TEXT, "
        "event_type TEXT, data TEXT)"
    )
    history = [
        ("review-a", "ReviewPosted", {"author_id": "bob", "text": "BUY FROM my-shop"}),
        ("review-a", "ReviewHidden", {"reason": "Advertising"}),
        ("review-a", "ReviewEdited", {"author_id": "bob", "text": "A fair teapot"}),
        ("review-a", "ReviewUnhidden", {"reason": "Fixed now", "text": "A fair teapot"}),
        ("review-b", "ReviewPosted", {"author_id": "dan", "text": "Spam spam"}),
        ("review-b", "ReviewHidden", {"reason": "Spam"}),
    ]
    for position, (stream, kind, data) in enumerate(history, start=1):
        db.execute(
            "INSERT INTO start_events VALUES (?, ?, 'review', ?, ?)",
            (position, stream, kind, json.dumps(data)),
        )
    _withhold_unpublished_reviews(db, frozenset({"carla"}))
    kept = [
        json.loads(row[0]) for row in db.execute("SELECT data FROM start_events ORDER BY position")
    ]
    texts = [d.get("text") for d in kept]
    reasons = [d.get("reason") for d in kept if "reason" in d]
    assert texts == [NOT_PUBLISHED, None, "A fair teapot", "A fair teapot", NOT_PUBLISHED, None]
    assert reasons == [NOT_PUBLISHED] * 3
