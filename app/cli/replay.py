"""`replayshop replay`, `check` and `recording rebase|shrink|script|html`: recordings from the
shell, replayed, or written out as a test or a page."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from app.cli.arguments import positive_int, positive_number


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """`replay`, `check` and `recording` (whose `show` runs in app/cli/recordings.py)."""
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
        "--pictures",
        type=Path,
        metavar="DIR",
        help="with --headless: if it diverges, write the step's pictures there (expected and "
        "actual, the differing regions framed)",
    )
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
        "--pictures",
        type=Path,
        metavar="DIR",
        help="write the diverging step's pictures of each failing recording there (expected "
        "and actual, the differing regions framed)",
    )
    check.add_argument(
        "--stress",
        action="store_true",
        help="replay while busy processes (two per core) load the machine, as a busy CI "
        "runner would: a verdict must not depend on it",
    )

    _add_recording_parser(sub)


def _add_recording_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
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
        "--replay",
        action="store_true",
        help="replay it first: mark where it diverges, and show the replay's pictures",
    )


def ensure_qt(headless: bool) -> None:
    """Headless runs need no display: Qt's offscreen platform renders and takes input."""
    if headless and "QT_QPA_PLATFORM" not in os.environ:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def refuse_in_a_window(reason: str) -> None:
    """The viewer could not open its file: say why in a window, and wait until it is read."""
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from app.platform.i18n import install_translations
    from app.platform.identity import apply_identity
    from app.shell.open_recording import show_refusal

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    apply_identity(app)
    install_translations()  # the refusal in the user's language, as the app's own windows
    box = show_refusal(None, reason)
    # A loop of its own, never app.exec() and app.quit(): quit() leaves the thread's
    # "quit now" flag set, and every later event loop in the process returned at once.
    loop = QEventLoop()
    box.finished.connect(loop.quit)
    loop.exec()


def replay(args: argparse.Namespace) -> int:
    ensure_qt(args.headless)
    from PySide6.QtWidgets import QApplication

    from app.platform.identity import apply_identity
    from app.shell.replay_factory import make_replay_app
    from recorder.fileformat.shoprec import RecordingError, load_recording
    from recorder.replay.run import run_headless
    from recorder.replay.timer import pace_for

    try:
        recording = load_recording(args.file)
    except RecordingError as error:
        print(f"replayshop: {error}", file=sys.stderr)
        if not args.headless:  # opened from a file manager: no terminal shows stderr
            refuse_in_a_window(str(error))
        return 2
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    apply_identity(app)  # the viewer a desktop opens for a *.shoprec is the same app to it
    pace = pace_for(
        args.speed, args.fast or (args.headless and args.speed is None), not args.keep_idle
    )
    if args.headless:
        if args.pictures is None:
            verdict = run_headless(recording, make_replay_app, pace)
        else:
            from recorder.regression.pictures import write_divergence_pictures
            from recorder.replay.run import run_with_pictures

            verdict, drawn = run_with_pictures(recording, make_replay_app, pace)
            for line in write_divergence_pictures(recording, verdict, drawn, args.pictures):
                print(line, file=sys.stderr)
        print(verdict.report(str(args.file)))
        return verdict.exit_code
    from app.platform.i18n import install_viewer_translations
    from recorder.replay.viewer import ReplayViewer

    # Before the replayer sets the recording's locale as the default: the viewer speaks the
    # user's language, the app it drives the recording's.
    install_viewer_translations()
    viewer = ReplayViewer(recording, make_replay_app, pace, start_paused=args.step)
    viewer.show()
    app.exec()
    final = viewer.replayer.verdict
    return final.exit_code if final else 1


def check(args: argparse.Namespace) -> int:
    ensure_qt(True)
    from PySide6.QtWidgets import QApplication

    from app.shell.replay_factory import make_replay_app
    from recorder.regression.check import check_recordings

    QApplication.instance() or QApplication(sys.argv[:1])
    return check_recordings(
        args.paths,
        make_replay_app,
        args.junit,
        args.repeat,
        args.stress,
        args.verbose,
        args.json,
        args.pictures,
    )


def shrink(args: argparse.Namespace) -> int:
    ensure_qt(True)
    from PySide6.QtWidgets import QApplication

    from app.shell.replay_factory import make_replay_app
    from recorder.fileformat.shoprec import RecordingError
    from recorder.regression.progress import progress, say
    from recorder.regression.shrink import Budget, shrink_recording

    QApplication.instance() or QApplication(sys.argv[:1])
    budget = Budget(args.max_replays, args.max_time)
    try:
        with progress(budget.max_replays, "shrinking", "replays") as reached:

            def tried(line: str) -> None:  # each replay's line stays, as a log of the search
                say(line)
                reached(len(budget.replays))

            result = shrink_recording(
                Path(args.file), Path(args.output), make_replay_app, tried, budget
            )
    except RecordingError as error:
        print(f"replayshop: {error}", file=sys.stderr)
        return 2
    share = 100 * result.after / max(result.before, 1)
    print(
        f"shrunk {args.file} -> {args.output}: {result.before} -> {result.after} UI events "
        f"({share:.1f}% kept), {result.replays} replays, {result.seconds:.1f} s\n"
        f"{result.failure}"
    )
    return 0


def rebase(args: argparse.Namespace) -> int:
    ensure_qt(True)
    from PySide6.QtWidgets import QApplication

    from app.shell.replay_factory import make_replay_app
    from recorder.fileformat.shoprec import RecordingError
    from recorder.regression.rebase import rebase_recording

    QApplication.instance() or QApplication(sys.argv[:1])
    try:
        report = rebase_recording(Path(args.file), make_replay_app)
    except RecordingError as error:
        print(f"replayshop: {error}", file=sys.stderr)
        return 2
    print(report)
    return 0


def script(args: argparse.Namespace) -> int:
    """A pytest-qt test that does what the recorded session did, to keep and edit."""
    if args.output is None:
        args.output = Path(f"test_{Path(args.file).stem.replace('-', '_')}.py")
    from recorder.fileformat.shoprec import RecordingError
    from recorder.writers.script import write_script

    try:
        steps = write_script(Path(args.file), Path(args.output))
    except RecordingError as error:
        print(f"replayshop: {error}", file=sys.stderr)
        return 2
    print(f"wrote {args.output}: {len(steps)} steps; run it with: pytest {args.output}")
    return 0


def html(args: argparse.Namespace) -> int:
    """One self-contained page of the recording; with --replay, where a replay diverges."""
    if args.output is None:
        args.output = Path(f"{Path(args.file).stem}.html")
    from recorder.fileformat.shoprec import RecordingError, load_recording
    from recorder.writers.web_page import write_html

    try:
        recording = load_recording(Path(args.file))
    except RecordingError as error:
        print(f"replayshop: {error}", file=sys.stderr)
        return 2
    verdict, replayed = None, None
    if args.replay:
        ensure_qt(True)
        from PySide6.QtWidgets import QApplication

        from app.shell.replay_factory import make_replay_app
        from recorder.replay.run import run_with_pictures

        QApplication.instance() or QApplication(sys.argv[:1])
        # The replay's own pictures: the recording's may be missing (pictures were off), and
        # where it diverges they stand beside the user's.
        verdict, replayed = run_with_pictures(recording, make_replay_app)
    write_html(recording, Path(args.output), verdict, replayed)
    print(f"wrote {args.output}" + (f": {verdict.report().splitlines()[0]}" if verdict else ""))
    return 0
