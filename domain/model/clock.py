"""Injected sources of time and ids. The domain never calls datetime.now() or uuid4() itself,
so a recorder can log what was handed out and a replay can hand the same values back."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

Clock = Callable[[], datetime]
IdGenerator = Callable[[], str]


def system_clock() -> datetime:
    return datetime.now(UTC)


def uuid_ids() -> str:
    return uuid.uuid4().hex


def to_iso(moment: datetime) -> str:
    """UTC with microseconds and a fixed width, so stored times sort correctly as text."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


class SteppingClock:
    """A deterministic clock for tests and demo data: `start`, then `step` later per call."""

    def __init__(self, start: datetime, step: timedelta = timedelta(seconds=1)) -> None:
        self.now = start
        self.step = step

    def __call__(self) -> datetime:
        moment = self.now
        self.now += self.step
        return moment


class SequentialIds:
    """Deterministic ids `<prefix>0001`, `<prefix>0002`, ... for tests and seeded demo data.

    `issued` says how many were handed out, so a copy of a seeded store can go on with
    `SequentialIds(after=issued)` without handing out one of its ids again."""

    def __init__(self, prefix: str = "id", after: int = 0) -> None:
        self._counter = itertools.count(after + 1)
        self.prefix = prefix
        self.issued = after

    def __call__(self) -> str:
        self.issued = next(self._counter)
        return f"{self.prefix}{self.issued:06d}"
