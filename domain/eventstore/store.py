"""The event store: an append-only, hash-chained log in SQL (SQLite by default, or a shared
PostgreSQL server), plus snapshots.

This module opens the store (`create_schema`) and is the one name the rest of the app uses
for it (`store.append`, `store.read_all`, …): the work is done by the modules named below,
one concern each, and callers need not know which holds what.

- `schema`: the tables, the triggers that keep the log append-only, the shared constants;
- `hashing`: each row's hash and `verify_chain`; `chain`: re-chaining an older store;
- `appending`: `append` on SQLite, and its one-call form on PostgreSQL (`pg_append`);
- `reads`: streams, the whole log, pages, rows for read models;
- `snapshots`: the latest state per stream.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from domain.eventstore import pg_append
from domain.eventstore.appending import StreamAppend, append
from domain.eventstore.chain import ensure_chain_rule
from domain.eventstore.hashing import VerifyResult, chain_rule, row_hash, verify_chain
from domain.eventstore.reads import (
    CorruptStream,
    decode_row,
    decode_tolerant,
    head,
    log_page,
    position_at,
    read_all,
    read_projectable,
    read_stream,
)
from domain.eventstore.schema import (
    CHAIN_LOCK,
    CHAIN_RULE,
    EVENTS_CHANNEL,
    GENESIS_HASH,
    LOOKUP_INDEXES,
    PG_LOOKUP_INDEXES,
    RECORD_COLUMNS,
    Position,
    chain_history_table,
    events_table,
    metadata,
    snapshots_table,
    store_meta_table,
)
from domain.eventstore.snapshots import Snapshot, load_snapshot, save_snapshot

__all__ = [
    "CHAIN_LOCK",
    "CHAIN_RULE",
    "EVENTS_CHANNEL",
    "GENESIS_HASH",
    "LOOKUP_INDEXES",
    "PG_LOOKUP_INDEXES",
    "RECORD_COLUMNS",
    "CorruptStream",
    "Position",
    "Snapshot",
    "StreamAppend",
    "VerifyResult",
    "append",
    "chain_history_table",
    "chain_rule",
    "create_schema",
    "decode_row",
    "decode_tolerant",
    "events_table",
    "head",
    "load_snapshot",
    "log_page",
    "metadata",
    "position_at",
    "read_all",
    "read_projectable",
    "read_stream",
    "row_hash",
    "save_snapshot",
    "snapshots_table",
    "store_meta_table",
    "verify_chain",
]


def create_schema(conn: Connection) -> None:
    """Create what is missing (a store made by an older build gets what it lacks) and bring
    the hash chain to the current rule."""
    metadata.create_all(conn)
    indexes = {"sqlite": LOOKUP_INDEXES, "postgresql": PG_LOOKUP_INDEXES}
    for ddl in indexes.get(conn.dialect.name, ()):
        conn.execute(text(ddl))
    if conn.dialect.name == "postgresql":
        pg_append.install(conn)  # CREATE OR REPLACE: a store made by an older build gets it
    ensure_chain_rule(conn)
