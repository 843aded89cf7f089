"""A throw-away shop database seeded with a recording's starting state.

It lives in a temporary directory: a replay never opens, let alone writes, the user's database.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from domain.eventstore import store
from domain.eventstore.database import open_engine, writing
from domain.shop import open_shop
from recorder.fileformat.digests import kept_rows, projection_digests
from recorder.fileformat.shoprec import Recording
from recorder.fileformat.tables import EVENT_COLUMNS as COLUMNS


def seed_replay_store(recording: Recording, directory: Path | None = None) -> Path:
    """Write the starting events into a fresh `shop.db` and return its path."""
    return seed_store(recording.start_events, directory)


def digests_after(
    rows: Iterable[tuple[Any, ...]],
) -> tuple[dict[str, str], dict[str, dict[str, list[str]]]]:
    """The read models' digests and rows (`digests.kept_rows`) of a shop holding exactly
    these events (rows of COLUMNS): what a replay of a file with them ends with."""
    with tempfile.TemporaryDirectory(prefix="replayshop-digests-") as folder:
        db = seed_store(rows, Path(folder))
        open_shop(db, synchronous="OFF").close()  # opening brings the read models up to date
        return projection_digests(db), kept_rows(db)


def seed_store(events: Iterable[tuple[Any, ...]], directory: Path | None = None) -> Path:
    folder = Path(directory or tempfile.mkdtemp(prefix="replayshop-replay-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "shop.db"
    engine = open_engine(db, synchronous="OFF")  # a scratch copy: durability buys nothing
    try:
        with writing(engine) as conn:
            store.create_schema(conn)
            prev = store.GENESIS_HASH
            rows = []
            for values in events:
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
