"""A throw-away shop database seeded with a recording's starting state.

It lives in a temporary directory: a replay never opens, let alone writes, the user's database.

Other writers' events (a recording made on a shared store keeps those other app instances
wrote that reached the window, recorder/fileformat/other_writes.py) are appended as the replay
reaches the step each came before, as the other instance did: at their own positions, chained
like the store's own events. A step where the window took them in (a `job_done` named
`others`) then lets the replayed window take them in; a command after them finds them as the
user's command did.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from domain.eventstore import store
from domain.eventstore.database import open_engine, writing
from domain.shop import open_shop
from recorder.capture.schema import UiEvent
from recorder.capture.virtual_time import JOB_DONE, OTHERS_JOB
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


class OtherWriters:
    """The recording's other writes still to come in this run."""

    def __init__(self, writes: list[tuple[int, tuple[Any, ...]]]) -> None:
        self._writes = sorted(writes, key=lambda write: write[1][0])
        self._next, self._db = 0, Path()
        self._arrived: Callable[[], object] = lambda: None

    def restart(self, db_path: Path, arrived: Callable[[], object]) -> None:
        """A run from the start state in `db_path`; `arrived` tells the replayed app that the
        writes of a take-in step came."""
        self._next, self._db, self._arrived = 0, db_path, arrived

    def bring_before(self, event: UiEvent) -> None:
        """Append every write due by UI event `event` (a step cut away by a shrink moves its
        writes to the next step left); at a take-in, tell the replayed app they came."""
        due = []
        while self._next < len(self._writes) and self._writes[self._next][0] <= event.seq:
            due.append(self._writes[self._next][1])
            self._next += 1
        if due:
            append(self._db, due)
            if (event.kind, event.target) == (JOB_DONE, OTHERS_JOB):
                self._arrived()


def append(db_path: Path, rows: list[tuple[Any, ...]]) -> None:
    """Append rows of EVENT_COLUMNS at their positions, on the store's hash chain. A position
    the replay's own events took already means the replay went another way before: that is
    said by name."""
    engine = open_engine(db_path, synchronous="OFF")  # a scratch copy: durability buys nothing
    try:
        with writing(engine) as conn:
            head, prev = store.head(conn)
            values = []
            for row in rows:
                event = dict(zip(COLUMNS, row, strict=True))
                if event["position"] <= head:
                    raise OtherWriteTaken(
                        f"another instance's event at position {event['position']} "
                        f"({event['event_type']} on {event['stream_id']}) cannot come after the "
                        f"replay's own events, which reach position {head}"
                    )
                event["prev_hash"] = prev
                prev = event["hash"] = store.row_hash(prev, event["position"], event)
                head = event["position"]
                values.append(event)
            conn.execute(store.events_table.insert(), values)
    finally:
        engine.dispose()


class OtherWriteTaken(RuntimeError):
    """The replay wrote where the recording has another instance's event."""
