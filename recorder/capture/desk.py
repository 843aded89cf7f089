"""Recording an app whose shop lives on a PostgreSQL server: the desk file.

A session belongs to one desk, not to the shared server: its UI events, typed values and
observations go into a local SQLite file per server (the "desk"), beside nothing else, so a
shopper's keystrokes never travel to the shop's database. The domain events the session
caused stay in the server's log, linked by their metadata (`session`, `correlation_id`) as on a
SQLite store. Exporting joins the two: the desk's tables and the server's log are copied into
one private temporary SQLite file, which the one exporter turns into a `.shoprec`, as for a
shop that lived in a file all along. The format does not care where the log lived.
"""

from __future__ import annotations

import hashlib
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, inspect, select

from domain.eventstore import store
from domain.eventstore.database import reading

COPY_BATCH = 5000


def desk_path(url: str, folder: Path) -> Path:
    """The desk file for a server's shop: one per database, named by a digest of its URL
    without the password (a changed password keeps the same desk)."""
    from sqlalchemy.engine import make_url

    key = make_url(url).set(password=None).render_as_string(hide_password=False)
    return folder / "desks" / f"{hashlib.sha256(key.encode()).hexdigest()[:16]}.db"


def server_head(engine: Engine) -> int:
    """Where a session starts: the server log's head (0 for a server with no shop yet)."""
    with reading(engine) as conn:
        if not inspect(conn).has_table(store.events_table.name):
            return 0
        return store.head(conn)[0]


@contextmanager
def joined(desk: Path, engine: Engine) -> Iterator[Path]:
    """A private SQLite file holding the desk's recorded sessions and the server's log (every
    event up to its head now), removed on exit: what `export_session` reads."""
    with tempfile.TemporaryDirectory(prefix="replayshop-desk-") as tmp:
        copy = Path(tmp) / "shop.db"
        source = sqlite3.connect(f"file:{desk}?mode=ro", uri=True)
        target = sqlite3.connect(copy)
        try:
            source.backup(target)
        finally:
            source.close()
        # A desk's own events table stays empty (start_recording made it): the log is the
        # server's.
        t = store.events_table
        columns = [c.name for c in t.columns]
        insert = (
            f"INSERT INTO events ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        )
        with reading(engine) as conn:
            result = conn.execution_options(stream_results=True, max_row_buffer=COPY_BATCH)
            rows = result.execute(select(t).order_by(t.c.position))
            while batch := rows.fetchmany(COPY_BATCH):
                target.executemany(insert, [tuple(row) for row in batch])
        target.commit()
        target.close()
        yield copy
