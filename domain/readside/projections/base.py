"""The projection contract, and the two row stores a projection writes to.

A projection is written once against `Rows` (get, put, delete by primary key). `DbRows` applies
it incrementally to the real tables in the follower's transaction; `MemoryRows` applies it
to dicts for a rebuild, then bulk-writes the result. One code path for both is what makes
"rebuild equals incremental" hold by construction, and a property test checks it.

Both keep time (temporal.py): the caller sets `position` to the event being applied; a put or
delete of a row written by an earlier event ends that version there (it moves into the
history), and a put writes the live row with `valid_from` at that position.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, ClassVar, Protocol

from sqlalchemy import (
    Column,
    Connection,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    Text,
    and_,
    bindparam,
    select,
)

from domain.eventstore.sql import Prepared, PreparedUpsert
from domain.model.events import RecordedEvent
from domain.readside.projections.temporal import (
    VALID_FROM,
    HistoryStatements,
    StoredTable,
    stored_table,
)

Row = dict[str, Any]
Key = tuple[Any, ...]


@dataclass(frozen=True)
class TableSpec:
    name: str
    columns: tuple[tuple[str, type[Integer] | type[Text]], ...]
    key: tuple[str, ...]
    indexes: tuple[tuple[str, ...], ...] = ()
    # A few rows rewritten by many events (a product's rating counts, a tag's count): a key
    # has far more versions than the table has keys, so a past view finds them through the
    # interval index first, where one per key held (temporal.as_of). Not a wallet's balance:
    # 2,000 wallets held at any moment against 125 versions of one at a million events.
    hot_rows: bool = False

    def key_of(self, row: Row) -> Key:
        if len(self.key) == 1:  # the common case, on the rebuild's hot path
            return (row[self.key[0]],)
        return tuple(row[k] for k in self.key)


def t(name: str) -> tuple[str, type[Text]]:
    return (name, Text)


def i(name: str) -> tuple[str, type[Integer]]:
    return (name, Integer)


class Rows(Protocol):
    position: int  # the event being applied: the caller sets it before each handler

    def get(self, table: str, *key: Any) -> Row | None: ...
    def put(self, table: str, row: Row) -> None: ...
    def delete(self, table: str, *key: Any) -> None: ...


class Projection:
    """Subclasses set NAME, VERSION, TABLES and define `on_<EventType>(event, rows)` methods."""

    NAME: ClassVar[str]
    VERSION: ClassVar[int]
    TABLES: ClassVar[tuple[TableSpec, ...]]

    def __init__(self) -> None:
        self.handlers: dict[str, Callable[[RecordedEvent, Rows], None]] = {
            name[3:]: getattr(self, name) for name in dir(self) if name.startswith("on_")
        }
        self.specs = {spec.name: spec for spec in self.TABLES}

    @property
    def key(self) -> tuple[str, int]:
        return (self.NAME, self.VERSION)

    def table_name(self, table: str) -> str:
        return f"{self.NAME}_v{self.VERSION}_{table}"

    def build_tables(self, metadata: MetaData) -> dict[str, Table]:
        """The tables as the queries see them: the data columns, under the stored name."""
        tables = {}
        for spec in self.TABLES:
            name = self.table_name(spec.name)
            columns = [Column(col, kind) for col, kind in spec.columns]
            tables[spec.name] = Table(name, metadata, *columns, PrimaryKeyConstraint(*spec.key))
        return tables

    def build_stored(self, queried: dict[str, Table], metadata: MetaData) -> dict[str, StoredTable]:
        """The tables as stored (temporal.py): live rows, and the versions that ended."""
        return {
            spec.name: stored_table(
                queried[spec.name], spec.key, spec.indexes, metadata, spec.hot_rows
            )
            for spec in self.TABLES
        }


class DbRows:
    """Rows read and written through SQL, in the caller's transaction."""

    def __init__(self, stored: dict[str, StoredTable], specs: dict[str, TableSpec]) -> None:
        self.conn: Connection | None = None
        self.position = 0
        self._get: dict[str, Prepared] = {}
        self._put: dict[str, Prepared] = {}
        self._delete: dict[str, Prepared] = {}
        self._history: dict[str, HistoryStatements] = {}
        self._columns: dict[str, tuple[str, ...]] = {}
        self._keys = {name: specs[name].key for name in stored}
        for name, found in stored.items():
            table = found.live
            where = and_(*(table.c[k] == bindparam(f"k_{k}") for k in specs[name].key))
            self._get[name] = Prepared(select(table).where(where))
            self._put[name] = PreparedUpsert(table)
            self._delete[name] = Prepared(table.delete().where(where))
            self._history[name] = HistoryStatements(found, specs[name].key)
            self._columns[name] = tuple(c.name for c in table.columns)

    def _params(self, table: str, key: Key) -> dict[str, Any]:
        return {f"k_{k}": v for k, v in zip(self._keys[table], key, strict=True)}

    def get(self, table: str, *key: Any) -> Row | None:
        assert self.conn is not None
        found = self._get[table].first(self.conn, self._params(table, key))
        return dict(zip(self._columns[table], found, strict=True)) if found else None

    def put(self, table: str, row: Row) -> None:
        assert self.conn is not None
        params = self._params(table, self._key(table, row))
        self._history[table].end.run(self.conn, {**params, "at": self.position})
        row[VALID_FROM] = self.position
        self._put[table].run(self.conn, row)

    def delete(self, table: str, *key: Any) -> None:
        assert self.conn is not None
        params = self._params(table, key)
        self._history[table].end.run(self.conn, {**params, "at": self.position})
        self._delete[table].run(self.conn, params)

    def _key(self, table: str, row: Row) -> Key:
        return tuple(row[k] for k in self._keys[table])


