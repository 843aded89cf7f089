"""Writing a changed copy of a recording (rebase, shrink): whole or not at all.

The source is copied to a private temporary file, brought to the current format, edited, and
only then moved into place, so an interrupted rewrite leaves the old file as it was and a
rewrite to another path never touches its input.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from recorder.fileformat import upgrade
from recorder.observation import Observation, delta


def rewrite(source: Path, target: Path, edit: Callable[[sqlite3.Connection], None]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "recording.shoprec"
        shutil.copyfile(source, copy)
        db = sqlite3.connect(copy)
        try:
            stored = db.execute("SELECT value FROM meta WHERE key = 'format_version'").fetchone()
            upgrade(db, int(stored[0]))  # the file on disk may be older than a loaded copy
            edit(db)
            db.commit()
        finally:
            db.close()
        partial = target.with_name(target.name + ".partial")
        shutil.copyfile(copy, partial)
        os.replace(partial, target)


def put_meta(db: sqlite3.Connection, key: str, value: str) -> None:
    db.execute("DELETE FROM meta WHERE key = ?", (key,))
    db.execute("INSERT INTO meta VALUES (?, ?)", (key, value))


def put_inputs(db: sqlite3.Connection, session: str, values: Iterable[tuple[str, str]]) -> None:
    """The tape: values in the order they are handed out, numbered per kind."""
    db.execute("DELETE FROM ui_inputs")
    counts: dict[str, int] = {}
    rows = []
    for kind, value in values:
        rows.append((session, kind, counts.get(kind, 0), value))
        counts[kind] = counts.get(kind, 0) + 1
    db.executemany("INSERT INTO ui_inputs VALUES (?, ?, ?, ?)", rows)


def put_observations(
    db: sqlite3.Connection, session: str, observations: Mapping[int, Observation]
) -> None:
    """Whole observations by anchor, stored as the change from the one before (the format)."""
    db.execute("DELETE FROM ui_observations")
    before: Observation = {}
    rows = []
    for anchor in sorted(observations):
        rows.append((session, anchor, json.dumps(delta(before, observations[anchor]))))
        before = observations[anchor]
    db.executemany("INSERT INTO ui_observations VALUES (?, ?, ?)", rows)
