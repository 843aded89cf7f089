"""Reading the log: one stream for an aggregate, the whole log in order, pages for a person,
and rows for read models that decode only the types they handle.

Loading a stream checks that its versions count up by one (`CorruptStream`); a row that does
not decode is reported by its position (`DamagedEvent`, `UnknownEventType`).
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, bindparam, func, or_, select

from domain.eventstore.schema import GENESIS_HASH, RECORD_COLUMNS, events_table
from domain.eventstore.sql import Prepared
from domain.model.events import (
    EVENT_TYPES,
    DamagedEvent,
    DamagedLog,
    DomainEvent,
    RecordedEvent,
    UnknownEventType,
    decode_event,
)

_head = Prepared(
    select(events_table.c.position, events_table.c.hash)
    .order_by(events_table.c.position.desc())
    .limit(1)
)
_stream = Prepared(
    select(
        events_table.c.version,
        events_table.c.event_type,
        events_table.c.schema_version,
        events_table.c.data,
    )
    .where(
        events_table.c.stream_id == bindparam("sid"), events_table.c.version > bindparam("after")
    )
    .order_by(events_table.c.version)
)


def head(conn: Connection) -> tuple[int, str]:
    """The position and hash of the last event (0 and the genesis hash for an empty log)."""
    row = _head.first(conn)
    return (row[0], row[1]) if row else (0, GENESIS_HASH)


def read_stream(conn: Connection, stream_id: str, after_version: int = 0) -> list[DomainEvent]:
    """The events of one stream with a version above `after_version`, oldest first."""
    rows = _stream.rows(conn, {"sid": stream_id, "after": after_version})
    events = []
    for expected, (version, event_type, schema, data) in enumerate(rows, after_version + 1):
        if version != expected:  # a broken stream fails loudly instead of loading wrong state
            raise CorruptStream(stream_id, expected, version)
        events.append(decode_event(event_type, schema, json.loads(data)))
    return events


class CorruptStream(DamagedLog):
    """A stream whose versions do not count up by one: the log was damaged or forged."""

    def __init__(self, stream_id: str, expected: int, found: int) -> None:
        super().__init__(
            f"{stream_id} jumps from version {expected - 1} to {found}; "
            "run `replayshop verify` on this database"
        )


def decode_row(row: Sequence[Any]) -> RecordedEvent:
    """Decode a row selected with `RECORD_COLUMNS`."""
    pos, sid, stype, version, etype, schema, data, meta, at = row
    # Metadata stays JSON text until someone asks for it: rebuilds never do.
    try:
        event = decode_event(etype, schema, json.loads(data))
    except (ValueError, KeyError, TypeError) as error:  # JSON, UTF-8 or shape: a damaged row
        raise DamagedEvent(pos, error) from error
    except UnknownEventType as unknown:  # a newer build's log, or damage: say where
        raise UnknownEventType(unknown.name, pos) from None
    return RecordedEvent(pos, sid, stype, version, event, at, meta)


def read_all(
    conn: Connection,
    after_position: int = 0,
    up_to_position: int | None = None,
    as_of: str | None = None,
    stream_id: str | None = None,
    event_types: Sequence[str] | None = None,
    batch_size: int = 5000,
) -> Iterator[RecordedEvent]:
    """Stream the log in order, optionally cut at a position or a recorded time (inclusive)."""
    t = events_table.c
    stmt = select(*RECORD_COLUMNS).where(t.position > bindparam("after")).order_by(t.position)
    if up_to_position is not None:
        stmt = stmt.where(t.position <= up_to_position)
    if as_of is not None:
        stmt = stmt.where(t.recorded_at <= as_of)
    if stream_id is not None:
        stmt = stmt.where(t.stream_id == stream_id)
    if event_types:
        # One bound value per type: an expanding IN cannot be compiled ahead
        # (domain/eventstore/sql.py).
        stmt = stmt.where(
            or_(
                *(
                    t.event_type == bindparam(f"type_{n}", name)
                    for n, name in enumerate(event_types)
                )
            )
        )
    prepared = Prepared(stmt.limit(batch_size))
    after = after_position
    while True:
        rows = prepared.rows(conn, {"after": after})
        for row in rows:
            yield decode_row(row)
        if len(rows) < batch_size:
            return
        after = rows[-1][0]


def log_page(
    conn: Connection,
    *,
    beyond: int | None,
    limit: int,
    up_to_position: int | None = None,
    stream_contains: str = "",
    event_types: Sequence[str] | None = None,
    newest_first: bool = True,
) -> list[RecordedEvent]:
    """One page of the log for a person reading it, either direction, by the primary key.

    A stream filter matches part of the id ("cart-" finds every cart), so it is a LIKE, with
    the user's % and _ taken literally. Not prepared: it runs when an admin asks, not per event.
    """
    t = events_table.c
    stmt = select(*RECORD_COLUMNS)
    if up_to_position is not None:
        stmt = stmt.where(t.position <= up_to_position)
    if beyond is not None:
        stmt = stmt.where(t.position < beyond if newest_first else t.position > beyond)
    if stream_contains:
        stmt = stmt.where(t.stream_id.contains(stream_contains, autoescape=True))
    if event_types:
        stmt = stmt.where(t.event_type.in_(list(event_types)))
    order = t.position.desc() if newest_first else t.position
    rows = conn.execute(stmt.order_by(order).limit(limit)).all()
    return [decode_row(row) for row in rows]


_projectable = Prepared(
    select(*RECORD_COLUMNS)
    .where(events_table.c.position > bindparam("after"), events_table.c.position <= bindparam("to"))
    .order_by(events_table.c.position)
    .limit(bindparam("limit"))
)


def read_projectable(
    conn: Connection,
    handled: Collection[str],
    after_position: int = 0,
    up_to_position: int | None = None,
    batch_size: int = 5000,
) -> Iterator[tuple[int, RecordedEvent | None]]:
    """(position, event) for every row of the log in order, for read models.

    The event is None, and never decoded, when its type is not in `handled`: a projection has
    nothing to do with it, and that includes types a newer build of the app added (an older
    build following a newer store skips them, by design). A newer schema of a type this build
    knows is read with the fields this build knows; one that cannot be is skipped too."""
    after, to = after_position, up_to_position if up_to_position is not None else 2**62
    while True:
        rows = _projectable.rows(conn, {"after": after, "to": to, "limit": batch_size})
        for row in rows:
            yield row[0], (decode_tolerant(row) if row[4] in handled else None)
        if len(rows) < batch_size:
            return
        after = rows[-1][0]


def decode_tolerant(row: Sequence[Any]) -> RecordedEvent | None:
    try:
        return decode_row(row)
    except (UnknownEventType, DamagedEvent):  # a newer schema fails to decode as this one
        pass
    cls = EVENT_TYPES.get(row[4])
    if cls is None:
        return None
    try:  # a newer schema: the fields this build knows, if they are all there
        data = json.loads(row[6])
        known = {f: data[f] for f in cls.__dataclass_fields__ if f in data}  # type: ignore[attr-defined]
        event = cls.from_data(known)
    except (TypeError, KeyError, ValueError):
        return None
    pos, sid, stype, version, _etype, _schema, _data, meta, at = row
    return RecordedEvent(pos, sid, stype, version, event, at, meta)


def position_at(conn: Connection, as_of: str) -> int:
    """The last position recorded at or before the ISO time `as_of`."""
    t = events_table.c
    return conn.execute(select(func.max(t.position)).where(t.recorded_at <= as_of)).scalar() or 0
