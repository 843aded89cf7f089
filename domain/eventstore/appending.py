"""Appending events: every stream's batch checked against its version, the chain extended.

Each stream takes only its last version + 1, so neither a stale writer nor one working from a
wrong cache leaves a gap; a stream that moved on is a `ConcurrencyError`. On SQLite the
caller's `BEGIN IMMEDIATE` already made it the only writer. On PostgreSQL many processes
append at once: only the chain's head is serialized, by an advisory lock held from reading the
head to COMMIT, and the append is one call of a server-side function (`pg_append.py`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, func, select
from sqlalchemy.exc import IntegrityError

from domain.eventstore import pg_append
from domain.eventstore.hashing import row_hash
from domain.eventstore.reads import head
from domain.eventstore.schema import CHAIN_LOCK, dumps, events_table
from domain.eventstore.sql import Prepared
from domain.model.errors import ConcurrencyError
from domain.model.events import DomainEvent, RecordedEvent


@dataclass(frozen=True)
class StreamAppend:
    """New events for one stream, valid only if the stream is still at `expected_version`."""

    stream_id: str
    stream_type: str
    expected_version: int
    events: Sequence[DomainEvent]


_stream_version = Prepared(
    select(func.max(events_table.c.version)).where(events_table.c.stream_id == bindparam("sid"))
)
_insert = Prepared(events_table.insert())


def append(
    conn: Connection, appends: Sequence[StreamAppend], meta: dict[str, Any], recorded_at: str
) -> list[RecordedEvent]:
    """Append all `appends` in the caller's transaction, atomically, and return them as stored.

    Raises ConcurrencyError if any stream moved past its expected version.
    """
    meta_text = dumps(meta)
    if conn.dialect.name == "postgresql":
        return _append_on_server(conn, appends, meta, meta_text, recorded_at)
    # SQLite: BEGIN IMMEDIATE already made this the only writer until COMMIT.
    position, prev_hash = head(conn)
    recorded: list[RecordedEvent] = []
    for item in appends:
        # The unique key stops a duplicate version, not a gap: a stream takes only its last
        # version + 1 (a writer working from a stale or damaged copy is refused here).
        found = _stream_version.first(conn, {"sid": item.stream_id})
        current = (found[0] if found else None) or 0
        if current != item.expected_version:
            raise ConcurrencyError(item.stream_id, item.expected_version)
        rows: list[dict[str, Any]] = []
        for offset, domain_event in enumerate(item.events, start=1):
            position += 1
            version = item.expected_version + offset
            row: dict[str, Any] = {
                "position": position,
                "stream_id": item.stream_id,
                "stream_type": item.stream_type,
                "version": version,
                "event_type": type(domain_event).__name__,
                "schema_version": domain_event.SCHEMA_VERSION,
                "data": dumps(domain_event.to_data()),
                "metadata": meta_text,
                "recorded_at": recorded_at,
                "prev_hash": prev_hash,
            }
            prev_hash = row["hash"] = row_hash(prev_hash, position, row)
            rows.append(row)
            recorded.append(
                RecordedEvent(
                    position,
                    item.stream_id,
                    item.stream_type,
                    version,
                    domain_event,
                    recorded_at,
                    meta,
                )
            )
        try:
            # One stream at a time, so a unique-key failure names the stream that moved on.
            _insert.run_many(conn, rows)
        except (IntegrityError, conn.dialect.loaded_dbapi.IntegrityError):
            raise ConcurrencyError(item.stream_id, item.expected_version) from None
    return recorded


def _append_on_server(
    conn: Connection,
    appends: Sequence[StreamAppend],
    meta: dict[str, Any],
    meta_text: str,
    recorded_at: str,
) -> list[RecordedEvent]:
    """The same append in one round trip (domain/eventstore/pg_append.py): lock, head, version
    checks, hashes and inserts, all on the server."""
    payload = [
        {
            "stream_id": item.stream_id,
            "stream_type": item.stream_type,
            "expected": item.expected_version,
            "events": [
                {
                    "event_type": type(e).__name__,
                    "schema_version": e.SCHEMA_VERSION,
                    "data": dumps(e.to_data()),
                }
                for e in item.events
            ],
        }
        for item in appends
    ]
    position = pg_append.append_rows(conn, payload, meta_text, recorded_at, CHAIN_LOCK)
    recorded = []
    for item in appends:
        for offset, domain_event in enumerate(item.events, start=1):
            recorded.append(
                RecordedEvent(
                    position,
                    item.stream_id,
                    item.stream_type,
                    item.expected_version + offset,
                    domain_event,
                    recorded_at,
                    meta,
                )
            )
            position += 1
    return recorded
