"""The determinism boundary: clock readings, new ids and password checks, recorded or replayed.

While recording, each source is wrapped so every value handed out is also written down. While
replaying, the same values are handed back in the same order, so the replayed commands produce
the same ids and times. A replay that asks for more values than were recorded has diverged.
"""

from __future__ import annotations

import uuid
from collections import defaultdict, deque
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from domain.model.clock import Clock, IdGenerator, to_iso
from domain.model.passwords import Passwords

Note = Callable[[str, str], None]  # (kind, value)


class TapeExhausted(Exception):
    def __init__(self, kind: str) -> None:
        super().__init__(f"the replay asked for more {kind} values than the recording holds")
        self.kind = kind


class RecordingTape:
    def __init__(self, clock: Clock, ids: IdGenerator, passwords: Passwords, note: Note) -> None:
        self._clock, self._ids, self._passwords, self._note = clock, ids, passwords, note

    def clock(self) -> datetime:
        moment = self._clock()
        self._note("clock", to_iso(moment))
        return moment

    def ids(self) -> str:
        value = self._ids()
        self._note("id", value)
        return value

    def passwords(self) -> Passwords:
        tape = self

        class Recorded(Passwords):
            def hash(self, password: str) -> str:
                return tape._passwords.hash(password)

            def verify(self, password: str, stored: str) -> bool:
                ok = tape._passwords.verify(password, stored)
                tape._note("password_check", "ok" if ok else "wrong")  # never the password
                return ok

            def same(self, typed: str, repeated: str) -> bool:
                same = tape._passwords.same(typed, repeated)
                tape._note("password_match", "same" if same else "differ")
                return same

            def needs_rehash(self, stored: str) -> bool:
                needed = tape._passwords.needs_rehash(stored)
                tape._note("password_rehash", "yes" if needed else "no")
                return needed

        return Recorded()


class ReplayTape:
    """Hands recorded values back. With `lenient` (for a rebase after an intended change), it
    makes up fresh values once the recorded ones run out instead of failing."""

    def __init__(self, values: Iterable[tuple[str, str]], lenient: bool = False) -> None:
        self._values: dict[str, deque[str]] = defaultdict(deque)
        for kind, value in values:
            self._values[kind].append(value)
        self._kinds = frozenset(self._values)
        self.lenient = lenient
        self.consumed: list[tuple[str, str]] = []

    def take(self, kind: str) -> str:
        if self._values[kind]:
            value = self._values[kind].popleft()
        elif self.lenient:
            value = self._invent(kind)
        else:
            raise TapeExhausted(kind)
        self.consumed.append((kind, value))
        return value

    def _invent(self, kind: str) -> str:
        if kind == "clock":
            last = next((v for k, v in reversed(self.consumed) if k == "clock"), None)
            moment = datetime.fromisoformat(last) if last else datetime.now().astimezone()
            return to_iso(moment + timedelta(seconds=1))
        if kind == "id":
            return uuid.uuid4().hex
        return "ok"

    def clock(self) -> datetime:
        return datetime.fromisoformat(self.take("clock"))

    def ids(self) -> str:
        return self.take("id")

    def recorded(self, kind: str) -> bool:
        return kind in self._kinds

    def remaining(self) -> dict[str, int]:
        return {kind: len(values) for kind, values in self._values.items() if values}

    def passwords(self) -> Passwords:
        tape = self

        class Replayed(Passwords):
            # The recording has no hash to check against: the recorded outcome is the answer.
            def hash(self, password: str) -> str:
                return "redacted"

            def verify(self, password: str, stored: str) -> bool:
                return tape.take("password_check") == "ok"

            # Masked keys come back as stand-ins of the same length, so two different
            # passwords would look alike: the recorded outcome answers instead.
            def same(self, typed: str, repeated: str) -> bool:
                if not tape.recorded("password_match"):  # recorded before this was kept
                    return typed == repeated
                return tape.take("password_match") == "same"

            # The recording's hashes are redacted: whether the sign-in re-hashed is recorded.
            def needs_rehash(self, stored: str) -> bool:
                if not tape.recorded("password_rehash"):  # recorded before this was kept
                    return False
                return tape.take("password_rehash") == "yes"

        return Replayed()
