"""`replayshop recording rebase FILE`: after an intended change of behaviour, record what the
current code does as the new expectation (like updating a snapshot test), and say what changed."""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop

from recorder.compare import actual_facts, diff, event_data, expected_facts
from recorder.digests import projection_digests
from recorder.fileformat import RecordingError, load_recording, upgrade
from recorder.observe import Observation, apply, differences
from recorder.replayer import AppFactory, Replayer


def rebase_recording(path: Path, factory: AppFactory) -> str:
    recording = load_recording(path)
    replayer = Replayer(recording, factory, rebasing=True)
    loop = QEventLoop()
    replayer.finished.connect(lambda _v: loop.quit())
    try:
        replayer.start()
        if replayer.verdict is None:
            loop.exec()
        verdict = replayer.verdict
        if verdict is None or verdict.status == "could_not_replay":
            raise RecordingError(
                f"cannot rebase {path}: {verdict.message if verdict else 'replay did not finish'}"
            )
        events = replayer.actual_events()
        consumed = replayer.tape.consumed if replayer.tape else []
        seen = replayer.replayed_observations()
        full = recording.meta.get("start_state") == "full"
        digests = json.dumps(projection_digests(replayer._db)) if full else ""
    finally:
        replayer.close()
    before = expected_facts(recording.expected)
    after = actual_facts(events)
    change = diff(before, after) or "no change: the expected events are the same"
    session = recording.meta.get("session_id", "replay")
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / path.name
        shutil.copyfile(path, copy)
        db = sqlite3.connect(copy)
        db.execute("DELETE FROM expected")
        db.executemany(
            "INSERT INTO expected VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    e.position,
                    e.stream_id,
                    e.stream_type,
                    e.version,
                    e.type,
                    e.event.SCHEMA_VERSION,
                    json.dumps(event_data(e.event)),
                    json.dumps({**e.metadata, "session": session}),
                    e.recorded_at,
                )
                for e in events
            ],
        )
        db.execute("DELETE FROM ui_inputs")
        counts: dict[str, int] = {}
        rows = []
        for kind, value in consumed:
            rows.append((session, kind, counts.get(kind, 0), value))
            counts[kind] = counts.get(kind, 0) + 1
        db.executemany("INSERT INTO ui_inputs VALUES (?, ?, ?, ?)", rows)
        stored = db.execute("SELECT value FROM meta WHERE key = 'format_version'").fetchone()
        upgrade(db, int(stored[0]))  # the file on disk may be older than the loaded copy
        db.execute("DELETE FROM meta WHERE key = 'projection_digests'")
        db.execute("INSERT INTO meta VALUES ('projection_digests', ?)", (digests,))
        db.execute("DELETE FROM ui_observations")
        db.executemany(
            "INSERT INTO ui_observations VALUES (?, ?, ?)",
            [(session, anchor, change) for anchor, change in seen],
        )
        db.commit()
        db.close()
        shutil.copyfile(copy, path)  # replaced whole, only once the new file is complete
    return (
        f"rebased {path}: {len(before)} -> {len(after)} expected domain events, "
        f"{len(recording.observations)} -> {len(seen)} observations of what the user saw\n"
        f"{change}\n{_observation_changes(recording.observations, seen)}"
    )


def _observation_changes(before: dict[int, Observation], after: list[tuple[int, str]]) -> str:
    """Which widgets now show something else than the recording said, step by step."""
    now: Observation = {}
    lines = []
    for anchor, change in after:
        now = apply(now, json.loads(change))
        if anchor in before:
            for path, old, new in differences(before[anchor], now)[:3]:
                lines.append(f"before UI event #{anchor}, {path}: {old!r} -> {new!r}")
    return "\n".join(lines) or "what the user saw: no change (or nothing was observed before)"
