"""Retention: a shop may keep only the last days of its read models' history. Every view from
the kept position on stays exactly what it was; an earlier one is refused with a message that
says how far back the history goes; keeping all again and a rebuild bring the past back."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from app.cli.main import main
from domain.eventstore.database import reading
from domain.eventstore.schema import events_table
from domain.model.clock import SequentialIds, SteppingClock
from domain.readside.retention import HistoryFolded, fold, keep, retention
from domain.shop import Shop, open_shop
from tests.conftest import START
from tests.integration.test_projections import play
from tests.integration.test_temporal_read_models import STEPS, as_of_rows, built_up_to

HOURS_PER_TICK = 6  # each reading of the clock: the history spans days


def days_shop(where: str | Path) -> Shop:
    shop = open_shop(where, SteppingClock(START, timedelta(hours=HOURS_PER_TICK)), SequentialIds())
    play(shop, STEPS)
    return shop


def recorded_at(engine: Engine, position: int) -> datetime:
    with reading(engine) as conn:
        t = events_table.c
        text = conn.execute(select(t.recorded_at).where(t.position == position)).scalar_one()
    return datetime.fromisoformat(text)


def last_at_its_time(engine: Engine, position: int) -> int:
    """The last event recorded at the same moment as `position` (one command's events share
    it): where a fold a day after that moment puts the limit."""
    with reading(engine) as conn:
        t = events_table.c
        moment = select(t.recorded_at).where(t.position == position).scalar_subquery()
        return conn.execute(
            select(func.max(t.position)).where(t.recorded_at == moment)
        ).scalar_one()


def versions(shop: Shop) -> int:
    with reading(shop.engine) as conn:
        return sum(
            conn.execute(select(func.count()).select_from(table.history)).scalar_one()
            for tables in shop.projector.stored.values()
            for table in tables.values()
        )


def check_folding(shop: Shop) -> None:
    head = shop.read.head()
    followed = {p: as_of_rows(shop.read.as_of(position=p)) for p in range(head + 1)}
    middle = last_at_its_time(shop.engine, 2 * head // 3)  # versions ended before it: some
    before = versions(shop)
    # Keep one day as if it were a day after the middle event: the middle is the limit.
    now = recorded_at(shop.engine, middle) + timedelta(days=1)
    folded = keep(shop.engine, shop.projector.stored, 1, now)
    assert folded.kept_from == middle and folded.versions_deleted > 0
    assert versions(shop) == before - folded.versions_deleted
    assert shop.read.history_from() == middle
    for position in range(middle, head + 1):  # exactly what they were, and what the log says
        assert as_of_rows(shop.read.as_of(position=position)) == followed[position]
        assert followed[position] == built_up_to(shop, position), f"as of {position}"
    with pytest.raises(HistoryFolded, match=f"back to event {middle:,}"):
        shop.read.as_of(position=middle - 1)
    # Keeping everything again folds nothing more; the rebuild brings the past back.
    assert keep(shop.engine, shop.projector.stored, None, now).kept_from == middle
    shop.projector.rebuild(shop.engine)
    assert shop.read.history_from() == 0
    for position in range(middle):
        assert as_of_rows(shop.read.as_of(position=position)) == followed[position]


def test_views_from_the_kept_position_on_are_exact_and_earlier_ones_refused(
    tmp_path: Path,
) -> None:
    shop = days_shop(tmp_path / "shop.db")
    try:
        check_folding(shop)
    finally:
        shop.close()


def test_the_same_on_postgresql(pg_url: str) -> None:
    shop = days_shop(pg_url)
    try:
        check_folding(shop)
    finally:
        shop.close()


def test_the_kept_position_moves_on_as_time_passes_and_at_each_start(tmp_path: Path) -> None:
    shop = days_shop(tmp_path / "shop.db")
    head = shop.read.head()
    first = keep(
        shop.engine, shop.projector.stored, 1, recorded_at(shop.engine, 10) + timedelta(days=1)
    )
    later = fold(
        shop.engine, shop.projector.stored, recorded_at(shop.engine, 20) + timedelta(days=1)
    )
    assert first.kept_from == last_at_its_time(shop.engine, 10)
    assert later.kept_from == last_at_its_time(shop.engine, 20) > first.kept_from
    assert (
        fold(shop.engine, shop.projector.stored, recorded_at(shop.engine, 15)).versions_deleted == 0
    )
    shop.close()
    # Opened again today, months after the history was made: one day keeps only the head.
    shop = open_shop(tmp_path / "shop.db")
    try:
        assert shop.read.history_from() == head
        with reading(shop.engine) as conn:
            assert retention(conn).keep_days == 1
        assert shop.read.as_of(position=head).as_of_position == head
        with pytest.raises(HistoryFolded):
            shop.read.as_of(position=head - 1)
    finally:
        shop.close()


def test_the_command_line_sets_it_refuses_nonsense_and_says_how_far_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "shop.db")
    days_shop(db).close()
    for nonsense, said in (("7x", "not a number of days"), ("-3", "not a number of days")):
        assert main(["projections", "keep", nonsense, "--db", db]) == 2
        assert said in capsys.readouterr().err
    assert main(["projections", "keep", "--db", db]) == 2
    assert "a whole number of days from 0" in capsys.readouterr().err
    assert main(["projections", "list", "--db", db]) == 0
    assert "every version kept" in capsys.readouterr().out
    assert main(["projections", "keep", "30", "--db", db]) == 0  # all of it is months old
    out = capsys.readouterr().out
    assert "keep 30 day(s) of history" in out and "older row versions folded" in out
    assert main(["projections", "list", "--db", db]) == 0
    assert "history: 30 day(s) kept" in capsys.readouterr().out
    assert main(["state", "--as-of", "1", "--view", "catalog", "--db", db]) == 2
    err = capsys.readouterr().err
    assert "--as-of 1: event 1 is before the history the read models keep" in err
    assert main(["projections", "keep", "all", "--db", db]) == 0
    assert "come back with `replayshop projections rebuild`" in capsys.readouterr().out
    assert main(["projections", "rebuild", "--db", db]) == 0
    assert main(["state", "--as-of", "1", "--view", "catalog", "--db", db]) == 0
