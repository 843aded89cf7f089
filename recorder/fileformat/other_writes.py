"""Other writers' events in an export: what reached the window, brought back where it did.

On a shared store (a PostgreSQL server, or a SQLite file another process writes) other app
instances append while the session runs. The window takes their events in only at moments its
recorder notes (app/shell/horizon.py): a `job_done` named `others` with the position it took
in, or one of the session's own commands, which shows the log up to itself. So each foreign
event belongs before the first UI event that moved the window's horizon past it: that take-in
(or, for a take-in after a refused command, the input whose command found them), or the input
whose command was written after it. Events past the last horizon never reached the window and
stay out.

The same privacy rules as the start state (report_scope.py): for a shopper, another shopper's
cart, wallet or order becomes an `EventWithheld` at the same position, metadata outside their
own streams is left out, and a moderator's reason is not published.
"""

from __future__ import annotations

import json
import sqlite3
from bisect import bisect_right

from recorder.capture.virtual_time import JOB_DONE, OTHERS_JOB
from recorder.fileformat.report_scope import NOT_PUBLISHED, PUBLIC_TYPES, Scope


def insert_other_writes(
    db: sqlite3.Connection, scope: Scope, session_id: str, start_position: int, redact: str
) -> int:
    """Fill `other_writes` from the attached source `src`; returns how many went in."""
    moves = _horizon_moves(db, session_id)
    if not moves:
        return 0
    withheld = db.execute(
        "SELECT count(*) FROM start_events WHERE stream_id = 'withheld'"
    ).fetchone()[0]
    own = {f"{kind}-{account}" for account in scope.accounts for kind in ("cart", "wallet")}
    rows = []
    for row in db.execute(
        f"SELECT position, stream_id, stream_type, version, event_type, schema_version, "
        f"{redact} AS data, metadata, recorded_at FROM src.events WHERE position > ? "
        "AND coalesce(json_extract(metadata, '$.session'), '') != ? ORDER BY position",
        (start_position, session_id),
    ):
        before = _first_move_past(moves, row[0])
        if before is None:
            break  # positions only grow from here: none of the rest reached the window
        if not scope.admin:
            row, withheld = _as_a_shopper_sees(row, own, withheld)
        rows.append((*row, before))
    db.executemany(
        "INSERT INTO other_writes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    return len(rows)


def _horizon_moves(db: sqlite3.Connection, session_id: str) -> list[tuple[int, int]]:
    """(position, seq): from UI event `seq` on, the window showed the log up to `position`;
    increasing in both."""
    moves: list[tuple[int, int]] = []
    for seq, data in db.execute(
        "SELECT seq, data FROM src.ui_events WHERE session_id = ? AND kind = ? AND target = ?",
        (session_id, JOB_DONE, OTHERS_JOB),
    ):
        taken = json.loads(data)
        if isinstance(taken.get("position"), int):
            moves.append((taken["position"], int(taken.get("before") or seq)))
    for position, correlation in db.execute(
        "SELECT position, json_extract(metadata, '$.correlation_id') FROM expected"
    ):
        if isinstance(correlation, str) and correlation.startswith("ui-"):
            # The command was written after every event before it: they were there for it.
            moves.append((position - 1, int(correlation[3:])))
    # A later step never shows less: what a move brought stays, so each position's first
    # step is the least seq of all moves at or past it.
    moves.sort()
    least: list[tuple[int, int]] = []
    for position, seq in reversed(moves):
        if not least or seq < least[-1][1]:
            least.append((position, seq))
        else:
            least.append((position, least[-1][1]))
    return list(reversed(least))


def _first_move_past(moves: list[tuple[int, int]], position: int) -> int | None:
    """The first UI event by which the window's horizon had reached `position`."""
    index = bisect_right([p for p, _ in moves], position - 1)
    return moves[index][1] if index < len(moves) else None


def _as_a_shopper_sees(
    row: tuple[object, ...], own: set[str], withheld: int
) -> tuple[tuple[object, ...], int]:
    position, stream_id, stream_type, version, event_type, schema, data, meta, at = row
    mine = stream_id in own
    if not (stream_type in PUBLIC_TYPES or mine):
        withheld += 1
        return (position, "withheld", "withheld", withheld, "EventWithheld", 1, "{}", "{}", at), (
            withheld
        )
    if event_type in ("ReviewHidden", "ReviewUnhidden"):
        fields = json.loads(str(data))
        fields["reason"] = NOT_PUBLISHED
        data = json.dumps(fields)
    return (
        position,
        stream_id,
        stream_type,
        version,
        event_type,
        schema,
        data,
        meta if mine else "{}",
        at,
    ), withheld
