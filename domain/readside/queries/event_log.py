"""The event log itself, up to the moment its ReadModel shows (the admin's log page)."""

from __future__ import annotations

from domain.eventstore import store
from domain.model.events import RecordedEvent
from domain.readside.queries.base import Queries


class EventLogQueries(Queries):
    def page(
        self,
        beyond: int | None = None,
        limit: int = 500,
        stream_contains: str = "",
        event_types: list[str] | None = None,
        newest_first: bool = True,
    ) -> list[RecordedEvent]:
        """A page of the event log up to this view's moment: the newest first (what an admin
        looks for is usually recent), or the oldest first. `beyond` is the last position of
        the previous page; the next page continues past it in the same direction."""
        with self._conn(self._read.log_engine) as conn:
            return store.log_page(
                conn,
                beyond=beyond,
                limit=limit,
                up_to_position=self._read.shown_position,
                stream_contains=stream_contains,
                event_types=event_types,
                newest_first=newest_first,
            )

    def moment_of(self, position: int) -> str | None:
        """When the event at `position` was recorded."""
        with self._conn(self._read.log_engine) as conn:
            page = list(store.read_all(conn, after_position=position - 1, up_to_position=position))
        return page[0].recorded_at if page else None
