"""`replayshop projections list|rebuild|use|drop|keep`: the read models, their versions, and
how many days of their history they keep."""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import asdict
from datetime import UTC, datetime

from sqlalchemy import Engine

from app.cli.exits import EXIT_OK
from app.cli.exits import fail as _fail
from app.platform.shop_location import DB_HELP, Location, db_location, store_problem
from domain.eventstore.database import open_engine, reading
from domain.readside.retention import keep, retention
from domain.readside.versions import VersionRefused, drop, held_versions, use
from domain.shop import open_shop
from recorder.regression.progress import progress


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    projections = sub.add_parser("projections", help="list or rebuild the read models")
    projections.add_argument(
        "action",
        choices=["list", "rebuild", "use", "drop", "keep"],
        help="list: every version held; use NAME VERSION: the version the app reads; drop NAME "
        "VERSION: retire one; keep DAYS (or keep all): how many days of history the read "
        "models keep for time travel",
    )
    projections.add_argument("name", nargs="?", help="one projection (default: all)")
    projections.add_argument("version", nargs="?", type=int, help="a version, for use and drop")
    projections.add_argument("--db", type=db_location, default=argparse.SUPPRESS, help=DB_HELP)
    projections.add_argument(
        "--json", action="store_true", help="list: one JSON object per version held"
    )


def projections(db: Location, args: argparse.Namespace) -> int:
    problem = store_problem(db)
    if problem:
        return _fail(problem)
    if args.action == "keep":
        return keep_history(db, args.name)
    if args.action in ("use", "drop", "list"):
        # Listing leaves the read models as they are, so it shows how far behind they are.
        engine = open_engine(db)
        try:
            return listing(engine, args.json) if args.action == "list" else change(engine, args)
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
        return listing(shop.engine, args.json)
    finally:
        shop.close()
    return EXIT_OK


def keep_history(db: Location, days_text: str | None) -> int:
    """Set how many days of history the read models keep, and fold what is older now."""
    days = _days(days_text)
    if isinstance(days, str):
        return _fail(days)
    shop = open_shop(db)
    try:
        folded = keep(shop.engine, shop.projector.stored, days, datetime.now(UTC))
    finally:
        shop.close()
    if days is None:
        print(
            "the read models keep every version from now on; "
            + (
                f"those already folded (before event {folded.kept_from:,}) come back with "
                "`replayshop projections rebuild`"
                if folded.kept_from
                else "time travel reaches back to the first event"
            )
        )
    else:
        print(
            f"the read models keep {days} day(s) of history: time travel reaches back to event "
            f"{folded.kept_from:,}; {folded.versions_deleted:,} older row versions folded "
            "(the event log keeps every event)"
        )
    return EXIT_OK


def _days(text: str | None) -> int | str | None:
    """A number of days, None for all, or what was wrong (a str)."""
    accepted = "a whole number of days from 0 (e.g. keep 90), or all"
    if text is None:
        return f"`projections keep` needs how long: {accepted}"
    if text == "all":
        return None
    if text.isascii() and text.isdigit() and int(text) <= 100_000:
        return int(text)
    return f"`projections keep {text}`: not a number of days; use {accepted}"


def listing(engine: Engine, as_json: bool = False) -> int:
    """Every version the store holds: in use or not, how far it follows, its size, its build;
    and how far back their history goes."""
    held = held_versions(engine)
    if as_json:  # one object per line, as `events --json`
        for v in held:
            print(json.dumps(asdict(v)))
        return EXIT_OK
    for v in held:
        state = "IN USE" if v.in_use else ("kept" if v.known else "unknown to this build")
        built = f"built {v.built_at[:16].replace('T', ' ')}" if v.built_at else "built earlier"
        print(
            f"{v.name:<16} v{v.version}  {state:<21} checkpoint {v.checkpoint}/"
            f"{v.checkpoint + v.lag}  lag {v.lag}  {v.bytes / 1e6:,.1f} MB  {built}"
        )
    with reading(engine) as conn:
        retained = retention(conn)
    if retained.keep_days is None and retained.kept_from:
        print(
            f"history: every version kept from now on (time travel reaches back to event "
            f"{retained.kept_from:,} until `replayshop projections rebuild`)"
        )
    elif retained.keep_days is None:
        print("history: every version kept (time travel reaches back to the first event)")
    else:
        print(
            f"history: {retained.keep_days} day(s) kept (time travel reaches back to event "
            f"{retained.kept_from:,})"
        )
    return EXIT_OK


def change(engine: Engine, args: argparse.Namespace) -> int:
    if not args.name or args.version is None:
        return _fail(f"`projections {args.action}` needs a NAME and a VERSION, e.g. reviews 1")
    try:
        if args.action == "use":
            took = use(engine, args.name, args.version)
            print(
                f"{args.name} v{args.version} is caught up ({took:.1f} s) and is the version "
                "the app reads from its next start"
            )
        else:
            freed = drop(engine, args.name, args.version)
            print(
                f"dropped {args.name} v{args.version}: {freed / 1e6:,.1f} MB freed inside the "
                "file (SQLite reuses it; VACUUM gives it back to the disk)"
            )
    except VersionRefused as refusal:
        return _fail(str(refusal))
    return EXIT_OK
