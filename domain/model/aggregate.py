"""The aggregate base: state rebuilt from events, rules checked before new events are recorded.

An aggregate never saves or publishes anything. It records events in `pending`; the unit of work
appends them. `when` is the only place state changes, for replayed and new events alike.
"""

from __future__ import annotations

from typing import Any, ClassVar, Self

from domain.model.events import DomainEvent


class Aggregate:
    STREAM_TYPE: ClassVar[str]
    # Bump when the snapshot state's shape changes: older snapshots are then ignored, not trusted.
    SNAPSHOT_VERSION: ClassVar[int] = 1

    def __init__(self, aggregate_id: str) -> None:
        self.id = aggregate_id
        self.version = 0
        self.pending: list[DomainEvent] = []

    @classmethod
    def stream_id_for(cls, aggregate_id: str) -> str:
        return f"{cls.STREAM_TYPE}-{aggregate_id}"

    @property
    def stream_id(self) -> str:
        return self.stream_id_for(self.id)

    @property
    def exists(self) -> bool:
        return self.version > 0 or bool(self.pending)

    def replay(self, event: DomainEvent) -> None:
        """Apply a stored event while loading."""
        self.when(event)
        self.version += 1

    def _record(self, event: DomainEvent) -> None:
        self.when(event)
        self.pending.append(event)

    def when(self, event: DomainEvent) -> None:
        raise NotImplementedError

    # --- snapshots: plain JSON-able state -----------------------------------------------------

    def snapshot_state(self) -> dict[str, Any]:
        raise NotImplementedError

    @classmethod
    def from_snapshot(cls, aggregate_id: str, version: int, state: dict[str, Any]) -> Self:
        aggregate = cls(aggregate_id)
        aggregate.restore(state)
        aggregate.version = version
        return aggregate

    def restore(self, state: dict[str, Any]) -> None:
        raise NotImplementedError
