"""The command bus: one write transaction per command, from handler to projections.

`handle` loads, runs the handler, appends the recorded events with their metadata (correlation
id, actor, session), updates the read models in the same transaction, commits, and then tells
subscribers which events were appended. It never talks to widgets.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import Engine

from domain.clock import Clock, IdGenerator, system_clock, to_iso, uuid_ids
from domain.commands import Command
from domain.database import Writer
from domain.events import RecordedEvent
from domain.handlers import HANDLERS
from domain.projections.projector import Projector
from domain.unit_of_work import AggregateCache, UnitOfWork

ContextProvider = Callable[[], Mapping[str, Any]]
Subscriber = Callable[[list[RecordedEvent]], None]


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
    ) -> None:
        self.engine = engine
        self.projector = projector
        self.clock = clock
        self.ids = ids
        self.context = context
        self.snapshot_every = snapshot_every
        self.cache = AggregateCache()
        self.subscribers: list[Subscriber] = []
        self.writer = Writer(engine)

    def handle(self, command: Command) -> Any:
        """Run `command`; return its handler's result. A DomainError means nothing was appended."""
        handler = HANDLERS.get(type(command))
        if handler is None:
            raise TypeError(f"No handler for {type(command).__name__}")
        with self.writer.transaction() as conn:
            uow = UnitOfWork(conn, lambda: self.ids(), self.cache, self.snapshot_every)
            try:
                result = handler(command, uow)
                meta = {
                    "command": type(command).__name__,
                    "actor": command.actor_id,
                    **self.context(),
                }
                recorded = uow.commit(meta, lambda: to_iso(self.clock()))
                self.projector.apply(conn, recorded)
            finally:
                uow.keep_in_cache()
        if recorded:
            for subscriber in list(self.subscribers):
                subscriber(recorded)
        return result
