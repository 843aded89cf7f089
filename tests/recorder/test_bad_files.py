"""Bad recording files get a clear message and exit code 2; an older format is upgraded."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from recorder.export import export_session
from recorder.fileformat import RecordingError, load_recording
from recorder.schema import FORMAT_VERSION
from tests.recorder.conftest import Recorded


@pytest.fixture
def good(recorded: Recorded, tmp_path: Path) -> Path:
    recorded.ctx.session.sign_out()  # at least one interaction-free session still exports
    recorded.recorder.sink.flush(wait=True)
    out = tmp_path / "good.shoprec"
    export_session(recorded.db, out, recorded.recorder.session_id, "a note")
    return out


def show(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", "recording", "show", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


def damaged(good: Path, tmp_path: Path, how: str) -> Path:
    raw = good.read_bytes()
    bad = tmp_path / f"{how}.shoprec"
    if how == "truncated":
        bad.write_bytes(raw[: len(raw) // 2])
    elif how == "corrupted":
        bad.write_bytes(raw[:100] + b"\xff" * 3000 + raw[3100:])
    elif how == "foreign":
        bad.write_text("Subject: my cart is broken\n\nPlease help.\n")
    elif how == "other_sqlite":
        db = sqlite3.connect(bad)
        db.execute("CREATE TABLE photos (id INTEGER)")
        db.commit()
        db.close()
    elif how == "newer":
        bad.write_bytes(raw)
        db = sqlite3.connect(bad)
        db.execute("UPDATE meta SET value = '99' WHERE key = 'format_version'")
        db.commit()
        db.close()
    return bad


@pytest.mark.parametrize(
    ("how", "message"),
    [
        ("truncated", "is truncated"),
        ("corrupted", "is corrupted"),
        ("foreign", "is not a Replay Shop recording"),
        ("other_sqlite", "but not a Replay Shop recording"),
        ("newer", "made by a newer Replay Shop (format 99)"),
    ],
)
def test_a_bad_file_is_refused_clearly_with_exit_code_2(
    good: Path, tmp_path: Path, how: str, message: str
) -> None:
    bad = damaged(good, tmp_path, how)
    with pytest.raises(RecordingError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_recording(bad)
    result = show(bad)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_an_older_format_file_is_upgraded_on_load(good: Path, tmp_path: Path) -> None:
    old = tmp_path / "format1.shoprec"
    old.write_bytes(good.read_bytes())
    db = sqlite3.connect(old)  # make it what format 1 looked like: no note, no exceptions
    db.execute("DELETE FROM meta WHERE key = 'note'")
    db.execute("DROP TABLE ui_exceptions")
    db.execute("UPDATE meta SET value = '1' WHERE key = 'format_version'")
    db.commit()
    db.close()
    as_sent = old.read_bytes()
    recording = load_recording(old)
    assert recording.format_version == FORMAT_VERSION and recording.meta["note"] == ""
    assert recording.observations == {}  # format 1 kept none: it verifies domain events only
    assert recording.exceptions == []
    assert old.read_bytes() == as_sent  # upgraded in a private copy; the file is untouched
    assert show(old).returncode == 0
