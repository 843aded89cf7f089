"""What a generated test compares with the recording (recorder/writers/scripted.py): the
texts on screen, and the read models at the end of the session."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path

from PySide6.QtWidgets import QApplication

from recorder.capture.entered import is_masked
from recorder.capture.looks import observe
from recorder.capture.targets import Scope, describe
from recorder.fileformat import validate
from recorder.fileformat.digests import differing_rows, projection_digests
from recorder.fileformat.shoprec import Recording

MAX_ROWS_SHOWN = 8  # of a list that differs: enough to see how


def differs(what: str, saw: str, shows: str | None) -> str:
    """'' when alike; else what differs, line by line for a list or table."""
    if shows == saw:
        return ""
    if shows is None:
        return f"  {what}: the user saw {saw!r}, now it is not shown"
    saw_lines, shows_lines = saw.split("\n"), shows.split("\n")
    if len(saw_lines) == 1 and len(shows_lines) == 1:
        return f"  {what}: the user saw {saw!r}, now {shows!r}"
    out = [f"  {what}:"]
    rows = range(max(len(saw_lines), len(shows_lines)))
    for n in rows:
        a = saw_lines[n] if n < len(saw_lines) else "(no row)"
        b = shows_lines[n] if n < len(shows_lines) else "(no row)"
        if a != b:
            out.append(f"    row {n}: the user saw {a!r}, now {b!r}")
    if len(out) > MAX_ROWS_SHOWN + 1:
        out[MAX_ROWS_SHOWN + 1 :] = [f"    … and {len(out) - MAX_ROWS_SHOWN - 1} more rows"]
    return "\n".join(out)


def screen_differences(
    scope: Scope,
    shown: Mapping[str, str],
    rows: Mapping[str, Mapping[int, str]],
    gone: Iterable[str],
) -> list[str]:
    now = observe(scope.windows(), is_masked)
    lines = [differs(path, text, now.get(path)) for path, text in shown.items()]
    for path, wanted in rows.items():
        have = now[path].split("\n") if path in now else []
        for row, text in wanted.items():
            got = have[row] if row < len(have) else "(no such row)"
            lines.append(differs(f"{path} row {row}", text, got))
    for path in gone:  # "a/b/*": nothing under a/b is shown any more
        under = [p for p in now if p.startswith(path[:-1])] if path.endswith("/*") else [path]
        lines += [f"  {p}: gone for the user, still {now[p]!r}" for p in under if p in now]
    return [line for line in lines if line]


def read_models_differ(recording: Recording, store: Path) -> str:
    """'' when the store's read models hold what the recording's did at its end; else which
    differ, and their differing rows."""
    recorded = json.loads(recording.meta.get("projection_digests") or "{}")
    replayed = projection_digests(store)
    names = [n for n, d in recorded.items() if n in replayed and replayed[n] != d]
    if not names:
        return ""
    raw = recording.meta.get("read_model_rows", "")
    rows = differing_rows(validate.read_model_rows(raw) if raw else {}, store, names)
    return ", ".join(names) + "\n" + "\n".join(rows)


def focus_differs(scope: Scope, path: str, sub: str) -> str:
    """'' when the keyboard focus is on the widget at `path` (and `sub`); else where it is."""
    QApplication.processEvents()
    # The focus within the user's window: a window the window manager has not activated
    # yet still knows which of its widgets holds the focus.
    expected = scope.resolve(path, sub)
    window = expected.window() if expected is not None else QApplication.activeWindow()
    focus = window.focusWidget() if window is not None else QApplication.focusWidget()
    where = describe(focus) if focus is not None else ("(nothing)", "")
    if where == (path, sub):
        return ""
    got = f"{where[0]} [{where[1]}]" if where[1] else where[0]
    want = f"{path} [{sub}]" if sub else path
    return f"the focus went to {got}; the user's went to {want}"
