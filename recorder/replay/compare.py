"""Comparing the domain events a replayed step produced with the recorded ones."""

from __future__ import annotations

import difflib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from domain.model.events import DomainEvent, RecordedEvent
from recorder.fileformat.tables import ExpectedEvent

REDACTED_FIELDS = ("password_hash",)


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    return {k: ("redacted" if k in REDACTED_FIELDS else v) for k, v in data.items()}


@dataclass(frozen=True)
class Fact:
    """The comparable part of an event: where it went, what it was, what it said, and when.

    Ids and times come from the recording's tape, so they must match to the letter too."""

    stream_id: str
    version: int
    type: str
    data: dict[str, Any]
    recorded_at: str

    def line(self) -> str:
        data = json.dumps(self.data, sort_keys=True)
        return f"{self.type} {self.stream_id}@{self.version} at {self.recorded_at} {data}"


def expected_facts(events: Sequence[ExpectedEvent]) -> list[Fact]:
    return [Fact(e.stream_id, e.version, e.type, _clean(e.data), e.recorded_at) for e in events]


def event_data(event: DomainEvent) -> dict[str, Any]:
    """An event's data as plain JSON values, with password hashes redacted: how a recording
    stores it and how a replay compares it."""
    return _clean(json.loads(json.dumps(event.to_data(), default=_plain)))


def actual_facts(events: Sequence[RecordedEvent]) -> list[Fact]:
    return [
        Fact(
            e.stream_id,
            e.version,
            e.type,
            event_data(e.event),
            e.recorded_at,
        )
        for e in events
    ]


def _plain(value: Any) -> Any:
    return value.__dict__ if hasattr(value, "__dict__") else str(value)


def diff(expected: Sequence[Fact], actual: Sequence[Fact]) -> str:
    return "\n".join(
        difflib.unified_diff(
            [f.line() for f in expected],
            [f.line() for f in actual],
            "expected (recorded)",
            "actual (replayed)",
            lineterm="",
            n=2,
        )
    )
