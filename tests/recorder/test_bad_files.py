"""Bad recording files get a clear message and exit code 2; an older format is upgraded."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from recorder.capture.schema import FORMAT_VERSION
from recorder.fileformat.export import export_session
from recorder.fileformat.shoprec import RecordingError, load_recording
from recorder.fileformat.tables import TABLES
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
        [sys.executable, "-m", "app.cli.main", "recording", "show", str(path)],
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
        ("newer", "was made by a newer Replay Shop (format 99)"),
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


def edited(good: Path, tmp_path: Path, *statements: str) -> Path:
    bad = tmp_path / "edited.shoprec"
    bad.write_bytes(good.read_bytes())
    db = sqlite3.connect(bad)
    for statement in statements:
        db.execute(statement)
    db.commit()
    db.close()
    return bad


@pytest.mark.parametrize(
    ("statements", "message"),
    [
        (
            ["UPDATE meta SET value = '0' WHERE key = 'format_version'"],
            "its format version is 0; formats start at 1",
        ),
        (
            ["UPDATE ui_events SET data = 'x' WHERE seq = (SELECT min(seq) FROM ui_events)"],
            "ui_events row 1: data is 'x'; expected a JSON object",
        ),
        (
            ["ALTER TABLE start_events ADD COLUMN extra TEXT"],
            "the table 'start_events' has unknown columns ['extra']",
        ),
        (
            [  # a file made by hand, without the declared NOT NULL
                "CREATE TABLE loose AS SELECT * FROM ui_events",
                "DROP TABLE ui_events",
                "ALTER TABLE loose RENAME TO ui_events",
                "UPDATE ui_events SET target = NULL WHERE seq = (SELECT min(seq) FROM ui_events)",
            ],
            "ui_events row 1: target is None; expected text of 1 to 1,000 characters",
        ),
        (
            [
                "CREATE VIEW forever AS WITH RECURSIVE c(x) AS "
                "(SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c"
            ],
            "it holds a view 'forever'; a recording holds only tables",
        ),
        (
            ["CREATE TRIGGER boom AFTER INSERT ON meta BEGIN DELETE FROM ui_events; END"],
            "it holds a trigger 'boom'",
        ),
        (
            [
                "INSERT INTO ui_inputs VALUES ('s', 'file_dialog', 0, '../../../tmp/owned')",
            ],
            "file_dialog value '../../../tmp/owned'; expected a plain file name",
        ),
        (
            [
                "INSERT INTO ui_events VALUES "
                "('s', 99999, 0, 'mouse_press', 'main', '', '{\"x\": \"10\", \"button\": 1}')"
            ],
            "data.x is '10'; expected a whole number",
        ),
        (
            [
                "UPDATE start_events SET data = json_set(data, '$.price_cents', 'free') "
                "WHERE event_type = 'ProductAdded'"
            ],
            "ProductAdded.price_cents is 'free'; expected int",
        ),
    ],
)
def test_a_hostile_or_broken_file_is_refused_naming_what_and_where(
    good: Path, tmp_path: Path, statements: list[str], message: str
) -> None:
    bad = edited(good, tmp_path, *statements)
    as_sent = bad.read_bytes()
    assert_refused(bad, message)
    assert bad.read_bytes() == as_sent  # read, never written


def assert_refused(bad: Path, message: str) -> None:
    """Refused by name when loaded, and by `recording show` with exit 2 and no traceback."""
    with pytest.raises(RecordingError, match="not a valid recording") as refused:
        load_recording(bad)
    assert message in str(refused.value)
    result = show(bad)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert message in result.stderr


def test_rebase_refuses_an_untrusted_file_and_leaves_it_as_it_was(
    good: Path, tmp_path: Path
) -> None:
    bad = edited(good, tmp_path, "CREATE TABLE photos (id INTEGER)")
    as_sent = bad.read_bytes()
    result = subprocess.run(
        [sys.executable, "-m", "app.cli.main", "recording", "rebase", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2 and "it holds a table 'photos'" in result.stderr
    assert "Traceback" not in result.stderr
    assert bad.read_bytes() == as_sent


def test_the_pytest_plugin_loads_neither_qt_nor_the_replayer_until_a_recording_runs() -> None:
    """Every pytest start where the project is installed loads the plugin (an entry point)."""
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, recorder.regression.pytest_plugin; "
            "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'recorder.'))))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    # The package around it is only its docstring.
    assert loaded.stdout.strip() == "['recorder.regression', 'recorder.regression.pytest_plugin']"


PAID = Path(__file__).parents[2] / "recordings" / "checkout-refused-and-paid.shoprec"


@pytest.mark.parametrize(
    ("statement", "message"),
    [
        # rows cut from the middle of the tape: the later readings would go to the wrong commands
        (
            "DELETE FROM ui_inputs WHERE kind = 'clock' AND n = 2",
            "ui_inputs: clock value 2 is missing (11 of 12 values 0 to 11 are there)",
        ),
        (
            "DELETE FROM ui_inputs WHERE kind = 'id' AND n IN (0, 1)",
            "ui_inputs: id value 0 is missing",
        ),
        # a number an untrusted file may claim: named, not counted up to
        (
            "UPDATE ui_inputs SET n = 999999999 WHERE kind = 'clock' AND n = 11",
            "ui_inputs: clock value 11 is missing (12 of 1000000000 values 0 to 999999999",
        ),
        # the tape cut short: the last two commands' readings are gone
        (
            "DELETE FROM ui_inputs WHERE kind = 'clock' AND n >= 10",
            "later than the last clock reading in ui_inputs (2026-12-06T00:42:49.525896+00:00)",
        ),
    ],
)
def test_a_tape_that_cannot_make_the_recorded_events_is_refused_before_a_replay(
    tmp_path: Path, statement: str, message: str
) -> None:
    recording = load_recording(PAID)  # as recorded, the tape makes every event
    assert recording.expected and [k for k, _ in recording.inputs].count("clock") == 12
    assert_refused(edited(PAID, tmp_path, statement), message)


def test_events_made_by_a_clock_of_their_own_before_the_tapes_reading_load(
    tmp_path: Path,
) -> None:
    """The demo shop's history is spread over the weeks before the one reading that anchors
    it: such events are earlier than the tape's readings, not missing from it."""
    weeks_before = "UPDATE expected SET recorded_at = '2026-10-25T00:42:46.965266+00:00' "
    loaded = load_recording(edited(PAID, tmp_path, weeks_before + "WHERE position % 2 = 0"))
    assert "2026-10-25T00:42:46.965266+00:00" in {e.recorded_at for e in loaded.expected}


