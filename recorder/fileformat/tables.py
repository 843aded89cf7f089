"""The tables of a `*.shoprec` file, declared once, and the check that a file holds only them.

A recording is a SQLite file (docs/recording-format.md). Reading one (recorder/fileformat/
shoprec.py) first checks that its schema holds nothing but these tables and their columns: no
view, trigger, index or other table of the file's own is ever read. Writing creates them from
here too.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from recorder.fileformat.validate import Invalid

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
    "ui_pictures": (
        ("session_id", "anchor", "format", "width", "height", "image"),
        "(session_id TEXT NOT NULL, anchor INTEGER NOT NULL, format TEXT NOT NULL, "
        "width INTEGER NOT NULL, height INTEGER NOT NULL, image BLOB NOT NULL, "
        "PRIMARY KEY (session_id, anchor))",
    ),
    "start_events": (EVENT_COLUMNS, _EVENT_TABLE),
    "expected": (EVENT_COLUMNS, _EVENT_TABLE),
    # Other writers' events (other app instances on a shared store) that reached the window
    # during the session, each brought before the UI event `before_seq` in a replay.
    "other_writes": (
        (*EVENT_COLUMNS, "before_seq"),
        _EVENT_TABLE[:-1] + ", before_seq INTEGER NOT NULL)",
    ),
}
# When each table came (a file of an older format may lack it).
SINCE = {
    "ui_exceptions": 2,
    "ui_observations": 3,
    "ui_commands": 5,
    "ui_pictures": 6,
    "other_writes": 7,
}


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


def create_tables(db: sqlite3.Connection, prefix: str = "") -> None:
    """The declared tables, in a new file (`prefix` names an attached schema)."""
    for name, (_, body) in TABLES.items():
        db.execute(f"CREATE TABLE {prefix}{name} {body}")


def check_schema(db: sqlite3.Connection, objects: list[tuple[str, str, str]]) -> None:
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


def select(db: sqlite3.Connection, table: str, order: str = "") -> Iterable[tuple[Any, ...]]:
    columns = ", ".join(TABLES[table][0])
    return db.execute(f"SELECT {columns} FROM {table} {order}")
