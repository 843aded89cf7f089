"""`replayshop recording html`: a recording as one web page anyone can open, no app needed.

The page holds everything itself (no network, no external files): the note and metadata,
the head of the starting state's hash chain, and a timeline of the UI events grouped into the
steps a person would name (`recorder/writers/script_steps.py`), each with the domain events it
caused, what the user saw, exceptions and, when the page was made with a replay, where that
replay diverged. Each step shows a picture of the windows as the step left them: the
recording's own (format 6, taken while recording), or else the pictures its replay took
(`--replay`), so a recording made without pictures is still seen; where a replay diverges
from a recording with pictures, the replay's picture stands beside the user's.

The page carries the data made small (web_page_data.py: each text once, in a table), so a
session of 100,000 steps makes a page that opens.

A recording is untrusted input: the page puts its texts on screen as text only
(`textContent`), its pictures only as `data:` images of a format checked when the file was
read, and a content security policy forbids anything from outside.
"""

from __future__ import annotations

import base64
import bisect
import html
import json
from pathlib import Path
from typing import Any

from domain.eventstore.store import GENESIS_HASH, row_hash
from recorder.capture.observation import delta
from recorder.capture.schema import Picture
from recorder.fileformat.describe import describe_event
from recorder.fileformat.shoprec import Recording
from recorder.fileformat.tables import EVENT_COLUMNS
from recorder.replay.verdict import Verdict
from recorder.writers.script_steps import group, product_names
from recorder.writers.script_units import Writer
from recorder.writers.show import META_SHOWN
from recorder.writers.web_page_data import page_data
from recorder.writers.web_page_template import PAGE


def start_head(recording: Recording) -> tuple[int, str]:
    """The position and hash of the last starting event, chained as the store chains them:
    a replay's store starts from exactly this head."""
    position, prev = 0, GENESIS_HASH
    for row in sorted(recording.start_events, key=lambda r: r[0]):
        values = dict(zip(EVENT_COLUMNS, row, strict=True))
        position = int(values["position"])
        prev = row_hash(prev, position, values)
    return position, prev


def _seen_lines(before: dict[str, str], after: dict[str, str]) -> list[list[str]]:
    """[widget path, what it showed], for the widgets that changed on screen."""
    change = delta(before, after)
    lines = [[path, text] for path, text in change["set"].items()]
    return lines + [[path, "(no longer shown)"] for path in change["gone"]]


def _empty_step(title: str) -> dict[str, Any]:
    return {
        "title": title,
        "t": None,  # ms of its first UI event
        "events": [],  # (seq, t_ms, what describe_event says), shown as "#seq 1.234s what"
        "domain": [],
        "seen": [],
        "exceptions": [],
        "divergence": None,
        "picture": None,  # index into "pictures": what the step left on screen
        "replayed": None,  # the replay's picture there, beside the recorded one (a divergence)
    }


def data_uri(picture: Picture) -> str:
    """A picture checked when its recording was read (recorder/fileformat/pictures.py):
    its format is one of two, named by the row, never by the file's own bytes."""
    kind = {"png": "image/png", "webp": "image/webp"}[picture.format]
    return f"data:{kind};base64,{base64.b64encode(picture.image).decode('ascii')}"


def report_data(
    recording: Recording,
    verdict: Verdict | None = None,
    replayed: dict[int, Picture] | None = None,
) -> dict[str, Any]:
    """Everything the page shows, as plain JSON. `replayed`: the pictures a replay took,
    shown where the recording has none (one made with pictures off, or before format 6)."""
    steps = group(Writer(recording).run(), product_names(recording))
    starts = [min(s.units[0].seqs) for s in steps]
    out = [_empty_step(s.title) for s in steps] or [_empty_step("no input")]

    def step_of(seq: int) -> dict[str, Any]:
        return out[max(bisect.bisect_right(starts, seq) - 1, 0)]

    def step_before(anchor: int) -> dict[str, Any]:
        """Seen before UI event `anchor`: what the step before it left on screen."""
        return out[max(bisect.bisect_left(starts, anchor) - 1, 0)]

    exceptions = {e["ui_seq"]: e for e in recording.exceptions}
    caused_by = recording.caused_by_ui_event()
    for event in recording.ui_events:
        step = step_of(event.seq)
        if step["t"] is None:
            step["t"] = event.t_ms
        step["events"].append((event.seq, event.t_ms, describe_event(event)))
        for caused in caused_by.get(event.seq, []):
            data = json.dumps(caused.data, sort_keys=True, ensure_ascii=False)
            step["domain"].append(f"{caused.type} {caused.stream_id}@{caused.version} {data}")
        if event.seq in exceptions:
            error = exceptions[event.seq]
            step["exceptions"].append(f"{error['type']}: {error['message']}")
    seen: dict[str, str] = {}
    for anchor in sorted(recording.observations):
        now = recording.observations[anchor]
        step_before(anchor)["seen"] += _seen_lines(seen, now)
        seen = now
    uris: list[str] = []
    source = "recording" if recording.pictures else "replay" if replayed else None
    shown = recording.pictures or replayed or {}
    for anchor in sorted(shown):  # as what the user saw: the last look of a step is kept
        step_before(anchor)["picture"] = len(uris)
        uris.append(data_uri(shown[anchor]))
    if verdict is not None and verdict.step is not None and verdict.status != "identical":
        # A screen that differs was seen before that UI event: at the end of the step before,
        # where the page shows what the user saw.
        at = step_before if verdict.screen else step_of
        at(verdict.step)["divergence"] = verdict.report()
        if recording.pictures and replayed and verdict.step in replayed:
            step_before(verdict.step)["replayed"] = len(uris)
            uris.append(data_uri(replayed[verdict.step]))
    position, head = start_head(recording)
    return {
        "meta": {k: recording.meta[k] for k in META_SHOWN if k in recording.meta},
        "counts": {
            "start events": len(recording.start_events),
            "UI events": len(recording.ui_events),
            "domain events": len(recording.expected),
        },
        "head": {"position": position, "hash": head},
        "verdict": None
        if verdict is None
        else {"status": verdict.status, "report": verdict.report()},
        "steps": out,
        "pictures": {"source": source, "uris": uris},
    }


def render_html(
    recording: Recording,
    verdict: Verdict | None = None,
    replayed: dict[int, Picture] | None = None,
) -> str:
    data = page_data(report_data(recording, verdict, replayed))
    # Inside <script>, "<" is written as \u003c: no text of the recording can close the tag.
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    note = recording.meta.get("note", "").strip().splitlines()
    title = f"Replay Shop recording: {note[0] if note else recording.path.name}"
    before, after = PAGE.split("{{DATA}}")  # one substitution each: the data is not rescanned
    return before.replace("{{TITLE}}", html.escape(title)) + payload + after


def write_html(
    recording: Recording,
    output: Path,
    verdict: Verdict | None = None,
    replayed: dict[int, Picture] | None = None,
) -> None:
    Path(output).write_text(render_html(recording, verdict, replayed), encoding="utf-8")
