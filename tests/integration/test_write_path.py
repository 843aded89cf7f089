"""The write path leaves nothing half-done: a failure anywhere before COMMIT stores nothing and
poisons nothing; a failure after it does not undo it; a killed or competing writer loses no
acknowledged command. Real SQLite files, real processes."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from domain.eventstore.database import reading, writing
from domain.eventstore.store import CorruptStream, StreamAppend, append, read_stream, verify_chain
from domain.model import commands as c
from domain.model import errors
from domain.model.events import FundsDeposited, RecordedEvent
from domain.shop import Shop, open_shop
from recorder.fileformat.digests import projection_digests
from tests.conftest import People, fail_commits_with, log_head

ROOT = Path(__file__).resolve().parents[2]


def stream_versions(shop: Shop, stream_id: str) -> list[int]:
    with reading(shop.engine) as conn:
        rows = conn.execute(
            text("SELECT version FROM events WHERE stream_id = :s ORDER BY version"),
            {"s": stream_id},
        )
        return [r[0] for r in rows]


def assert_consistent(shop: Shop) -> None:
    with reading(shop.engine) as conn:
        result = verify_chain(conn)
    assert result.first_bad_position is None, result.problem


def test_a_failing_projection_loses_no_command_and_half_applies_nothing(
    shop: Shop, people: People, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Commands only append, so a projection that raises cannot undo one. The read side stops
    at the event before the failing one, whole (the batch is rolled back), says so as lag,
    and resumes where it stopped once the projection works again."""
    shop.follower.ensure()
    before = shop.follower.reached
    handlers = shop.projector.by_name["carts"].handlers
    real = handlers["ItemAddedToCart"]
    calls = {"n": 0}

    def fails_twice(recorded: RecordedEvent, rows: Any) -> None:
        calls["n"] += 1
        if calls["n"] <= 2:  # the first two attempts
            raise RuntimeError("the carts projection failed")
        real(recorded, rows)

    monkeypatch.setitem(handlers, "ItemAddedToCart", fails_twice)
    shop.bus.handle(c.AddItemToCart(people.ann, people.teapot, 3))
    assert log_head(shop) == before + 1  # written: the projection is not the command
    assert shop.follower.ensure() is False
    lag = shop.follower.lag()
    assert (lag.reached, lag.events) == (before, 1)
    assert lag.failure == "RuntimeError: the carts projection failed"
    checkpoints = {s.name: s.checkpoint for s in shop.projector.status(shop.engine)}
    assert checkpoints["catalog"] == before  # all or nothing: no projection moved on alone
    assert shop.follower.ensure() is False  # tried again, failed again
    assert caplog.text.count("the read side stopped after event") == 1  # logged once
    # The aggregate went on from what was stored, at version 2 of the cart.
    shop.bus.handle(c.ChangeQuantity(people.ann, people.teapot, 5))
    assert stream_versions(shop, f"cart-{people.ann}") == [1, 2]
    assert shop.follower.ensure() is True and shop.follower.failure is None
    assert shop.read.shopping.cart(people.ann).lines[0].quantity == 5
    assert_consistent(shop)


def test_a_failing_commit_stores_nothing_and_poisons_no_aggregate(
    shop: Shop, people: People
) -> None:
    """A real failing COMMIT: a deferred foreign key that only COMMIT checks."""
    fail_commits_with(shop, "ItemAddedToCart")
    head = log_head(shop)
    with pytest.raises(Exception, match="FOREIGN KEY"):
        shop.bus.handle(c.AddItemToCart(people.ann, people.teapot, 3))
    assert log_head(shop) == head
    with pytest.raises(errors.DomainError):
        shop.bus.handle(c.ChangeQuantity(people.ann, people.teapot, 5))
    with writing(shop.engine) as conn:
        conn.execute(text("DROP TRIGGER fail_at_commit"))
    shop.bus.handle(c.AddItemToCart(people.ann, people.teapot, 3))
    assert stream_versions(shop, f"cart-{people.ann}") == [1]
    assert_consistent(shop)


def test_a_failing_subscriber_neither_undoes_the_command_nor_silences_the_others(
    shop: Shop, people: People, caplog: pytest.LogCaptureFixture
) -> None:
    told: list[str] = []
    shop.bus.observers.append(lambda report: told.append(f"recorder:{report.command}"))

    def broken(events: list[RecordedEvent]) -> None:
        told.append("broken")
        raise RuntimeError("a screen failed to refresh")

    shop.bus.subscribers.extend([broken, lambda events: told.append("ui")])
    tx = shop.bus.handle(c.DepositFunds(people.ann, 500, "after a failure"))
    assert tx  # the command's result: it was written
    assert told == ["recorder:DepositFunds", "broken", "ui"]  # recorder first, then the UI
    assert "a listener of the command bus failed" in caplog.text
    assert stream_versions(shop, f"wallet-{people.ann}")[-1] == 2
    assert_consistent(shop)


