"""The unit of work: loads aggregates inside one write transaction and appends what they record.

Loading starts from, in order of preference: the in-process cache of committed aggregates, the
latest snapshot written by the same aggregate version, or an empty aggregate. Then it applies the
stream's later events, so a stale cache or snapshot can never hide a newer event.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import Connection

from domain.eventstore.appending import StreamAppend, append
from domain.eventstore.reads import read_stream
from domain.eventstore.snapshots import Snapshot, load_snapshot, save_snapshot
from domain.model.account import Account
from domain.model.aggregate import Aggregate
from domain.model.errors import NotAuthorized, NotSignedIn
from domain.model.events import RecordedEvent
from domain.model.passwords import Passwords
from domain.model.wallet import WalletTransaction
from domain.writeside.wallet_index import find_transaction

A = TypeVar("A", bound=Aggregate)


class AggregateCache:
    """Committed aggregates kept between commands, least recently used evicted first."""

    def __init__(self, capacity: int = 2000) -> None:
        self.capacity = capacity
        self._items: OrderedDict[str, Aggregate] = OrderedDict()

    def take(self, stream_id: str) -> Aggregate | None:
        return self._items.pop(stream_id, None)

    def put(self, aggregate: Aggregate) -> None:
        self._items[aggregate.stream_id] = aggregate
        while len(self._items) > self.capacity:
            self._items.popitem(last=False)


class UnitOfWork:
    def __init__(
        self,
        conn: Connection,
        new_id: Callable[[], str],
        cache: AggregateCache | None = None,
        snapshot_every: int = 100,
        passwords: Passwords | None = None,
    ) -> None:
        self.conn = conn
        self.new_id = new_id
        self.passwords = passwords or Passwords()
        self._cache = cache
        self._snapshot_every = snapshot_every
        self._loaded: dict[str, Aggregate] = {}

    def get(self, cls: type[A], aggregate_id: str) -> A:
        """The aggregate as of now; one that never existed comes back with version 0."""
        stream_id = cls.stream_id_for(aggregate_id)
        loaded = self._loaded.get(stream_id)
        if loaded is None:
            loaded = self._load(cls, aggregate_id, stream_id)
            self._loaded[stream_id] = loaded
        assert isinstance(loaded, cls)
        return loaded

    def wallet_transaction(self, stream_id: str, tx_id: str) -> WalletTransaction | None:
        """A past transaction of a wallet, looked up in the log by id (not held in memory)."""
        return find_transaction(self.conn, stream_id, tx_id)

    def _load(self, cls: type[A], aggregate_id: str, stream_id: str) -> A:
        cached = self._cache.take(stream_id) if self._cache else None
        aggregate: A
        if isinstance(cached, cls):
            aggregate = cached
        else:
            aggregate = self._from_snapshot(cls, aggregate_id, stream_id) or cls(aggregate_id)
        for domain_event in read_stream(self.conn, stream_id, aggregate.version):
            aggregate.replay(domain_event)
        return aggregate

    def _from_snapshot(self, cls: type[A], aggregate_id: str, stream_id: str) -> A | None:
        snap = load_snapshot(self.conn, stream_id)
        # A snapshot from another aggregate version may have another shape: ignore, never trust.
        if snap is None or snap.aggregate_type != cls.__name__:
            return None
        if snap.state_version != cls.SNAPSHOT_VERSION:
            return None
        return cls.from_snapshot(aggregate_id, snap.version, snap.state)

    @property
    def loaded_streams(self) -> list[str]:
        """Every stream this unit of work read: what a replay needs to load the same state."""
        return list(self._loaded)

    def actor(self, actor_id: str | None, action: str) -> Account:
        if actor_id is None:
            raise NotSignedIn(action)
        account = self.get(Account, actor_id)
        if not account.exists:
            raise NotSignedIn(action)
        return account

    def admin(self, actor_id: str | None, action: str) -> Account:
        account = self.actor(actor_id, action)
        if not account.is_admin:
            raise NotAuthorized(action)
        return account

    def commit(self, meta: dict[str, Any], now: Callable[[], str]) -> list[RecordedEvent]:
        """Append every pending event in this transaction and take due snapshots.

        The clock is only read when there is something to append, so a refused or read-only
        command consumes no recorded time value.
        """
        dirty = [a for a in self._loaded.values() if a.pending]
        if not dirty:
            return []
        recorded_at = now()
        appends = [
            StreamAppend(a.stream_id, a.STREAM_TYPE, a.version, list(a.pending)) for a in dirty
        ]
        recorded = append(self.conn, appends, meta, recorded_at)
        for aggregate in dirty:
            before = aggregate.version
            aggregate.version += len(aggregate.pending)
            aggregate.pending.clear()
            if aggregate.version // self._snapshot_every > before // self._snapshot_every:
                self._snapshot(aggregate)
        return recorded

    def _snapshot(self, aggregate: Aggregate) -> None:
        snap = Snapshot(
            aggregate.version,
            type(aggregate).__name__,
            aggregate.SNAPSHOT_VERSION,
            aggregate.snapshot_state(),
        )
        save_snapshot(self.conn, aggregate.stream_id, snap)

    def keep_in_cache(self) -> None:
        """Return loaded aggregates to the cache for the next command.

        After a commit all of them are current. After a refusal only those that recorded
        nothing are: one that recorded events before a later rule failed holds state that was
        never stored, so it is dropped and reloaded next time.
        """
        if self._cache is not None:
            for aggregate in self._loaded.values():
                if not aggregate.pending:
                    self._cache.put(aggregate)
