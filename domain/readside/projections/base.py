"""The projection contract, and the two row stores a projection writes to.

A projection is written once against `Rows` (get, put, delete by primary key). `DbRows` applies
it incrementally to the real tables inside the command's transaction; `MemoryRows` applies it
to dicts for a rebuild or a time-travel view, then bulk-writes the result. One code path for
both is what makes "rebuild equals incremental" hold by construction, and a property test
checks it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, ClassVar, Protocol

from sqlalchemy import (
    Column,
    Connection,
    Index,
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

Row = dict[str, Any]
Key = tuple[Any, ...]


@dataclass(frozen=True)
class TableSpec:
    name: str
    columns: tuple[tuple[str, type[Integer] | type[Text]], ...]
    key: tuple[str, ...]
    indexes: tuple[tuple[str, ...], ...] = ()

    def key_of(self, row: Row) -> Key:
        if len(self.key) == 1:  # the common case, on the rebuild's hot path
            return (row[self.key[0]],)
        return tuple(row[k] for k in self.key)


def t(name: str) -> tuple[str, type[Text]]:
    return (name, Text)


def i(name: str) -> tuple[str, type[Integer]]:
    return (name, Integer)


class Rows(Protocol):
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
        tables = {}
        for spec in self.TABLES:
            name = self.table_name(spec.name)
            columns = [Column(col, kind) for col, kind in spec.columns]
            table = Table(name, metadata, *columns, PrimaryKeyConstraint(*spec.key))
            for n, cols in enumerate(spec.indexes):
                Index(f"ix_{name}_{n}", *(table.c[col] for col in cols))
            tables[spec.name] = table
        return tables


class DbRows:
    """Rows read and written through SQL, in the caller's transaction."""

    def __init__(self, tables: dict[str, Table], specs: dict[str, TableSpec]) -> None:
        self.conn: Connection | None = None
        self._get: dict[str, Prepared] = {}
        self._put: dict[str, Prepared] = {}
        self._delete: dict[str, Prepared] = {}
        self._columns: dict[str, tuple[str, ...]] = {}
        self._keys = {name: specs[name].key for name in tables}
        for name, table in tables.items():
            where = and_(*(table.c[k] == bindparam(f"k_{k}") for k in specs[name].key))
            self._get[name] = Prepared(select(table).where(where))
            self._put[name] = PreparedUpsert(table)
            self._delete[name] = Prepared(table.delete().where(where))
            self._columns[name] = tuple(c.name for c in table.columns)

    def _params(self, table: str, key: Key) -> dict[str, Any]:
        return {f"k_{k}": v for k, v in zip(self._keys[table], key, strict=True)}

    def get(self, table: str, *key: Any) -> Row | None:
        assert self.conn is not None
        found = self._get[table].first(self.conn, self._params(table, key))
        return dict(zip(self._columns[table], found, strict=True)) if found else None

    def put(self, table: str, row: Row) -> None:
        assert self.conn is not None
        self._put[table].run(self.conn, row)

    def delete(self, table: str, *key: Any) -> None:
        assert self.conn is not None
        self._delete[table].run(self.conn, self._params(table, key))


class MemoryRows:
    """Rows kept in dicts; `flush` writes them to empty tables in one bulk insert per table."""

    def __init__(self, specs: dict[str, TableSpec]) -> None:
        self.specs = specs
        self.data: dict[str, dict[Key, Row]] = {name: {} for name in specs}

    def get(self, table: str, *key: Any) -> Row | None:
        row = self.data[table].get(key)
        return dict(row) if row is not None else None

    def put(self, table: str, row: Row) -> None:
        self.data[table][self.specs[table].key_of(row)] = row

    def delete(self, table: str, *key: Any) -> None:
        self.data[table].pop(key, None)

    def flush(self, conn: Connection, tables: dict[str, Table]) -> None:
        """One positional executemany per table on the driver's cursor: handing sqlite3 dicts
        for named parameters cost a fifth of a whole rebuild."""
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            for name, rows in self.data.items():
                if rows:
                    table = tables[name]
                    columns = [c.name for c in table.columns]
                    quoted = ", ".join(f'"{c}"' for c in columns)
                    mark = "?" if conn.dialect.name == "sqlite" else "%s"  # the driver's own
                    marks = ", ".join([mark] * len(columns))
                    values: Any = map(itemgetter(*columns), rows.values())
                    if len(columns) == 1:  # itemgetter of one name gives the value, not a tuple
                        values = ((v,) for v in values)
                    cursor.executemany(
                        f'INSERT INTO "{table.name}" ({quoted}) VALUES ({marks})', values
                    )
        finally:
            cursor.close()


def apply_all(projection: Projection, events: Iterable[RecordedEvent], rows: Rows) -> int:
    handlers = projection.handlers
    last = 0
    for recorded in events:
        handler = handlers.get(recorded.type)
        if handler is not None:
            handler(recorded, rows)
        last = recorded.position
    return last
