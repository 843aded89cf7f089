"""`replayshop`: the app (no sub-command) and the maintenance commands.

Exit codes: 0 success, 1 a check found a problem (such as a broken hash chain), 2 bad input.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from app.cli import coverage as coverage_cli
from app.cli import demo as demo_cli
from app.cli import events as events_cli
from app.cli import projections as projections_cli
from app.cli import projector as projector_cli
from app.cli import query as query_cli
from app.cli import recordings as recordings_cli
from app.cli import replay as replay_cli
from app.cli import state as state_cli
from app.cli import verify as verify_cli
from app.cli.exits import fail, not_utf8, unexpected
from app.platform.shop_location import DB_HELP, Location, db_location, shown
from app.platform.terminal import escaped_output
from app.platform.user_dirs import default_db_path
from app.platform.version import app_version
from domain.model.passwords import ScryptCost


def build_parser() -> argparse.ArgumentParser:
    """The app's options and every sub-command, each registered by its own module (the order
    is the order `--help` lists them in)."""
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
    _add_run(parser, sub)
    for module in (
        recordings_cli,
        replay_cli,
        verify_cli,
        events_cli,
        projections_cli,
        coverage_cli,
        projector_cli,
        state_cli,
        query_cli,
        demo_cli,
    ):
        module.add_parser(sub)
    return parser


def _add_run(parser: argparse.ArgumentParser, sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """The desktop app: the default, so its options are the top level's too."""
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
    if command == "recording" and args.action == "show":
        return recordings_cli.show(db, args)
    replays = {"replay": replay_cli.replay, "check": replay_cli.check}
    if command in replays:
        return replays[command](args)
    if command == "recording":
        actions = {
            "rebase": replay_cli.rebase,
            "shrink": replay_cli.shrink,
            "script": replay_cli.script,
            "html": replay_cli.html,
        }
        return actions[args.action](args)
    handler = {
        "verify": verify_cli.verify,
        "events": events_cli.events,
        "projections": projections_cli.projections,
        "projector": projector_cli.run,
        "state": state_cli.run,
        "query": query_cli.run,
        "demo-data": demo_cli.demo_data,
        "report": recordings_cli.report,
        "sessions": recordings_cli.sessions,
    }[command]
    return handler(db, args)


if __name__ == "__main__":
    sys.exit(main())
