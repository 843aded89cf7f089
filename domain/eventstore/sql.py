"""Hot-path SQL: SQLAlchemy Core statements compiled once per dialect, run on the DBAPI cursor.

SQLAlchemy's per-execution bookkeeping costs about 50 us here, ten times the SQLite call itself,
and a command runs a dozen statements. The statements stay SQLAlchemy constructs, compiled by
the connection's own dialect, so another database URL still gets its own SQL; only the result
processing is skipped, which is why hot-path statements select plain text and integers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, cast

from sqlalchemy import Connection, Insert, Table
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler


def upsert(table: Table, dialect: str) -> Insert:
    """An INSERT that replaces the row with the same primary key, in `dialect`'s words."""
    if dialect == "postgresql":
        stmt = pg_insert(table)
        keys = [c.name for c in table.primary_key]
        rest = {c.name: stmt.excluded[c.name] for c in table.columns if c.name not in keys}
        if not rest:
            return stmt.on_conflict_do_nothing(index_elements=keys)
        return stmt.on_conflict_do_update(index_elements=keys, set_=rest)
    return table.insert().prefix_with("OR REPLACE", dialect="sqlite")


class Prepared:
    def __init__(self, stmt: ClauseElement) -> None:
        self.stmt = stmt
        # Per dialect: the SQL, the parameter order (positional drivers) and the values fixed
        # in the statement itself, such as a LIMIT (their names differ between dialects).
        self._compiled: dict[str, tuple[str, tuple[str, ...] | None, dict[str, Any]]] = {}

    def _statement(self, dialect: str) -> ClauseElement:
        return self.stmt

    def _for(self, conn: Connection) -> tuple[str, tuple[str, ...] | None, dict[str, Any]]:
        dialect = conn.dialect
        found = self._compiled.get(dialect.name)
        if found is None:
            statement = self._statement(dialect.name)
            compiled = cast(SQLCompiler, statement.compile(dialect=dialect))
            names = tuple(compiled.positiontup or ()) if compiled.positional else None
            fixed = {k: v for k, v in compiled.params.items() if v is not None}
            found = self._compiled[dialect.name] = (compiled.string, names, fixed)
        return found

    @staticmethod
    def _args(
        names: tuple[str, ...] | None, fixed: dict[str, Any], params: Mapping[str, Any]
    ) -> Any:
        if fixed:
            params = {**fixed, **params}
        return [params[n] for n in names] if names is not None else params

    def rows(self, conn: Connection, params: Mapping[str, Any] | None = None) -> list[Any]:
        sql, names, fixed = self._for(conn)
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute(sql, self._args(names, fixed, params or {}))
            return list(cursor.fetchall())
        finally:
            cursor.close()

    def first(self, conn: Connection, params: Mapping[str, Any] | None = None) -> Any:
        rows = self.rows(conn, params)
        return rows[0] if rows else None

    def run(self, conn: Connection, params: Mapping[str, Any]) -> None:
        sql, names, fixed = self._for(conn)
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute(sql, self._args(names, fixed, params))
        finally:
            cursor.close()

    def run_many(self, conn: Connection, params: Sequence[Mapping[str, Any]]) -> None:
        sql, names, fixed = self._for(conn)
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.executemany(sql, [self._args(names, fixed, p) for p in params])
        finally:
            cursor.close()


class PreparedUpsert(Prepared):
    """`upsert(table)`, compiled once per dialect like any prepared statement."""

    def __init__(self, table: Table) -> None:
        super().__init__(table.insert())
        self.table = table

    def _statement(self, dialect: str) -> ClauseElement:
        return upsert(self.table, dialect)
