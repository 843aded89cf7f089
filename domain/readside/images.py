"""Images of the read models at past positions, so time travel starts near where it goes.

An image is the projection tables at one log position, as a whole SQLite database
(`Connection.serialize`), compressed, kept in a file beside the store (`shop.db.past`). A
past view deserializes the nearest image at or before its position into memory and applies
only the events after it, instead of replaying the log from its first event.

Which images are kept: one every `every` events, dense near the head and thinned further
back (each older stretch keeps every other one), at most `keep` of them, so the file stays
bounded however long the log grows. Images are only ever a cache: deleting the file loses
nothing but speed, and an image made by another set of projection versions is never used.
"""

from __future__ import annotations

import sqlite3
import threading
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path

from sqlalchemy import Connection, Engine, Index, MetaData
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.schema import CreateIndex, CreateTable

from domain.eventstore import store
from domain.eventstore.database import engine_on, reading
from domain.model.events import RecordedEvent
from domain.readside.projections.base import DbRows, Rows
from domain.readside.projector import Projector, build_in_memory, checkpoints_table

IMAGE_EVERY = 10_000  # events between two images near the head
IMAGE_KEEP = 12  # images at most: the file's size is bounded by this many read-model copies


class PastImages:
    def __init__(
        self, db_path: Path, projector: Projector, every: int = IMAGE_EVERY, keep: int = IMAGE_KEEP
    ) -> None:
        self.path = Path(f"{db_path}.past")
        self.db_path = db_path
        self.projector = projector
        self.every, self.keep = every, keep
        self.layout = ",".join(sorted(f"{p.NAME}_v{p.VERSION}" for p in projector.projections))
        self._lock = threading.Lock()
        self._newest: int | None = None  # the newest image's position, once looked up

    def _open(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=10, check_same_thread=False)
        conn.execute(
            "CREATE TABLE IF NOT EXISTS images (position INTEGER NOT NULL, layout TEXT NOT NULL,"
            " image BLOB NOT NULL, PRIMARY KEY (layout, position))"
        )
        return conn

    def positions(self) -> list[int]:
        if not self.path.exists():
            return []
        with self._lock:
            conn = self._open()
            try:
                rows = conn.execute(
                    "SELECT position FROM images WHERE layout = ? ORDER BY position",
                    (self.layout,),
                ).fetchall()
            finally:
                conn.close()
        return [r[0] for r in rows]

    def due(self, reached: int) -> bool:
        """Whether the live read models at `reached` should be imaged now."""
        if self._newest is None:
            known = self.positions()
            self._newest = known[-1] if known else 0
        return reached >= self._newest + self.every

    def nearest(self, position: int) -> tuple[int, sqlite3.Connection] | None:
        """The newest image at or before `position`, opened in memory, and its position."""
        if not self.path.exists():
            return None
        with self._lock:
            conn = self._open()
            try:
                row = conn.execute(
                    "SELECT position, image FROM images WHERE layout = ? AND position <= ?"
                    " ORDER BY position DESC LIMIT 1",
                    (self.layout, position),
                ).fetchone()
            finally:
                conn.close()
        if row is None:
            return None
        memory = sqlite3.connect(":memory:", check_same_thread=False)
        memory.deserialize(zlib.decompress(row[1]))
        return row[0], memory

    def save(self, position: int, memory: sqlite3.Connection, schema: str = "main") -> None:
        image = zlib.compress(memory.serialize(name=schema), 1)
        self._newest = max(self._newest or 0, position)
        with self._lock:
            conn = self._open()
            try:
                with conn:
                    conn.execute(
                        "INSERT OR REPLACE INTO images VALUES (?, ?, ?)",
                        (position, self.layout, image),
                    )
                    kept = thinned(
                        [
                            r[0]
                            for r in conn.execute(
                                "SELECT position FROM images WHERE layout = ?", (self.layout,)
                            )
                        ],
                        self.every,
                        self.keep,
                    )
                    conn.execute(  # images of other projection versions: of no use any more
                        "DELETE FROM images WHERE layout != ?", (self.layout,)
                    )
                    marks = ",".join("?" * len(kept))
                    conn.execute(f"DELETE FROM images WHERE position NOT IN ({marks})", kept)
            finally:
                conn.close()

    def take_live(self) -> int | None:
        """Image the store's live read models, as one consistent read. None when the
        projections are not all at one position (another process is applying a share)."""
        conn = sqlite3.connect(self.db_path, timeout=10, check_same_thread=False)
        try:
            conn.execute("ATTACH ':memory:' AS image")
            conn.execute("BEGIN")
            c = checkpoints_table.c
            positions = {
                (name, version): position
                for name, version, position in conn.execute(
                    f"SELECT {c.name.name}, {c.version.name}, {c.position.name} "
                    "FROM projection_checkpoints"
                )
            }
            live = {positions.get(p.key) for p in self.projector.projections}
            if len(live) != 1 or None in live:
                conn.execute("ROLLBACK")
                return None
            position = int(next(iter(live)) or 0)
            copy_tables(conn, self.projector, "image")
            conn.execute("COMMIT")
            self.save(position, conn, schema="image")
            return position
        finally:
            conn.close()


