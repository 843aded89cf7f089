"""`replayshop`: the app (no sub-command) and the maintenance commands.

Exit codes: 0 success, 1 a check found a problem (such as a broken hash chain), 2 bad input.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from app.cli import coverage as coverage_cli
from app.cli import projector as projector_cli
from app.cli import query as query_cli
from app.cli import state as state_cli
from app.cli.exits import fail, not_utf8, unexpected
from app.platform.locations import DB_HELP, Location, db_location, shown
from app.platform.paths import default_db_path
from app.platform.terminal import escaped_output
from app.platform.version import app_version
from domain.model.passwords import ScryptCost


def positive_int(text: str) -> int:
    """argparse's type for a count of at least 1."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return value


MAX_DEMO_EVENTS = 10_000_000


def event_count(text: str) -> int:
    """argparse's type for `demo-data --events`: 1 to 10,000,000 (about an hour's seeding)."""
    value = positive_int(text)
    if value > MAX_DEMO_EVENTS:
        raise argparse.ArgumentTypeError(f"{text!r} is more than {MAX_DEMO_EVENTS:,} events")
    return value


def positive_number(text: str) -> float:
    """argparse's type for a speed: a finite number above 0."""
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not (0 < value < float("inf")):
        raise argparse.ArgumentTypeError(f"{text!r} is not a number above 0 (1, 2, 0.5...)")
    return value


