"""`replayshop coverage [PATH ...] [--json] [--html FILE]`: what the recordings exercise of the
app, and what none does (recorder/regression/coverage.py counts; this says what the app has).

Exit 0 when every gap has a reason in recordings/coverage-gaps.toml, 1 when a page, widget,
action, command, refusal, event type or read model no recording exercises has none (a new
page or action without a recording shows up here), 2 for bad input.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.replay import ensure_qt

if TYPE_CHECKING:
    from recorder.regression.coverage import Universe

GAPS = Path("recordings") / "coverage-gaps.toml"


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "coverage", help="what the recordings exercise of the app, and what none does"
    )
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        default=[Path("recordings")],
        help="*.shoprec files and folders holding them (default: recordings)",
    )
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--html", type=Path, metavar="FILE", help="also write a page")
    parser.add_argument(
        "--gaps",
        type=Path,
        default=GAPS,
        help=f"the accepted gaps and their reasons (default: {GAPS})",
    )


def run(args: argparse.Namespace) -> int:
    ensure_qt(True)  # the window is built, never shown
    from PySide6.QtWidgets import QApplication

    from recorder.fileformat.shoprec import RecordingError, load_recording
    from recorder.regression.check import find_recordings
    from recorder.regression.coverage import as_html, as_json, measure, report

    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        print(f"replayshop: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    try:
        gaps = _gaps(args.gaps)
        recordings = [load_recording(path) for path in find_recordings(args.paths)]
    except (RecordingError, ValueError) as error:
        print(f"replayshop: {error}", file=sys.stderr)
        return 2
    QApplication.instance() or QApplication(sys.argv[:1])
    coverage = measure(recordings, universe(), gaps)
    print(json.dumps(as_json(coverage), indent=2) if args.json else report(coverage))
    if args.html is not None:
        args.html.parent.mkdir(parents=True, exist_ok=True)
        args.html.write_text(as_html(coverage), encoding="utf-8")
    return 1 if coverage.unexplained() else 0


def _gaps(path: Path) -> dict[str, str]:
    """{"kind thing": reason} from a TOML file's [gaps] table; none when it does not exist."""
    if not path.exists():
        return {}
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("gaps", {})
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        message = f'{path} is not TOML ({error}); expected [gaps] "kind thing" = why'
        raise ValueError(message) from None
    if not all(isinstance(k, str) and isinstance(v, str) and v for k, v in table.items()):
        raise ValueError(f"{path}: each gap needs a reason, as text")
    return dict(table)


def universe() -> Universe:
    """What the app has: its main window built on an empty throw-away store, and the domain's
    commands, events, errors and read model versions."""
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QWidget

    from app.shell.bootstrap import bootstrap
    from app.shell.main_window import MainWindow
    from domain.model import commands, errors
    from domain.model.events import EVENT_TYPES
    from domain.readside.projections.registry import all_projections
    from recorder.capture.widget_paths import INTERACTIVE, descendants, object_path
    from recorder.regression.coverage import PAGES

    with tempfile.TemporaryDirectory(prefix="replayshop-coverage-") as folder:
        ctx = bootstrap(Path(folder) / "shop.db", Path(folder) / "settings.ini")
        window = MainWindow(ctx)
        try:
            pages = {page.objectName() for page in window.pages}
            widgets = {
                path
                for widget in descendants(window, QWidget)
                if isinstance(widget, INTERACTIVE)
                and (path := object_path(widget)).startswith(PAGES)
                and "/qt_" not in path
            }
            actions = [a for a in descendants(window, QAction) if a.objectName()]
            # Qt's own actions (a line edit's clear button) are not the app's.
            actions = [a for a in actions if not a.objectName().startswith(("qt_", "_q_"))]
            shortcuts = {}
            for action in actions:
                if not action.shortcut().isEmpty():
                    combination = action.shortcut()[0]  # type: ignore[index]
                    key = (combination.key().value, combination.keyboardModifiers().value)
                    shortcuts[key] = action.objectName()
            names = {a.objectName() for a in actions}
            order = tuple((page.objectName(), page.ADMIN_ONLY) for page in window.pages)
        finally:
            window.shutdown()
    from recorder.regression.coverage import Universe

    return Universe(
        {
            "page": frozenset(pages),
            "widget": frozenset(widgets),
            "action": frozenset(names),
            "command": frozenset(_subclasses(commands.Command)),
            "refused": frozenset(_subclasses(errors.DomainError)),
            "event": frozenset(set(EVENT_TYPES) - {"EventWithheld"}),
            "read model": frozenset(f"{p.NAME}_v{p.VERSION}" for p in all_projections()),
        },
        shortcuts,
        order,
    )


def _subclasses(base: type) -> set[str]:
    found: set[str] = set()
    stack: list[type] = list(base.__subclasses__())
    while stack:
        cls = stack.pop()
        found.add(cls.__name__)
        stack.extend(cls.__subclasses__())
    return found