@pytest.mark.parametrize(
    ("position", "before", "message"),
    [
        ("first", 1, "within the start state"),
        ("twice", 1, "already another event's"),
        ("past", 0, "before_seq is 0; expected a whole number from 1"),
    ],
)
def test_other_writers_events_that_cannot_be_appended_are_refused_by_name(
    good: Path, tmp_path: Path, position: object, before: int, message: str
) -> None:
    """Other writers' events are untrusted input too: one at a position the start state or
    another event holds, or due before no step, is refused before any replay appends it."""
    bad = tmp_path / "others.shoprec"
    bad.write_bytes(good.read_bytes())
    db = sqlite3.connect(bad)
    row = db.execute("SELECT * FROM start_events ORDER BY position DESC LIMIT 1").fetchone()
    last = row[0]
    at = {"first": 1, "twice": last + 1000, "past": last + 1000}[str(position)]
    if position == "twice":  # a file's own table need not have the key that would stop it
        db.execute("DROP TABLE other_writes")
        db.execute(f"CREATE TABLE other_writes ({', '.join(TABLES['other_writes'][0])})")
    for _ in range(2 if position == "twice" else 1):
        db.execute(
            "INSERT INTO other_writes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (at, *row[1:], before),
        )
    db.commit()
    db.close()
    with pytest.raises(RecordingError, match=message):
        load_recording(bad)
