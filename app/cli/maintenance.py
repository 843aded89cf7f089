"""The maintenance sub-commands of `replayshop`, each a function of (db path, parsed args)."""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from platformdirs import user_data_path
from sqlalchemy import Connection, select
from sqlalchemy.exc import SQLAlchemyError

from app.cli import versions as versions_cli
from app.cli.exits import EXIT_OK, EXIT_PROBLEM
from app.cli.exits import fail as _fail
from app.platform.locations import Location, on_server, shown, store_problem
from app.platform.paths import APP_NAME
from domain.demo import grow_history, seed_demo
from domain.eventstore import store
from domain.eventstore.database import open_engine, read_only_uri, reading, wal_of
from domain.eventstore.derived_check import disagreeing_snapshots
from domain.model.clock import to_iso
from domain.model.events import DamagedLog
from domain.readside.images import backfill
from domain.shop import open_shop
from recorder.capture.desk import desk_path, joined
from recorder.fileformat.digests import projection_digests
from recorder.fileformat.export import export_session
from recorder.fileformat.shoprec import RecordingError, load_recording
from recorder.regression.progress import progress
from recorder.writers.sessions import list_sessions, sessions_json, sessions_table
from recorder.writers.show import as_json, timeline

T = TypeVar("T")


@contextmanager
def _recorded_sessions(db: Location) -> Iterator[Path]:
    """A SQLite file with the recorded sessions and the log they refer to: the shop's own
    file, or this desk's sessions joined with the server's log (recorder/capture/desk.py)."""
    if not on_server(db):
        yield Path(db)
        return
    desk = desk_path(str(db), user_data_path(APP_NAME, appauthor=False))
    if not desk.is_file():  # a desk that never recorded
        raise RecordingError(f"no session was recorded on this desk for {shown(db)}")
    engine = open_engine(db)
    try:
        with joined(desk, engine) as path:
            yield path
    finally:
        engine.dispose()


def verify(db: Location, args: argparse.Namespace) -> int:
    """Read-only, whatever the file holds: exit 0 intact, 1 altered or damaged, 2 bad input."""
    expected = None
    if args.expect_head:  # the arguments first: they are wrong whatever the store holds
        try:
            expected = parse_head(args.expect_head)
        except ValueError as error:
            return _fail(str(error))
    problem = store_problem(db)
    if problem:
        return _fail(problem)
    wal = None if on_server(db) else wal_of(Path(db))
    closed_cleanly = wal is not None and not wal.exists()
    found = Findings(args.json)
    code = _verify(db, args, expected, found)
    if closed_cleanly and wal is not None and wal.exists():
        # Read as immutable (nothing beside the file is created), but an app opened the
        # store meanwhile and may have changed it under the check: check again, its way.
        print("an app opened the store during the check: checking again", file=sys.stderr)
        found = Findings(args.json)
        code = _verify(db, args, expected, found)
    return found.done(code)


@dataclass
class Findings:
    """What `verify` found: said line by line, or as one JSON object at the end (--json)."""

    as_json: bool
    facts: dict[str, Any] = field(default_factory=dict)

    def say(self, text: str, **facts: Any) -> None:
        self.facts.update(facts)
        if not self.as_json:
            print(text)

    def done(self, code: int) -> int:
        if self.as_json:
            print(json.dumps({**self.facts, "exit_code": code}))
        return code


def _verify(
    db: Location, args: argparse.Namespace, expected: tuple[int, str] | None, found: Findings
) -> int:
    engine = open_engine(db, read_only=True)
    try:
        with reading(engine) as conn:
            result = store.verify_chain(conn)
            held = held_hash(conn, expected[0]) if expected else None
    # A damaged file can fail anywhere, even decoding text SQLite hands back (a flipped bit
    # in the schema made it invalid UTF-8): all of it is "damaged", never a traceback.
    except DAMAGE as error:
        return _damaged(db, error, found)
    finally:
        engine.dispose()
    position, digest = result.head
    head = f"{position}:{digest}"
    if result.first_bad_position is not None:
        found.say(
            f"ALTERED: event at position {result.first_bad_position}: {result.problem} "
            f"({result.count} events before it are intact; last intact head {head})",
            status="altered",
            first_bad_position=result.first_bad_position,
            problem=result.problem,
            intact_events=result.count,
            head=head,
        )
        return EXIT_PROBLEM
    older = result.rule != store.CHAIN_RULE
    rule = " (older chain rule: open the shop once)" if older else ""
    found.say(
        f"OK: {result.count} events, hash chain intact{rule}\nhead {head}",
        status="ok",
        events=result.count,
        head=head,
        older_chain_rule=older,
    )
    if expected is not None and held != expected[1]:
        found.say(
            f"HEAD NOT FOUND: the log has {'no event' if held is None else 'another hash'} at "
            f"position {expected[0]}: history was cut or rewritten after that head was taken",
            status="head_not_found",
            expected_head=f"{expected[0]}:{expected[1]}",
        )
        return EXIT_PROBLEM
    if expected is not None:
        found.say(
            f"the log contains the head {expected[0]}:{expected[1]}",
            expected_head=f"{expected[0]}:{expected[1]}",
        )
    if args.deep and on_server(db):
        return _fail(
            "--deep compares a private copy of a SQLite file; on a server, run "
            "`replayshop projections rebuild` against a copy of the database"
        )
    if not args.deep:
        return EXIT_OK
    try:
        return _verify_derived(Path(db), found)
    except DAMAGE as error:  # the log verified, and yet a rebuild could not read the file
        return _damaged(db, error, found)


