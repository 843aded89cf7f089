"""Snapshots: the latest state of a stream at a version, so loading needs only later events.

A snapshot is a cache, not history: one row per stream, replaced as the stream grows. A
loader ignores one written by another aggregate version (`state_version`), never trusts it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, select

from domain.eventstore.schema import dumps, snapshots_table
from domain.eventstore.sql import Prepared, PreparedUpsert


@dataclass(frozen=True)
class Snapshot:
    version: int
    aggregate_type: str
    state_version: int
    state: dict[str, Any]


_snapshot = Prepared(
    select(
        snapshots_table.c.version,
        snapshots_table.c.aggregate_type,
        snapshots_table.c.state_version,
        snapshots_table.c.state,
    ).where(snapshots_table.c.stream_id == bindparam("sid"))
)
_save_snapshot = PreparedUpsert(snapshots_table)


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
            "state": dumps(snapshot.state),
        },
    )
