"""Keeps the read models in step with the log: following it in batches, or rebuilt in bulk.

Commands only append (domain/writeside/bus.py); `follow` applies what was appended since each
projection's checkpoint, in a write transaction of its own, and a projection only ever moves
forward from its own checkpoint, read inside that transaction. That is why any number of
followers (the app's thread, a reader catching up inline, `replayshop projector` processes
splitting the projections between them) can run at once without applying an event twice.

A projection whose (name, version) has no checkpoint is new: `catch_up` builds it from the whole
history, which is how a report added today also counts what happened last year. Older versions'
tables are left in place, so going back to an older build of the app needs no rebuild.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import islice

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Float,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    and_,
    bindparam,
    case,
    func,
    inspect,
    or_,
    select,
)
from sqlalchemy.sql.elements import BindParameter

from domain.eventstore import store
from domain.eventstore.database import advisory_lock, bulk_cache, reading, writing
from domain.eventstore.sql import Prepared, upsert
from domain.model.clock import to_iso
from domain.model.events import RecordedEvent
from domain.readside.projections.base import DbRows, MemoryRows, Projection, Rows
from domain.readside.projections.temporal import (
    VALID_FROM,
    StoredTable,
    clear,
    defer_spans,
    ends_index,
    fill_spans,
    match_indexes,
    upgrade,
)
from domain.readside.retention import rebuilt_whole

FOLLOW_BATCH = 2000  # events per follow transaction: short enough not to hold up commands

checkpoint_metadata = MetaData()
checkpoints_table = Table(
    "projection_checkpoints",
    checkpoint_metadata,
    Column("name", String, nullable=False),
    Column("version", Integer, nullable=False),
    Column("position", store.Position, nullable=False),
    PrimaryKeyConstraint("name", "version"),
)
BUILD_LOCK = "replayshop.projections.build"  # creating and building read models: one at a time
# Which version of a projection the app reads, when someone decided: an operator
# (`projections use`, never overridden by a newer build) or a finished rollout.
in_use_table = Table(
    "projection_in_use",
    checkpoint_metadata,
    Column("name", String, primary_key=True),
    Column("version", Integer, nullable=False),
    Column("chosen_by", String, nullable=False),  # "operator" or "rollout"
    Column("chosen_at", String, nullable=False),
)
# When each version was last built from the whole log, and how long that took.
builds_table = Table(
    "projection_builds",
    checkpoint_metadata,
    Column("name", String, nullable=False),
    Column("version", Integer, nullable=False),
    Column("built_at", String, nullable=False),
    Column("seconds", Float, nullable=False),
    PrimaryKeyConstraint("name", "version"),
)


@dataclass(frozen=True)
class ProjectionStatus:
    name: str
    version: int
    checkpoint: int | None
    head: int
    rows: dict[str, int]


class Projector:
    def __init__(self, projections: Sequence[Projection]) -> None:
        self.projections = list(projections)
        self.by_name = {p.NAME: p for p in self.projections}
        # What the queries see (never created from here), and what is stored (temporal.py).
        self.tables = {p.NAME: p.build_tables(MetaData()) for p in self.projections}
        self.metadata = MetaData()
        self.stored = {
            p.NAME: p.build_stored(self.tables[p.NAME], self.metadata) for p in self.projections
        }
        self._rows = {p.NAME: DbRows(self.stored[p.NAME], p.specs) for p in self.projections}
        c = checkpoints_table.c
        live = or_(*(and_(c.name == p.NAME, c.version == p.VERSION) for p in self.projections))
        # Never backwards: a projection another follower took further stays where it is.
        pos: BindParameter[int] = bindparam("pos")
        self._advance = Prepared(
            checkpoints_table.update()
            .where(live)
            .values(position=case((c.position < pos, pos), else_=c.position))
        )
        self._checkpoints = Prepared(select(c.name, c.position).where(live))
        # On PostgreSQL, followers in other processes run truly at once: each locks the rows of
        # its checkpoints (in one order, so no two deadlock) and reads them after the previous
        # holder's COMMIT. SQLite's one writer needs no lock, and ignores FOR UPDATE.
        self._take_checkpoints = Prepared(
            select(c.name, c.position).where(live).order_by(c.name, c.version).with_for_update()
        )
        # The event types any of these read models handles: the only ones worth decoding.
        self.handled = frozenset(t for p in self.projections for t in p.handlers)
        # DbRows hold the connection they write through: one batch at a time per process.
        self._lock = threading.Lock()

    def create_tables(self, conn: Connection) -> None:
        advisory_lock(conn, BUILD_LOCK)  # two instances opening a new store build it once
        store.create_schema(conn)
        checkpoint_metadata.create_all(conn)
        self.metadata.create_all(conn)
        if upgrade_layout(conn, self):
            self.metadata.create_all(conn)
        if conn.dialect.name == "postgresql":  # a store made before the ends index had none
            for tables in self.stored.values():
                for stored in tables.values():
                    conn.exec_driver_sql(ends_index(stored))

    def follow(self, conn: Connection, limit: int = FOLLOW_BATCH, up_to: int | None = None) -> int:
        """Apply up to `limit` events past the projections' checkpoints (and none past `up_to`),
        in `conn`'s write transaction. Returns the position every projection of this projector
        has reached."""
        with self._lock:
            reached: dict[str, int] = dict(self._take_checkpoints.rows(conn))
            if len(reached) < len(self.projections):
                return 0  # not built yet: catch_up builds before anything follows
            start = min(reached.values())
            last = start
            log = store.read_projectable(conn, self.handled, start, up_to, batch_size=limit)
            batch = list(islice(log, limit))
            for projection in self.projections:
                rows = self._rows[projection.NAME]
                rows.conn = conn
                handlers = projection.handlers
                done = reached[projection.NAME]
                for position, recorded in batch:
                    if recorded is not None and position > done:
                        handler = handlers.get(recorded.type)
                        if handler is not None:
                            rows.position = position
                            handler(recorded, rows)
            if batch:
                last = batch[-1][0]
                self._advance.run(conn, {"pos": last})
            return last

    def reached(self, conn: Connection) -> int:
        """The position up to which every projection of this projector has applied the log."""
        found: dict[str, int] = dict(self._checkpoints.rows(conn))
        return min(found.values()) if len(found) == len(self.projections) else 0

    def checkpoint(self, conn: Connection, projection: Projection) -> int | None:
        c = checkpoints_table.c
        stmt = select(c.position).where(c.name == projection.NAME, c.version == projection.VERSION)
        return conn.execute(stmt).scalar()

    def catch_up(self, engine: Engine) -> list[str]:
        """Build new projections from all history and bring the others up to the head.

        Returns the names of the projections that had to be built from scratch.
        """
        with writing(engine) as conn:
            self.create_tables(conn)
            missing = [p for p in self.projections if self.checkpoint(conn, p) is None]
            if missing:
                started = time.perf_counter()
                self._build(conn, missing)
                took = time.perf_counter() - started
                for projection in missing:
                    record_build(conn, projection, took)
            head = store.head(conn)[0]
            for projection in self.projections:
                start = self.checkpoint(conn, projection) or 0
                if start < head:
                    self._apply_tail(conn, projection, start)
        return [p.NAME for p in missing]

    def _apply_tail(self, conn: Connection, projection: Projection, after: int) -> None:
        rows = self._rows[projection.NAME]
        rows.conn = conn
        last = after
        for position, recorded in store.read_projectable(conn, projection.handlers, after):
            if recorded is not None:
                rows.position = position
                projection.handlers[recorded.type](recorded, rows)
            last = position
        self._set_checkpoint(conn, projection, last)

    def rebuild(
        self,
        engine: Engine,
        names: Sequence[str] | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> int:
        """Drop and rebuild the named projections (all by default) from the whole log.

        Returns the number of events read. `progress` is told the position reached, now and
        then (the log's head is where it ends).
        """
        unknown = set(names or ()) - set(self.by_name)
        if unknown:
            raise KeyError(
                f"Unknown projection(s) {sorted(unknown)}; known: {sorted(self.by_name)}"
            )
        chosen = [self.by_name[n] for n in names] if names else self.projections
        with writing(engine) as conn:
            self.create_tables(conn)
            count = self._build(conn, chosen, progress)
            if len(chosen) == len(self.projections):
                rebuilt_whole(conn)  # every version is back: so is the whole past
            return count

    def _build(
        self,
        conn: Connection,
        projections: Sequence[Projection],
        progress: Callable[[int], None] | None = None,
    ) -> int:
        """One pass over the log into memory for all `projections`, then bulk inserts.

        Secondary indexes are dropped first and built after the insert: sorting once is
        cheaper than keeping them up to date row by row.
        """
        # Built from nothing: rows left by a build whose checkpoint went missing (a damaged
        # or hand-edited store) would collide with the new ones and keep the shop from opening.
        tables = [stored for p in projections for stored in self.stored[p.NAME].values()]
        for stored in tables:
            clear(conn, stored)
            defer_spans(conn, stored)
        indexes = [
            index
            for stored in tables
            for table in (stored.live, stored.history)
            for index in table.indexes
        ]
        for index in indexes:
            index.drop(conn, checkfirst=True)
        with bulk_cache(conn):
            last, count = build_in_memory(conn, conn, projections, self.stored, progress=progress)
            for stored in tables:
                fill_spans(conn, stored)
            for index in indexes:
                index.create(conn)
        for projection in projections:
            self._set_checkpoint(conn, projection, last)
        return count

    def _set_checkpoint(self, conn: Connection, projection: Projection, position: int) -> None:
        conn.execute(
            upsert(checkpoints_table, conn.dialect.name),
            {"name": projection.NAME, "version": projection.VERSION, "position": position},
        )

    def status(self, engine: Engine) -> list[ProjectionStatus]:
        with reading(engine) as conn:
            head = store.head(conn)[0]
            result = []
            for p in self.projections:
                checkpoint = self.checkpoint(conn, p)
                counts = {  # a version never built has no tables yet
                    name: conn.execute(select(func.count()).select_from(table)).scalar() or 0
                    for name, table in self.tables[p.NAME].items()
                    if checkpoint is not None
                }
                result.append(ProjectionStatus(p.NAME, p.VERSION, checkpoint, head, counts))
            return result


def upgrade_layout(conn: Connection, projector: Projector) -> bool:
    """Bring the read models of an older store to this layout. Those kept before they kept
    time (no `valid_from`) are dropped with their checkpoints: `catch_up` then builds them from
    the log, their history included. Those that kept every version, live ones included, in one
    table have their ended versions moved into the history table (temporal.upgrade): nothing
    is rebuilt. True when something was dropped (the caller creates the tables anew)."""
    inspector = inspect(conn)
    dropped = False
    for projection in projector.projections:
        for stored in projector.stored[projection.NAME].values():
            columns = {c["name"] for c in inspector.get_columns(stored.live.name)}
            if VALID_FROM in columns:
                upgrade(conn, stored)
                match_indexes(conn, stored)
                continue
            stored.live.drop(conn)
            c = checkpoints_table.c
            conn.execute(
                checkpoints_table.delete().where(
                    c.name == projection.NAME, c.version == projection.VERSION
                )
            )
            dropped = True
    return dropped


def record_build(conn: Connection, projection: Projection, seconds: float) -> None:
    conn.execute(
        upsert(builds_table, conn.dialect.name),
        {
            "name": projection.NAME,
            "version": projection.VERSION,
            "built_at": to_iso(datetime.now(UTC)),
            "seconds": seconds,
        },
    )


PROGRESS_EVERY = 1000  # events between two progress reports
HISTORY_FLUSH_EVERY = 100_000  # events between two writes of the versions a rebuild ended


class BuildCancelled(Exception):
    """A past view nobody wants any more (`ReadModel.as_of`'s `cancelled`)."""


def build_in_memory(
    source: Connection,
    target: Connection,
    projections: Sequence[Projection],
    stored: dict[str, dict[str, StoredTable]],
    up_to_position: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> tuple[int, int]:
    """Replay the log of `source` (up to a position) through `projections` into `target`.

    Returns the last position read and the number of events read. `progress` is told the
    position reached every `PROGRESS_EVERY` events.
    """
    rows = {p.NAME: MemoryRows(p.specs) for p in projections}
    routes: dict[str, list[tuple[Callable[[RecordedEvent, Rows], None], MemoryRows]]] = {}
    for p in projections:
        for event_type, handler in p.handlers.items():
            routes.setdefault(event_type, []).append((handler, rows[p.NAME]))
    last = count = 0
    for position, recorded in store.read_projectable(source, routes, 0, up_to_position):
        if recorded is not None:
            for handler, target_rows in routes[recorded.type]:
                target_rows.position = position
                handler(recorded, target_rows)
        last = position
        count += 1
        if count % PROGRESS_EVERY == 0:
            if progress is not None:
                progress(last)
            if count % HISTORY_FLUSH_EVERY == 0:  # ended versions are final: out of memory
                for p in projections:
                    rows[p.NAME].flush_history(target, stored[p.NAME])
    for p in projections:
        rows[p.NAME].flush(target, stored[p.NAME])
    return last, count
