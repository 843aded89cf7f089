"""`replayshop projector`: the read side as a process of its own.

It follows the log of a store and keeps the chosen projections (all by default) up to date,
while any number of app instances write commands. Several such processes can split the
projections between them with `--only`: each projection moves forward only from its own
checkpoint, read inside the write transaction, so two followers never apply an event twice.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from types import FrameType

from app.cli.exits import EXIT_OK, fail
from app.platform.shop_location import DB_HELP, Location, db_location, store_problem
from domain.eventstore.database import open_engine
from domain.readside.follower import POLL_S, Follower
from domain.readside.projector import Projector
from domain.readside.versions import serving


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    projector = sub.add_parser("projector", help="keep the read models following the log")
    projector.add_argument("--db", type=db_location, default=argparse.SUPPRESS, help=DB_HELP)
    projector.add_argument(
        "--only", nargs="+", metavar="NAME", help="only these projections (default: all)"
    )
    projector.add_argument("--once", action="store_true", help="catch up with the head, then exit")


class _Stopped(Exception):
    """SIGTERM or Ctrl+C before the follow loop: what was being applied is rolled back."""


class _StopRequest:
    """Installed first thing: a SIGTERM that came while the store was opened or the read models
    caught up killed the process (exit -15), as a test under load saw. Until the loop runs, a
    signal interrupts the work (one write transaction, rolled back whole); then it sets `event`
    and the loop ends after its current batch."""

    def __init__(self) -> None:
        self.event = threading.Event()
        self.interrupts = True
        signal.signal(signal.SIGTERM, self._on_signal)
        signal.signal(signal.SIGINT, self._on_signal)

    def _on_signal(self, _signum: int, _frame: FrameType | None) -> None:
        self.event.set()
        if self.interrupts:
            raise _Stopped


def run(db: Location, args: argparse.Namespace) -> int:
    stop = _StopRequest()
    try:
        return _run(db, args, stop)
    except _Stopped:
        print("stopped before following the log; nothing was half-applied", flush=True)
        return EXIT_OK


def _run(db: Location, args: argparse.Namespace, stop: _StopRequest) -> int:
    problem = store_problem(db)
    if problem:
        return fail(problem)
    engine = open_engine(db)
    # The versions the app reads (an operator's choice included), not merely the newest.
    known = {p.NAME: p for p in serving(engine).projections}
    chosen = args.only or list(known)
    unknown = sorted(set(chosen) - set(known))
    if unknown:
        engine.dispose()
        return fail(
            f"unknown projection(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}"
        )
    projector = Projector([known[name] for name in chosen])
    built = projector.catch_up(engine)  # a projection this build has never seen: from history
    if built:
        print(f"built from the whole log: {', '.join(built)}", flush=True)
    follower = Follower(engine, projector)
    try:
        if args.once:
            return _catch_up(follower)
        return _follow(follower, chosen, stop)
    finally:
        stop.interrupts = False
        engine.dispose()


def _catch_up(follower: Follower) -> int:
    head = follower.lag().head
    if not follower.ensure(head):
        print(f"replayshop: the read side stopped: {follower.failure}", file=sys.stderr)
        return 1
    print(f"caught up: every projection at event {follower.reached:,}", flush=True)
    return EXIT_OK


def _follow(follower: Follower, chosen: list[str], stop: _StopRequest) -> int:
    stop.interrupts = False  # from here the loop looks at the event between batches
    if stop.event.is_set():
        return EXIT_OK
    follower.start()
    print(f"following the log for {', '.join(chosen)} (Ctrl+C stops)", flush=True)
    shown = None
    while not stop.event.wait(POLL_S):
        seen = follower.seen
        if seen != shown:
            state = f"stopped: {seen.failure}" if seen.failure else f"{seen.events:,} behind"
            print(f"at event {seen.reached:,} of {seen.head:,} ({state})", flush=True)
            shown = seen
    follower.stop()
    print(f"stopped at event {follower.lag().reached:,}", flush=True)
    return EXIT_OK
