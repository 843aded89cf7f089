"""The event store's tables: the log, snapshots, facts about the store, and what guards them.

Rows of `events` are never updated or deleted: triggers refuse it (on SQLite and on a
PostgreSQL server alike), and on a server every inserting statement notifies
`EVENTS_CHANNEL`, so followers wake at once instead of polling. The tables and the constants
every other module of the store shares live here; this one imports none of those modules.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import (
    DDL,
    BigInteger,
    Column,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    event,
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


# Partial expression indexes for looking one event up by an id in its data (a wallet
# transaction for a correction, domain/writeside/wallet_index.py). IF NOT EXISTS: older stores
# get them on open. Each dialect its own JSON expression.
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


def dumps(value: Any) -> str:
    """JSON as the store keeps it: compact, non-ASCII text as it is (the chain hashes it)."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)
