"""Read models that remember: every row version with the log positions between which it held.

A projection table is stored as two tables, as SQL:2011's system-versioned tables are. The live
table holds the rows as they are now, each with `valid_from`, the position of the event that
wrote this version; the screens of the live shop read it as before (through a column list
without `valid_from`, so their SQL is unchanged). Its history table holds every version that
ended, with `valid_to`, the position of the event that replaced or deleted it. A change copies
the version it ends into the history and writes the live row, in the same transaction, through
`DbRows` and `MemoryRows` (base.py): the projections' own code is unaware of it.

"As of position P" is the live rows written at or before P and the ended versions that held at
P (valid_from <= P < valid_to): one UNION ALL under the live table's name. A version is stored
once: the layout before kept a copy of every live row among the versions too, which made the
read models with their past 3.3 times the live ones at a million events.

The history arm is an interval stabbing query; an interval index keeps it independent of how
long the history is: an R*Tree on SQLite (`rtree_i32`, kept by triggers) and a GiST index on
`int8range` on PostgreSQL.
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
    inspect,
    literal_column,
    select,
    union_all,
)
from sqlalchemy.ext.compiler import compiles

from domain.eventstore.sql import Prepared

VALID_FROM = "valid_from"  # the position of the event that wrote a version
VALID_TO = "valid_to"  # the position of the event that replaced or deleted it
# Positions stay below 2**31: SQLite's interval index is an rtree_i32.


@dataclass(frozen=True)
class StoredTable:
    """One projection table as stored: its live rows, and the versions that ended."""

    live: Table  # the data columns and valid_from
    history: Table  # the data columns, valid_from and valid_to
    hot_rows: bool = False  # a few rows with many versions each (TableSpec.hot_rows)

    @property
    def spans(self) -> str:
        """SQLite's interval index of the history (an R*Tree virtual table)."""
        return f"{self.history.name}_spans"

    @property
    def before_history(self) -> str:
        """The table a store kept before the history table: every version, live ones
        included (`upgrade`)."""
        return f"{self.live.name}_versions"

    def data_columns(self) -> list[str]:
        return [c.name for c in self.live.columns if c.name != VALID_FROM]


def stored_table(
    queried: Table,
    key: tuple[str, ...],
    indexes: tuple[tuple[str, ...], ...],
    metadata: MetaData,
    hot_rows: bool = False,
) -> StoredTable:
    """The live and history tables behind `queried` (the columns the queries see)."""
    live = Table(
        queried.name,
        metadata,
        *(Column(c.name, c.type) for c in queried.columns),
        Column(VALID_FROM, Integer, nullable=False),
        PrimaryKeyConstraint(*key),
    )
    history = Table(
        f"{queried.name}_history",
        metadata,
        *(Column(c.name, c.type) for c in queried.columns),
        Column(VALID_FROM, Integer, nullable=False),
        Column(VALID_TO, Integer, nullable=False),
        PrimaryKeyConstraint(*key, VALID_FROM),
    )
    # The history keeps the live table's indexes: a past view's lookups and sorts use them.
    # Not a hot table's: its history is always read interval index first (`as_of`), and its
    # indexes were 18 MB of a million-event log's history that no query read.
    for n, columns in enumerate(indexes):
        Index(f"ix_{live.name}_{n}", *(live.c[col] for col in columns))
        if not hot_rows:
            Index(f"ix_{history.name}_{n}", *(history.c[col] for col in columns))
    stored = StoredTable(live, history, hot_rows)
    _interval_index(stored)
    return stored


