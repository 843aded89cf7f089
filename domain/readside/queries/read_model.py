"""The query side: read models served to the UI, now or as of any past moment.

Queries read projection tables only. A time-travel view replays the log up to a position into
an in-memory database with the same tables, so the very same queries answer for the past.

A `ReadModel` owns the connection and the moment; the queries themselves live in one small
object per concern (`read.catalog.products(...)`, `read.shopping.cart(...)`), so a screen is
handed the one it reads and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime

from sqlalchemy import Connection, Engine, Table

from domain.eventstore import store
from domain.eventstore.database import engine_on, open_engine, reading
from domain.model.clock import to_iso
from domain.readside.images import PastImages, apply_tail
from domain.readside.projector import Projector, build_in_memory
from domain.readside.queries.accounts import AccountQueries
from domain.readside.queries.analytics import AnalyticsQueries
from domain.readside.queries.catalog import CatalogQueries
from domain.readside.queries.event_log import EventLogQueries
from domain.readside.queries.reviews import ReviewQueries
from domain.readside.queries.shopping import ShoppingQueries


class ReadModelClosed(RuntimeError):
    """A query after the shop was closed: something outlived the store it reads."""


class ReadModel:
    def __init__(
        self,
        engine: Engine,
        projector: Projector,
        as_of_position: int | None = None,
        log_engine: Engine | None = None,
        fresh: Callable[[], object] = lambda: None,
        images: PastImages | None = None,
    ):
        self.engine = engine
        # Called before every query: the live shop waits here until the projections have
        # caught up with this process's last command (read-your-writes).
        self.fresh = fresh
        self.images = images  # where a past view starts from (None: always from the start)
        self.projector = projector
        self.as_of_position = as_of_position  # None: the live shop
        self.log_engine = log_engine or engine  # where the event log itself lives
        self.closed = False
        # The queries, by concern; each reads through this object's tables and connection.
        self.catalog = CatalogQueries(self)
        self.shopping = ShoppingQueries(self)
        self.accounts = AccountQueries(self)
        self.reviews = ReviewQueries(self)
        self.analytics = AnalyticsQueries(self)
        self.event_log = EventLogQueries(self)

    @property
    def is_past(self) -> bool:
        return self.as_of_position is not None

    def table(self, projection: str, table: str) -> Table:
        """A table of the projection version served now (`Shop.serve` may switch it)."""
        return self.projector.tables[projection][table]

    def close(self) -> None:
        """Let go of the database. Any later query raises instead of quietly reconnecting."""
        self.closed = True
        if self.engine is not self.log_engine:
            self.engine.dispose()  # a past view's own in-memory copy

    @contextmanager
    def connection(self, engine: Engine | None = None) -> Iterator[Connection]:
        """A reading connection, once the read models are fresh; refused once closed."""
        if self.closed:
            raise ReadModelClosed("the shop was closed; nothing may read it any more")
        self.fresh()
        with reading(engine or self.engine) as conn:
            yield conn

    # --- time travel ----------------------------------------------------------------------

    def head(self) -> int:
        with self.connection() as conn:
            return store.head(conn)[0]

    def log_head(self) -> tuple[int, str]:
        """The last position of the log and its chain hash (a receipt for `verify`)."""
        with self.connection() as conn:
            return store.head(conn)

    def as_of(
        self,
        position: int | None = None,
        time: str | datetime | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ReadModel:
        """A read-only view of the shop as it was at a log position or a time (inclusive).

        `cancelled` is polled while the log is replayed; when it answers True the build stops
        with `BuildCancelled` (the app is closing, or the user chose another moment).
        """
        with self.connection() as source:
            if position is None and time is not None:
                moment = datetime.fromisoformat(time) if isinstance(time, str) else time
                position = store.position_at(source, to_iso(moment))
            elif position is None:
                position = store.head(source)[0]
            nearest = self.images.nearest(position) if self.images else None
            if nearest is not None:  # from the image before it, plus the events since
                start, memory = nearest
                past = engine_on(memory)
                with past.begin() as target:
                    apply_tail(source, target, self.projector, start, position)
            else:  # from the first event; the result is kept as an image for next time
                past = open_engine("sqlite://")
                with past.begin() as target:
                    self.projector.metadata.create_all(target)
                    build_in_memory(
                        source,
                        target,
                        self.projector.projections,
                        self.projector.tables,
                        up_to_position=position,
                        cancelled=cancelled,
                    )
                if self.images is not None and position > 0:
                    with past.connect() as conn:
                        self.images.save(position, conn.connection.dbapi_connection)  # type: ignore[arg-type]
        return ReadModel(past, self.projector, as_of_position=position, log_engine=self.log_engine)

    def serves(self, projection: str) -> int:
        """The version of `projection` these queries read (what a screen may offer)."""
        return self.projector.by_name[projection].VERSION
