"""The chain hashes of single events, read by position: what a receipt keeps and a check asks.

Read-only, on a connection the caller holds (one snapshot for everything it shows).
"""

from __future__ import annotations

from sqlalchemy import Connection, select

from domain.eventstore.store import events_table


def hash_at(conn: Connection, position: int) -> str | None:
    """The hash of the event at `position`, or None when the log is shorter."""
    row = conn.execute(
        select(events_table.c.hash).where(events_table.c.position == position)
    ).first()
    return str(row[0]) if row else None


def hashes_at(conn: Connection, positions: list[int]) -> dict[int, str]:
    """{position: hash} of those of `positions` the log holds."""
    t = events_table.c
    rows = conn.execute(select(t.position, t.hash).where(t.position.in_(positions)))
    return {int(p): str(h) for p, h in rows}