def test_the_store_refuses_a_gap_and_loading_refuses_a_broken_stream(
    shop: Shop, people: People
) -> None:
    deposit = FundsDeposited(people.ann, "tx-x", 100, "gap")
    with pytest.raises(errors.ConcurrencyError), writing(shop.engine) as conn:
        # The wallet is at version 1: a writer claiming version 5 would leave a gap.
        append(conn, [StreamAppend(f"wallet-{people.ann}", "wallet", 5, [deposit])], {}, "t")
    with writing(shop.engine) as conn:  # a damaged store: version 3 without version 2
        conn.execute(text("DROP TRIGGER events_no_update"))
        conn.execute(
            text("UPDATE events SET version = 3 WHERE stream_id = :s AND version = 1"),
            {"s": f"wallet-{people.bob}"},
        )
    with reading(shop.engine) as conn, pytest.raises(CorruptStream, match="jumps from version"):
        read_stream(conn, f"wallet-{people.bob}")


def test_a_missing_checkpoint_is_rebuilt_on_open(
    tmp_path: Path, shop: Shop, people: People
) -> None:
    path = Path(str(shop.engine.url.database))
    shop.close()
    before = projection_digests(path)
    db = sqlite3.connect(path)
    db.execute("DELETE FROM projection_checkpoints WHERE name = 'catalog'")
    db.commit()
    db.close()
    reopened = open_shop(path)  # was an IntegrityError: the old rows collided with the build
    try:
        assert [p.name for p in reopened.read.catalog.products()] == ["Kettle", "Teapot"]
    finally:
        reopened.close()
    assert projection_digests(path) == before


BURST = """
import sys
from domain.model import commands as c
from domain.shop import open_shop
shop = open_shop(sys.argv[1])
account, label = sys.argv[2], sys.argv[3]
for n in range(int(sys.argv[4])):
    tx = shop.bus.handle(c.DepositFunds(account, 100, f"{label} {n}"))
    print(tx, flush=True)  # acknowledged: the command returned, so it must survive
"""


def burst(db: Path, account: str, label: str, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", BURST, str(db), account, label, str(count)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def stored_tx_ids(db: Path) -> set[str]:
    conn = sqlite3.connect(db)
    try:
        return {
            json.loads(d)["tx_id"]
            for (d,) in conn.execute("SELECT data FROM events WHERE event_type='FundsDeposited'")
        }
    finally:
        conn.close()


def test_a_writer_killed_in_the_middle_of_a_burst_loses_no_acknowledged_command(
    shop: Shop, people: People
) -> None:
    db = Path(str(shop.engine.url.database))
    shop.close()
    writer = burst(db, people.ann, "killed", 100_000)
    assert writer.stdout is not None
    acknowledged = [writer.stdout.readline().strip() for _ in range(300)]
    os.kill(writer.pid, signal.SIGKILL)  # mid-burst: more commands are under way
    writer.wait()
    assert writer.returncode == -signal.SIGKILL
    assert set(acknowledged) <= stored_tx_ids(db)
    reopened = open_shop(db)
    try:
        assert_consistent(reopened)
        live = projection_digests(db)
        reopened.projector.rebuild(reopened.engine)
        assert projection_digests(db) == live  # the read models equal a rebuild
    finally:
        reopened.close()


def test_two_writer_processes_lose_nothing(shop: Shop, people: People) -> None:
    db = Path(str(shop.engine.url.database))
    shop.close()
    writers = [burst(db, people.ann, "first", 150), burst(db, people.bob, "second", 150)]
    outputs = [w.communicate()[0].split() for w in writers]
    assert [w.returncode for w in writers] == [0, 0]
    assert all(len(ids) == 150 for ids in outputs)
    assert set(outputs[0]) | set(outputs[1]) <= stored_tx_ids(db)
    reopened = open_shop(db)
    try:
        assert_consistent(reopened)
        for account in (people.ann, people.bob):
            assert reopened.read.shopping.wallet(account).balance_cents == 10000 + 150 * 100
    finally:
        reopened.close()
