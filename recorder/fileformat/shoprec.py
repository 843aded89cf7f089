"""The one owner of the `*.shoprec` format: a recording read whole, and written whole.

A recording is a SQLite file (docs/recording-format.md) that arrives from anyone, so reading
treats it as hostile: a private copy is opened read-only with `trusted_schema=OFF`, a schema
holding anything but the declared tables (a view, a trigger, another table or column) is
refused before any row is read (`recorder/fileformat/tables.py`), every row is checked
(`recorder/fileformat/rows.py`, with the values' rules in `validate.py`), and SQLite's work is
capped so no file can keep it busy for ever. Whatever is wrong becomes a RecordingError
naming what and where; the CLI turns it into exit code 2.

Older formats are upgraded in memory while reading (`recorder/fileformat/legacy.py`). Writing
(export, rebase, shrink) always writes the current format, from the declared tables.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recorder.capture.observation import Observation, delta
from recorder.capture.schema import FORMAT_VERSION, Picture, UiEvent
from recorder.fileformat import pictures, rows
from recorder.fileformat.legacy import collapse_typing, reanchor
from recorder.fileformat.legacy_names import rename_observed, rename_targets
from recorder.fileformat.rows import TooNew
from recorder.fileformat.tables import SINCE, TABLES, ExpectedEvent, check_schema, create_tables
from recorder.fileformat.validate import Invalid

SQLITE_MAGIC = b"SQLite format 3\x00"
MAX_FILE_BYTES = 2 * 1024**3
# SQLite virtual-machine steps allowed for reading one file, checked every PROGRESS_EVERY: far
# more than the largest real recording needs, and an end to anything that would not stop.
PROGRESS_EVERY = 10_000
MAX_STEPS = 5_000_000_000


class RecordingError(Exception):
    """A file that cannot be read as a recording; the message says why and what is expected."""


@dataclass
class Recording:
    path: Path
    meta: dict[str, str]
    ui_events: list[UiEvent]
    inputs: list[tuple[str, str]]  # (kind, value), in the order handed out within each kind
    expected: list[ExpectedEvent]
    exceptions: list[dict[str, Any]]
    start_events: list[tuple[Any, ...]] = field(repr=False)  # rows of EVENT_COLUMNS
    # What the user saw before UI event `anchor`, whole (the file stores changes).
    observations: dict[int, Observation] = field(default_factory=dict, repr=False)
    # (input seq, command, refused as: "" when accepted), in order; empty before format 5.
    commands: list[tuple[int, str, str]] = field(default_factory=list)
    # Pictures of the windows at the looks, by anchor (format 6; none when the setting was off).
    pictures: dict[int, Picture] = field(default_factory=dict, repr=False)
    # Other writers' events, each brought before the UI event `before_seq` (format 7): rows
    # of EVENT_COLUMNS as (before_seq, row), by position.
    other_writes: list[tuple[int, tuple[Any, ...]]] = field(default_factory=list, repr=False)

    @property
    def format_version(self) -> int:
        return int(self.meta["format_version"])

    def caused_by_ui_event(self) -> dict[int, list[ExpectedEvent]]:
        """The domain events each UI event caused, by its seq, in one pass over them (for a
        walk over every UI event, where `expected_for` would scan them all each time)."""
        seqs = {e.interaction_id: e.seq for e in self.ui_events}
        caused: dict[int, list[ExpectedEvent]] = {}
        for event in self.expected:
            seq = seqs.get(event.correlation_id or "")
            if seq is not None:
                caused.setdefault(seq, []).append(event)
        return caused

    def expected_for(self, seq: int) -> list[ExpectedEvent]:
        correlation = f"ui-{seq}"
        return [e for e in self.expected if e.correlation_id == correlation]


# --- reading ------------------------------------------------------------------------------


def load_recording(path: Path) -> Recording:
    """Read and check a recording; an older format is upgraded in memory."""
    path = Path(path)
    _check_header(path)
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "recording.shoprec"
        shutil.copyfile(path, copy)  # a private copy: nobody changes it while we read
        try:
            db = _open_untrusted(copy)
            try:
                return _read(db, path)
            finally:
                db.close()
        except TooNew as error:
            raise RecordingError(f"{path} {error}") from None
        except Invalid as error:
            raise RecordingError(f"{path} is not a valid recording: {error}") from None
        except sqlite3.Error as error:
            raise RecordingError(
                f"{path} is corrupted and cannot be read ({error}); export it again"
            ) from None
        except (ValueError, TypeError, KeyError, OverflowError, RecursionError) as error:
            raise RecordingError(
                f"{path} is not a valid recording ({type(error).__name__}: {error})"
            ) from None


def _check_header(path: Path) -> None:
    if not path.is_file():
        raise RecordingError(f"{path}: no such file")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise RecordingError(
            f"{path} is {size / 1024**3:.1f} GB; a recording is at most "
            f"{MAX_FILE_BYTES // 1024**3} GB"
        )
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
    if len(header) < 100 or (pages and size < pages * page_size):
        raise RecordingError(
            f"{path} is truncated: it ends at {size:,} bytes "
            f"but should hold {pages * page_size:,}; export it again"
        )


def _open_untrusted(copy: Path) -> sqlite3.Connection:
    db = sqlite3.connect(f"file:{copy}?mode=ro&immutable=1", uri=True)
    db.execute("PRAGMA trusted_schema = OFF")  # no functions run from the file's own schema
    db.execute("PRAGMA query_only = ON")
    db.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, 64 * 1024**2)
    steps = [0]

    def budget() -> int:
        steps[0] += PROGRESS_EVERY
        return 1 if steps[0] > MAX_STEPS else 0  # non-zero interrupts the statement

    db.set_progress_handler(budget, PROGRESS_EVERY)
    return db


def _read(db: sqlite3.Connection, path: Path) -> Recording:
    objects = db.execute("SELECT type, name, tbl_name FROM sqlite_master").fetchall()
    tables = {name for kind, name, _ in objects if kind == "table"}
    if "meta" not in tables:
        raise RecordingError(
            f"{path} is a SQLite file but not a Replay Shop recording (it has no 'meta' table)"
        )
    check_schema(db, objects)
    meta = rows.meta(db)
    version = rows.meta_version(meta)
    for table in TABLES:
        if table not in tables and SINCE.get(table, 1) <= version:
            raise Invalid(f"the table {table!r} is missing")
    meta.setdefault("note", "")  # format 1 had none
    meta.setdefault("session_id", "replay")
    ui_events = rows.ui_events(db)
    if version < 4:
        ui_events = collapse_typing(ui_events)
    inputs = rows.inputs(db, version)
    expected = rows.expected_events(db)
    rows.tape_covers(expected, [value for kind, value in inputs if kind == "clock"])
    start_events = rows.start_events(db)
    exceptions = rows.exceptions(db) if "ui_exceptions" in tables else []
    observations = rows.observations(db) if "ui_observations" in tables else {}
    if version < 4:
        observations = reanchor(observations, [e.seq for e in ui_events])
    commands = rows.commands(db) if "ui_commands" in tables else []
    taken = pictures.read(db) if "ui_pictures" in tables else {}
    others = rows.other_writes(db, start_events, expected) if "other_writes" in tables else []
    if version < 8:  # widgets called by their place among unnamed siblings then
        ui_events = rename_targets(ui_events)
        observations = rename_observed(observations)
    meta["format_version"] = str(FORMAT_VERSION)  # upgraded, in memory
    return Recording(
        path,
        meta,
        ui_events,
        inputs,
        expected,
        exceptions,
        start_events,
        observations,
        commands,
        taken,
        others,
    )


# --- writing ------------------------------------------------------------------------------


def _write_pictures(db: sqlite3.Connection, session: str, recording: Recording) -> None:
    db.executemany(
        "INSERT INTO ui_pictures VALUES (?, ?, ?, ?, ?, ?)",
        [
            (session, p.anchor, p.format, p.width, p.height, p.image)
            for p in recording.pictures.values()
        ],
    )


def write_recording(recording: Recording, out: Path) -> None:
    """Write `recording` whole in the current format; `out` is replaced only once complete."""
    session = recording.meta.get("session_id", "")
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(suffix=".shoprec.part", dir=out.parent)
    os.close(fd)
    partial = Path(name)
    partial.unlink()
    try:
        db = sqlite3.connect(partial)
        try:
            create_tables(db)
            meta = {**recording.meta, "format_version": str(FORMAT_VERSION)}
            db.executemany("INSERT INTO meta VALUES (?, ?)", list(meta.items()))
            db.executemany(
                "INSERT INTO ui_events VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (session, e.seq, e.t_ms, e.kind, e.target, e.sub, json.dumps(e.data))
                    for e in recording.ui_events
                ],
            )
            counts: dict[str, int] = {}
            rows = []
            for kind, value in recording.inputs:
                rows.append((session, kind, counts.get(kind, 0), value))
                counts[kind] = counts.get(kind, 0) + 1
            db.executemany("INSERT INTO ui_inputs VALUES (?, ?, ?, ?)", rows)
            db.executemany(
                "INSERT INTO ui_exceptions VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (session, e["n"], e["ui_seq"], e["type"], e["message"], e["traceback"])
                    for e in recording.exceptions
                ],
            )
            before: Observation = {}
            changes = []
            for anchor in sorted(recording.observations):
                now = recording.observations[anchor]
                changes.append((session, anchor, json.dumps(delta(before, now))))
                before = now
            db.executemany("INSERT INTO ui_observations VALUES (?, ?, ?)", changes)
            db.executemany(
                "INSERT INTO ui_commands VALUES (?, ?, ?, ?, ?)",
                [(session, n, *command) for n, command in enumerate(recording.commands)],
            )
            _write_pictures(db, session, recording)
            db.executemany(
                "INSERT INTO start_events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                recording.start_events,
            )
            db.executemany(
                "INSERT INTO expected VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        e.position,
                        e.stream_id,
                        e.stream_type,
                        e.version,
                        e.type,
                        e.schema_version,
                        json.dumps(e.data),
                        json.dumps(e.metadata),
                        e.recorded_at,
                    )
                    for e in recording.expected
                ],
            )
            db.executemany(
                "INSERT INTO other_writes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(*row, before) for before, row in recording.other_writes],
            )
            db.commit()
            db.execute("VACUUM")
        finally:
            db.close()
        os.replace(partial, out)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
