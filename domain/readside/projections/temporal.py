"""Read models that remember: every row version with the log positions between which it held.

A projection table is stored twice over. The live table holds the rows as they are now, each
with `valid_from`, the position of the event that wrote this version; the screens of the live
shop read it as before (through a column list without `valid_from`, so their SQL is unchanged).
Its history table holds every version that was replaced or deleted, with `valid_to`, the
position of the event that ended it (SQL:2011's system-versioned tables, keyed on log positions
instead of wall time). A change closes the old version and opens a new one, in the same
transaction, through `DbRows` and `MemoryRows` (base.py): the projections' own code is unaware.

"As of position P" is then one predicate per table: live rows with valid_from <= P, and history
rows with valid_from <= P < valid_to. The second half is an interval stabbing query; an
interval index keeps it independent of how long the history is: an R*Tree on SQLite
(`rtree_i32`, filled by a trigger) and a GiST index on `int8range` on PostgreSQL.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import (
    DDL,
    Column,
    ColumnElement,
    Connection,
    FromClause,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    event,
    func,
    literal_column,
    select,
    text,
    union_all,
)

VALID_FROM = "valid_from"  # the position of the event that wrote a version
VALID_TO = "valid_to"  # the position of the event that replaced or deleted it


@dataclass(frozen=True)
class StoredTable:
    """One projection table as stored: its live rows and the versions they replaced."""

    live: Table  # the data columns and valid_from
    history: Table  # the data columns, valid_from and valid_to

    @property
    def spans(self) -> str:
        """SQLite's interval index of the history (an R*Tree virtual table)."""
        return f"{self.history.name}_spans"

    def data_columns(self) -> list[str]:
        return [c.name for c in self.live.columns if c.name != VALID_FROM]


def stored_table(queried: Table, key: tuple[str, ...], metadata: MetaData) -> StoredTable:
    """The live and history tables behind `queried` (the columns the queries see)."""
    data = [Column(c.name, c.type) for c in queried.columns]
    live = Table(
        queried.name,
        metadata,
        *data,
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
    stored = StoredTable(live, history)
    _interval_index(stored)
    return stored


def _interval_index(stored: StoredTable) -> None:
    """Created and dropped with the history table, in each dialect's own words."""
    name, spans = stored.history.name, stored.spans
    statements = {
        ("after_create", "sqlite"): [
            f'CREATE VIRTUAL TABLE IF NOT EXISTS "{spans}" USING rtree_i32(id, lo, hi)',
            # Every version enters the index as it enters the history (bulk inserts too).
            f'CREATE TRIGGER IF NOT EXISTS "{spans}_add" AFTER INSERT ON "{name}" BEGIN '
            f'INSERT INTO "{spans}" VALUES (NEW.rowid, NEW.{VALID_FROM}, NEW.{VALID_TO}); END',
        ],
        ("after_drop", "sqlite"): [f'DROP TABLE IF EXISTS "{spans}"'],
        ("after_create", "postgresql"): [
            f'CREATE INDEX IF NOT EXISTS "ix_{name}_span" ON "{name}" '
            f"USING gist (int8range({VALID_FROM}, {VALID_TO}))"
        ],
    }
    for (when, dialect), ddls in statements.items():
        for ddl in ddls:
            run = DDL(ddl).execute_if(dialect=dialect)  # type: ignore[no-untyped-call]
            event.listen(stored.history, when, run)


def clear(conn: Connection, stored: StoredTable) -> None:
    """Empty a table's live rows, its history and the history's index (for a rebuild).
    The index is emptied here, not by a trigger: a trigger per deleted row would make emptying
    a long history slow, and history rowids are reused once the table is empty."""
    conn.execute(stored.live.delete())
    conn.execute(stored.history.delete())
    if conn.dialect.name == "sqlite":
        conn.execute(text(f'DELETE FROM "{stored.spans}"'))


def as_of(stored: StoredTable, position: int, dialect: str) -> FromClause:
    """The rows of the table as they were once the event at `position` was applied, under
    the table's own name and columns, so that any query of the live table answers for then."""
    # An int: safe to inline, and the query plan sees the value.
    at: ColumnElement[int] = literal_column(str(int(position)))
    live, history = stored.live, stored.history
    columns = stored.data_columns()
    now = select(*(live.c[c] for c in columns)).where(live.c[VALID_FROM] <= at)
    then = select(*(history.c[c] for c in columns))
    if dialect == "sqlite":
        spans = _spans_table(stored)
        then = then.join_from(
            history, spans, spans.c.id == literal_column(f'"{history.name}".rowid')
        ).where(spans.c.lo <= at, spans.c.hi > at)
    else:
        span = func.int8range(history.c[VALID_FROM], history.c[VALID_TO])
        then = then.where(span.op("@>")(literal_column(f"{int(position)}::bigint")))
    return union_all(now, then).subquery(live.name)


_SPANS = MetaData()  # never created from here: the DDL above makes the virtual tables


def _spans_table(stored: StoredTable) -> Table:
    found = _SPANS.tables.get(stored.spans)
    if found is None:
        found = Table(
            stored.spans,
            _SPANS,
            Column("id", Integer),
            Column("lo", Integer),
            Column("hi", Integer),
        )
    return found