def backfill(images: PastImages, engine: Engine) -> list[int]:
    """Make the images a long history would have, had the app kept them all along: the
    positions thinning would keep, built in one pass over the log. Returns those made."""
    with reading(engine) as source:
        head = store.head(source)[0]
    wanted = sorted(thinned(range(images.every, head + 1, images.every), images.every, images.keep))
    memory = sqlite3.connect(":memory:", check_same_thread=False)
    past = engine_on(memory)
    projector = images.projector
    made, at = [], 0
    try:
        for position in wanted:
            with reading(engine) as source, past.begin() as target:
                if at == 0:  # the first stretch in bulk, the rest event by event
                    projector.metadata.create_all(target)
                    build_in_memory(
                        source, target, projector.projections, projector.tables, position
                    )
                else:
                    apply_tail(source, target, projector, at, position)
            at = position
            if position not in images.positions():
                images.save(position, memory)
                made.append(position)
    finally:
        past.dispose()
        memory.close()
    return made


def copy_tables(conn: sqlite3.Connection, projector: Projector, schema: str) -> None:
    """Create the projection tables in `schema` and copy main's rows into them; indexes last."""
    dialect = sqlite_dialect.dialect()
    copies = MetaData(schema=schema)
    indexes: list[Index] = []
    for tables in projector.tables.values():
        for table in tables.values():
            copy = table.to_metadata(copies, schema=schema)
            conn.execute(str(CreateTable(copy).compile(dialect=dialect)))
            conn.execute(f'INSERT INTO {schema}."{table.name}" SELECT * FROM main."{table.name}"')
            indexes.extend(copy.indexes)
    for index in indexes:
        conn.execute(str(CreateIndex(index).compile(dialect=dialect)))


DENSE = 4  # the newest images, one per `every` events: stepping back from now is common


def thinned(positions: Sequence[int], every: int, keep: int) -> list[int]:
    """Which images to keep, newest first, at most `keep`: the `DENSE` newest one `every`
    events apart; the rest spread evenly over the older history, so no past moment is
    further from an image than that spacing, however long the log grows."""
    newest = sorted(positions, reverse=True)
    if not newest:
        return []
    kept = [newest[0]]
    _take_apart(kept, newest, every, min(DENSE, keep))
    slots = keep - len(kept)
    if slots > 0:
        # Evenly from the oldest dense image back to the first event (itself a free "image").
        _take_apart(kept, newest, max(every, kept[-1] // (slots + 1)), keep)
    return kept


def _take_apart(kept: list[int], newest: list[int], gap: int, up_to: int) -> None:
    """Append to `kept`, going back, each position at least `gap` before the last kept."""
    for position in newest:
        if len(kept) >= up_to:
            return
        if kept[-1] - position >= gap:
            kept.append(position)


def apply_tail(
    source: Connection, target: Connection, projector: Projector, after: int, up_to: int
) -> int:
    """Apply the log's events (after, up_to] to the read models in `target`."""
    rows = {p.NAME: DbRows(projector.tables[p.NAME], p.specs) for p in projector.projections}
    routes: dict[str, list[tuple[Callable[[RecordedEvent, Rows], None], DbRows]]] = {}
    for p in projector.projections:
        rows[p.NAME].conn = target
        for event_type, handler in p.handlers.items():
            routes.setdefault(event_type, []).append((handler, rows[p.NAME]))
    count = 0
    for _position, recorded in store.read_projectable(source, routes, after, up_to):
        if recorded is not None:
            for handler, target_rows in routes[recorded.type]:
                handler(recorded, target_rows)
        count += 1
    return count
