"""What a replay hands the app factory, what the factory hands back, and where the replayed
app's unexpected exceptions come from: the contract between the replayer and an app it never
imports (the app's side is app/shell/replay_factory.py).

The app owns the handler of exceptions that escape a slot (its error reporter, installed as
`sys.excepthook`); the replayer names only what it needs of it here, and the app's reporter
satisfies it. The replayer never swaps `sys.excepthook` itself.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol

from PySide6.QtWidgets import QWidget

from domain.model.clock import Clock, IdGenerator
from domain.model.passwords import Passwords
from domain.writeside.bus import CommandBus
from recorder.capture.record import Recorder
from recorder.capture.start_state import StartState
from recorder.capture.targets import EVERYWHERE, Scope
from recorder.capture.virtual_time import AppClock

ExceptionHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


class ExceptionSource(Protocol):
    def divert(self, hook: ExceptionHook) -> None:
        """Hand every unexpected exception to `hook` alone, until `restore`: while a replay
        judges the app, the exception is evidence, not something to show or log."""

    def restore(self) -> None:
        """Handle exceptions as the app does again."""


@dataclass(frozen=True)
class ReplaySetup:
    """What the app factory gets: where the throw-away store is, and what to feed back."""

    db_path: Path
    clock: Clock
    ids: IdGenerator
    passwords: Passwords
    context: Callable[[], Mapping[str, Any]]
    window_size: tuple[int, int] | None
    answer: Callable[[str], str]  # the recorded answer of a dialog, by kind ("file_dialog")
    start: StartState = field(default_factory=StartState)  # settings, and whether time is taped
    # The windows the replayed app's recorder watches: the ones the replay drives.
    scope: Scope = EVERYWHERE
    # Whether the replayed app's recorder keeps pictures (the viewer, a page made with a
    # replay, `--pictures`); a check does without: it judges by events and texts.
    pictures: bool = False


@dataclass
class ReplayTarget:
    """What the factory returns: the window being driven, the bus to watch, how to stop."""

    window: QWidget
    bus: CommandBus
    close: Callable[[], None]
    # The replayed app's own recorder (into the throw-away store): it reports the app timers
    # and jobs the replay waits for, and what it records is compared with the recording.
    recorder: Recorder | None = None
    # Brings the read models up to the last command (they follow the log on their own).
    caught_up: Callable[[], object] = lambda: None
    # The clock of the app's own timers and jobs, held: the replay lets each go off where
    # the recording says it did (recorder/capture/virtual_time.py).
    time: AppClock | None = None
    # The app's handler of unexpected exceptions: the replay takes them while it judges.
    errors: ExceptionSource | None = None
    # Told that the replay appended other writers' events to the store: the window's move
    # that takes them in is then held until the step where the recording has it.
    others_arrived: Callable[[], None] = lambda: None
    # Whether the app's worker threads are running: a replay's waits do not count that time
    # (recorder/replay/machine.py: IdleClock).
    working: Callable[[], bool] = lambda: False


AppFactory = Callable[[ReplaySetup], ReplayTarget]
