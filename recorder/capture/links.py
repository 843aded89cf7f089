"""Following the links between UI events and the domain events they caused, in the shop's db."""

from __future__ import annotations

import sqlite3
from typing import Any


def events_caused_by(db: sqlite3.Connection, session_id: str, seq: int) -> list[dict[str, Any]]:
    """The domain events appended while UI event `seq` of the session was being handled."""
    rows = db.execute(
        "SELECT position, stream_id, version, event_type FROM events "
        "WHERE json_extract(metadata, '$.session') = ? "
        "AND json_extract(metadata, '$.correlation_id') = ? ORDER BY position",
        (session_id, f"ui-{seq}"),
    ).fetchall()
    return [{"position": p, "stream_id": s, "version": v, "type": t} for p, s, v, t in rows]


def ui_event_behind(db: sqlite3.Connection, position: int) -> dict[str, Any] | None:
    """The UI event that caused the domain event at `position`, if it came from the UI."""
    row = db.execute(
        "SELECT u.session_id, u.seq, u.kind, u.target FROM events e JOIN ui_events u "
        "ON u.session_id = json_extract(e.metadata, '$.session') "
        "AND 'ui-' || u.seq = json_extract(e.metadata, '$.correlation_id') "
        "WHERE e.position = ?",
        (position,),
    ).fetchone()
    if row is None:
        return None
    return {"session_id": row[0], "seq": row[1], "kind": row[2], "target": row[3]}
