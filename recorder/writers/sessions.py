"""`replayshop sessions`: the recorded sessions of a shop database, so nobody queries tables to
find the one to report."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class SessionRow:
    session_id: str
    started_at: str
    ended_at: str | None
    accounts: list[str]  # who issued the session's commands (usernames)
    ui_events: int
    domain_events: int
    exceptions: int


def list_sessions(db_path: Path) -> list[SessionRow]:
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "ui_sessions" not in tables:
            return []
        sessions = db.execute(
            "SELECT session_id, started_at, ended_at, start_position FROM ui_sessions "
            "ORDER BY started_at, rowid"
        ).fetchall()
        if not sessions:
            return []
        counted = dict(db.execute("SELECT session_id, count(*) FROM ui_events GROUP BY session_id"))
        raised = dict(
            db.execute("SELECT session_id, count(*) FROM ui_exceptions GROUP BY session_id")
        )
        earliest = min(s[3] for s in sessions)
        written: dict[str, int] = {}
        actors: dict[str, set[str]] = {}
        # One pass over the events since the first session began, not one per session.
        for session, actor in db.execute(
            "SELECT json_extract(metadata, '$.session'), json_extract(metadata, '$.actor') "
            "FROM events WHERE position > ?",
            (earliest,),
        ):
            written[session] = written.get(session, 0) + 1
            if actor:
                actors.setdefault(session, set()).add(actor)
        names = dict(
            db.execute(
                "SELECT json_extract(data, '$.account_id'), json_extract(data, '$.username') "
                "FROM events WHERE event_type = 'AccountRegistered'"
            )
        )
    finally:
        db.close()
    return [
        SessionRow(
            session_id,
            started,
            ended,
            sorted(names.get(a, a) for a in actors.get(session_id, set())),
            counted.get(session_id, 0),
            written.get(session_id, 0),
            raised.get(session_id, 0),
        )
        for session_id, started, ended, _ in sessions
    ]


def sessions_table(rows: list[SessionRow]) -> str:
    if not rows:
        return "no recorded sessions"
    lines = [
        f"{'session':<32}  {'started (UTC)':<19}  {'ended':<8}  {'UI ev':>6}  {'domain':>6}  "
        f"{'exc':>3}  accounts that acted"
    ]
    for r in rows:
        lines.append(
            f"{r.session_id:<32}  {r.started_at[:19].replace('T', ' '):<19}  "
            f"{'yes' if r.ended_at else 'no':<8}  {r.ui_events:>6}  {r.domain_events:>6}  "
            f"{r.exceptions:>3}  {', '.join(r.accounts) or '-'}"
        )
    return "\n".join(lines)


def sessions_json(rows: list[SessionRow]) -> str:
    return json.dumps([asdict(r) for r in rows], indent=2)
