"""Reading `*.shoprec` files: checked, upgraded when older, refused clearly when foreign.

A recording is a SQLite file (docs/recording-format.md). Anything that is not one of ours,
truncated, corrupted, or from a newer build raises RecordingError with a message that says
what is wrong; the CLI turns it into exit code 2.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recorder.observation import Observation, apply
from recorder.schema import FORMAT_VERSION, UiEvent

SQLITE_MAGIC = b"SQLite format 3\x00"


class RecordingError(Exception):
    """A file that cannot be read as a recording; the message says why and what is expected."""


@dataclass(frozen=True)
class ExpectedEvent:
    position: int
    stream_id: str
    version: int
    type: str
    data: dict[str, Any]
    correlation_id: str | None
    recorded_at: str


@dataclass
class Recording:
    path: Path
    meta: dict[str, str]
    ui_events: list[UiEvent]
    inputs: list[tuple[str, str]]
    expected: list[ExpectedEvent]
    exceptions: list[dict[str, Any]]
    start_events: list[tuple[Any, ...]] = field(repr=False)
    # What the user saw before UI event `anchor`, whole (the file stores changes).
    observations: dict[int, Observation] = field(default_factory=dict, repr=False)

    @property
    def format_version(self) -> int:
        return int(self.meta["format_version"])

    def expected_for(self, seq: int) -> list[ExpectedEvent]:
        correlation = f"ui-{seq}"
        return [e for e in self.expected if e.correlation_id == correlation]


def _upgrade_1_to_2(db: sqlite3.Connection) -> None:
    """Format 1 had no note and no exceptions table."""
    db.execute("INSERT OR IGNORE INTO meta VALUES ('note', '')")
    db.execute(
        "CREATE TABLE IF NOT EXISTS ui_exceptions (session_id TEXT, n INTEGER, "
        "ui_seq INTEGER, type TEXT, message TEXT, traceback TEXT)"
    )


def _upgrade_2_to_3(db: sqlite3.Connection) -> None:
    """Format 2 had no observations: such a file verifies domain events only."""
    db.execute(
        "CREATE TABLE IF NOT EXISTS ui_observations (session_id TEXT, anchor INTEGER, change TEXT)"
    )


UPGRADES: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: _upgrade_1_to_2,
    2: _upgrade_2_to_3,
}


def upgrade(db: sqlite3.Connection, version: int) -> None:
    """Bring an open recording from `version` to the current format, step by step."""
    while version < FORMAT_VERSION:
        UPGRADES[version](db)
        version += 1
        db.execute("UPDATE meta SET value = ? WHERE key = 'format_version'", (str(version),))
    db.commit()


def _check_header(path: Path) -> None:
    if not path.is_file():
        raise RecordingError(f"{path}: no such file")
    with path.open("rb") as handle:
        header = handle.read(100)
    if not header.startswith(SQLITE_MAGIC):
        raise RecordingError(
            f"{path} is not a Replay Shop recording: a recording is a SQLite "
            "file (*.shoprec), and this file is something else"
        )
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    if len(header) < 100 or (pages and path.stat().st_size < pages * page_size):
        raise RecordingError(
            f"{path} is truncated: it ends at {path.stat().st_size:,} bytes "
            f"but should hold {pages * page_size:,}; export it again"
        )


def load_recording(path: Path) -> Recording:
    """Read and validate a recording; an older format is upgraded in a private copy."""
    path = Path(path)
    _check_header(path)
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "recording.shoprec"
        shutil.copyfile(path, copy)
        try:
            db = sqlite3.connect(copy)
            try:
                return _read(db, path)
            finally:
                db.close()
        except sqlite3.DatabaseError as error:
            raise RecordingError(
                f"{path} is corrupted and cannot be read ({error}); export it again"
            ) from None


def _read(db: sqlite3.Connection, path: Path) -> Recording:
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "meta" not in tables:
        raise RecordingError(
            f"{path} is a SQLite file but not a Replay Shop recording (it has no 'meta' table)"
        )
    meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
    try:
        version = int(meta.get("format_version", ""))
    except ValueError:
        raise RecordingError(f"{path} has no readable format version") from None
    if version > FORMAT_VERSION:
        raise RecordingError(
            f"{path} was made by a newer Replay Shop (format {version}); "
            f"this build reads formats 1 to {FORMAT_VERSION}. Update the app."
        )
    upgrade(db, version)
    meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
    ui_events = [
        UiEvent(seq, t, kind, target, sub, json.loads(data))
        for seq, t, kind, target, sub, data in db.execute(
            "SELECT seq, t_ms, kind, target, sub, data FROM ui_events ORDER BY seq"
        )
    ]
    inputs = db.execute("SELECT kind, value FROM ui_inputs ORDER BY kind, n").fetchall()
    expected = [
        ExpectedEvent(
            pos, sid, ver, etype, json.loads(data), json.loads(meta_json).get("correlation_id"), at
        )
        for pos, sid, ver, etype, data, meta_json, at in db.execute(
            "SELECT position, stream_id, version, event_type, data, metadata, recorded_at "
            "FROM expected ORDER BY position"
        )
    ]
    exceptions = [
        {"n": n, "ui_seq": ui_seq, "type": kind, "message": message, "traceback": tb}
        for n, ui_seq, kind, message, tb in db.execute(
            "SELECT n, ui_seq, type, message, traceback FROM ui_exceptions ORDER BY n"
        )
    ]
    start_events = db.execute("SELECT * FROM start_events ORDER BY position").fetchall()
    observations: dict[int, Observation] = {}
    seen: Observation = {}
    for anchor, change in db.execute("SELECT anchor, change FROM ui_observations ORDER BY anchor"):
        seen = apply(seen, json.loads(change))
        observations[anchor] = seen
    return Recording(
        path, meta, ui_events, inputs, expected, exceptions, start_events, observations
    )
