"""`replayshop recording show`: a recording as a readable timeline (also the git diff driver)."""

from __future__ import annotations

import json
from typing import Any

from recorder.fileformat.describe import describe_event
from recorder.fileformat.shoprec import Recording

META_SHOWN = (
    "format_version",
    "app_version",
    "qt_version",
    "platform",
    "screen",
    "locale",
    "started_at",
    "start_position",
    "start_state",
    "note",
)


def timeline(recording: Recording) -> str:
    lines = [f"{key}: {recording.meta[key]}" for key in META_SHOWN if key in recording.meta]
    lines.append(
        f"start events: {len(recording.start_events)}, UI events: "
        f"{len(recording.ui_events)}, domain events: {len(recording.expected)}"
    )
    lines.append("")
    exceptions = {e["ui_seq"]: e for e in recording.exceptions}
    shown: dict[str, str] = {}
    last = max((e.seq for e in recording.ui_events), default=0)
    for event in recording.ui_events:
        shown = _observed(lines, recording, event.seq, shown)
        lines.append(f"#{event.seq:<5} {event.t_ms / 1000:>8.3f}s  {describe_event(event)}")
        for caused in recording.expected_for(event.seq):
            data = json.dumps(caused.data, sort_keys=True)
            lines.append(f"{'':>17}-> {caused.type} {caused.stream_id}@{caused.version} {data}")
        if event.seq in exceptions:
            error = exceptions[event.seq]
            lines.append(f"{'':>17}!! {error['type']}: {error['message']}")
    for anchor in sorted(a for a in recording.observations if a > last):
        lines.append("at the end of the session:")
        shown = _observed(lines, recording, anchor, shown)
    orphans = [e for e in recording.expected if not e.correlation_id]
    if orphans:
        lines.append("")
        lines.append("domain events with no UI event behind them:")
        lines.extend(f"  {e.type} {e.stream_id}@{e.version}" for e in orphans)
    return "\n".join(lines)


def _observed(
    lines: list[str], recording: Recording, anchor: int, before: dict[str, str]
) -> dict[str, str]:
    """What the user saw before UI event `anchor`, as the widgets that changed since the last
    observation (the first line of each; a table shows its row count)."""
    seen = recording.observations.get(anchor)
    if seen is None:
        return before
    for path, text in seen.items():
        if before.get(path) != text:
            first, *rest = text.splitlines() or [""]
            more = f"  (+{len(rest)} lines)" if rest else ""
            lines.append(f"{'':>17}saw {path}: {first[:80]}{more}")
    for path in sorted(set(before) - set(seen)):
        lines.append(f"{'':>17}saw {path}: (no longer shown)")
    return seen


def as_json(recording: Recording) -> dict[str, Any]:
    return {
        "meta": recording.meta,
        "observations": {str(a): o for a, o in sorted(recording.observations.items())},
        "ui_events": [
            {
                "seq": e.seq,
                "t_ms": e.t_ms,
                "kind": e.kind,
                "target": e.target,
                "sub": e.sub,
                "data": e.data,
                "caused": [
                    {"type": x.type, "stream_id": x.stream_id, "version": x.version, "data": x.data}
                    for x in recording.expected_for(e.seq)
                ],
            }
            for e in recording.ui_events
        ],
        "exceptions": recording.exceptions,
    }
