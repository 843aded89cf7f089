"""The one owner of the `*.shoprec` format: its tables, reading, writing and upgrading.

A recording is a SQLite file (docs/recording-format.md) that arrives from anyone, so reading
treats it as hostile: a private copy is opened read-only with `trusted_schema=OFF`, a schema
holding anything but the declared tables (a view, a trigger, another table or column) is
refused before any row is read, every row is checked (`recorder/fileformat/validate.py`), and
SQLite's
work is capped so no file can keep it busy for ever. Whatever is wrong becomes a
RecordingError naming what and where; the CLI turns it into exit code 2.

Older formats are upgraded in memory while reading. Writing (export, rebase, shrink) always
writes the current format, from the tables declared here.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from recorder.capture.observation import Observation, apply, delta
from recorder.fileformat import validate
from recorder.fileformat.legacy import collapse_typing, reanchor
from recorder.fileformat.schema import FORMAT_VERSION, UiEvent
from recorder.fileformat.validate import Invalid, integer

SQLITE_MAGIC = b"SQLite format 3\x00"
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,99}")  # a command's or an error's type name
EVENT_COLUMNS = (
    "position",
    "stream_id",
    "stream_type",
    "version",
    "event_type",
    "schema_version",
    "data",
    "metadata",
    "recorded_at",
)
_EVENT_TABLE = (
    "(position INTEGER PRIMARY KEY, stream_id TEXT NOT NULL, stream_type TEXT NOT NULL, "
    "version INTEGER NOT NULL, event_type TEXT NOT NULL, schema_version INTEGER NOT NULL, "
    "data TEXT NOT NULL, metadata TEXT NOT NULL, recorded_at TEXT NOT NULL)"
)
# Every table of a recording, declared once: (columns, the rest of its CREATE TABLE).
TABLES: dict[str, tuple[tuple[str, ...], str]] = {
    "meta": (("key", "value"), "(key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
    "ui_events": (
        ("session_id", "seq", "t_ms", "kind", "target", "sub", "data"),
        "(session_id TEXT NOT NULL, seq INTEGER NOT NULL, t_ms INTEGER NOT NULL, "
        "kind TEXT NOT NULL, target TEXT NOT NULL, sub TEXT NOT NULL, data TEXT NOT NULL, "
        "PRIMARY KEY (session_id, seq))",
    ),
    "ui_inputs": (
        ("session_id", "kind", "n", "value"),
        "(session_id TEXT NOT NULL, kind TEXT NOT NULL, n INTEGER NOT NULL, "
        "value TEXT NOT NULL, PRIMARY KEY (session_id, kind, n))",
    ),
    "ui_exceptions": (
        ("session_id", "n", "ui_seq", "type", "message", "traceback"),
        "(session_id TEXT NOT NULL, n INTEGER NOT NULL, ui_seq INTEGER NOT NULL, "
        "type TEXT NOT NULL, message TEXT NOT NULL, traceback TEXT NOT NULL, "
        "PRIMARY KEY (session_id, n))",
    ),
    "ui_observations": (
        ("session_id", "anchor", "change"),
        "(session_id TEXT NOT NULL, anchor INTEGER NOT NULL, change TEXT NOT NULL, "
        "PRIMARY KEY (session_id, anchor))",
    ),
    "ui_commands": (
        ("session_id", "n", "ui_seq", "command", "refused"),
        "(session_id TEXT NOT NULL, n INTEGER NOT NULL, ui_seq INTEGER NOT NULL, "
        "command TEXT NOT NULL, refused TEXT NOT NULL, PRIMARY KEY (session_id, n))",
    ),
    "start_events": (EVENT_COLUMNS, _EVENT_TABLE),
    "expected": (EVENT_COLUMNS, _EVENT_TABLE),
}
SINCE = {"ui_exceptions": 2, "ui_observations": 3, "ui_commands": 5}  # when it came
MAX_FILE_BYTES = 2 * 1024**3
# SQLite virtual-machine steps allowed for reading one file, checked every PROGRESS_EVERY: far
# more than the largest real recording needs, and an end to anything that would not stop.
PROGRESS_EVERY = 10_000
MAX_STEPS = 5_000_000_000


class RecordingError(Exception):
    """A file that cannot be read as a recording; the message says why and what is expected."""


class TooNew(Invalid):
    """Made by a newer build: not broken, just not ours to read yet."""


@dataclass(frozen=True)
class ExpectedEvent:
    position: int
    stream_id: str
    version: int
    type: str
    data: dict[str, Any]
    correlation_id: str | None
    recorded_at: str
    stream_type: str = ""
    schema_version: int = 1
    metadata: dict[str, Any] = field(default_factory=dict)


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
    _check_schema(db, objects)
    meta = _meta(db)
    version = meta_version(meta)
    for table in TABLES:
        if table not in tables and SINCE.get(table, 1) <= version:
            raise Invalid(f"the table {table!r} is missing")
    meta.setdefault("note", "")  # format 1 had none
    meta.setdefault("session_id", "replay")
    ui_events = _ui_events(db)
    if version < 4:
        ui_events = collapse_typing(ui_events)
    inputs = _inputs(db, version)
    expected = [_expected(row, n) for n, row in enumerate(_rows(db, "expected"), 1)]
    _tape_covers(expected, [value for kind, value in inputs if kind == "clock"])
    start_events = _start_events(db)
    exceptions = _exceptions(db) if "ui_exceptions" in tables else []
    observations = _observations(db) if "ui_observations" in tables else {}
    if version < 4:
        observations = reanchor(observations, [e.seq for e in ui_events])
    commands = _commands(db) if "ui_commands" in tables else []
    meta["format_version"] = str(FORMAT_VERSION)  # upgraded, in memory
    return Recording(
        path, meta, ui_events, inputs, expected, exceptions, start_events, observations, commands
    )


def _check_schema(db: sqlite3.Connection, objects: list[tuple[str, str, str]]) -> None:
    for kind, name, table in objects:
        if kind == "table" and name not in TABLES:
            raise Invalid(f"it holds a table {name!r}; a recording holds only {', '.join(TABLES)}")
        if kind == "index" and str(name).startswith("sqlite_autoindex_") and table in TABLES:
            continue  # made by SQLite for a primary key
        if kind != "table":
            raise Invalid(
                f"it holds a {kind} {name!r}; a recording holds only tables (no views, "
                "triggers or indexes)"
            )
    for name in [name for kind, name, _ in objects if kind == "table"]:
        columns = {row[1] for row in db.execute(f'PRAGMA table_info("{name}")')}
        declared = set(TABLES[name][0])
        if columns != declared:
            extra, missing = sorted(columns - declared), sorted(declared - columns)
            raise Invalid(
                f"the table {name!r} has "
                + "; ".join(
                    part
                    for part in (
                        f"unknown columns {extra}" if extra else "",
                        f"no columns {missing}" if missing else "",
                    )
                    if part
                )
                + f"; it has the columns {list(TABLES[name][0])}"
            )


def _rows(db: sqlite3.Connection, table: str, order: str = "") -> Iterable[tuple[Any, ...]]:
    columns = ", ".join(TABLES[table][0])
    return db.execute(f"SELECT {columns} FROM {table} {order}")


def _meta(db: sqlite3.Connection) -> dict[str, str]:
    meta: dict[str, str] = {}
    for n, (key, value) in enumerate(_rows(db, "meta"), 1):
        key = validate.text(key, f"meta row {n}: key", 100, empty=False)
        if key in meta:
            raise Invalid(f"meta holds {key!r} twice")
        meta[key] = validate.text(value, f"meta {key!r}", validate.MAX_JSON)
    validate.meta_values(meta)
    return meta


def meta_version(meta: dict[str, str]) -> int:
    raw = meta.get("format_version", "")
    if not (raw.strip().isascii() and raw.strip().isdigit()):  # "²" passes isdigit() alone
        raise Invalid(
            f"its format version is {raw!r}; expected a number from 1 to {FORMAT_VERSION}"
        )
    version = int(raw)
    if version > FORMAT_VERSION:
        raise TooNew(
            f"was made by a newer Replay Shop (format {version}); "
            f"this build reads formats 1 to {FORMAT_VERSION}. Update the app."
        )
    if version < 1:
        raise Invalid(f"its format version is {version}; formats start at 1")
    return version


def _ui_events(db: sqlite3.Connection) -> list[UiEvent]:
    events: list[UiEvent] = []
    last = 0
    for n, (_, seq, t_ms, kind, target, sub, data) in enumerate(
        _rows(db, "ui_events", "ORDER BY seq"), 1
    ):
        where = f"ui_events row {n}"
        seq = validate.integer(seq, 1, validate.MAX_SEQ, f"{where}: seq")
        if seq <= last:
            raise Invalid(f"{where}: seq {seq} appears twice; each UI event has its own number")
        last = seq
        t_ms = validate.integer(t_ms, 0, validate.MAX_MS, f"{where}: t_ms")
        kind = validate.text(kind, f"{where}: kind", 40, empty=False)
        target = validate.text(target, f"{where}: target", 1000, empty=False)
        sub = validate.text(sub, f"{where}: sub", 1000)
        fields = validate.json_object(data, f"{where}: data", 100_000)
        validate.ui_event_data(kind, fields, f"{where} (#{seq})")
        events.append(UiEvent(seq, t_ms, kind, target, sub, fields))
    return events


def _inputs(db: sqlite3.Connection, version: int) -> list[tuple[str, str]]:
    inputs: list[tuple[str, str]] = []
    seen: set[tuple[str, int]] = set()
    for row, (_, kind, n, value) in enumerate(_rows(db, "ui_inputs", "ORDER BY kind, n"), 1):
        where = f"ui_inputs row {row}"
        n = validate.integer(n, 0, validate.MAX_SEQ, f"{where}: n")
        if (kind, n) in seen:
            raise Invalid(f"{where}: {kind} value {n} appears twice")
        seen.add((kind, n))
        if kind == "file_dialog" and version < 4 and isinstance(value, str):
            value = _file_name_of(value, where)  # format 3 kept the whole path
        inputs.append((str(kind), validate.input_value(kind, value, where)))
    _no_gaps(seen)
    return inputs


def _no_gaps(numbered: set[tuple[str, int]]) -> None:
    """Each kind of value is numbered 0, 1, 2, ... in the order the app drew it: a number
    missing means rows were cut out, and a replay would hand the later values to the wrong
    readers."""
    kinds: dict[str, list[int]] = {}
    for kind, n in numbered:
        kinds.setdefault(kind, []).append(n)
    for kind, ns in sorted(kinds.items()):
        # The numbers are distinct, so a gap is a count short of the largest number plus one;
        # never a range up to that number: an untrusted file may claim 999,999,999.
        if len(ns) != max(ns) + 1:
            ns.sort()
            first = next(n for n, have in enumerate(ns) if n != have)
            raise Invalid(
                f"ui_inputs: {kind} value {first} is missing ({len(ns)} of "
                f"{ns[-1] + 1} values 0 to {ns[-1]} are there): the tape was cut or edited; "
                "a recording numbers each kind's values from 0 without a gap"
            )


def _tape_covers(expected: list[ExpectedEvent], clock: list[str]) -> None:
    """Every event the session made took its time from a clock reading on the tape, or from a
    clock of its own anchored on one (the demo shop's history lies in the weeks before the
    reading that anchors it): none is later than the latest reading. One that is was made from
    readings the tape no longer holds, so a replay could not make it again. A recording made
    before the clock was taped holds no readings at all and is not checked."""
    if not clock or not expected:
        return
    latest_reading = max(clock, key=datetime.fromisoformat)
    newest = max(expected, key=lambda event: datetime.fromisoformat(event.recorded_at))
    if datetime.fromisoformat(newest.recorded_at) > datetime.fromisoformat(latest_reading):
        raise Invalid(
            f"expected event at position {newest.position} ({newest.type}) was made at "
            f"{newest.recorded_at}, later than the last clock reading in ui_inputs "
            f"({latest_reading}): the tape was cut short, and a replay could not make that event "
            "again; a recording's tape holds every reading its events were made from"
        )


def _file_name_of(path: str, where: str) -> str:
    """A format-3 file-dialog answer was a path: keep its name; refuse one that climbs."""
    parts = {*PurePosixPath(path).parts, *PureWindowsPath(path).parts}
    if ".." in parts:
        raise Invalid(f"{where}: the file-dialog answer {path!r} climbs out of its folder")
    return validate.file_name_of(path)


def _event_row(row: tuple[Any, ...], where: str) -> tuple[tuple[Any, ...], dict[str, Any]]:
    position, stream_id, stream_type, version, event_type, schema_version, data, meta, at = row
    # The app shows positions on a slider (a C int): a log of two billion events is no bug report.
    position = validate.integer(position, 1, validate.MAX_INT32, f"{where}: position")
    stream_id = validate.text(stream_id, f"{where}: stream_id", 300, empty=False)
    stream_type = validate.text(stream_type, f"{where}: stream_type", 100, empty=False)
    version = validate.integer(version, 1, validate.MAX_INT32, f"{where}: version")
    fields = validate.domain_event(event_type, schema_version, data, where)
    metadata = validate.json_object(meta, f"{where}: metadata", 100_000)
    at = validate.iso_time(at, f"{where}: recorded_at")
    clean = (position, stream_id, stream_type, version, event_type, schema_version, data, meta, at)
    return clean, {"data": fields, "metadata": metadata}


def _expected(row: tuple[Any, ...], n: int) -> ExpectedEvent:
    clean, parsed = _event_row(row, f"expected row {n}")
    position, stream_id, stream_type, version, event_type, schema_version, _, _, at = clean
    correlation = parsed["metadata"].get("correlation_id")
    if correlation is not None and not isinstance(correlation, str):
        raise Invalid(f"expected row {n}: correlation_id is {correlation!r}; expected text")
    return ExpectedEvent(
        position,
        stream_id,
        version,
        event_type,
        parsed["data"],
        correlation,
        at,
        stream_type,
        schema_version,
        parsed["metadata"],
    )


def _start_events(db: sqlite3.Connection) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = []
    versions: dict[str, int] = {}
    last = 0
    for n, row in enumerate(_rows(db, "start_events", "ORDER BY position"), 1):
        where = f"start_events row {n}"
        clean, _ = _event_row(row, where)
        position, stream_id, _, version = clean[:4]
        if position <= last:
            raise Invalid(f"{where}: position {position} appears twice")
        last = position
        # The replay loads aggregates from these: a stream must count 1, 2, 3...
        if version != versions.get(stream_id, 0) + 1:
            raise Invalid(
                f"{where}: {stream_id} jumps to version {version} after "
                f"{versions.get(stream_id, 0)}; a stream's versions count up by one"
            )
        versions[stream_id] = version
        rows.append(clean)
    return rows


def _exceptions(db: sqlite3.Connection) -> list[dict[str, Any]]:
    found = []
    for row, (_, n, ui_seq, kind, message, tb) in enumerate(
        _rows(db, "ui_exceptions", "ORDER BY n"), 1
    ):
        where = f"ui_exceptions row {row}"
        found.append(
            {
                "n": validate.integer(n, 0, validate.MAX_SEQ, f"{where}: n"),
                "ui_seq": validate.integer(ui_seq, 0, validate.MAX_SEQ, f"{where}: ui_seq"),
                "type": validate.text(kind, f"{where}: type", 200, empty=False),
                "message": validate.text(message, f"{where}: message"),
                "traceback": validate.text(tb, f"{where}: traceback", validate.MAX_JSON),
            }
        )
    return found


def _observations(db: sqlite3.Connection) -> dict[int, Observation]:
    observations: dict[int, Observation] = {}
    seen: Observation = {}
    for row, (_, anchor, change) in enumerate(_rows(db, "ui_observations", "ORDER BY anchor"), 1):
        where = f"ui_observations row {row}"
        anchor = validate.integer(anchor, 0, validate.MAX_SEQ + 1, f"{where}: anchor")
        if anchor in observations:
            raise Invalid(f"{where}: anchor {anchor} appears twice")
        parsed = validate.json_object(change, f"{where}: change")
        shown = parsed.get("set", {})
        gone = parsed.get("gone", [])
        if not isinstance(shown, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in shown.items()
        ):
            raise Invalid(f"{where}: 'set' must map widget paths to texts")
        if not isinstance(gone, list) or not all(isinstance(p, str) for p in gone):
            raise Invalid(f"{where}: 'gone' must list widget paths")
        seen = apply(seen, {"set": shown, "gone": gone})
        observations[anchor] = seen
    return observations


def _commands(db: sqlite3.Connection) -> list[tuple[int, str, str]]:
    commands = []
    for row, (_, n, ui_seq, command, refused) in enumerate(
        _rows(db, "ui_commands", "ORDER BY n"), 1
    ):
        where = f"ui_commands row {row}"
        integer(n, 0, 10**9, f"{where}: n")
        integer(ui_seq, 0, 10**12, f"{where}: ui_seq")
        for value, what, empty in ((command, "command", False), (refused, "refused", True)):
            if not isinstance(value, str) or not (NAME.fullmatch(value) or (empty and not value)):
                raise Invalid(
                    f"{where}: {what} is {repr(value)[:60]}; expected a type name such as "
                    + ("RatingOutOfRange, or nothing" if empty else "AddItemToCart")
                )
        commands.append((ui_seq, command, refused))
    return commands


# --- writing ------------------------------------------------------------------------------


def create_tables(db: sqlite3.Connection, prefix: str = "") -> None:
    """The declared tables, in a new file (`prefix` names an attached schema)."""
    for name, (_, body) in TABLES.items():
        db.execute(f"CREATE TABLE {prefix}{name} {body}")


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
            db.commit()
            db.execute("VACUUM")
        finally:
            db.close()
        os.replace(partial, out)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