def _add_recording_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    recording = sub.add_parser(
        "recording",
        help="inspect, rebase or shrink a *.shoprec file, or write it out as a test or a page",
    )
    actions = recording.add_subparsers(dest="action", metavar="ACTION", required=True)

    def action(name: str, help_text: str) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = actions.add_parser(
            name, help=help_text, description=help_text
        )
        parser.add_argument("file", type=Path, help="the recording (*.shoprec)")
        return parser

    show = action("show", "print the recording's timeline (what `git diff` shows)")
    show.add_argument("--json", action="store_true", help="machine-readable output")
    action("rebase", "replay it and keep what the app does now as the expected result")
    shrink = action("shrink", "the smallest recording that still fails the same way")
    shrink.add_argument(
        "-o", "--output", type=Path, required=True, help="the smaller recording to write"
    )
    shrink.add_argument(
        "--max-replays",
        type=positive_int,
        default=40,
        metavar="N",
        help="replays at most, the first and the last included (default 40); the smallest "
        "file found by then that fails the same way is written",
    )
    shrink.add_argument(
        "--max-time",
        type=positive_int,
        metavar="SECONDS",
        help="stop looking for a smaller file after this long (default: no limit)",
    )
    script = action("script", "write it out as a pytest-qt test, to keep and edit")
    script.add_argument(
        "-o", "--output", type=Path, help="the test to write (default: test_NAME.py, here)"
    )
    html = action("html", "write it out as one self-contained web page")
    html.add_argument(
        "-o", "--output", type=Path, help="the page to write (default: NAME.html, here)"
    )
    html.add_argument(
        "--replay", action="store_true", help="replay it first and mark where it diverges"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="replayshop", description="An event-sourced shop whose sessions can be replayed."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {app_version()}")
    parser.add_argument(
        "--db",
        type=db_location,
        help=f"the shop: a SQLite file (default: {default_db_path()}) or a postgresql:// URL",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    parser.add_argument(
        "--no-record",
        action="store_true",
        help="do not record this session (recording is on by default)",
    )
    run = sub.add_parser("run", help="start the desktop app (the default)")
    run.add_argument("--db", type=db_location, default=argparse.SUPPRESS, help=DB_HELP)
    run.add_argument(
        "--no-record",
        action="store_true",
        default=argparse.SUPPRESS,
        help="do not record this session (recording is on by default)",
    )
    parser.add_argument(
        "--quit-after-show",
        action="store_true",
        help="exit once the main window has been shown (smoke tests)",
    )

    sessions = sub.add_parser("sessions", help="list the recorded sessions of a database")
    sessions.add_argument("--db", type=db_location, default=argparse.SUPPRESS, help=DB_HELP)
    sessions.add_argument("--json", action="store_true", help="machine-readable output")

    report = sub.add_parser("report", help="export a recorded session as a *.shoprec file")
    report.add_argument("--db", type=db_location, default=argparse.SUPPRESS, help=DB_HELP)
    report.add_argument("--session", help="session id (default: the latest)")
    report.add_argument("-o", "--output", type=Path, required=True, help="the file to write")
    report.add_argument("--note", default="", help="what went wrong, for whoever reads it")

    replay = sub.add_parser("replay", help="replay a *.shoprec file against the real app")
    replay.add_argument("file", type=Path, help="the recording (*.shoprec)")
    replay.add_argument("--headless", action="store_true", help="no window; print the verdict")
    pace = replay.add_mutually_exclusive_group()
    pace.add_argument(
        "--speed", type=positive_number, help="1 (default), 2, 4, 8...: times real time"
    )
    pace.add_argument("--fast", action="store_true", help="as fast as possible")
    replay.add_argument("--step", action="store_true", help="start paused, step by step")
    replay.add_argument(
        "--keep-idle",
        action="store_true",
        help="play idle gaps at their recorded length (default: cut to 2 s at any speed)",
    )

    check = sub.add_parser("check", help="replay every *.shoprec under the paths (CI)")
    check.add_argument(
        "paths",
        nargs="*",
        type=Path,
        default=[Path("recordings")],
        help="*.shoprec files and folders holding them (default: recordings)",
    )
    check.add_argument("--junit", type=Path, help="also write a JUnit XML report")
    check.add_argument(
        "--repeat",
        type=positive_int,
        default=1,
        metavar="N",
        help="replay each recording N times: it passes only if every replay does (default 1)",
    )
    check.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="every widget that differs in a verdict, not the first three",
    )
    check.add_argument(
        "--json",
        action="store_true",
        help="one JSON object: every recording's verdict, seconds and report",
    )
    check.add_argument(
        "--stress",
        action="store_true",
        help="replay while busy processes (two per core) load the machine, as a busy CI "
        "runner would: a verdict must not depend on it",
    )

    _add_recording_commands(sub)

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

    events = sub.add_parser("events", help="list the event log")
    events.add_argument("--db", type=db_location, default=argparse.SUPPRESS, help=DB_HELP)
    events.add_argument("--stream", help="only this stream id, e.g. cart-<account id>")
    events.add_argument(
        "--type", dest="event_type", action="append", help="only this event type (repeatable)"
    )
    events.add_argument("--as-of", help="only events recorded at or before this ISO time")
    events.add_argument("--json", action="store_true", help="one JSON object per line")

    projections = sub.add_parser("projections", help="list or rebuild the read models")
    projections.add_argument(
        "action",
        choices=["list", "rebuild", "images", "use", "drop"],
        help="list: every version held; use NAME VERSION: the version the app reads; drop NAME "
        "VERSION: retire one; images: for fast time travel",
    )
    projections.add_argument("name", nargs="?", help="one projection (default: all)")
    projections.add_argument("version", nargs="?", type=int, help="a version, for use and drop")
    projections.add_argument("--db", type=db_location, default=argparse.SUPPRESS, help=DB_HELP)
    projections.add_argument(
        "--json", action="store_true", help="list: one JSON object per version held"
    )

    coverage_cli.add_parser(sub)
    projector_cli.add_parser(sub)
    state_cli.add_parser(sub)
    query_cli.add_parser(sub)

    demo = sub.add_parser("demo-data", help="seed a demo shop into an empty database")
    demo.add_argument("--db", type=db_location, default=argparse.SUPPRESS, help=DB_HELP)
    demo.add_argument("--events", type=event_count, help="grow the history to about N events")
    return parser


RECORDING_SUFFIX = ".shoprec"


def opened_file(argv: Sequence[str]) -> list[str]:
    """`replayshop FILE.shoprec` (what a desktop's "Open with", `Exec=replayshop %f`, runs)
    is `replayshop replay FILE.shoprec`: the replay viewer on that file."""
    args = list(argv)
    positional = [a for a in args if not a.startswith("-")]
    if positional and positional[0].lower().endswith(RECORDING_SUFFIX):
        return ["replay", *args]
    return args


def main(argv: Sequence[str] | None = None) -> int:
    # What a file, a store or an argument holds never drives the terminal (control
    # characters are written as escapes), whatever the command prints, errors included.
    with escaped_output():
        return _main(sys.argv[1:] if argv is None else argv)


def _main(argv: Sequence[str]) -> int:
    arguments = opened_file(argv)
    bad_argument = not_utf8(arguments)
    if bad_argument:
        return fail(bad_argument)
    args = build_parser().parse_args(arguments)
    try:  # a mistyped setting is named before anything is hashed with it
        ScryptCost.configured()
    except ValueError as error:
        return fail(str(error))
    db: Location = args.db or default_db_path()
    command = args.command or "run"
    if command == "run":
        from app.shell.main import run_app  # Qt is only imported when a window is wanted

        return run_app(db, record=not args.no_record, quit_after_show=args.quit_after_show)
    try:
        return _run_command(command, db, args)
    except BrokenPipeError:  # `replayshop events | head` closed the pipe: not an error
        return 0
    except Exception as error:
        message = unexpected(error, shown(db))
        if message is None:
            raise  # a bug: its traceback is what a developer needs
        return fail(message)


def _run_command(command: str, db: Location, args: argparse.Namespace) -> int:
    if command == "coverage":
        return coverage_cli.run(args)
    if command in ("replay", "check") or (command == "recording" and args.action != "show"):
        from app.cli import replay as replay_cli

        runs = {"replay": replay_cli.replay, "check": replay_cli.check}
        if command == "recording":
            actions = {
                "rebase": replay_cli.rebase,
                "shrink": replay_cli.shrink,
                "script": replay_cli.script,
                "html": replay_cli.html,
            }
            return actions[args.action](args)
        return runs[command](args)
    from app.cli import maintenance as commands_cli

    handler = {
        "verify": commands_cli.verify,
        "events": commands_cli.events,
        "projections": commands_cli.projections,
        "projector": projector_cli.run,
        "state": state_cli.run,
        "query": query_cli.run,
        "demo-data": commands_cli.demo_data,
        "report": commands_cli.report,
        "sessions": commands_cli.sessions,
        "recording": commands_cli.recording,
    }[command]
    return handler(db, args)


if __name__ == "__main__":
    sys.exit(main())
