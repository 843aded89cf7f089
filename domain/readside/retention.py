"""How far back the read models remember: a retention setting that folds old row versions.

The read models keep every row version (projections/temporal.py), so their size grows with
history. A shop may choose to keep only the last N days of it: versions that ended before the
position the log had reached N days ago are deleted ("folded": the rows that still held then
stay, so every view from that position on is exact). The event log itself is never touched,
so nothing is lost: `replayshop projections keep all` and a rebuild bring the whole past
back.

The setting and the position from which the past is kept are one row in the store, shared by
every instance on a server. The earliest position is written before any version is deleted,
so a view that asks for an earlier one is refused (`HistoryFolded`) rather than shown half
folded. Folding runs when the setting is given and whenever the read models are caught up at
a shop's start; a running app folds again at its next start.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Column, Connection, Engine, Integer, MetaData, String, Table, select

from domain.eventstore import store
from domain.eventstore.database import reading, writing
from domain.model.clock import to_iso
from domain.readside.projections.temporal import VALID_TO, StoredTable

Stored = Mapping[str, Mapping[str, StoredTable]]  # a projector's tables: `Projector.stored`

history_table = Table(
    "read_model_history",
    MetaData(),
    Column("id", Integer, primary_key=True),  # one row: the shop's setting
    Column("keep_days", Integer, nullable=True),  # None: every version is kept
    Column("kept_from", Integer, nullable=False),  # the earliest position a view can show
    Column("folded_at", String, nullable=True),
)


@dataclass(frozen=True)
class Retention:
    keep_days: int | None
    kept_from: int


@dataclass(frozen=True)
class Folded:
    kept_from: int
    versions_deleted: int


class HistoryFolded(ValueError):
    """A past view asked for a position older than the read models keep."""


EVERYTHING = Retention(None, 0)


def retention(conn: Connection) -> Retention:
    """The setting; a store that never had one keeps everything."""
    if not conn.dialect.has_table(conn, history_table.name):
        return EVERYTHING
    row = conn.execute(select(history_table.c.keep_days, history_table.c.kept_from)).first()
    return EVERYTHING if row is None else Retention(row.keep_days, row.kept_from)


def refuse_before(retained: Retention, position: int) -> None:
    if position < retained.kept_from:
        kept = (
            f"they keep {retained.keep_days} days, back to event {retained.kept_from:,}"
            if retained.keep_days is not None
            else f"they were folded back to event {retained.kept_from:,}"
        )
        raise HistoryFolded(
            f"event {position:,} is before the history the read models keep: {kept}. "
            "`replayshop projections keep all` and then `replayshop projections rebuild` bring "
            "the whole past back (the event log keeps every event)."
        )


def _store(conn: Connection, setting: Retention, folded_at: str | None) -> None:
    """The shop's one row: the setting and the position its history is kept from."""
    history_table.create(conn, checkfirst=True)
    conn.execute(history_table.delete())
    conn.execute(
        history_table.insert().values(
            id=1, keep_days=setting.keep_days, kept_from=setting.kept_from, folded_at=folded_at
        )
    )


def keep(engine: Engine, stored: Stored, days: int | None, now: datetime) -> Folded:
    """Set how many days of history the read models keep (None: all), and fold now."""
    if days is not None and days < 0:
        raise ValueError(f"keep {days} days: use a number of days from 0, or all")
    with writing(engine) as conn:
        _store(conn, Retention(days, retention(conn).kept_from), None)
    return fold(engine, stored, now)


def fold(engine: Engine, stored: Stored, now: datetime) -> Folded:
    """Delete the versions that ended before the position reached `keep_days` ago."""
    with reading(engine) as conn:
        retained = retention(conn)
        if retained.keep_days is None:
            return Folded(retained.kept_from, 0)
        cutoff = store.position_at(conn, to_iso(now - timedelta(days=retained.keep_days)))
    return fold_before(engine, stored, cutoff, now)


def fold_before(engine: Engine, stored: Stored, cutoff: int, now: datetime) -> Folded:
    """Keep the history from position `cutoff` on: the versions that ended by then go."""
    with writing(engine) as conn:
        retained = retention(conn)
        if cutoff <= retained.kept_from:
            return Folded(retained.kept_from, 0)
        # First the limit, then the deletions: a view asked for meanwhile is refused, never
        # shown from versions half deleted.
        _store(conn, Retention(retained.keep_days, cutoff), to_iso(now))
    deleted = 0
    for tables in stored.values():
        for table in tables.values():
            with writing(engine) as conn:  # one table at a time: commands get their turns
                history = table.history
                gone = conn.execute(history.delete().where(history.c[VALID_TO] <= cutoff))
                deleted += gone.rowcount
    return Folded(cutoff, deleted)


def rebuilt_whole(conn: Connection) -> None:
    """After every read model was rebuilt from the log: with nothing folded any more, a
    shop that keeps everything shows the whole past again."""
    retained = retention(conn)
    if retained.keep_days is None and retained.kept_from:
        conn.execute(history_table.update().values(kept_from=0))
