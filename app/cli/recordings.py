"""`replayshop sessions`, `report` and `recording show`: the recorded sessions of a store, one
exported as a *.shoprec file, and a file's timeline.

The recorder's file code brings Qt with it: it is imported when a command runs, so the parser
(and `replayshop --help`) stays light.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from platformdirs import user_data_path

from app.cli.exits import EXIT_OK
from app.cli.exits import fail as _fail
from app.platform.shop_location import (
    DB_HELP,
    Location,
    db_location,
    on_server,
    shown,
    store_problem,
)
from app.platform.user_dirs import APP_NAME
from domain.eventstore.database import open_engine
from domain.shop import open_shop
from recorder.capture.desk import desk_path, joined
from recorder.writers.sessions import list_sessions, sessions_json, sessions_table


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    sessions = sub.add_parser("sessions", help="list the recorded sessions of a database")
    sessions.add_argument("--db", type=db_location, default=argparse.SUPPRESS, help=DB_HELP)
    sessions.add_argument("--json", action="store_true", help="machine-readable output")

    report = sub.add_parser("report", help="export a recorded session as a *.shoprec file")
    report.add_argument("--db", type=db_location, default=argparse.SUPPRESS, help=DB_HELP)
    report.add_argument("--session", help="session id (default: the latest)")
    report.add_argument("-o", "--output", type=Path, required=True, help="the file to write")
    report.add_argument("--note", default="", help="what went wrong, for whoever reads it")


@contextmanager
def _recorded_sessions(db: Location) -> Iterator[Path]:
    """A SQLite file with the recorded sessions and the log they refer to: the shop's own
    file, or this desk's sessions joined with the server's log (recorder/capture/desk.py)."""
    from recorder.fileformat.shoprec import RecordingError

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


def sessions(db: Location, args: argparse.Namespace) -> int:
    from recorder.fileformat.shoprec import RecordingError

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
    from recorder.fileformat.export import export_session
    from recorder.fileformat.shoprec import RecordingError

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


def show(db: Location, args: argparse.Namespace) -> int:
    """`recording show`: the file's timeline (what `git diff` shows), or its JSON."""
    from recorder.fileformat.shoprec import RecordingError, load_recording
    from recorder.writers.show import as_json, timeline

    try:
        loaded = load_recording(args.file)
    except RecordingError as error:
        return _fail(str(error))
    if args.json:
        print(json.dumps(as_json(loaded), indent=2, default=str))
    else:
        print(timeline(loaded))
    return EXIT_OK
