"""A throw-away shop database seeded with a recording's starting state.

It lives in a temporary directory: a replay never opens, let alone writes, the user's database.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from domain import store
from domain.database import open_engine, writing
from recorder.fileformat import Recording

COLUMNS = (
    "position",
    "stream_id",
    "stream_type",
    "version",
    "event_type",
    "schema_version",
    "data",
    "metadata",
    "recorded_at",
)


def seed_replay_store(recording: Recording, directory: Path | None = None) -> Path:
    """Write the starting events into a fresh `shop.db` and return its path."""
    folder = Path(directory or tempfile.mkdtemp(prefix="replayshop-replay-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "shop.db"
    engine = open_engine(db, synchronous="OFF")  # a scratch copy: durability buys nothing
    try:
        with writing(engine) as conn:
            store.create_schema(conn)
            prev = store.GENESIS_HASH
            rows = []
            for values in recording.start_events:
                row = dict(zip(COLUMNS, values, strict=True))
                # A fresh chain over what was exported (a partial start state has gaps).
                row["prev_hash"] = prev
                prev = row["hash"] = store.row_hash(prev, row["position"], row)
                rows.append(row)
            if rows:
                conn.execute(store.events_table.insert(), rows)
    finally:
        engine.dispose()
    return db
