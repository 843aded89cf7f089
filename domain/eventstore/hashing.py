"""The hash chain: each row's hash, and checking the whole log against it.

Each row's hash covers its content and the previous row's hash, so `verify_chain` finds the
first row that was altered behind the store's back. The rule of which columns are covered
is recorded in the store (`store_meta`); `chain.py` brings an older store to the current one.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from domain.eventstore.schema import CHAIN_RULE, GENESIS_HASH, events_table, store_meta_table


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


def chain_rule(conn: Connection) -> int:
    """The rule the stored chain follows: a store without the record predates rule 2."""
    found = conn.execute(
        select(store_meta_table.c.value).where(store_meta_table.c.key == "chain_rule")
    ).scalar()
    return int(found) if found else 1


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
