"""`replayshop verify`: the hash chain of the whole log, a head kept from a receipt, and
(--deep) the read models and snapshots rebuilt apart and compared."""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from app.cli.exits import EXIT_OK, EXIT_PROBLEM
from app.cli.exits import fail as _fail
from app.platform.shop_location import (
    DB_HELP,
    Location,
    db_location,
    on_server,
    shown,
    store_problem,
)
from domain.eventstore import store
from domain.eventstore.database import open_engine, read_only_uri, reading, wal_of
from domain.eventstore.derived_check import disagreeing_snapshots
from domain.eventstore.hashes import hash_at
from domain.model.events import DamagedLog
from domain.shop import open_shop
from recorder.fileformat.digests import projection_digests
from recorder.regression.progress import progress


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    verify = sub.add_parser("verify", help="check the hash chain of the whole event log")
    verify.add_argument("--db", type=db_location, default=argparse.SUPPRESS, help=DB_HELP)
    verify.add_argument(
        "--expect-head",
        metavar="POSITION:HASH",
        help="also check that the log still holds this head (kept from a receipt or report)",
    )
    verify.add_argument(
        "--json", action="store_true", help="one JSON object: status, head, what was found"
    )
    verify.add_argument(
        "--deep",
        action="store_true",
        help="also rebuild the read models and snapshots apart and compare them",
    )


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
            held = hash_at(conn, expected[0]) if expected else None
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
