"""The command bus: one write transaction per command, from handler to projections.

`handle` loads, runs the handler, appends the recorded events with their metadata (correlation
id, actor, session), updates the read models in the same transaction, commits, and then tells
subscribers which events were appended. It never talks to widgets.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

from domain.clock import Clock, IdGenerator, system_clock, to_iso, uuid_ids
from domain.commands import Command
from domain.database import Writer
from domain.errors import DomainError
from domain.events import RecordedEvent
from domain.handlers import HANDLERS
from domain.passwords import Passwords
from domain.projections.projector import Projector
from domain.unit_of_work import AggregateCache, UnitOfWork

log = logging.getLogger("replayshop.bus")
ContextProvider = Callable[[], Mapping[str, Any]]
Subscriber = Callable[[list[RecordedEvent]], None]


@dataclass(frozen=True)
class CommandReport:
    """What one command did, for observers such as the recorder."""

    command: str
    context: Mapping[str, Any]
    events: list[RecordedEvent]
    loaded_streams: list[str]
    refusal: str | None  # the DomainError's message when the command was refused


CommandObserver = Callable[[CommandReport], None]


def no_context() -> Mapping[str, Any]:
    return {}


class CommandBus:
    def __init__(
        self,
        engine: Engine,
        projector: Projector,
        clock: Clock = system_clock,
        ids: IdGenerator = uuid_ids,
        context: ContextProvider = no_context,
        snapshot_every: int = 100,
        passwords: Passwords | None = None,
    ) -> None:
        self.engine = engine
        self.projector = projector
        self.clock = clock
        self.ids = ids
        self.context = context
        self.snapshot_every = snapshot_every
        self.passwords = passwords or Passwords()
        self.cache = AggregateCache()
        self.subscribers: list[Subscriber] = []
        self.observers: list[CommandObserver] = []
        self.writer = Writer(engine)
        # One command at a time per store, across this bus and its forks: they share the
        # aggregate cache, and SQLite takes one writer at a time anyway.
        self._lock = threading.RLock()

    def fork(self) -> CommandBus:
        """A bus for a worker thread: its own connection, everything else shared.

        The same clock, ids, context, cache, subscribers and observers, so a command run in the
        background is recorded, correlated and replayed exactly like one run from a widget.
        Close it with `fork.writer.close()` when the work is done.
        """
        twin = CommandBus(
            self.engine,
            self.projector,
            self.clock,
            self.ids,
            self.context,
            self.snapshot_every,
            self.passwords,
        )
        twin.cache, twin._lock = self.cache, self._lock
        twin.subscribers, twin.observers = self.subscribers, self.observers
        return twin

    def handle(self, command: Command) -> Any:
        """Run `command`; return its handler's result. A DomainError means nothing was appended."""
        handler = HANDLERS.get(type(command))
        if handler is None:
            raise TypeError(f"No handler for {type(command).__name__}")
        with self._lock:
            return self._handle(handler, command)

    def _handle(self, handler: Callable[[Any, UnitOfWork], Any], command: Command) -> Any:
        context = dict(self.context())
        recorded: list[RecordedEvent] = []
        uow: UnitOfWork | None = None
        try:
            with self.writer.transaction() as conn:
                uow = UnitOfWork(
                    conn, lambda: self.ids(), self.cache, self.snapshot_every, self.passwords
                )
                result = handler(command, uow)
                meta = {"command": type(command).__name__, "actor": command.actor_id, **context}
                recorded = uow.commit(meta, lambda: to_iso(self.clock()))
                self.projector.apply(conn, recorded)
        except DomainError as refusal:
            # Refused before anything was appended: what the aggregates hold is what is stored
            # (those that recorded events before the refusal are dropped by keep_in_cache).
            if uow is not None:
                uow.keep_in_cache()
            self._report(command, context, [], uow, str(refusal))
            raise
        # Any other failure (a projection, the COMMIT itself) rolled everything back, and the
        # aggregates, already advanced by uow.commit, are simply not put back: the next command
        # loads them from the store. Only now, after COMMIT, are they current.
        assert uow is not None
        uow.keep_in_cache()
        # After the commit, in a fixed order: the recorder (observers) first, then the
        # subscribers (the UI). The command is written whatever they do, so a failure in one of
        # them is logged and does not stop the others or turn into a failed command.
        self._report(command, context, recorded, uow, None)
        if recorded:
            for subscriber in list(self.subscribers):
                _isolated(subscriber, recorded)
        return result

    def _report(
        self,
        command: Command,
        context: Mapping[str, Any],
        events: list[RecordedEvent],
        uow: UnitOfWork | None,
        refusal: str | None,
    ) -> None:
        if self.observers:
            report = CommandReport(
                type(command).__name__, context, events, uow.loaded_streams if uow else [], refusal
            )
            for observer in list(self.observers):
                _isolated(observer, report)


def _isolated(listener: Callable[[Any], None], what: Any) -> None:
    try:
        listener(what)
    except Exception:
        log.exception("a listener of the command bus failed after the command was written")
