"""Exporting one recorded session as a self-contained `*.shoprec` file.

The starting state is the event log up to the session's start, but only what a replay needs:
on a small store (up to FULL_COPY_LIMIT events) all of it; on a large one, the streams the
session read or wrote plus every product, account and username stream, so the catalog and
sign-in look the same. Read models are rebuilt from these events when the replay starts.
Password hashes are replaced by "redacted" everywhere; they never leave the user's database.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from recorder.capture.schema import FORMAT_VERSION
from recorder.fileformat.digests import kept_rows, projection_digests
from recorder.fileformat.other_writes import insert_other_writes
from recorder.fileformat.report_scope import insert_start_events, scope_of
from recorder.fileformat.seeded_shop import digests_after
from recorder.fileformat.shoprec import RecordingError
from recorder.fileformat.tables import TABLES, create_tables
from recorder.fileformat.validate import file_name_of

FULL_COPY_LIMIT = 50_000
ALWAYS_INCLUDED = ("product", "account", "username", "setup")
EVENT_COLUMNS = (
    "position, stream_id, stream_type, version, event_type, schema_version, "
    "data, metadata, recorded_at"
)
REDACT = (
    "CASE WHEN event_type IN ('AccountRegistered', 'PasswordChanged') "
    "THEN json_set(data, '$.password_hash', 'redacted') ELSE data END"
)


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    session_id: str
    ui_events: int
    start_events: int
    expected_events: int
    bytes: int
    full_start_state: bool


# How a report's contents are told to the user before saving: UI event kinds, in words.
KIND_WORDS = {
    "mouse_release": ("click", "clicks"),
    "mouse_dblclick": ("double click", "double clicks"),
    "key_press": ("key", "keys"),
    "text_entered": ("text entry", "text entries"),
    "menu_action": ("menu choice", "menu choices"),
    "context_menu": ("context menu", "context menus"),
    "combo_select": ("list choice", "list choices"),
    "wheel": ("wheel turn", "wheel turns"),
}


@dataclass(frozen=True)
class ExportPreview:
    """What an export of the session would hold, for the user to see before saving."""

    inputs: dict[tuple[str, str], int]  # by KIND_WORDS (one, many), in that order
    other_events: int  # focus changes, window moves, timers...
    domain_events: int
    started_at: str
    seconds: float

    def text(self) -> str:
        counts = ", ".join(
            f"{n} {one if n == 1 else many}" for (one, many), n in self.inputs.items() if n
        )
        minutes, seconds = divmod(round(self.seconds), 60)
        return (
            f"The file will hold this session from {self.started_at[11:19]} UTC, "
            f"{minutes} min {seconds} s: {counts or 'no input'}; {self.other_events} other UI "
            f"events (focus, windows, timers); {self.domain_events} changes to the shop; and the "
            "shop as it was when the session began, without any password or hash. "
            "What was typed into password fields is not in it."
        )


def export_preview(db_path: Path, session_id: str) -> ExportPreview:
    source = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        kinds = dict(
            source.execute(
                "SELECT kind, count(*) FROM ui_events WHERE session_id = ? GROUP BY kind",
                (session_id,),
            )
        )
        started_at, start_position = source.execute(
            "SELECT started_at, start_position FROM ui_sessions WHERE session_id = ?",
            (session_id,),
        ).fetchone()
        last_ms = source.execute(
            "SELECT max(t_ms) FROM ui_events WHERE session_id = ?", (session_id,)
        ).fetchone()[0]
        domain = source.execute(
            "SELECT count(*) FROM events WHERE position > ? "
            "AND json_extract(metadata, '$.session') = ?",
            (start_position, session_id),
        ).fetchone()[0]
    finally:
        source.close()
    inputs = {words: kinds.get(kind, 0) for kind, words in KIND_WORDS.items()}
    other = sum(n for kind, n in kinds.items() if kind not in KIND_WORDS and kind != "key_release")
    other -= kinds.get("mouse_press", 0)  # a click is a press and a release, counted once
    return ExportPreview(inputs, max(other, 0), domain, started_at, (last_ms or 0) / 1000)


def latest_session(db: sqlite3.Connection) -> str | None:
    row = db.execute(
        "SELECT session_id FROM ui_sessions ORDER BY started_at DESC, rowid DESC LIMIT 1"
    ).fetchone()
    return row[0] if row else None


def export_session(
    db_path: Path, out: Path, session_id: str | None = None, note: str = ""
) -> ExportSummary:
    """Write the session to `out` atomically: a temp file renamed into place when complete."""
    source = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in source.execute("SELECT name FROM sqlite_master")}
        if "ui_sessions" not in tables:
            raise RecordingError(f"{db_path} holds no recorded sessions")
        session_id = session_id or latest_session(source)
        row = source.execute(
            "SELECT started_at, start_position, meta FROM ui_sessions WHERE session_id = ?",
            (session_id,),
        ).fetchone()
        if row is None:
            raise RecordingError(f"{db_path} has no recorded session {session_id!r}")
    finally:
        source.close()
    started_at, start_position, session_meta = row
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(suffix=".shoprec.part", dir=out.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        summary = _write(
            db_path,
            tmp,
            str(session_id),
            started_at,
            start_position,
            json.loads(session_meta),
            note,
        )
        tmp.replace(out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return replace(summary, path=out)


def _write(
    db_path: Path,
    tmp: Path,
    session_id: str,
    started_at: str,
    start_position: int,
    session_meta: dict[str, object],
    note: str,
) -> ExportSummary:
    tmp.unlink()
    db = sqlite3.connect(tmp)
    db.execute("ATTACH DATABASE ? AS src", (f"file:{db_path}?mode=ro",))
    create_tables(db)
    _copy_session(db, session_id)
    total = db.execute(
        "SELECT count(*) FROM src.events WHERE position <= ?", (start_position,)
    ).fetchone()[0]
    full = total <= FULL_COPY_LIMIT
    wanted = (
        "1"
        if full
        else (
            f"stream_type IN {ALWAYS_INCLUDED!r} OR position = ? OR stream_id IN "
            "(SELECT stream_id FROM src.ui_streams WHERE session_id = ?)"
        )
    )
    params: tuple[object, ...] = () if full else (start_position, session_id)
    scope = scope_of(db, session_id, start_position)
    last = db.execute("SELECT position, hash FROM src.events ORDER BY position DESC LIMIT 1")
    found = last.fetchone()
    log_head = f"{found[0]}:{found[1]}" if found else ""
    insert_start_events(db, scope, start_position, wanted, params, REDACT)
    db.execute(
        f"INSERT INTO expected SELECT position, stream_id, stream_type, version, "
        f"event_type, schema_version, {REDACT} AS data, metadata, recorded_at "
        "FROM src.events WHERE position > ? AND json_extract(metadata, '$.session') = ?",
        (start_position, session_id),
    )
    insert_other_writes(db, scope, session_id, start_position, REDACT)
    after_start = db.execute(
        "SELECT count(*) FROM src.events WHERE position > ?", (start_position,)
    ).fetchone()[0]
    session_only = after_start == db.execute("SELECT count(*) FROM expected").fetchone()[0]
    # The read models as of now, when a replay can rebuild exactly this (all of the start
    # state, and no other writer's events since).
    digests, rows = _read_models(db, db_path, scope.admin) if full and session_only else ("", "")
    meta = {
        "format_version": str(FORMAT_VERSION),
        "projection_digests": digests,
        "read_model_rows": rows,
        "session_id": session_id,
        "started_at": started_at,
        "start_position": str(start_position),
        "start_state": "full" if full else "partial",
        "scope": "admin" if scope.admin else "shopper",
        # The user's log head when the report was made: a copy kept elsewhere proves later
        # that the history it saw was not cut or rewritten (`replayshop verify --expect-head`).
        "log_head": log_head,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "note": note,
        **{
            key: json.dumps(value) if not isinstance(value, str) else value
            for key, value in session_meta.items()
        },
    }
    db.executemany("INSERT INTO meta VALUES (?, ?)", list(meta.items()))
    db.commit()
    counts = [
        db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("ui_events", "start_events", "expected")
    ]
    db.execute("DETACH DATABASE src")
    db.execute("VACUUM")
    db.close()
    return ExportSummary(tmp, session_id, counts[0], counts[1], counts[2], tmp.stat().st_size, full)


def _copy_session(db: sqlite3.Connection, session_id: str) -> None:
    """The session's rows of the recorder's tables, from the attached user's database (one
    last used by an older build has no pictures table)."""
    present = {r[0] for r in db.execute("SELECT name FROM src.sqlite_master")}
    for table in (
        "ui_events",
        "ui_inputs",
        "ui_exceptions",
        "ui_observations",
        "ui_commands",
        "ui_pictures",
    ):
        if table not in present:
            continue
        columns = ", ".join(TABLES[table][0])
        db.execute(
            f"INSERT INTO {table} SELECT {columns} FROM src.{table} WHERE session_id = ?",
            (session_id,),
        )
    # A file-dialog answer goes out as a file name: the user's folders are not the report's.
    for n, value in db.execute(
        "SELECT n, value FROM ui_inputs WHERE kind = 'file_dialog'"
    ).fetchall():
        db.execute(
            "UPDATE ui_inputs SET value = ? WHERE kind = 'file_dialog' AND n = ?",
            (file_name_of(value), n),
        )


def _read_models(db: sqlite3.Connection, db_path: Path, admin: bool) -> tuple[str, str]:
    """The read models' digests and (if the shop is small) rows, as meta values: what a
    replay of this very file ends with. For a shopper's report, that is not the user's
    database (other shoppers' events are withheld), so it is built from the file; the rows
    go along so that a differing read model names its rows."""
    db.commit()
    ends, kept = (
        (projection_digests(db_path), kept_rows(db_path))
        if admin
        else digests_after(
            db.execute(
                "SELECT * FROM start_events UNION ALL SELECT * FROM expected ORDER BY 1"
            ).fetchall()
        )
    )
    return json.dumps(ends), json.dumps(kept) if kept else ""
