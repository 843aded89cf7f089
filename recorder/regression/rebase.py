"""`replayshop recording rebase FILE`: after an intended change of behaviour, record what the
current code does as the new expectation (like updating a snapshot test), and say what changed."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from recorder.capture.observation import Observation, differences
from recorder.fileformat.digests import kept_rows, projection_digests
from recorder.fileformat.shoprec import RecordingError, load_recording, write_recording
from recorder.fileformat.tables import ExpectedEvent
from recorder.replay.compare import actual_facts, diff, event_data, expected_facts
from recorder.replay.factory import AppFactory
from recorder.replay.replayer import Replayer
from recorder.replay.run import run_to_verdict


def rebase_recording(path: Path, factory: AppFactory) -> str:
    recording = load_recording(path)  # checked first: a file that cannot be trusted is refused
    replayer = Replayer(recording, factory, rebasing=True)
    try:
        verdict = run_to_verdict(replayer)
        if verdict.status == "could_not_replay":
            raise RecordingError(f"cannot rebase {path}: {verdict.message}")
        events = replayer.actual_events()
        consumed = replayer.tape.consumed if replayer.tape else []
        seen = dict(replayer.actual.observations)
        full = recording.meta.get("start_state") == "full"
        digests = json.dumps(projection_digests(replayer.store_path)) if full else ""
        kept = kept_rows(replayer.store_path) if full else {}
    finally:
        replayer.close()
    before = expected_facts(recording.expected)
    after = actual_facts(events)
    change = diff(before, after) or "no change: the expected events are the same"
    session = recording.meta["session_id"]
    rebased = replace(
        recording,
        meta={
            **recording.meta,
            "projection_digests": digests,
            "read_model_rows": json.dumps(kept) if kept else "",
        },
        inputs=list(consumed),
        expected=[
            ExpectedEvent(
                e.position,
                e.stream_id,
                e.version,
                e.type,
                event_data(e.event),
                e.metadata.get("correlation_id"),
                e.recorded_at,
                e.stream_type,
                e.event.SCHEMA_VERSION,
                {**e.metadata, "session": session},
            )
            for e in events
        ],
        observations=seen,
    )
    write_recording(rebased, path)  # replaced whole, only once the new file is complete
    return (
        f"rebased {path}: {len(before)} -> {len(after)} expected domain events, "
        f"{len(recording.observations)} -> {len(seen)} observations of what the user saw\n"
        f"{change}\n{_observation_changes(recording.observations, seen)}"
    )


def _observation_changes(before: dict[int, Observation], after: dict[int, Observation]) -> str:
    """Which widgets now show something else than the recording said, step by step."""
    lines = []
    for anchor, now in sorted(after.items()):
        if anchor in before:
            for path, old, new in differences(before[anchor], now)[:3]:
                lines.append(f"before UI event #{anchor}, {path}: {old!r} -> {new!r}")
    return "\n".join(lines) or "what the user saw: no change (or nothing was observed before)"
