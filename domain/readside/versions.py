"""Versions of a read model: which one the app reads, rolling a new one out, rolling back,
and retiring one.

- **Serving.** For each projection the app reads the version an operator chose
  (`projections use`), else the newest this build knows, once it is built. A newer version
  that is not built yet is *rolled out*: the app serves the newest built one meanwhile.
- **Rollout.** The new version is built beside the old from all history (read in one
  consistent snapshot, written in one short transaction), then follows the log up to the head
  and only then replaces the old one for every screen. The old version's tables and
  checkpoint stay; it simply stops following.
- **Rollback.** `use` catches the chosen version up with everything appended since it last
  followed (events of types it does not know are skipped: domain/eventstore/store.py
  read_projectable)
  and records the choice, which no newer build overrides.
- **Retiring.** `drop` removes a version's tables and checkpoint, never the one in use.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, inspect, select, text

from domain.eventstore import store
from domain.eventstore.database import bulk_cache, reading, writing
from domain.eventstore.sql import upsert
from domain.model.clock import to_iso
from domain.readside.projections.base import MemoryRows, Projection
from domain.readside.projections.registry import all_projections, known_projections
from domain.readside.projections.temporal import clear, defer_spans, fill_spans
from domain.readside.projector import (
    Projector,
    builds_table,
    checkpoint_metadata,
    checkpoints_table,
    in_use_table,
    record_build,
)


class VersionRefused(ValueError):
    """A version that cannot be used or dropped; the message says why and what is possible."""


@dataclass(frozen=True)
class Serving:
    projections: list[Projection]  # what the app reads now, one version per name
    rollouts: list[Projection]  # newer versions to build beside them and switch to


@dataclass(frozen=True)
class HeldVersion:
    name: str
    version: int
    checkpoint: int
    lag: int
    bytes: int
    built_at: str | None
    in_use: bool
    known: bool  # this build can serve it


def chosen(conn: Connection) -> dict[str, tuple[int, str]]:
    """{name: (version, chosen_by)} as recorded in the store."""
    if not inspect(conn).has_table(in_use_table.name):
        return {}  # a store no build with versions has opened yet
    c = in_use_table.c
    return {r[0]: (r[1], r[2]) for r in conn.execute(select(c.name, c.version, c.chosen_by))}


def _built(conn: Connection) -> dict[tuple[str, int], int]:
    """{(name, version): checkpoint} of every version built in the store."""
    if not inspect(conn).has_table(checkpoints_table.name):
        return {}  # a new store: nothing built yet
    c = checkpoints_table.c
    return {(r[0], r[1]): r[2] for r in conn.execute(select(c.name, c.version, c.position))}


def serving(engine: Engine) -> Serving:
    with reading(engine) as conn:
        picks, built = chosen(conn), _built(conn)
    served, rollouts = [], []
    known = known_projections()
    for newest in all_projections():
        name = newest.NAME
        pick = picks.get(name)
        if pick is not None and pick[1] == "operator":
            match = next((p for p in known if name == p.NAME and pick[0] == p.VERSION), None)
            if match is not None:  # else a version this build does not know: the default
                served.append(match)
                continue
        older = [
            p
            for p in known
            if name == p.NAME and p.VERSION < newest.VERSION and (name, p.VERSION) in built
        ]
        if (name, newest.VERSION) in built or not older:
            served.append(newest)  # built, or nothing to serve meanwhile: built on open
        else:
            served.append(max(older, key=lambda p: p.VERSION))
            rollouts.append(newest)
    return Serving(served, rollouts)


@dataclass(frozen=True)
class RolloutReport:
    name: str
    version: int
    events: int
    build_s: float
    catch_up_s: float


def build_beside(engine: Engine, projection: Projection) -> tuple[int, float]:
    """Build `projection` from all history without holding the write lock while reading:
    one consistent read, then one write of the result. Returns (events, seconds)."""
    started = time.perf_counter()
    projector = Projector([projection])
    rows = MemoryRows(projection.specs)
    handlers = projection.handlers
    last = count = 0
    with reading(engine) as source:
        for position, recorded in store.read_projectable(source, handlers):
            if recorded is not None:
                rows.position = position
                handlers[recorded.type](recorded, rows)
            last, count = position, count + 1
    with writing(engine) as conn:
        projector.create_tables(conn)
        tables = projector.stored[projection.NAME]
        for stored in tables.values():
            clear(conn, stored)  # a build that was interrupted left rows behind
            defer_spans(conn, stored)
        with bulk_cache(conn):
            rows.flush(conn, tables)
            for stored in tables.values():
                fill_spans(conn, stored)
        conn.execute(
            upsert(checkpoints_table, conn.dialect.name),
            {"name": projection.NAME, "version": projection.VERSION, "position": last},
        )
        took = time.perf_counter() - started
        record_build(conn, projection, took)
    return count, took


def catch_up_version(engine: Engine, projection: Projection) -> float:
    """Bring one version to the head of the log (building it first if it never was)."""
    started = time.perf_counter()
    projector = Projector([projection])
    with reading(engine) as conn:
        built = projection.key in _built(conn)
    if not built:
        build_beside(engine, projection)
    while True:
        with writing(engine) as conn:
            reached = projector.follow(conn)
            head = store.head(conn)[0]
        if reached >= head:
            return time.perf_counter() - started


def record_choice(engine: Engine, name: str, version: int, by: str) -> None:
    with writing(engine) as conn:
        checkpoint_metadata.create_all(conn)  # the choice may come before any build
        conn.execute(
            upsert(in_use_table, conn.dialect.name),
            {
                "name": name,
                "version": version,
                "chosen_by": by,
                "chosen_at": to_iso(datetime.now(UTC)),
            },
        )


def forget_choice(engine: Engine, name: str) -> None:
    """Let the build decide again which version of `name` the app reads (the newest)."""
    with writing(engine) as conn:
        conn.execute(in_use_table.delete().where(in_use_table.c.name == name))


def use(engine: Engine, name: str, version: int) -> float:
    """Make the app read `name` at `version` from its next start: caught up first, then
    recorded as the operator's choice. Returns the seconds the catch-up took."""
    matches = [p for p in known_projections() if name == p.NAME]
    if not matches:
        names = sorted({p.NAME for p in known_projections()})
        raise VersionRefused(f"unknown projection {name!r}; known: {', '.join(names)}")
    projection = next((p for p in matches if version == p.VERSION), None)
    if projection is None:
        versions = ", ".join(str(p.VERSION) for p in matches)
        raise VersionRefused(
            f"this build cannot serve {name} v{version}; it knows version(s) {versions}"
        )
    took = catch_up_version(engine, projection)
    record_choice(engine, name, version, "operator")
    return took


