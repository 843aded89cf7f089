"""Read models that remember: every row version with the log positions between which it held.

A projection table is stored twice. The live table holds the rows as they are now, each with
`valid_from`, the position of the event that wrote this version; the screens of the live shop
read it as before (through a column list without `valid_from`, so their SQL is unchanged). Its
versions table holds every version, the live ones included, with `valid_to`, the position of
the event that replaced or deleted it (`OPEN` while it holds): SQL:2011's system-versioned
tables, keyed on log positions instead of wall time. A change closes the old version and opens
a new one in the same transaction, through `DbRows` and `MemoryRows` (base.py): the
projections' own code is unaware of it.

"As of position P" is then one predicate on one table: valid_from <= P < valid_to. Being one
table, not a union of live and history, a query's joins and key lookups go through its indexes
(the live table's indexes are kept on the versions too). The predicate is an interval stabbing
query; an interval index keeps it independent of how long the history is: an R*Tree on SQLite
(`rtree_i32`, kept by triggers) and a GiST index on `int8range` on PostgreSQL.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import (
    DDL,
    BigInteger,
    Column,
    ColumnElement,
    Connection,
    FromClause,
    Index,
    Integer,
    Join,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    and_,
    bindparam,
    cast,
    event,
    func,
    literal_column,
    select,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql import ClauseElement

from domain.eventstore.sql import Prepared

VALID_FROM = "valid_from"  # the position of the event that wrote a version
VALID_TO = "valid_to"  # the position of the event that replaced or deleted it


OPEN = 2**31 - 1  # the valid_to of a version that still holds (R*Tree's rtree_i32 is 32-bit)


@dataclass(frozen=True)
class StoredTable:
    """One projection table as stored: its live rows, and every version of every row."""

    live: Table  # the data columns and valid_from
    versions: Table  # the data columns, valid_from and valid_to
    hot_rows: bool = False  # a few rows with many versions each (TableSpec.hot_rows)

    @property
    def spans(self) -> str:
        """SQLite's interval index of the versions (an R*Tree virtual table)."""
        return f"{self.versions.name}_spans"

    def data_columns(self) -> list[str]:
        return [c.name for c in self.live.columns if c.name != VALID_FROM]


def stored_table(
    queried: Table,
    key: tuple[str, ...],
    indexes: tuple[tuple[str, ...], ...],
    metadata: MetaData,
    hot_rows: bool = False,
) -> StoredTable:
    """The live and versions tables behind `queried` (the columns the queries see)."""
    live = Table(
        queried.name,
        metadata,
        *(Column(c.name, c.type) for c in queried.columns),
        Column(VALID_FROM, Integer, nullable=False),
        PrimaryKeyConstraint(*key),
    )
    versions = Table(
        f"{queried.name}_versions",
        metadata,
        *(Column(c.name, c.type) for c in queried.columns),
        Column(VALID_FROM, Integer, nullable=False),
        Column(VALID_TO, Integer, nullable=False),
        PrimaryKeyConstraint(*key, VALID_FROM),
    )
    for n, columns in enumerate(indexes):
        Index(f"ix_{live.name}_{n}", *(live.c[col] for col in columns))
        Index(f"ix_{versions.name}_{n}", *(versions.c[col] for col in columns))
    stored = StoredTable(live, versions, hot_rows)
    _interval_index(stored)
    return stored


def _interval_index(stored: StoredTable) -> None:
    """Created and dropped with the versions table, in each dialect's own words."""
    name, spans = stored.versions.name, stored.spans
    statements = {
        ("after_create", "sqlite"): [
            f'CREATE VIRTUAL TABLE IF NOT EXISTS "{spans}" USING rtree_i32(id, lo, hi)',
            # Every version enters the index as it is written (bulk inserts too), and its end
            # follows when it is closed. Versions are only deleted by the event that wrote
            # them (a row put and deleted by one event) and by a rebuild, which drops them.
            _add_trigger(stored),
            f'CREATE TRIGGER IF NOT EXISTS "{spans}_end" AFTER UPDATE OF {VALID_TO} ON "{name}" '
            f'BEGIN UPDATE "{spans}" SET hi = NEW.{VALID_TO} WHERE id = NEW.rowid; END',
            f'CREATE TRIGGER IF NOT EXISTS "{spans}_gone" AFTER DELETE ON "{name}" BEGIN '
            f'DELETE FROM "{spans}" WHERE id = OLD.rowid; END',
        ],
        ("after_drop", "sqlite"): [f'DROP TABLE IF EXISTS "{spans}"'],
        ("after_create", "postgresql"): [
            f'CREATE INDEX IF NOT EXISTS "ix_{name}_span" ON "{name}" '
            f"USING gist (int8range({VALID_FROM}, {VALID_TO}))",
            ends_index(stored),
        ],
    }
    for (when, dialect), ddls in statements.items():
        for ddl in ddls:
            run = DDL(ddl).execute_if(dialect=dialect)  # type: ignore[no-untyped-call]
            event.listen(stored.versions, when, run)


