"""The event store: an append-only, hash-chained log in SQL (SQLite by default, or a shared
PostgreSQL server), plus snapshots.

Rows are never updated or deleted: triggers refuse it. Each row's hash covers its content and
the previous row's hash, so `verify` finds the first row that was altered behind the store's back.

On PostgreSQL many processes append at once. Only the chain's head is serialized (an advisory
lock held from reading the head to COMMIT); loading aggregates and deciding stays concurrent,
and a stream that moved on meanwhile is refused by its version as on SQLite. Every insert
notifies the channel `EVENTS_CHANNEL`, so followers wake at once instead of polling.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    DDL,
    BigInteger,
    Column,
    Connection,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    bindparam,
    event,
    func,
    or_,
    select,
    text,
)
from sqlalchemy.exc import IntegrityError

from domain.eventstore import pg_append
from domain.eventstore.sql import Prepared, PreparedUpsert
from domain.model.errors import ConcurrencyError
from domain.model.events import (
    EVENT_TYPES,
    DamagedEvent,
    DamagedLog,
    DomainEvent,
    RecordedEvent,
    UnknownEventType,
    decode_event,
)

GENESIS_HASH = "0" * 64
# Which columns the hash chain covers. 1: all but stream_type (the first stores). 2: every
# stored column. An older store is re-chained when opened (domain/eventstore/chain.py).
CHAIN_RULE = 2
EVENTS_CHANNEL = "replayshop_events"  # PostgreSQL NOTIFY channel: the log grew
CHAIN_LOCK = "replayshop.events.head"
# Integer on SQLite keeps the rowid primary key; PostgreSQL's integer would stop at 2**31.
Position = Integer().with_variant(BigInteger(), "postgresql")

metadata = MetaData()

# Facts about the store itself: the chain rule in force ("chain_rule").
store_meta_table = Table(
    "store_meta",
    metadata,
    Column("key", String, primary_key=True),
    Column("value", String, nullable=False),
)
# Heads of the chain under an earlier rule, kept when the store was re-chained: a copy of an
# old head kept elsewhere can still be checked against this record.
chain_history_table = Table(
    "chain_history",
    metadata,
    Column("rule", Integer, nullable=False),
    Column("position", Integer, nullable=False),
    Column("hash", String, nullable=False),
    Column("replaced_at", String, nullable=False),
)

events_table = Table(
    "events",
    metadata,
    Column("position", Position, primary_key=True, autoincrement=False),
    Column("stream_id", String, nullable=False),
    Column("stream_type", String, nullable=False),
    Column("version", Integer, nullable=False),
    Column("event_type", String, nullable=False),
    Column("schema_version", Integer, nullable=False),
    Column("data", Text, nullable=False),
    Column("metadata", Text, nullable=False),
    Column("recorded_at", String, nullable=False),
    Column("prev_hash", String, nullable=False),
    Column("hash", String, nullable=False),
    UniqueConstraint("stream_id", "version", name="uq_events_stream_version"),
)
Index("ix_events_recorded_at", events_table.c.recorded_at)
Index("ix_events_type", events_table.c.event_type)

snapshots_table = Table(
    "snapshots",
    metadata,
    Column("stream_id", String, primary_key=True),
    Column("version", Integer, nullable=False),
    Column("aggregate_type", String, nullable=False),
    Column("state_version", Integer, nullable=False),
    Column("state", Text, nullable=False),
)

for _verb in ("UPDATE", "DELETE"):
    event.listen(
        events_table,
        "after_create",
        DDL(  # type: ignore[no-untyped-call]
            f"CREATE TRIGGER events_no_{_verb.lower()} BEFORE {_verb} ON events BEGIN "
            f"SELECT RAISE(ABORT, 'events are append-only: {_verb} is not allowed'); END"
        ).execute_if(dialect="sqlite"),
    )
# PostgreSQL: the same refusal (TRUNCATE included), and a notification per inserting statement
# (PostgreSQL folds repeats within a transaction into one, delivered at COMMIT).
for _ddl in (
    "CREATE OR REPLACE FUNCTION replayshop_refuse_change() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN RAISE EXCEPTION USING MESSAGE = "
    "'events are append-only: ' || TG_OP || ' is not allowed'; END $$",
    "CREATE TRIGGER events_no_change BEFORE UPDATE OR DELETE OR TRUNCATE ON events "
    "FOR EACH STATEMENT EXECUTE FUNCTION replayshop_refuse_change()",
    "CREATE OR REPLACE FUNCTION replayshop_notify() RETURNS trigger LANGUAGE plpgsql AS "
    f"$$ BEGIN PERFORM pg_notify('{EVENTS_CHANNEL}', ''); RETURN NULL; END $$",
    "CREATE TRIGGER events_notify AFTER INSERT ON events "
    "FOR EACH STATEMENT EXECUTE FUNCTION replayshop_notify()",
):
    event.listen(
        events_table,
        "after_create",
        DDL(_ddl).execute_if(dialect="postgresql"),  # type: ignore[no-untyped-call]
    )


@dataclass(frozen=True)
class StreamAppend:
    """New events for one stream, valid only if the stream is still at `expected_version`."""

    stream_id: str
    stream_type: str
    expected_version: int
    events: Sequence[DomainEvent]


@dataclass(frozen=True)
class Snapshot:
    version: int
    aggregate_type: str
    state_version: int
    state: dict[str, Any]


def row_hash(prev_hash: str, position: int, row: dict[str, Any], rule: int = CHAIN_RULE) -> str:
    stream_type = (row["stream_type"],) if rule >= 2 else ()
    text = "\x1f".join(
        (
            prev_hash,
            str(position),
            row["stream_id"],
            *stream_type,
            str(row["version"]),
            row["event_type"],
            str(row["schema_version"]),
            row["data"],
            row["metadata"],
            row["recorded_at"],
        )
    )
    return hashlib.sha256(text.encode()).hexdigest()


def _dumps(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


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
_stream_version = Prepared(
    select(func.max(events_table.c.version)).where(events_table.c.stream_id == bindparam("sid"))
)
_snapshot = Prepared(
    select(
        snapshots_table.c.version,
        snapshots_table.c.aggregate_type,
        snapshots_table.c.state_version,
        snapshots_table.c.state,
    ).where(snapshots_table.c.stream_id == bindparam("sid"))
)
_insert = Prepared(events_table.insert())
_save_snapshot = PreparedUpsert(snapshots_table)


# Partial expression indexes for looking one event up by an id in its data (a wallet
# transaction for a correction, domain/writeside/wallet_index.py). IF NOT EXISTS: older stores get
# them
# on open. SQLite only, like json_extract.
LOOKUP_INDEXES = (
    "CREATE INDEX IF NOT EXISTS ix_events_wallet_tx ON events "
    "(stream_id, json_extract(data, '$.tx_id')) "
    "WHERE event_type IN ('FundsDeposited', 'FundsDebited')",
    "CREATE INDEX IF NOT EXISTS ix_events_wallet_reversal ON events "
    "(stream_id, json_extract(data, '$.reversed_tx_id')) "
    "WHERE event_type = 'TransactionReversed'",
)
PG_LOOKUP_INDEXES = (
    "CREATE INDEX IF NOT EXISTS ix_events_wallet_tx ON events "
    "(stream_id, ((data::json)->>'tx_id')) "
    "WHERE event_type IN ('FundsDeposited', 'FundsDebited')",
    "CREATE INDEX IF NOT EXISTS ix_events_wallet_reversal ON events "
    "(stream_id, ((data::json)->>'reversed_tx_id')) "
    "WHERE event_type = 'TransactionReversed'",
)


def create_schema(conn: Connection) -> None:
    metadata.create_all(conn)
    indexes = {"sqlite": LOOKUP_INDEXES, "postgresql": PG_LOOKUP_INDEXES}
    for ddl in indexes.get(conn.dialect.name, ()):
        conn.execute(text(ddl))
    if conn.dialect.name == "postgresql":
        pg_append.install(conn)  # CREATE OR REPLACE: a store made by an older build gets it
    from domain.eventstore.chain import ensure_chain_rule  # it needs this module's tables

    ensure_chain_rule(conn)


def chain_rule(conn: Connection) -> int:
    """The rule the stored chain follows: a store without the record predates rule 2."""
    found = conn.execute(
        select(store_meta_table.c.value).where(store_meta_table.c.key == "chain_rule")
    ).scalar()
    return int(found) if found else 1


def head(conn: Connection) -> tuple[int, str]:
    """The position and hash of the last event (0 and the genesis hash for an empty log)."""
    row = _head.first(conn)
    return (row[0], row[1]) if row else (0, GENESIS_HASH)


def append(
    conn: Connection, appends: Sequence[StreamAppend], meta: dict[str, Any], recorded_at: str
) -> list[RecordedEvent]:
    """Append all `appends` in the caller's transaction, atomically, and return them as stored.

    Raises ConcurrencyError if any stream moved past its expected version.
    """
    meta_text = _dumps(meta)
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
                "data": _dumps(domain_event.to_data()),
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
                    "data": _dumps(e.to_data()),
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


RECORD_COLUMNS = (
    events_table.c.position,
    events_table.c.stream_id,
    events_table.c.stream_type,
    events_table.c.version,
    events_table.c.event_type,
    events_table.c.schema_version,
    events_table.c.data,
    events_table.c.metadata,
    events_table.c.recorded_at,
)


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


def load_snapshot(conn: Connection, stream_id: str) -> Snapshot | None:
    row = _snapshot.first(conn, {"sid": stream_id})
    if row is None:
        return None
    version, aggregate_type, state_version, state = row
    return Snapshot(version, aggregate_type, state_version, json.loads(state))


def save_snapshot(conn: Connection, stream_id: str, snapshot: Snapshot) -> None:
    _save_snapshot.run(
        conn,
        {
            "stream_id": stream_id,
            "version": snapshot.version,
            "aggregate_type": snapshot.aggregate_type,
            "state_version": snapshot.state_version,
            "state": _dumps(snapshot.state),
        },
    )


@dataclass(frozen=True)
class VerifyResult:
    count: int
    first_bad_position: int | None
    problem: str = ""
    head: tuple[int, str] = (0, GENESIS_HASH)  # the last intact position and its hash
    rule: int = CHAIN_RULE


def verify_chain(conn: Connection, rule: int | None = None) -> VerifyResult:
    """Recompute the hash chain over the whole log; report the first row that does not match.

    A damaged row (a value of the wrong type, text that is not text) is reported like a changed
    one, never raised: `verify` exists for files that are not what they should be."""
    rule = rule or chain_rule(conn)
    t = events_table.c
    stmt = select(
        t.position,
        t.stream_id,
        t.stream_type,
        t.version,
        t.event_type,
        t.schema_version,
        t.data,
        t.metadata,
        t.recorded_at,
        t.prev_hash,
        t.hash,
    ).order_by(t.position)
    prev_hash, count, expected_position = GENESIS_HASH, 0, 1
    for row in conn.execute(stmt).mappings():
        position = row["position"]
        problem = ""
        if position != expected_position:
            position, problem = expected_position, "a row is missing"
        elif row["prev_hash"] != prev_hash:
            problem = "the link to the previous row is broken"
        elif not _hash_matches(prev_hash, position, row, rule):
            problem = "its content does not match its hash"
        if problem:
            head = (expected_position - 1, prev_hash)  # the last intact row
            return VerifyResult(count, position, problem, head, rule)
        prev_hash, count, expected_position = row["hash"], count + 1, position + 1
    return VerifyResult(count, None, "", (expected_position - 1, prev_hash), rule)


def _hash_matches(prev_hash: str, position: int, row: Any, rule: int) -> bool:
    try:
        return bool(row_hash(prev_hash, position, dict(row), rule) == row["hash"])
    except (TypeError, ValueError):  # a column that is not what the schema says: damaged
        return False
