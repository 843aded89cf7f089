"""`replayshop events`: the event log, filtered, as text or one JSON object per line."""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import TypeVar

from app.cli.exits import EXIT_OK
from app.cli.exits import fail as _fail
from app.platform.shop_location import DB_HELP, Location, db_location, store_problem
from domain.eventstore import store
from domain.eventstore.database import open_engine, reading
from domain.eventstore.hashes import hash_at, hashes_at
from domain.model.clock import to_iso

T = TypeVar("T")


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    events = sub.add_parser("events", help="list the event log")
    events.add_argument("--db", type=db_location, default=argparse.SUPPRESS, help=DB_HELP)
    events.add_argument("--stream", help="only this stream id, e.g. cart-<account id>")
    events.add_argument(
        "--type", dest="event_type", action="append", help="only this event type (repeatable)"
    )
    events.add_argument("--as-of", help="only events recorded at or before this ISO time")
    events.add_argument("--json", action="store_true", help="one JSON object per line")


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
            hashes = hashes_at(conn, [e.position for e in chunk]) if args.json else {}
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
            print(f"head {position}:{hash_at(conn, position) or store.GENESIS_HASH}")
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