def _add_trigger(stored: StoredTable) -> str:
    name, spans = stored.versions.name, stored.spans
    return (
        f'CREATE TRIGGER IF NOT EXISTS "{spans}_add" AFTER INSERT ON "{name}" BEGIN '
        f'INSERT INTO "{spans}" VALUES (NEW.rowid, NEW.{VALID_FROM}, NEW.{VALID_TO}); END'
    )


def defer_spans(conn: Connection, stored: StoredTable) -> None:
    """SQLite, before a rebuild's bulk insert into an empty versions table: the interval
    index stops following inserts (`fill_spans` catches it up). Filled by one INSERT ...
    SELECT after, it costs half of what a trigger firing per row did, which was most of a
    rebuild's time."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f'DROP TRIGGER IF EXISTS "{stored.spans}_add"')


def fill_spans(conn: Connection, stored: StoredTable) -> None:
    """SQLite, after `defer_spans` and the bulk insert: every version into the interval index
    at once, and the index follows inserts again. In order of their start: an R*Tree grows
    by neighbours then, which made filling it three times faster than in the table's order."""
    if conn.dialect.name == "sqlite":
        versions, spans = stored.versions.name, stored.spans
        conn.exec_driver_sql(
            f'INSERT INTO "{spans}" SELECT rowid, {VALID_FROM}, {VALID_TO} FROM "{versions}" '
            f"ORDER BY {VALID_FROM}"
        )
        conn.exec_driver_sql(_add_trigger(stored))


def ends_index(stored: StoredTable) -> str:
    """PostgreSQL: the versions by their owner (the key's first column) and end. A window's
    horizon on a server (app/shell/horizon.py) reads the versions as of a position near the
    head: those not ended by then are about the live rows, where the interval index alone
    walked all of a busy cart's versions (42x the live read on a 20k-event log)."""
    name, first = stored.versions.name, stored.live.primary_key.columns.values()[0].name
    return f'CREATE INDEX IF NOT EXISTS "ix_{name}_ends" ON "{name}" ({first}, {VALID_TO})'


def clear(conn: Connection, stored: StoredTable) -> None:
    """Empty a table's live rows and all its versions (for a rebuild). The versions table is
    dropped and made again, with its interval index: deleting row by row through the index's
    trigger would make emptying a long history slow."""
    conn.execute(stored.live.delete())
    stored.versions.drop(conn, checkfirst=True)
    stored.versions.create(conn)


class VersionStatements:
    """What `DbRows` runs to keep one table's versions, compiled once per dialect."""

    def __init__(self, stored: StoredTable, key: tuple[str, ...]) -> None:
        """Parameters: the key as `k_<column>`, and `at`, the position being applied."""
        v, live = stored.versions.c, stored.live.c
        row = and_(*(v[k] == bindparam(f"k_{k}") for k in key))
        at = bindparam("at", type_=Integer)
        # The version that holds is the one the live row came from: found by the primary key
        # (key, valid_from), not among all of the key's versions (a wallet's balance row has
        # one per deposit: looking through them made a 100k-deposit wallet quadratic).
        holds = (
            select(live[VALID_FROM])
            .where(and_(*(live[k] == bindparam(f"k_{k}") for k in key)))
            .scalar_subquery()
        )
        # Close the version that holds, unless the event at `at` wrote it itself.
        self.close = Prepared(
            stored.versions.update()
            .where(row, v[VALID_FROM] == holds, v[VALID_TO] == OPEN, v[VALID_FROM] < at)
            .values({VALID_TO: at})
        )
        # A row put and then deleted by one event never held: its version goes.
        self.drop_new = Prepared(stored.versions.delete().where(row, v[VALID_FROM] == at))
        self.open = _VersionUpsert(stored.versions)


