"""What every query object shares: the tables and the connection of the ReadModel it serves.

A query object holds no state of its own. It asks its ReadModel for each table and each
connection, so a projection version switched under the ReadModel (`Shop.serve`), a closed
store (`ReadModelClosed`) and read-your-writes (`fresh`) hold for every query alike.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Protocol

from sqlalchemy import Connection, Engine, FromClause

from domain.model.errors import SearchTooLong


class ReadSource(Protocol):
    """What a query object asks of the ReadModel that built it (read_model.py), named here so
    that the two do not import each other."""

    as_of_position: int | None  # None: the live shop
    log_engine: Engine  # where the event log itself lives

    @property
    def shown_position(self) -> int | None:
        """The last position shown: as_of_position, or the live window's horizon."""

    def table(
        self, projection: str, table: str, newest_first: bool = False, by_position: bool = False
    ) -> FromClause: ...
    def connection(self, engine: Engine | None = None) -> AbstractContextManager[Connection]: ...
    def serves(self, projection: str) -> int: ...


MAX_SEARCH = 100  # characters; longer searches are refused with SearchTooLong


class Queries:
    def __init__(self, read: ReadSource) -> None:
        self._read = read

    def _t(
        self, projection: str, table: str, newest_first: bool = False, by_position: bool = False
    ) -> FromClause:
        """`newest_first`: the query walks one of the table's indexes newest first and stops
        after a few rows; a past view then reads the versions in that order (temporal.py).
        `by_position`: newest first in the log's order, by `valid_from` (ReadModel.table)."""
        return self._read.table(projection, table, newest_first, by_position)

    def _conn(self, engine: Engine | None = None) -> AbstractContextManager[Connection]:
        return self._read.connection(engine)


def refuse_long(search: str) -> None:
    """The LIKE pattern has a limit; so has a useful search."""
    if len(search) > MAX_SEARCH:
        raise SearchTooLong(len(search), MAX_SEARCH)


def escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
