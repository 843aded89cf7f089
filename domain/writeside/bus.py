"""The command bus: commands only append, and commands that arrive together commit together.

`handle` loads, runs the handler, appends the recorded events with their metadata (correlation
id, actor, session) and the hash chain, commits, and then tells `written` (the read side's
follower) and the subscribers which events were appended. The read models follow the log on
their own (domain/readside/follower.py). It never talks to widgets.

Group commit: while one transaction is being written and fsynced, commands from other threads
queue up; the next thread to get the write lock runs all of them in one transaction, each in a
SAVEPOINT of its own (a refused or failing command rolls back alone), and one COMMIT makes the
whole group durable. A command returns only once its group is durable. A lone command never
waits for company: it runs as soon as the lock is free, in a group of one.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine

from domain.eventstore.database import Writer
from domain.model.clock import Clock, IdGenerator, system_clock, to_iso, uuid_ids
from domain.model.command_input import InvalidInput, check_command
from domain.model.commands import Command, new_passwords
from domain.model.errors import DomainError
from domain.model.events import RecordedEvent
from domain.model.handlers import HANDLERS
from domain.model.passwords import HashedAhead, Passwords
from domain.writeside.unit_of_work import AggregateCache, UnitOfWork

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
    refused_as: str | None = None  # and its type, such as RatingOutOfRange


CommandObserver = Callable[[CommandReport], None]


def no_context() -> Mapping[str, Any]:
    return {}


@dataclass
class GroupCounts:
    groups: int = 0  # transactions, committed or not
    commands: int = 0


@dataclass
class _Request:
    """One command waiting for, or done by, a group."""

    command: Command
    handler: Callable[[Any, UnitOfWork], Any]
    context: dict[str, Any]
    done: bool = False
    result: Any = None
    recorded: list[RecordedEvent] = field(default_factory=list)
    loaded: list[str] = field(default_factory=list)
    error: BaseException | None = None
    passwords: Passwords | None = None  # with its new passwords hashed before it queued


class CommandBus:
    def __init__(
        self,
        engine: Engine,
        written: Callable[[int], None] = lambda _position: None,
        clock: Clock = system_clock,
        ids: IdGenerator = uuid_ids,
        context: ContextProvider = no_context,
        snapshot_every: int = 100,
        passwords: Passwords | None = None,
    ) -> None:
        self.engine = engine
        self.written = written  # told each committed command's last position
        self.clock = clock
        self.ids = ids
        self.context = context
        self.snapshot_every = snapshot_every
        self.passwords = passwords or Passwords()
        self.cache = AggregateCache()
        self.subscribers: list[Subscriber] = []
        self.observers: list[CommandObserver] = []
        self.writer = Writer(engine)
        # Any thread may call `handle` (a worker thread's commands are recorded, correlated and
        # replayed like a widget's): one group at a time runs on the one writer connection,
        # and SQLite takes one writer at a time anyway.
        # Waiters sleep on the condition, not on a lock: when a group is durable every one of
        # its threads wakes at once, instead of queueing for a lock only to find it was served.
        self._cond = threading.Condition(threading.Lock())
        self._queue: list[_Request] = []
        self._leading = False  # a thread is running a group
        self._leader: int | None = None  # which one
        self.counts = GroupCounts()  # benchmarks report commands per group

    def handle(self, command: Command, context: Mapping[str, Any] | None = None) -> Any:
        """Run `command`; return its handler's result. A DomainError means nothing was appended.

        `context`: the metadata taken when the command was made, for one run later on a worker
        thread (by then the provider may answer for another input)."""
        handler = HANDLERS.get(type(command))
        if handler is None:
            raise TypeError(f"No handler for {type(command).__name__}")
        if self._leader == threading.get_ident():
            raise RuntimeError(
                f"{type(command).__name__} was sent from inside another command; a handler "
                "records events, it does not send commands"
            )
        request = _Request(command, handler, dict(self.context() if context is None else context))
        try:  # input no command can take is refused before any lock or transaction
            check_command(command)
        except InvalidInput as refusal:
            request.error, request.recorded, request.done = refusal, [], True
            return self._finish(request)
        fresh = new_passwords(command)
        if fresh:  # hashed here, on the caller's thread, while other commands go on writing
            request.passwords = HashedAhead(self.passwords, fresh)
        with self._cond:
            self._queue.append(request)
            while self._leading and not request.done:
                self._cond.wait()
            if request.done:  # an earlier leader took it into its group
                return self._finish(request)
            self._leading, self._leader = True, threading.get_ident()
            group, self._queue[:] = list(self._queue), []
        try:
            self._run_group(group)
        finally:
            with self._cond:
                self._leading, self._leader = False, None
                self._cond.notify_all()
        return self._finish(request)

    def _run_group(self, group: list[_Request]) -> None:
        self.counts.groups += 1
        self.counts.commands += len(group)
        uows: list[UnitOfWork] = []
        # A command alone in its group needs no savepoint: if it fails, its whole transaction
        # is rolled back. Two statements fewer, one of them under PostgreSQL's head lock.
        alone = len(group) == 1
        try:
            with self.writer.transaction() as conn:
                savepoint = conn.connection.dbapi_connection.execute  # type: ignore[union-attr]
                for request in group:
                    uow = UnitOfWork(
                        conn,
                        lambda: self.ids(),
                        self.cache,
                        self.snapshot_every,
                        request.passwords or self.passwords,
                    )
                    uows.append(uow)
                    if not alone:
                        savepoint("SAVEPOINT command")
                    try:
                        request.result = request.handler(request.command, uow)
                        meta = {
                            "command": type(request.command).__name__,
                            "actor": request.command.actor_id,
                            **request.context,
                        }
                        request.recorded = uow.commit(meta, lambda: to_iso(self.clock()))
                    except Exception as error:
                        request.error, request.recorded = error, []
                        if not alone:  # this command alone: the group's others stay in
                            savepoint("ROLLBACK TO command")
                    if not alone:
                        savepoint("RELEASE command")
                    request.loaded = uow.loaded_streams
                    # What the next command of the group must see: the aggregates as this one
                    # left them (those that recorded events before a refusal are dropped).
                    # After any other failure none is put back: the next command reloads.
                    if request.error is None or isinstance(request.error, DomainError):
                        uow.keep_in_cache()
                    if alone and request.error is not None:
                        raise _RolledBack from request.error
        except _RolledBack:
            pass  # the lone command's error is in its request; nothing was written
        except BaseException as failure:
            # The COMMIT (or BEGIN) failed: nothing of the group is stored. The aggregates
            # the group advanced are thrown out of the cache; the next command reloads them.
            for uow in uows:
                for stream_id in uow.loaded_streams:
                    self.cache.take(stream_id)
            for request in group:
                request.error, request.recorded = failure, []
        for request in group:
            request.done = True

    def _finish(self, request: _Request) -> Any:
        """On the caller's thread, after the group is durable: tell, then return or raise."""
        recorded, error = request.recorded, request.error
        if recorded:
            self.written(recorded[-1].position)  # before anyone may read after this command
        # In a fixed order: the recorder (observers) first, then the subscribers (the UI). The
        # command is written whatever they do, so a failure in one of them is logged and does
        # not stop the others or turn into a failed command.
        refused = error if isinstance(error, DomainError) else None
        if self.observers and (error is None or refused is not None):
            report = CommandReport(
                type(request.command).__name__,
                request.context,
                recorded,
                request.loaded,
                str(refused) if refused else None,
                type(refused).__name__ if refused else None,
            )
            for observer in list(self.observers):
                _isolated(observer, report)
        if error is not None:
            raise error
        if recorded:
            for subscriber in list(self.subscribers):
                _isolated(subscriber, recorded)
        return request.result


class _RolledBack(Exception):
    """A lone command failed: its transaction is rolled back instead of committed."""


def _isolated(listener: Callable[[Any], None], what: Any) -> None:
    try:
        listener(what)
    except Exception:
        log.exception("a listener of the command bus failed after the command was written")