class _VersionUpsert(Prepared):
    """Write the version an event opens; the same event writing it again updates it in place
    (an upsert that keeps the row, so the interval index keeps pointing at it)."""

    def __init__(self, versions: Table) -> None:
        super().__init__(versions.insert())
        self.table = versions

    def _statement(self, dialect: str) -> ClauseElement:
        insert = pg_insert if dialect == "postgresql" else sqlite_insert
        stmt = insert(self.table)
        keys = [c.name for c in self.table.primary_key]
        rest = {c.name: stmt.excluded[c.name] for c in self.table.columns if c.name not in keys}
        return stmt.on_conflict_do_update(index_elements=keys, set_=rest)


AS_OF: ContextVar[int] = ContextVar("as_of_position")
"""The position a past view reads at, set by `ReadModel.connection` around its queries: the
statements are built once per table, not per trip, and compiled once (their SQL is the same
for every position), which is most of what a trip costs on top of the same screens now."""


@cache
def as_of(stored: StoredTable, dialect: str, walk_index: bool = False) -> FromClause:
    """The rows of the table as they were once the event at position `AS_OF` was applied,
    under the table's own name and columns, so that any query of the live table answers for
    then.

    `walk_index`: the query walks one of the table's indexes newest first and stops early (a
    LIMIT on a sorted list): the versions are then read in that index's order and each checked
    against the interval index by its id, instead of the interval index finding every version
    that held and a sort. SQLite's planner prefers the latter whatever the LIMIT, which cost 3x
    "now" one step back on a 100k-event log; but far back, the walk skips every version written
    since, so the caller asks for it only for positions in the newer half of the log."""
    at: ColumnElement[int] = bindparam(
        "as_of_position", callable_=AS_OF.get, type_=Integer, unique=True
    )
    versions = stored.versions
    then = select(*(versions.c[c] for c in stored.data_columns()))
    if dialect == "sqlite":
        spans = _spans_table(stored)
        rowid: ColumnElement[int] = literal_column(f'"{versions.name}".rowid')
        held = (spans.c.lo <= at) & (spans.c.hi > at)
        if stored.hot_rows:  # the interval index first: one version per key held
            then = then.select_from(SpansFirst(spans, versions, spans.c.id == rowid)).where(held)
        elif walk_index:  # the versions alone in FROM, each checked by its id: no other order
            then = then.where(select(spans.c.id).where(spans.c.id == rowid, held).exists())
        else:
            then = then.join_from(versions, spans, spans.c.id == rowid).where(held)
    else:
        span = func.int8range(versions.c[VALID_FROM], versions.c[VALID_TO])
        # The same condition twice: the interval index answers it far back, the ends index
        # (ends_index) near the head; the planner picks one for the position.
        ended_after = (versions.c[VALID_TO] > at) & (versions.c[VALID_FROM] <= at)
        then = then.where(span.op("@>")(cast(at, BigInteger)), ended_after)
    return then.subquery(stored.live.name)


class SpansFirst(Join):
    """`spans CROSS JOIN versions ON …`: SQLite keeps a CROSS JOIN's order, so the interval
    index finds the versions that held and each is fetched by its id. Left to itself, its
    planner looks a key up in the versions' primary key and checks every version of it: a
    product's 1,750 at a million events, 16 ms for one product one step back."""

    inherit_cache = True


@compiles(SpansFirst, "sqlite")
def _spans_first(join: SpansFirst, compiler: Any, **kw: Any) -> str:
    plain: str = compiler.visit_join(join, **kw)  # "spans JOIN versions ON …", linted as one
    return plain.replace(" JOIN ", " CROSS JOIN ", 1)


_SPANS = MetaData()  # never created from here: the DDL above makes the virtual tables


def _spans_table(stored: StoredTable) -> Table:
    found = _SPANS.tables.get(stored.spans)
    if found is None:
        columns = (Column(name, Integer) for name in ("id", "lo", "hi"))
        found = Table(stored.spans, _SPANS, *columns)
    return found