# What a damaged file can raise anywhere in a read (see _verify).
DAMAGE = (SQLAlchemyError, sqlite3.Error, UnicodeDecodeError, DamagedLog)


def _damaged(db: Location, error: Exception, found: Findings) -> int:
    reason = str(getattr(error, "orig", None) or error).splitlines()[0]
    found.say(
        f"DAMAGED: {shown(db)} cannot be read as a shop database ({reason})",
        status="damaged",
        problem=reason,
    )
    return EXIT_PROBLEM


def _verify_derived(db: Path, found: Findings) -> int:
    """Snapshots and read models are derived from the log: rebuild them apart and compare."""
    engine = open_engine(db, read_only=True)
    try:
        with reading(engine) as conn:
            stale = disagreeing_snapshots(conn)
    finally:
        engine.dispose()
    stored = projection_digests(db)
    with tempfile.TemporaryDirectory(prefix="replayshop-verify-") as tmp:
        copy = Path(tmp) / "shop.db"
        source = sqlite3.connect(read_only_uri(db), uri=True)
        target = sqlite3.connect(copy)
        source.backup(target)  # a private copy: the file being checked is only read
        source.close()
        target.close()
        shop = open_shop(copy)
        try:
            with progress(shop.read.head(), "rebuilding the read models", "events") as reached:
                shop.projector.rebuild(shop.engine, progress=reached)
        finally:
            shop.close()
        rebuilt = projection_digests(copy)
    differing = [name for name in sorted(rebuilt) if stored.get(name) != rebuilt[name]]
    deep = {"read_models": len(rebuilt), "stale_snapshots": stale, "differing": differing}
    if stale:
        found.say(
            f"SNAPSHOT DISAGREES: {stale[0]} (and {len(stale) - 1} more)",
            status="snapshot_disagrees",
            deep=deep,
        )
    if differing:
        found.say(
            f"READ MODEL DISAGREES: {differing[0]} differs from a rebuild from the log",
            status="read_model_disagrees",
            deep=deep,
        )
    if stale or differing:
        return EXIT_PROBLEM
    found.say(
        f"deep: {len(rebuilt)} read models equal a rebuild; every snapshot matches its events",
        deep=deep,
    )
    return EXIT_OK


MAX_POSITION = 2**63 - 1  # the largest position a store can hold (SQL BIGINT)


def parse_head(text: str) -> tuple[int, str]:
    position, _, digest = text.partition(":")
    if (
        not (position.isascii() and position.isdigit())
        or len(position) > len(str(MAX_POSITION))
        or int(position) > MAX_POSITION
        or len(digest) != 64
        or not all(c in "0123456789abcdef" for c in digest)
    ):
        raise ValueError(
            f"--expect-head {text!r}: expected POSITION:HASH, as `verify` prints it "
            f"(a number from 0 to {MAX_POSITION}, a colon, 64 hex digits)"
        )
    return int(position), digest


def held_hash(conn: Connection, position: int) -> str | None:
    """The hash of the event at `position`, or None when the log is shorter."""
    row = conn.execute(
        select(store.events_table.c.hash).where(store.events_table.c.position == position)
    ).first()
    return str(row[0]) if row else None


def events(db: Location, args: argparse.Namespace) -> int:
    problem = store_problem(db)
    if problem:
        return _fail(problem)
    as_of = None
    if args.as_of:
        try:
            as_of = to_iso(datetime.fromisoformat(args.as_of))
        except ValueError:
            return _fail(f"--as-of {args.as_of!r} is not an ISO time such as 2026-11-27T10:00:00")
    engine = open_engine(db)
    with reading(engine) as conn:
        shown = store.read_all(
            conn, as_of=as_of, stream_id=args.stream, event_types=args.event_type
        )
        for chunk in _chunks(shown, 500):
            # Each JSON line carries its event's chain hash: any line kept is a receipt that
            # `verify --expect-head POSITION:HASH` can check later.
            hashes = _hashes(conn, [e.position for e in chunk]) if args.json else {}
            for e in chunk:
                data = e.event.to_data()
                if "password_hash" in data:
                    data["password_hash"] = "<hidden>"
                if args.json:
                    line = {
                        "position": e.position,
                        "stream_id": e.stream_id,
                        "version": e.version,
                        "type": e.type,
                        "recorded_at": e.recorded_at,
                        "data": data,
                        "metadata": dict(e.metadata),
                        "hash": hashes.get(e.position),
                    }
                    print(json.dumps(line, default=str))
                else:
                    print(
                        f"{e.position:>8}  {e.recorded_at[:19]}  {e.stream_id}@{e.version}  "
                        f"{e.type}  {json.dumps(data, default=str)}"
                    )
        if not args.json:  # the head of the state shown (the log up to --as-of)
            position = store.position_at(conn, as_of) if as_of else store.head(conn)[0]
            print(f"head {position}:{held_hash(conn, position) or store.GENESIS_HASH}")
    return EXIT_OK


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _hashes(conn: Connection, positions: list[int]) -> dict[int, str]:
    t = store.events_table.c
    rows = conn.execute(select(t.position, t.hash).where(t.position.in_(positions)))
    return {int(p): str(h) for p, h in rows}


