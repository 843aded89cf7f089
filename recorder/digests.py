"""Digests of the read models: one line per projection that says whether two shops agree.

A recording keeps them as of its export; a replay computes them again at its end. A read
model that came out different (a projector bug that no screen of the session showed) is a
divergence too. Checkpoints are left out: they say how far a projection got, not what it holds.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from domain.projections.projector import Projector
from domain.projections.registry import known_projections


def projection_digests(db: Path | sqlite3.Connection, schema: str = "main") -> dict[str, str]:
    """{projection name and version: digest of all its rows, in a stable order}."""
    conn = (
        db
        if isinstance(db, sqlite3.Connection)
        else sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    )
    try:
        digests = {}
        held = _held(conn, schema)
        for projection in known_projections():
            if (projection.NAME, projection.VERSION) not in held:
                continue  # a version this store does not keep (another release serves it)
            tables = Projector([projection]).tables[projection.NAME]
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


def _held(conn: sqlite3.Connection, schema: str) -> set[tuple[str, int]]:
    """The (name, version) pairs built in the store: those with a checkpoint."""
    try:
        rows = conn.execute(f'SELECT name, version FROM {schema}."projection_checkpoints"')
    except sqlite3.OperationalError:  # a store that never built a read model
        return set()
    return {(str(name), int(version)) for name, version in rows}