def _interval_index(stored: StoredTable) -> None:
    """Created and dropped with the history table, in each dialect's own words."""
    name, spans = stored.history.name, stored.spans
    statements = {
        ("after_create", "sqlite"): [
            f'CREATE VIRTUAL TABLE IF NOT EXISTS "{spans}" USING rtree_i32(id, lo, hi)',
            # Every ended version enters the index as it is written; once ended, a version
            # never changes. Versions are deleted by a retention fold (retention.py) and by
            # a rebuild, which drops the table.
            _add_trigger(stored),
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
            event.listen(stored.history, when, run)


def _add_trigger(stored: StoredTable) -> str:
    name, spans = stored.history.name, stored.spans
    return (
        f'CREATE TRIGGER IF NOT EXISTS "{spans}_add" AFTER INSERT ON "{name}" BEGIN '
        f'INSERT INTO "{spans}" VALUES (NEW.rowid, NEW.{VALID_FROM}, NEW.{VALID_TO}); END'
    )


def defer_spans(conn: Connection, stored: StoredTable) -> None:
    """SQLite, before a rebuild's bulk insert into an empty history: the interval index stops
    following inserts (`fill_spans` catches it up). Filled by one INSERT ... SELECT after, it
    costs half of what a trigger firing per row did, which was most of a rebuild's time."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f'DROP TRIGGER IF EXISTS "{stored.spans}_add"')


def fill_spans(conn: Connection, stored: StoredTable) -> None:
    """SQLite, after `defer_spans` and the bulk insert: every ended version into the interval
    index at once, and the index follows inserts again. In order of their start: an R*Tree
    grows by neighbours then, which made filling it three times faster than in the table's
    order."""
    if conn.dialect.name == "sqlite":
        history, spans = stored.history.name, stored.spans
        conn.exec_driver_sql(
            f'INSERT INTO "{spans}" SELECT rowid, {VALID_FROM}, {VALID_TO} FROM "{history}" '
            f"ORDER BY {VALID_FROM}"
        )
        conn.exec_driver_sql(_add_trigger(stored))


def ends_index(stored: StoredTable) -> str:
    """PostgreSQL: the ended versions by their owner (the key's first column) and end. A
    window's horizon on a server (app/shell/horizon.py) reads as of a position near the head,
    where the versions that ended since are few: this index finds them without the interval
    index's walk through all of a busy cart's versions."""
    name, first = stored.history.name, stored.live.primary_key.columns.values()[0].name
    return f'CREATE INDEX IF NOT EXISTS "ix_{name}_ends" ON "{name}" ({first}, {VALID_TO})'


def clear(conn: Connection, stored: StoredTable) -> None:
    """Empty a table's live rows and its history (for a rebuild). The history is dropped and
    made again, with its interval index: deleting row by row through the index's trigger would
    make emptying a long history slow."""
    conn.execute(stored.live.delete())
    stored.history.drop(conn, checkfirst=True)
    stored.history.create(conn)


def match_indexes(conn: Connection, stored: StoredTable) -> None:
    """A store made before an index of its table changed gets the index as it is now, and
    loses the one it replaces. Indexes are not rows: a changed one needs no new version of
    the read model, only this on open (a few PRAGMAs when nothing changed)."""
    inspector = inspect(conn)
    for table in (stored.live, stored.history):
        prefix = f"ix_{table.name}_"
        had = {
            found["name"]: tuple(found["column_names"])
            for found in inspector.get_indexes(table.name)
            if found["name"] and found["name"].removeprefix(prefix).isdigit()
        }
        for index in table.indexes:
            columns = tuple(column.name for column in index.columns)
            if had.pop(str(index.name), None) != columns:
                conn.exec_driver_sql(f'DROP INDEX IF EXISTS "{index.name}"')
                index.create(conn)
        for name in had:  # numbered beyond the indexes the table has now
            conn.exec_driver_sql(f'DROP INDEX "{name}"')


_OLD_OPEN = 2**31 - 1  # the valid_to the layout before gave the versions that still held


def upgrade(conn: Connection, stored: StoredTable) -> bool:
    """A store from before the history table kept every version, live ones included, in
    `<table>_versions`: its ended versions move into the history (the live table is the same),
    and the old table goes, with its interval index. True when there was one."""
    old = stored.before_history
    if not inspect(conn).has_table(old):
        return False
    columns = ", ".join(f'"{c.name}"' for c in stored.history.columns)
    conn.exec_driver_sql(f'DELETE FROM "{stored.history.name}"')
    defer_spans(conn, stored)
    conn.exec_driver_sql(
        f'INSERT INTO "{stored.history.name}" ({columns}) SELECT {columns} FROM "{old}" '
        f"WHERE {VALID_TO} < {_OLD_OPEN}"
    )
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f'DELETE FROM "{stored.spans}"')
        fill_spans(conn, stored)
        conn.exec_driver_sql(f'DROP TABLE IF EXISTS "{old}_spans"')
    conn.exec_driver_sql(f'DROP TABLE "{old}"')
    return True


class HistoryStatements:
    """What `DbRows` runs to keep one table's history, compiled once per dialect."""

    def __init__(self, stored: StoredTable, key: tuple[str, ...]) -> None:
        """Parameters: the key as `k_<column>`, and `at`, the position being applied."""
        live, history = stored.live, stored.history
        at = bindparam("at", type_=Integer)
        row = and_(*(live.c[k] == bindparam(f"k_{k}") for k in key))
        # The live version ends at `at`, unless the event at `at` wrote it itself (a row put
        # twice by one event, or put and deleted: that version never held).
        ending = select(*live.c, at).where(row, live.c[VALID_FROM] < at)
        self.end = Prepared(history.insert().from_select(list(history.c), ending))


AS_OF: ContextVar[int] = ContextVar("as_of_position")
"""The position a past view reads at, set by `ReadModel.connection` around its queries: the
statements are built once per table, not per trip, and compiled once (their SQL is the same
for every position), which is most of what a trip costs on top of the same screens now."""


@cache
def as_of(
    stored: StoredTable,
    dialect: str,
    walk_index: bool = False,
    recent: bool = False,
    positioned: bool = False,
) -> FromClause:
    """The rows of the table as they were once the event at position `AS_OF` was applied,
    under the table's own name and columns, so that any query of the live table answers for
    then: the live rows written by then, and the ended versions that held then.

    `walk_index`: the query walks one of the table's indexes newest first and stops early (a
    LIMIT on a sorted list): both arms are then read in that index's order, each row checked
    by its own bounds, and SQLite merges them; without it the interval index finds the ended
    versions that held and a sort follows, which SQLite's planner prefers whatever the LIMIT.
    Far back, the walk skips every version written since, so the caller asks for it only for
    positions in the newer half of the log.

    `recent`: the position is near the head, where few versions have ended since: the
    interval index finds the ones that held at once. Walked instead, the history holds no
    version that held one step back, and the walk would read all of it to find none.

    `positioned`: `valid_from` is a column too, for a query in the log's order (as the live
    table has it)."""
    at: ColumnElement[int] = bindparam(
        "as_of_position", callable_=AS_OF.get, type_=Integer, unique=True
    )
    live, history = stored.live, stored.history
    names = [*stored.data_columns(), *([VALID_FROM] if positioned else [])]
    still = select(*(live.c[c] for c in names)).where(live.c[VALID_FROM] <= at)
    ended = select(*(history.c[c] for c in names))
    held = (history.c[VALID_FROM] <= at) & (history.c[VALID_TO] > at)
    if dialect == "sqlite":
        spans = _spans_table(stored)
        rowid: ColumnElement[int] = literal_column(f'"{history.name}".rowid')
        in_spans = (spans.c.lo <= at) & (spans.c.hi > at)
        if stored.hot_rows or recent:  # the interval index first: few versions held
            ended = ended.select_from(SpansFirst(spans, history, spans.c.id == rowid))
            ended = ended.where(in_spans)
        elif walk_index:  # the history alone in FROM, in its index's order
            ended = ended.where(held)
        else:
            ended = ended.join_from(history, spans, spans.c.id == rowid).where(in_spans)
    else:
        span = func.int8range(history.c[VALID_FROM], history.c[VALID_TO])
        # The same condition twice: the interval index answers it far back, the ends index
        # (ends_index) near the head; the planner picks one for the position.
        ended = ended.where(span.op("@>")(cast(at, BigInteger)), held)
    return union_all(still, ended).subquery(live.name)


class SpansFirst(Join):
    """`spans CROSS JOIN history ON …`: SQLite keeps a CROSS JOIN's order, so the interval
    index finds the versions that held and each is fetched by its id. Left to itself, its
    planner looks a key up in the history's primary key and checks every version of it: a
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
