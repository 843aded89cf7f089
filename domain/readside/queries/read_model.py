"""The query side: read models served to the UI, now or as of any past moment.

Queries read projection tables only. A time-travel view hands them, for each table, the row
versions that held at its position (projections/temporal.py), so the very same queries answer
for the past, from the same database, without building anything.

A `ReadModel` owns the connection and the moment; the queries themselves live in one small
object per concern (`read.catalog.products(...)`, `read.shopping.cart(...)`), so a screen is
handed the one it reads and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from math import isqrt

from sqlalchemy import Connection, Engine, FromClause

from domain.eventstore import store
from domain.eventstore.database import reading
from domain.model.clock import to_iso
from domain.readside.projections.temporal import AS_OF, as_of
from domain.readside.projector import BuildCancelled, Projector
from domain.readside.queries.accounts import AccountQueries
from domain.readside.queries.analytics import AnalyticsQueries
from domain.readside.queries.catalog import CatalogQueries
from domain.readside.queries.event_log import EventLogQueries
from domain.readside.queries.reviews import ReviewQueries
from domain.readside.queries.shopping import ShoppingQueries
from domain.readside.retention import refuse_before, retention


class ReadModelClosed(RuntimeError):
    """A query after the shop was closed: something outlived the store it reads."""


def recent_span(head: int) -> int:
    """How many events back from the head a past view counts as recent (temporal.as_of).
    Reading the interval index first costs in proportion to the versions ended since (so to
    the distance back); walking a sorted index costs as long as it takes to meet versions
    that held, which are rarer the nearer the head (so about head / distance). They cross
    near the square root of the head: measured at a million events, 1,000 to 3,000 back for
    moderation and tag lookups, 10,000 for a cart."""
    return 2 * isqrt(head)


class ReadModel:
    def __init__(
        self,
        engine: Engine,
        projector: Projector,
        as_of_position: int | None = None,
        log_engine: Engine | None = None,
        fresh: Callable[[], object] = lambda: None,
        fresh_to: Callable[[int], object] = lambda position: None,
        head_then: int = 0,
    ):
        self.engine = engine
        # Called before every query: the live shop waits here until the projections have
        # caught up with this process's last command (read-your-writes).
        self.fresh = fresh
        self.fresh_to = fresh_to  # waits until the read models have reached a position
        # A past view: the log's head when it was made. Set before its queries are made, as
        # their statements are built for how far back it is (`table`).
        self._head_then = head_then
        self.projector = projector
        self.as_of_position = as_of_position  # None: the live shop
        self.log_engine = log_engine or engine  # where the event log itself lives
        self.closed = False
        # The live window's horizon (app/shell/horizon.py): the last position of other
        # processes' events its screens have taken in; None shows the whole log. This
        # process's own writes (`own`) are always shown (read-your-writes).
        self.horizon: int | None = None
        self.own: Callable[[], int] = lambda: 0
        # On a server other instances move the shared read models on at any moment, so a
        # horizon is read through the row versions (temporal.py). On a SQLite file this
        # process's follower is the only one moving them, and it stops at the horizon.
        self.reads_at_horizon = False
        self._make_queries()

    def _make_queries(self) -> None:
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

    @property
    def shown_position(self) -> int | None:
        """The last position the screens show: a past view's, the live window's horizon
        (with this process's own writes), or None for everything."""
        if self.as_of_position is not None:
            return self.as_of_position
        if self.horizon is None:
            return None
        return max(self.horizon, self.own())

    def hold_at_horizon(self, position: int, own: Callable[[], int], temporal: bool) -> None:
        """Show other processes' events only up to `position` until `horizon` moves on.
        `temporal`: read through the row versions (a shared server's read models)."""
        self.horizon, self.own = position, own
        if temporal and not self.reads_at_horizon:
            self.reads_at_horizon = True
            self._make_queries()  # their statements name the tables they read

    def table(
        self, projection: str, table: str, newest_first: bool = False, by_position: bool = False
    ) -> FromClause:
        """A table of the projection version served now (`Shop.serve` may switch it): its
        live rows, or for a past view the row versions that held at its position.
        `newest_first`: the query walks an index newest first and stops early (temporal.py).
        `by_position`: the table has `valid_from`, the position each row was written at, and
        the query walks an index on it from its view's position down (the rows that held
        were written by then): the walk starts where it should as of any position."""
        position = self.as_of_position
        stored = self.projector.stored[projection][table]
        if position is None and not self.reads_at_horizon:
            return stored.live if by_position else self.projector.tables[projection][table]
        dialect = self.engine.dialect.name
        if position is None:  # at the horizon (near the head): as for a recent past
            return as_of(stored, dialect, False, True, by_position)
        recent = self._head_then - position <= recent_span(self._head_then)
        walk = newest_first and not recent and (by_position or position * 2 >= self._head_then)
        return as_of(stored, dialect, walk, recent, by_position)

    def close(self) -> None:
        """Let go of the database. Any later query raises instead of quietly reconnecting."""
        self.closed = True

    @contextmanager
    def connection(self, engine: Engine | None = None) -> Iterator[Connection]:
        """A reading connection, once the read models are fresh; refused once closed."""
        if self.closed:
            raise ReadModelClosed("the shop was closed; nothing may read it any more")
        self.fresh()
        # A past view's tables read at its position (temporal.AS_OF), on this thread only; so
        # does a horizon on a server.
        at = self.as_of_position
        if at is None and self.reads_at_horizon:
            at = self.shown_position
        token = AS_OF.set(at) if at is not None else None
        try:
            with reading(engine or self.engine) as conn:
                yield conn
        finally:
            if token is not None:
                AS_OF.reset(token)

    # --- time travel ----------------------------------------------------------------------

    def head(self) -> int:
        """The log's last position as far as the screens show it (the live window's horizon)."""
        with self.connection() as conn:
            head = store.head(conn)[0]
        shown = None if self.as_of_position is not None else self.shown_position
        return head if shown is None else min(head, shown)

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

        Nothing is built: the read models keep every row version with the positions between
        which it held (projections/temporal.py), so the same queries read the versions that
        held at `position`. The live read models must have reached it first; they have once
        they hold this process's last command, unless `position` is past that (another
        instance's event), which waits for the follower. `cancelled` is asked once that wait is
        over: a trip nobody wants any more (the app closes, or another moment was chosen) ends
        with `BuildCancelled` instead of a view.
        """
        with self.connection() as source:
            if position is None and time is not None:
                moment = datetime.fromisoformat(time) if isinstance(time, str) else time
                position = store.position_at(source, to_iso(moment))
            elif position is None:
                position = store.head(source)[0]
            head = store.head(source)[0]
            refuse_before(retention(source), position)  # versions before it were folded
        self.fresh_to(position)
        if cancelled is not None and cancelled():
            raise BuildCancelled(f"the view as of event {position:,} is no longer wanted")
        past = ReadModel(
            self.engine,
            self.projector,
            as_of_position=position,
            log_engine=self.log_engine,
            fresh=self.fresh,
            head_then=head,
        )
        return past

    def history_from(self) -> int:
        """The earliest position a past view can show (retention.py): 0 unless the shop
        keeps only the last days of its read models' history."""
        with self.connection() as conn:
            return retention(conn).kept_from

    def serves(self, projection: str) -> int:
        """The version of `projection` these queries read (what a screen may offer)."""
        return self.projector.by_name[projection].VERSION
