"""Digests of the read models: one line per projection that says whether two shops agree.

A recording keeps them as of its export; a replay computes them again at its end. A read
model that came out different (a projector bug that no screen of the session showed) is a
divergence too. Checkpoints are left out: they say how far a projection got, not what it holds.
"""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from pathlib import Path

from sqlalchemy import MetaData, Table

from domain.eventstore.database import read_only_uri
from domain.readside.projections.base import Projection
from domain.readside.projections.registry import known_projections

ROWS_SHOWN = 10  # of each table, each way: enough to see what went wrong
MAX_KEPT_ROWS = 5_000  # a demo shop's read models hold about 700


def projection_digests(db: Path | sqlite3.Connection, schema: str = "main") -> dict[str, str]:
    """{projection name and version: digest of all its rows, in a stable order}."""
    conn = (
        db if isinstance(db, sqlite3.Connection) else sqlite3.connect(read_only_uri(db), uri=True)
    )
    try:
        digests = {}
        held = _held(conn, schema)
        for projection in known_projections():
            if (projection.NAME, projection.VERSION) not in held:
                continue  # a version this store does not keep (another release serves it)
            tables = _tables(projection)
            digest = hashlib.sha256()
            for table in sorted(tables.values(), key=lambda t: t.name):
                columns = ", ".join(f'"{c.name}"' for c in table.columns)
                rows = conn.execute(
                    f'SELECT {columns} FROM {schema}."{table.name}" ORDER BY {columns}'
                )
                digest.update(table.name.encode())
                for row in rows:
                    digest.update(repr(row).encode())
            digests[f"{projection.NAME}_v{projection.VERSION}"] = digest.hexdigest()[:16]
        return digests
    finally:
        if not isinstance(db, sqlite3.Connection):
            conn.close()


def _tables(projection: Projection) -> dict[str, Table]:
    """A projection's tables as its queries see them (the rows a digest covers): built alone,
    not through a Projector, whose statements and stored tables a replay's end would build
    once per projection for nothing."""
    return projection.build_tables(MetaData())


def _held(conn: sqlite3.Connection, schema: str) -> set[tuple[str, int]]:
    """The (name, version) pairs built in the store: those with a checkpoint."""
    try:
        rows = conn.execute(f'SELECT name, version FROM {schema}."projection_checkpoints"')
    except sqlite3.OperationalError:  # a store that never built a read model
        return set()
    return {(str(name), int(version)) for name, version in rows}


def kept_rows(db: Path, limit: int = MAX_KEPT_ROWS) -> dict[str, dict[str, list[str]]]:
    """Every read model's rows, table by table, as text: kept in a recording beside the
    digests, so that a replay whose read model differs can name the rows. Empty when they
    are more than `limit` rows in all (a big shop: the digests alone then)."""
    held = {f"{name}_v{version}" for name, version in _held_in(db)}
    kept: dict[str, dict[str, list[str]]] = {}
    total = 0
    with closing(_read_only(db)) as conn:
        for projection in known_projections():
            key = f"{projection.NAME}_v{projection.VERSION}"
            if key not in held:
                continue
            for table in _tables(projection).values():
                rows = sorted(_rows(conn, table))
                total += len(rows)
                if total > limit:
                    return {}
                kept.setdefault(key, {})[table.name] = rows
    return kept


def differing_rows(
    recorded: dict[str, dict[str, list[str]]], replayed_db: Path, names: list[str]
) -> list[str]:
    """The rows of the named read models (`catalog_v2`) that the recording's end held and the
    replay's does not, or the other way round, table by table: "-" recorded, "+" replayed."""
    wanted = {f"{p.NAME}_v{p.VERSION}": p for p in known_projections()}
    lines: list[str] = []
    with closing(_read_only(replayed_db)) as shown:
        for name in names:
            projection = wanted.get(name)
            if projection is None or name not in recorded:
                lines.append(f"{name}: the recording keeps no rows of it, only its digest")
                continue
            for table in _tables(projection).values():
                before = set(recorded[name].get(table.name, []))
                after = _rows(shown, table)
                gone, new = sorted(before - after), sorted(after - before)
                if gone or new:
                    lines += _table_diff(f"{name} table {table.name}", gone, new)
    return lines


def _table_diff(title: str, gone: list[str], new: list[str]) -> list[str]:
    lines = [f"{title}:", *(f"-{row}" for row in gone[:ROWS_SHOWN])]
    lines += [f"+{row}" for row in new[:ROWS_SHOWN]]
    more = len(gone) + len(new) - min(len(gone), ROWS_SHOWN) - min(len(new), ROWS_SHOWN)
    return [*lines, f" … and {more} more rows"] if more else lines


def _held_in(db: Path) -> set[tuple[str, int]]:
    with closing(_read_only(db)) as conn:
        return _held(conn, "main")


def _read_only(db: Path) -> sqlite3.Connection:
    return sqlite3.connect(read_only_uri(db), uri=True)


def _rows(conn: sqlite3.Connection, table: Table) -> set[str]:
    """The data columns only: when a version was written is the log's, not the row's."""
    columns = ", ".join(f'"{c.name}"' for c in table.columns)
    try:
        return {repr(row) for row in conn.execute(f'SELECT {columns} FROM "{table.name}"')}
    except sqlite3.OperationalError:  # not built in this store
        return set()