class MemoryRows:
    """Rows kept in dicts; `flush` writes them to empty tables in one bulk insert per table."""

    def __init__(self, specs: dict[str, TableSpec]) -> None:
        self.specs = specs
        self.position = 0
        self.data: dict[str, dict[Key, Row]] = {name: {} for name in specs}
        # Versions ended so far, with the position that ended each: a handler never changes a
        # row after putting it (get hands out copies), so the dict itself can be kept.
        self.ended: dict[str, list[tuple[Row, int]]] = {name: [] for name in specs}
        # Per table, its rows, its ended versions and its key: one lookup per put, which
        # runs several times per event on a rebuild's hot path.
        self._tables = {
            name: (self.data[name], self.ended[name], spec.key_of) for name, spec in specs.items()
        }

    def get(self, table: str, *key: Any) -> Row | None:
        row = self.data[table].get(key)
        return dict(row) if row is not None else None

    def put(self, table: str, row: Row) -> None:
        rows, ended, key_of = self._tables[table]
        key, at = key_of(row), self.position
        old = rows.get(key)
        if old is not None and old[VALID_FROM] < at:
            ended.append((old, at))
        row[VALID_FROM] = at
        rows[key] = row

    def delete(self, table: str, *key: Any) -> None:
        old = self.data[table].pop(key, None)
        if old is not None and old[VALID_FROM] < self.position:
            self.ended[table].append((old, self.position))

    def flush(self, conn: Connection, stored: dict[str, StoredTable]) -> None:
        """Write the live rows and the versions that ended."""
        self.flush_history(conn, stored)
        for name, rows in self.data.items():
            if rows:
                live = stored[name].live
                _insert_many(conn, live, map(_getter(live), rows.values()))

    def flush_history(self, conn: Connection, stored: dict[str, StoredTable]) -> None:
        """Write the versions ended so far, and forget them (a long rebuild's memory)."""
        for name, ended in self.ended.items():
            if ended:
                get = _getter(stored[name].live)
                _insert_many(conn, stored[name].history, ((*get(row), to) for row, to in ended))
                ended.clear()


def _getter(table: Table) -> Callable[[Row], tuple[Any, ...]]:
    return itemgetter(*(c.name for c in table.columns))  # a live table has 2 columns at least


def _insert_many(conn: Connection, table: Table, values: Iterable[tuple[Any, ...]]) -> None:
    """One positional executemany on the driver's cursor: handing sqlite3 dicts for named
    parameters cost a fifth of a whole rebuild."""
    columns = [c.name for c in table.columns]
    quoted = ", ".join(f'"{c}"' for c in columns)
    mark = "?" if conn.dialect.name == "sqlite" else "%s"  # the driver's own
    marks = ", ".join([mark] * len(columns))
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        sql = f'INSERT INTO "{table.name}" ({quoted}) VALUES ({marks})'
        cursor.executemany(sql, values)  # type: ignore[arg-type]  # any iterable, lazily
    finally:
        cursor.close()


def apply_all(projection: Projection, events: Iterable[RecordedEvent], rows: Rows) -> int:
    handlers = projection.handlers
    last = 0
    for recorded in events:
        handler = handlers.get(recorded.type)
        if handler is not None:
            rows.position = recorded.position
            handler(recorded, rows)
        last = recorded.position
    return last