def in_use_version(engine: Engine, name: str) -> int | None:
    """The version of `name` the app would read on its next start."""
    for projection in serving(engine).projections:
        if name == projection.NAME:
            return projection.VERSION
    return None


def drop(engine: Engine, name: str, version: int) -> int:
    """Remove a version's tables and checkpoint; returns the bytes they took."""
    held = {(v.name, v.version): v for v in held_versions(engine)}
    if (name, version) not in held:
        versions = sorted(v for n, v in held if n == name)
        raise VersionRefused(
            f"the store holds no {name} v{version}"
            + (f"; it holds version(s) {', '.join(map(str, versions))}" if versions else "")
        )
    if held[(name, version)].in_use:
        raise VersionRefused(
            f"{name} v{version} is the version in use; `projections use {name} OTHER` first"
        )
    with writing(engine) as conn:
        prefix = f"{name}_v{version}_"  # not LIKE: "_" is its wildcard
        tables = [t for t in inspect(conn).get_table_names() if t.startswith(prefix)]
        # An interval index first: dropping it drops its own shadow tables, listed too.
        for table in sorted(tables, key=lambda t: not t.endswith("_spans")):
            conn.execute(text(f'DROP TABLE IF EXISTS "{table}"'))
        c = checkpoints_table.c
        conn.execute(checkpoints_table.delete().where(c.name == name, c.version == version))
        b = builds_table.c
        conn.execute(builds_table.delete().where(b.name == name, b.version == version))
    return held[(name, version)].bytes


def built_times(engine: Engine) -> dict[tuple[str, int], str]:
    """When each version was last built from the whole log: a cheap read, unlike the sizes
    `held_versions` measures over the whole file (the About box asks on the GUI thread)."""
    with reading(engine) as conn:
        if not inspect(conn).has_table(builds_table.name):
            return {}
        b = builds_table.c
        return {(r[0], r[1]): r[2] for r in conn.execute(select(b.name, b.version, b.built_at))}


def held_versions(engine: Engine) -> list[HeldVersion]:
    """Every version of every projection the store holds, with what the app makes of it."""
    now_serving = {(p.NAME, p.VERSION) for p in serving(engine).projections}
    known = {(p.NAME, p.VERSION) for p in known_projections()}
    with reading(engine) as conn:
        head = store.head(conn)[0]
        built = _built(conn)
        sizes = _sizes(conn)
    when = built_times(engine)
    return [
        HeldVersion(
            name,
            version,
            position,
            head - position,
            sum(size for table, size in sizes.items() if table.startswith(f"{name}_v{version}_")),
            when.get((name, version)),
            (name, version) in now_serving,
            (name, version) in known,
        )
        for (name, version), position in sorted(built.items())
    ]


def _sizes(conn: Connection) -> dict[str, int]:
    """Bytes per table, its indexes included (SQLite's dbstat; empty where it is missing)."""
    if conn.dialect.name == "postgresql":
        rows = conn.execute(
            text(
                "SELECT relname, pg_total_relation_size(oid) FROM pg_class "
                "WHERE relkind = 'r' AND relnamespace = current_schema()::regnamespace"
            )
        ).all()
        return {str(r[0]): int(r[1]) for r in rows}
    try:
        rows = conn.execute(
            text(
                "SELECT coalesce(m.tbl_name, s.name), sum(s.pgsize) FROM dbstat s "
                "LEFT JOIN sqlite_master m ON m.name = s.name GROUP BY 1"
            )
        ).all()
    except Exception:  # a SQLite built without dbstat: sizes unknown, shown as 0
        return {}
    return {str(r[0]): int(r[1]) for r in rows}
