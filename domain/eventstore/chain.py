"""Keeping the hash chain's rule current: an older store is checked, then re-chained.

A store made before rule 2 hashed every column but `stream_type`, so a changed stream type
went unnoticed. When such a store is opened for writing, its chain is verified under the old
rule; if intact, every row's hash is recomputed under the new one (the append-only triggers
are lifted for that one transaction and put back), and the old head is kept in
`chain_history`. A store whose old chain is already broken is left as it is, for `verify` to
report: re-chaining it would bless the damage.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Connection, select, text

from domain.eventstore.hashing import chain_rule, row_hash, verify_chain
from domain.eventstore.reads import head
from domain.eventstore.schema import (
    CHAIN_RULE,
    GENESIS_HASH,
    chain_history_table,
    events_table,
    store_meta_table,
)

TRIGGERS = {
    "UPDATE": "CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN "
    "SELECT RAISE(ABORT, 'events are append-only: UPDATE is not allowed'); END",
}


def ensure_chain_rule(conn: Connection) -> None:
    meta = store_meta_table
    if conn.execute(select(meta.c.value).where(meta.c.key == "chain_rule")).first():
        if chain_rule(conn) >= CHAIN_RULE:
            return
    elif head(conn)[0] == 0:  # a new, empty store starts under the current rule
        _set_rule(conn)
        return
    old = chain_rule(conn)
    checked = verify_chain(conn, old)
    if checked.first_bad_position is not None:
        return  # broken under its own rule: `verify` says where; nothing is re-chained
    _rechain(conn, old, checked.head)


def _rechain(conn: Connection, old_rule: int, old_head: tuple[int, str]) -> None:
    t = events_table.c
    rows = conn.execute(select(events_table).order_by(t.position)).mappings().all()
    sqlite = conn.dialect.name == "sqlite"
    if sqlite:
        conn.execute(text("DROP TRIGGER IF EXISTS events_no_update"))
    prev = GENESIS_HASH
    for row in rows:
        new = row_hash(prev, row["position"], dict(row))
        conn.execute(
            events_table.update()
            .where(t.position == row["position"])
            .values(prev_hash=prev, hash=new)
        )
        prev = new
    if sqlite:
        conn.execute(text(TRIGGERS["UPDATE"]))
    conn.execute(
        chain_history_table.insert().values(
            rule=old_rule,
            position=old_head[0],
            hash=old_head[1],
            replaced_at=datetime.now(UTC).isoformat(timespec="seconds"),
        )
    )
    _set_rule(conn)


def _set_rule(conn: Connection) -> None:
    meta = store_meta_table
    conn.execute(meta.delete().where(meta.c.key == "chain_rule"))
    conn.execute(meta.insert().values(key="chain_rule", value=str(CHAIN_RULE)))
