"""Reading the rows of a `*.shoprec` file: every value checked before it is used.

A recording arrives from anyone: each row of each table is checked for its type, its range and
its meaning (recorder/fileformat/validate.py), and whatever is wrong is an `Invalid` naming the
table, the row and the field. The checks across rows live here too: numbers that appear
twice, a tape with a gap, a stream whose versions jump, events later than the last clock
reading.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import datetime
from typing import Any

from recorder.capture.observation import Observation, apply
from recorder.capture.schema import FORMAT_VERSION, UiEvent
from recorder.fileformat import validate
from recorder.fileformat.legacy import file_name_of_path
from recorder.fileformat.tables import ExpectedEvent, select
from recorder.fileformat.validate import Invalid, integer

NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,99}")  # a command's or an error's type name


class TooNew(Invalid):
    """Made by a newer build: not broken, just not ours to read yet."""


def meta(db: sqlite3.Connection) -> dict[str, str]:
    meta: dict[str, str] = {}
    for n, (key, value) in enumerate(select(db, "meta"), 1):
        key = validate.text(key, f"meta row {n}: key", 100, empty=False)
        if key in meta:
            raise Invalid(f"meta holds {key!r} twice")
        meta[key] = validate.text(value, f"meta {key!r}", validate.MAX_JSON)
    validate.meta_values(meta)
    return meta


def meta_version(meta: dict[str, str]) -> int:
    raw = meta.get("format_version", "")
    if not (raw.strip().isascii() and raw.strip().isdigit()):  # "²" passes isdigit() alone
        raise Invalid(
            f"its format version is {raw!r}; expected a number from 1 to {FORMAT_VERSION}"
        )
    version = int(raw)
    if version > FORMAT_VERSION:
        raise TooNew(
            f"was made by a newer Replay Shop (format {version}); "
            f"this build reads formats 1 to {FORMAT_VERSION}. Update the app."
        )
    if version < 1:
        raise Invalid(f"its format version is {version}; formats start at 1")
    return version


def ui_events(db: sqlite3.Connection) -> list[UiEvent]:
    events: list[UiEvent] = []
    last = 0
    for n, (_, seq, t_ms, kind, target, sub, data) in enumerate(
        select(db, "ui_events", "ORDER BY seq"), 1
    ):
        where = f"ui_events row {n}"
        seq = validate.integer(seq, 1, validate.MAX_SEQ, f"{where}: seq")
        if seq <= last:
            raise Invalid(f"{where}: seq {seq} appears twice; each UI event has its own number")
        last = seq
        t_ms = validate.integer(t_ms, 0, validate.MAX_MS, f"{where}: t_ms")
        kind = validate.text(kind, f"{where}: kind", 40, empty=False)
        target = validate.text(target, f"{where}: target", 1000, empty=False)
        sub = validate.text(sub, f"{where}: sub", 1000)
        fields = validate.json_object(data, f"{where}: data", 100_000)
        validate.ui_event_data(kind, fields, f"{where} (#{seq})")
        events.append(UiEvent(seq, t_ms, kind, target, sub, fields))
    return events


def inputs(db: sqlite3.Connection, version: int) -> list[tuple[str, str]]:
    inputs: list[tuple[str, str]] = []
    seen: set[tuple[str, int]] = set()
    for row, (_, kind, n, value) in enumerate(select(db, "ui_inputs", "ORDER BY kind, n"), 1):
        where = f"ui_inputs row {row}"
        n = validate.integer(n, 0, validate.MAX_SEQ, f"{where}: n")
        if (kind, n) in seen:
            raise Invalid(f"{where}: {kind} value {n} appears twice")
        seen.add((kind, n))
        if kind == "file_dialog" and version < 4 and isinstance(value, str):
            value = file_name_of_path(value, where)  # format 3 kept the whole path
        inputs.append((str(kind), validate.input_value(kind, value, where)))
    _no_gaps(seen)
    return inputs


def _no_gaps(numbered: set[tuple[str, int]]) -> None:
    """Each kind of value is numbered 0, 1, 2, ... in the order the app drew it: a number
    missing means rows were cut out, and a replay would hand the later values to the wrong
    readers."""
    kinds: dict[str, list[int]] = {}
    for kind, n in numbered:
        kinds.setdefault(kind, []).append(n)
    for kind, ns in sorted(kinds.items()):
        # The numbers are distinct, so a gap is a count short of the largest number plus one;
        # never a range up to that number: an untrusted file may claim 999,999,999.
        if len(ns) != max(ns) + 1:
            ns.sort()
            first = next(n for n, have in enumerate(ns) if n != have)
            raise Invalid(
                f"ui_inputs: {kind} value {first} is missing ({len(ns)} of "
                f"{ns[-1] + 1} values 0 to {ns[-1]} are there): the tape was cut or edited; "
                "a recording numbers each kind's values from 0 without a gap"
            )


def tape_covers(expected: list[ExpectedEvent], clock: list[str]) -> None:
    """Every event the session made took its time from a clock reading on the tape, or from a
    clock of its own anchored on one (the demo shop's history lies in the weeks before the
    reading that anchors it): none is later than the latest reading. One that is was made from
    readings the tape no longer holds, so a replay could not make it again. A recording made
    before the clock was taped holds no readings at all and is not checked."""
    if not clock or not expected:
        return
    latest_reading = max(clock, key=datetime.fromisoformat)
    newest = max(expected, key=lambda event: datetime.fromisoformat(event.recorded_at))
    if datetime.fromisoformat(newest.recorded_at) > datetime.fromisoformat(latest_reading):
        raise Invalid(
            f"expected event at position {newest.position} ({newest.type}) was made at "
            f"{newest.recorded_at}, later than the last clock reading in ui_inputs "
            f"({latest_reading}): the tape was cut short, and a replay could not make that event "
            "again; a recording's tape holds every reading its events were made from"
        )


def _event_row(row: tuple[Any, ...], where: str) -> tuple[tuple[Any, ...], dict[str, Any]]:
    position, stream_id, stream_type, version, event_type, schema_version, data, meta, at = row
    # The app shows positions on a slider (a C int): a log of two billion events is no bug report.
    position = validate.integer(position, 1, validate.MAX_INT32, f"{where}: position")
    stream_id = validate.text(stream_id, f"{where}: stream_id", 300, empty=False)
    stream_type = validate.text(stream_type, f"{where}: stream_type", 100, empty=False)
    version = validate.integer(version, 1, validate.MAX_INT32, f"{where}: version")
    fields = validate.domain_event(event_type, schema_version, data, where)
    metadata = validate.json_object(meta, f"{where}: metadata", 100_000)
    at = validate.iso_time(at, f"{where}: recorded_at")
    clean = (position, stream_id, stream_type, version, event_type, schema_version, data, meta, at)
    return clean, {"data": fields, "metadata": metadata}


def expected_events(db: sqlite3.Connection) -> list[ExpectedEvent]:
    return [_expected(row, n) for n, row in enumerate(select(db, "expected"), 1)]


def _expected(row: tuple[Any, ...], n: int) -> ExpectedEvent:
    clean, parsed = _event_row(row, f"expected row {n}")
    position, stream_id, stream_type, version, event_type, schema_version, _, _, at = clean
    correlation = parsed["metadata"].get("correlation_id")
    if correlation is not None and not isinstance(correlation, str):
        raise Invalid(f"expected row {n}: correlation_id is {correlation!r}; expected text")
    return ExpectedEvent(
        position,
        stream_id,
        version,
        event_type,
        parsed["data"],
        correlation,
        at,
        stream_type,
        schema_version,
        parsed["metadata"],
    )


def start_events(db: sqlite3.Connection) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = []
    versions: dict[str, int] = {}
    last = 0
    for n, row in enumerate(select(db, "start_events", "ORDER BY position"), 1):
        where = f"start_events row {n}"
        clean, _ = _event_row(row, where)
        position, stream_id, _, version = clean[:4]
        if position <= last:
            raise Invalid(f"{where}: position {position} appears twice")
        last = position
        # The replay loads aggregates from these: a stream must count 1, 2, 3...
        if version != versions.get(stream_id, 0) + 1:
            raise Invalid(
                f"{where}: {stream_id} jumps to version {version} after "
                f"{versions.get(stream_id, 0)}; a stream's versions count up by one"
            )
        versions[stream_id] = version
        rows.append(clean)
    return rows


def other_writes(
    db: sqlite3.Connection, start: list[tuple[Any, ...]], expected: list[ExpectedEvent]
) -> list[tuple[int, tuple[Any, ...]]]:
    """(before_seq, row of EVENT_COLUMNS) for other writers' events, by position: each at a
    position of its own, past the start state (a replay appends them to its store)."""
    taken = {row[0] for row in start} | {e.position for e in expected}
    start_position = max((row[0] for row in start), default=0)
    found: list[tuple[int, tuple[Any, ...]]] = []
    for n, row in enumerate(select(db, "other_writes", "ORDER BY position"), 1):
        where = f"other_writes row {n}"
        clean, _ = _event_row(row[:-1], where)
        position = clean[0]
        if position <= start_position:
            raise Invalid(
                f"{where}: position {position} is within the start state (up to "
                f"{start_position}); other writers' events come after it"
            )
        if position in taken:
            raise Invalid(f"{where}: position {position} is already another event's")
        taken.add(position)
        before = validate.integer(row[-1], 1, validate.MAX_SEQ, f"{where}: before_seq")
        found.append((before, clean))
    return found


def exceptions(db: sqlite3.Connection) -> list[dict[str, Any]]:
    found = []
    for row, (_, n, ui_seq, kind, message, tb) in enumerate(
        select(db, "ui_exceptions", "ORDER BY n"), 1
    ):
        where = f"ui_exceptions row {row}"
        found.append(
            {
                "n": validate.integer(n, 0, validate.MAX_SEQ, f"{where}: n"),
                "ui_seq": validate.integer(ui_seq, 0, validate.MAX_SEQ, f"{where}: ui_seq"),
                "type": validate.text(kind, f"{where}: type", 200, empty=False),
                "message": validate.text(message, f"{where}: message"),
                "traceback": validate.text(tb, f"{where}: traceback", validate.MAX_JSON),
            }
        )
    return found


def observations(db: sqlite3.Connection) -> dict[int, Observation]:
    observations: dict[int, Observation] = {}
    seen: Observation = {}
    for row, (_, anchor, change) in enumerate(select(db, "ui_observations", "ORDER BY anchor"), 1):
        where = f"ui_observations row {row}"
        anchor = validate.integer(anchor, 0, validate.MAX_SEQ + 1, f"{where}: anchor")
        if anchor in observations:
            raise Invalid(f"{where}: anchor {anchor} appears twice")
        parsed = validate.json_object(change, f"{where}: change")
        shown = parsed.get("set", {})
        gone = parsed.get("gone", [])
        if not isinstance(shown, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in shown.items()
        ):
            raise Invalid(f"{where}: 'set' must map widget paths to texts")
        if not isinstance(gone, list) or not all(isinstance(p, str) for p in gone):
            raise Invalid(f"{where}: 'gone' must list widget paths")
        seen = apply(seen, {"set": shown, "gone": gone})
        observations[anchor] = seen
    return observations


def commands(db: sqlite3.Connection) -> list[tuple[int, str, str]]:
    commands = []
    for row, (_, n, ui_seq, command, refused) in enumerate(
        select(db, "ui_commands", "ORDER BY n"), 1
    ):
        where = f"ui_commands row {row}"
        integer(n, 0, 10**9, f"{where}: n")
        integer(ui_seq, 0, 10**12, f"{where}: ui_seq")
        for value, what, empty in ((command, "command", False), (refused, "refused", True)):
            if not isinstance(value, str) or not (NAME.fullmatch(value) or (empty and not value)):
                raise Invalid(
                    f"{where}: {what} is {repr(value)[:60]}; expected a type name such as "
                    + ("RatingOutOfRange, or nothing" if empty else "AddItemToCart")
                )
        commands.append((ui_seq, command, refused))
    return commands