def projections(db: Location, args: argparse.Namespace) -> int:
    problem = store_problem(db)
    if problem:
        return _fail(problem)
    if args.action in ("use", "drop", "list"):
        # Listing leaves the read models as they are, so it shows how far behind they are.
        engine = open_engine(db)
        try:
            return (
                versions_cli.listing(engine, args.json)
                if args.action == "list"
                else versions_cli.change(engine, args)
            )
        finally:
            engine.dispose()
    shop = open_shop(db)
    try:
        if args.action == "rebuild":
            names = [args.name] if args.name else None
            try:
                started = time.perf_counter()
                with progress(
                    shop.read.head(), f"rebuilding {args.name or 'all'}", "events"
                ) as reached:
                    count = shop.projector.rebuild(shop.engine, names, reached)
            except KeyError as error:
                return _fail(str(error.args[0]))
            took = time.perf_counter() - started
            print(f"rebuilt {args.name or 'all projections'} from {count} events in {took:.2f} s")
        if args.action == "images":
            images = shop.read.images
            if images is None:
                return _fail("time-travel images are kept for SQLite files only")
            started = time.perf_counter()
            made = backfill(images, shop.engine)
            took = time.perf_counter() - started
            kept = images.positions()
            size = images.path.stat().st_size if images.path.exists() else 0
            print(
                f"made {len(made)} image(s) in {took:.1f} s; {len(kept)} kept at events "
                f"{', '.join(f'{p:,}' for p in kept)} ({size / 1e6:.1f} MB in {images.path})"
            )
            return EXIT_OK
        return versions_cli.listing(shop.engine, args.json)
    finally:
        shop.close()
    return EXIT_OK


def demo_data(db: Location, args: argparse.Namespace) -> int:
    if not on_server(db):
        Path(db).parent.mkdir(parents=True, exist_ok=True)
    # Seeding is repeatable from scratch, so it skips the per-commit fsync.
    shop = open_shop(db, synchronous="OFF")
    try:
        if shop.read.head() > 0:
            return _fail(f"{shown(db)} already holds a shop; demo data goes into an empty database")
        demo = seed_demo(shop.bus)
        if args.events:
            with progress(args.events, "shopping", "events") as reached:
                grow_history(shop.bus, demo, shop.read.head, args.events, progress=reached)
        print(
            f"Demo shop created in {shown(db)}: {shop.read.head():,} events, "
            f"{len(demo.product_ids)} products, {len(demo.shopper_ids)} shoppers."
        )
        print(f"Admin login: username 'admin', password '{demo.admin_password}' (shown only now).")
        print("Shoppers: ann, bob, carla, ... with password 'shopper-pass'.")
    finally:
        shop.close()
    return EXIT_OK


def sessions(db: Location, args: argparse.Namespace) -> int:
    problem = store_problem(db)
    if problem:
        return _fail(problem)
    try:
        with _recorded_sessions(db) as sessions_and_log:
            rows = list_sessions(sessions_and_log)
    except RecordingError as error:
        return _fail(str(error))
    print(sessions_json(rows) if args.json else sessions_table(rows))
    return EXIT_OK


def report(db: Location, args: argparse.Namespace) -> int:
    problem = store_problem(db)
    if problem:
        return _fail(problem)
    try:
        # The read models as of the head, as the app leaves them on a clean exit: a report
        # from a store whose app was killed mid-follow must not carry their stale digests.
        open_shop(db).close()
        with _recorded_sessions(db) as sessions:
            summary = export_session(sessions, args.output, args.session, args.note)
    except RecordingError as error:
        return _fail(str(error))
    scope = "the whole log" if summary.full_start_state else "the streams it touched"
    print(
        f"wrote {summary.path}: session {summary.session_id}, {summary.ui_events} UI events, "
        f"{summary.expected_events} domain events, start state of {summary.start_events} "
        f"events ({scope}), {summary.bytes:,} bytes"
    )
    return EXIT_OK


def recording(db: Location, args: argparse.Namespace) -> int:
    try:
        loaded = load_recording(args.file)
    except RecordingError as error:
        return _fail(str(error))
    if args.json:
        print(json.dumps(as_json(loaded), indent=2, default=str))
    else:
        print(timeline(loaded))
    return EXIT_OK
