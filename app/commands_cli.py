"""The maintenance sub-commands of `replayshop`, each a function of (db path, parsed args)."""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import datetime
from pathlib import Path

from domain import store
from domain.clock import to_iso
from domain.database import open_engine, reading
from domain.demo import grow_history, seed_demo
from domain.shop import open_shop
from recorder.export import export_session
from recorder.fileformat import RecordingError, load_recording
from recorder.sessions import list_sessions, sessions_json, sessions_table
from recorder.show import as_json, timeline

EXIT_OK, EXIT_PROBLEM, EXIT_BAD_INPUT = 0, 1, 2


def _fail(message: str) -> int:
    print(f"replayshop: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _existing(db: Path) -> bool:
    return db.is_file()


def verify(db: Path, args: argparse.Namespace) -> int:
    if not _existing(db):
        return _fail(f"no database at {db}")
    engine = open_engine(db)
    with reading(engine) as conn:
        result = store.verify_chain(conn)
    if result.first_bad_position is None:
        print(f"OK: {result.count} events, hash chain intact")
        return EXIT_OK
    print(
        f"ALTERED: event at position {result.first_bad_position}: {result.problem} "
        f"({result.count} events before it are intact)"
    )
    return EXIT_PROBLEM


def events(db: Path, args: argparse.Namespace) -> int:
    if not _existing(db):
        return _fail(f"no database at {db}")
    as_of = None
    if args.as_of:
        try:
            as_of = to_iso(datetime.fromisoformat(args.as_of))
        except ValueError:
            return _fail(f"--as-of {args.as_of!r} is not an ISO time such as 2026-11-27T10:00:00")
    engine = open_engine(db)
    with reading(engine) as conn:
        for e in store.read_all(
            conn, as_of=as_of, stream_id=args.stream, event_types=args.event_type
        ):
            data = e.event.to_data()
            if "password_hash" in data:
                data["password_hash"] = "<hidden>"
            if args.json:
                print(
                    json.dumps(
                        {
                            "position": e.position,
                            "stream_id": e.stream_id,
                            "version": e.version,
                            "type": e.type,
                            "recorded_at": e.recorded_at,
                            "data": data,
                            "metadata": dict(e.metadata),
                        },
                        default=str,
                    )
                )
            else:
                print(
                    f"{e.position:>8}  {e.recorded_at[:19]}  {e.stream_id}@{e.version}  "
                    f"{e.type}  {json.dumps(data, default=str)}"
                )
    return EXIT_OK


def projections(db: Path, args: argparse.Namespace) -> int:
    if not _existing(db):
        return _fail(f"no database at {db}")
    shop = open_shop(db)
    try:
        if args.action == "rebuild":
            names = [args.name] if args.name else None
            try:
                started = time.perf_counter()
                count = shop.projector.rebuild(shop.engine, names)
            except KeyError as error:
                return _fail(str(error.args[0]))
            took = time.perf_counter() - started
            print(f"rebuilt {args.name or 'all projections'} from {count} events in {took:.2f} s")
        for s in shop.projector.status(shop.engine):
            rows = ", ".join(f"{table} {n}" for table, n in s.rows.items())
            print(f"{s.name:<16} v{s.version}  checkpoint {s.checkpoint}/{s.head}  rows: {rows}")
    finally:
        shop.close()
    return EXIT_OK


def demo_data(db: Path, args: argparse.Namespace) -> int:
    db.parent.mkdir(parents=True, exist_ok=True)
    # Seeding is repeatable from scratch, so it skips the per-commit fsync.
    shop = open_shop(db, synchronous="OFF")
    try:
        if shop.read.head() > 0:
            return _fail(f"{db} already holds a shop; demo data goes into an empty database")
        demo = seed_demo(shop.bus)
        if args.events:

            def progress(position: int) -> None:
                print(f"\r{position:,} / {args.events:,} events", end="", file=sys.stderr)

            grow_history(shop.bus, demo, shop.read.head, args.events, progress=progress)
            print(file=sys.stderr)
        print(
            f"Demo shop created in {db}: {shop.read.head():,} events, "
            f"{len(demo.product_ids)} products, {len(demo.shopper_ids)} shoppers."
        )
        print(f"Admin login: username 'admin', password '{demo.admin_password}' (shown only now).")
        print("Shoppers: ann, bob, carla, ... with password 'shopper-pass'.")
    finally:
        shop.close()
    return EXIT_OK


def sessions(db: Path, args: argparse.Namespace) -> int:
    if not _existing(db):
        return _fail(f"no database at {db}")
    rows = list_sessions(db)
    print(sessions_json(rows) if args.json else sessions_table(rows))
    return EXIT_OK


def report(db: Path, args: argparse.Namespace) -> int:
    if not _existing(db):
        return _fail(f"no database at {db}")
    try:
        summary = export_session(db, args.output, args.session, args.note)
    except RecordingError as error:
        return _fail(str(error))
    scope = "the whole log" if summary.full_start_state else "the streams it touched"
    print(
        f"wrote {summary.path}: session {summary.session_id}, {summary.ui_events} UI events, "
        f"{summary.expected_events} domain events, start state of {summary.start_events} "
        f"events ({scope}), {summary.bytes:,} bytes"
    )
    return EXIT_OK


def recording(db: Path, args: argparse.Namespace) -> int:
    try:
        loaded = load_recording(args.file)
    except RecordingError as error:
        return _fail(str(error))
    if args.json:
        print(json.dumps(as_json(loaded), indent=2, default=str))
    else:
        print(timeline(loaded))
    return EXIT_OK
