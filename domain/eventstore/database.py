"""Opening the database: SQLite pragmas, write transactions that take the lock up front, and
the same calls for a shared PostgreSQL server (`postgresql://…`, through psycopg 3).

Durability: WAL journal with `synchronous=FULL`, so every command's commit is fsynced before the
bus returns. "Nothing is ever lost" includes a power cut, and a shopper issues a few commands a
second, far below what FULL allows here (see the README's benchmarks). `synchronous=NORMAL` is
crash-safe for the app but may lose the last commits on power loss; benchmarks measure both.
"""

from __future__ import annotations

import sqlite3
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.pool import StaticPool

SYNCHRONOUS_MODES = ("OFF", "NORMAL", "FULL", "EXTRA")


def database_url(path_or_url: str | Path) -> str:
    text = str(path_or_url)
    if text.startswith(("postgresql://", "postgres://")):  # psycopg 3, not SQLAlchemy's default
        return "postgresql+psycopg://" + text.split("://", 1)[1]
    return text if "://" in text else f"sqlite:///{Path(text).expanduser()}"


def is_url(location: str | Path) -> bool:
    """A server's URL (or a sqlite: URL) rather than a file path."""
    return "://" in str(location)


def is_server(location: str | Path) -> bool:
    return str(location).startswith(("postgresql", "postgres://"))


def advisory_lock(conn: Connection, name: str) -> None:
    """Hold the named lock until `conn`'s transaction ends: on PostgreSQL, what SQLite's
    BEGIN IMMEDIATE gives every writer (one at a time), taken only where it is needed."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("SELECT pg_advisory_xact_lock(hashtext(%(name)s))", {"name": name})


def read_only_uri(path: str | Path) -> str:
    """A URI that reads a SQLite file without creating or changing any file beside it.

    A store that no process has open has no -wal file (the last connection to close removes
    it): it is read as immutable, so SQLite makes no -wal or -shm, which a read-only
    connection could not remove when it closes. A store with a -wal is open somewhere, or
    was not closed cleanly: it is read the usual way, because its WAL holds commits.
    A reader that used the first way must check for a -wal afterwards (`wal_appeared`):
    one means a writer opened the store meanwhile, and the reading is redone."""
    path = Path(path).expanduser()
    immutable = "" if wal_of(path).exists() else "&immutable=1"
    return f"file:{urllib.parse.quote(str(path))}?mode=ro{immutable}"


def wal_of(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def open_engine(
    path_or_url: str | Path, synchronous: str = "FULL", read_only: bool = False
) -> Engine:
    """An engine whose SQLite connections use WAL, the given durability, and a busy timeout.

    `read_only` opens a file without changing anything in it, not even its journal mode
    (`verify` reads files that may be evidence)."""
    if synchronous.upper() not in SYNCHRONOUS_MODES:
        raise ValueError(f"synchronous must be one of {SYNCHRONOUS_MODES}, not {synchronous!r}")
    url = database_url(path_or_url)
    if read_only and url.startswith("sqlite:///") and "://" not in str(path_or_url):
        # sqlite3 gets the URI itself: through a SQLAlchemy URL, a "#" or "?" in the file's
        # name cut the URI short, and SQLite created a file by the shortened name.
        uri = read_only_uri(str(path_or_url))
        engine = create_engine(
            "sqlite://",
            creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
            poolclass=StaticPool,
            paramstyle="named",
        )
        _configure_sqlite(engine, synchronous.upper(), keep_journal=True)
        return engine
    in_memory = url in ("sqlite://", "sqlite:///:memory:")
    kwargs: dict[str, Any] = {"poolclass": StaticPool} if in_memory else {}
    if not url.startswith("sqlite"):
        # Many app threads and a group-committing bus share one pool per process.
        return create_engine(url, pool_size=8, max_overflow=16, pool_pre_ping=True)
    # Named parameters: the hot path hands row dicts straight to sqlite3 (domain/eventstore/sql.py).
    kwargs["paramstyle"] = "named"
    engine = create_engine(url, connect_args={"check_same_thread": False}, **kwargs)
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine, synchronous.upper(), keep_journal=in_memory or read_only)
    return engine


def engine_on(connection: sqlite3.Connection) -> Engine:
    """An engine over one open in-memory SQLite connection (a past view restored from an
    image), configured like every other: the same SQL reaches it the same way."""
    engine = create_engine(
        "sqlite://", creator=lambda: connection, poolclass=StaticPool, paramstyle="named"
    )
    _configure_sqlite(engine, "OFF", keep_journal=True)
    return engine


def _configure_sqlite(engine: Engine, synchronous: str, keep_journal: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event below issue BEGIN itself (the documented pysqlite recipe).
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        if not keep_journal:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA synchronous={synchronous}")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # Writers take the write lock at BEGIN, so a read-then-write never fails halfway with
        # SQLITE_BUSY; readers keep the cheap deferred BEGIN and never block writers in WAL.
        mode = conn.get_execution_options().get("sqlite_begin", "IMMEDIATE")
        # Straight to the driver: this runs once per command, and the event path costs 40 us.
        conn.connection.dbapi_connection.execute(f"BEGIN {mode}")  # type: ignore[union-attr]


def notifications(engine: Engine, channel: str, stop: Callable[[], bool]) -> Iterator[None]:
    """Yield once as soon as it listens (for what was sent before), then once per wake-up on a
    PostgreSQL NOTIFY `channel`, until `stop()` answers True (looked at twice a second). A
    connection of its own, outside the pool: LISTEN lasts as long as the connection does."""
    import psycopg  # only a PostgreSQL store needs the driver

    url = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"LISTEN {channel}")
        yield None
        while not stop():
            # Everything that arrived within the wait is one wake-up, however many commits.
            if any(True for _ in conn.notifies(timeout=0.5, stop_after=1)):
                yield None


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """A connection in a write transaction, committed on success, rolled back on any error."""
    with engine.connect() as conn, conn.begin():
        yield conn


class Writer:
    """One connection kept open for a stream of write transactions (the command bus's).

    Checking a connection out of the pool for every command costs more than the command's
    SQL; a single writer per process is also what SQLite wants.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._conn: Connection | None = None

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        if self._conn is None or self._conn.closed:
            self._conn = self.engine.connect()
        conn = self._conn
        ended = False  # the work failed and its ROLLBACK went through: the connection is fine
        try:
            trans = conn.begin()
            try:
                yield conn
            except BaseException:
                trans.rollback()  # the work failed (a refused lone command)
                ended = True
                raise
            trans.commit()
        except BaseException:
            # A COMMIT (or ROLLBACK) that failed (a deferred constraint, a full disk) leaves
            # SQLite's transaction open under a connection that believes it ended: throw the
            # connection away (closing it rolls back), so the next command starts clean.
            if not ended:
                conn.invalidate()
                self._conn = None
            raise

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """A connection in a read transaction: one consistent view of the database."""
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":  # a snapshot for the whole transaction
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        conn = conn.execution_options(sqlite_begin="DEFERRED")
        with conn.begin():
            yield conn


BULK_CACHE_KIB = 128 * 1024  # SQLite's page cache while a rebuild writes every read model


@contextmanager
def bulk_cache(conn: Connection) -> Iterator[None]:
    """A larger SQLite page cache for one bulk write, then the one it had. A rebuild writes
    every read model and their indexes in one transaction; with the default 2 MiB cache the
    pages it dirtied spilled to the WAL again and again, which cost a third of its time."""
    if conn.dialect.name != "sqlite":
        yield
        return
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size={int(before or -2000)}")
