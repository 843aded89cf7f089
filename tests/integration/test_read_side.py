"""The read side follows the log: commands only append, projectors catch up in batches, on a
thread, inline for a reader in a process that runs no thread, or in processes of their own.
Real SQLite files, real threads, real processes."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, event

from domain.model import commands as c
from domain.model.events import RecordedEvent
from domain.shop import Shop, open_shop
from tests.conftest import People, log_head, replayshop


def checkpoints(shop: Shop) -> dict[str, int | None]:
    return {s.name: s.checkpoint for s in shop.projector.status(shop.engine)}


def test_a_command_only_appends_and_a_read_catches_up_to_it(shop: Shop, people: People) -> None:
    shop.follower.ensure()
    before = log_head(shop)
    shop.bus.handle(c.DepositFunds(people.ann, 250, "read your writes"))
    assert set(checkpoints(shop).values()) == {before}  # the command touched no read model
    assert shop.read.shopping.wallet(people.ann).balance_cents == 10_250  # the read waited for it
    assert set(checkpoints(shop).values()) == {before + 1}


def test_the_thread_follows_without_anyone_reading(shop: Shop, people: People) -> None:
    shop.follower.start()
    try:
        shop.bus.handle(c.DepositFunds(people.bob, 100, "nobody reads this"))
        head = log_head(shop)
        deadline = time.monotonic() + 60  # a hang guard, not a speed limit
        while set(checkpoints(shop).values()) != {head} and time.monotonic() < deadline:
            time.sleep(0.01)
        assert set(checkpoints(shop).values()) == {head}
        assert shop.follower.seen.events == 0 or shop.follower.lag().events == 0
    finally:
        shop.follower.stop()


# What a connection that only reads never runs: SQLite's write lock, or a change.
WRITES = ("BEGIN IMMEDIATE", "BEGIN EXCLUSIVE", "INSERT", "UPDATE", "DELETE", "REPLACE")


def test_while_the_thread_follows_a_reader_waits_for_it_and_never_writes(
    shop: Shop, people: People, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read-your-writes with the thread running, on a real file: a read right after each
    command shows it, and the reading thread runs no BEGIN IMMEDIATE and no change, because
    the thread applies the events and the reader only waits. Each batch takes 0.2 s here, four
    times what a reader once waited before applying the events itself."""
    statements: list[tuple[str, str]] = []

    def trace(sql: str) -> None:
        statements.append((threading.current_thread().name, sql.lstrip().upper()))

    @event.listens_for(shop.engine, "checkout")
    def _trace(dbapi_conn: Any, _record: Any, _proxy: Any) -> None:
        dbapi_conn.set_trace_callback(trace)  # what SQLite itself is asked to run

    follow = shop.projector.follow

    def slow_follow(conn: Connection, limit: int = 2000, up_to: int | None = None) -> int:
        time.sleep(0.2)
        return follow(conn, limit, up_to)

    monkeypatch.setattr(shop.projector, "follow", slow_follow)
    reader = threading.current_thread().name
    shop.follower.start()
    try:
        with ThreadPoolExecutor(1, thread_name_prefix="commands") as commands:
            for n in range(1, 6):
                deposit = c.DepositFunds(people.ann, 1, f"deposit {n}")
                commands.submit(shop.bus.handle, deposit).result()
                assert shop.read.shopping.wallet(people.ann).balance_cents == 10_000 + n
    finally:
        shop.follower.stop()
    read = [sql for name, sql in statements if name == reader]
    assert not [sql for sql in read if sql.startswith(WRITES)]
    assert [sql for sql in read if sql.startswith("BEGIN DEFERRED")]  # it did read
    # The probe sees writes where they happen: the thread's.
    assert [sql for name, sql in statements if name == "projector" and sql.startswith(WRITES)]


def test_with_the_thread_a_failing_projection_or_a_missing_position_ends_the_wait(
    shop: Shop, people: People, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reader waits without a time limit, so every way the thread can fall short answers
    it: a projection that fails (the reader reads what there is, as without the thread; asking
    again retries at once) and a position the log does not reach."""
    shop.follower.ensure()
    handlers = shop.projector.by_name["carts"].handlers
    real = handlers["ItemAddedToCart"]
    broken = {"carts": True}

    def fails_while_broken(recorded: RecordedEvent, rows: Any) -> None:
        if broken["carts"]:
            raise RuntimeError("the carts projection failed")
        real(recorded, rows)

    monkeypatch.setitem(handlers, "ItemAddedToCart", fails_while_broken)
    shop.follower.start()
    try:
        shop.bus.handle(c.AddItemToCart(people.ann, people.teapot, 3))
        assert shop.follower.ensure() is False
        assert shop.follower.failure == "RuntimeError: the carts projection failed"
        assert shop.read.shopping.cart(people.ann).lines == ()  # what there is
        broken["carts"] = False
        assert shop.follower.ensure() is True and shop.follower.failure is None
        assert shop.read.shopping.cart(people.ann).lines[0].quantity == 3
        assert shop.follower.ensure(log_head(shop) + 1) is False  # not in the log
    finally:
        shop.follower.stop()


def test_a_batch_larger_than_one_transaction_is_followed_in_several(
    tmp_path: Path, people: People, shop: Shop
) -> None:
    for n in range(30):
        shop.bus.handle(c.DepositFunds(people.ann, 1, f"deposit {n}"))
    steps = 0
    while shop.follower.lag().events:
        with shop.engine.begin() as conn:
            shop.projector.follow(conn, limit=7)
        steps += 1
    assert steps >= 30 // 7  # capped batches, and none of them skipped or repeated an event
    assert shop.read.shopping.wallet(people.ann).balance_cents == 10_030


def test_projector_processes_split_the_projections_between_them(shop: Shop, people: People) -> None:
    path = str(shop.engine.url.database)
    shop.follower.ensure()
    shop.bus.handle(c.AddItemToCart(people.ann, people.teapot, 2))
    shop.bus.handle(c.DepositFunds(people.bob, 500, "for the process"))
    head = log_head(shop)
    # `projections list` shows the lag as it is: nobody has read since the commands.
    listed = replayshop("projections", "list", "--db", path)
    assert listed.returncode == 0, listed.stderr
    assert "checkpoint " + str(head - 2) + f"/{head}  lag 2" in listed.stdout

    once = replayshop("projector", "--db", path, "--only", "carts", "wallets", "--once")
    assert once.returncode == 0, once.stderr
    assert f"every projection at event {head:,}" in once.stdout
    reached = checkpoints(shop)
    assert reached["carts"] == reached["wallets"] == head
    assert reached["catalog"] == head - 2  # the other process's share, not this one's

    follower = subprocess.Popen(
        [sys.executable, "-m", "app.cli.main", "projector", "--db", path],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert follower.stdout is not None
        assert "following the log" in follower.stdout.readline()  # started, caught up
        shop.bus.handle(c.DepositFunds(people.ann, 1, "while the process follows"))
        deadline = time.monotonic() + 60  # a hang guard, not a speed limit
        while set(checkpoints(shop).values()) != {head + 1} and time.monotonic() < deadline:
            time.sleep(0.02)
        assert set(checkpoints(shop).values()) == {head + 1}
    finally:
        follower.send_signal(signal.SIGTERM)
        out, err = follower.communicate(timeout=60)
    assert follower.returncode == 0, err
    assert f"stopped at event {head + 1:,}" in out
    assert shop.read.shopping.wallet(people.ann).balance_cents == 10_001  # the same answers


# A projector whose catch-up is interrupted by a SIGTERM of its own, at a known point: on a loaded
# machine a test's SIGTERM came while the catch-up ran, before the loop set its handler (-15).
SIGTERM_DURING_CATCH_UP = """
import os, signal, sys
from domain.readside.projector import Projector
caught_up = Projector.catch_up
def interrupted(self, engine):
    os.kill(os.getpid(), signal.SIGTERM)
    return caught_up(self, engine)
Projector.catch_up = interrupted
from app.cli.main import main
sys.exit(main(["projector", "--db", sys.argv[1]]))
"""


def test_a_sigterm_while_the_projector_catches_up_stops_it_cleanly(
    shop: Shop, people: People
) -> None:
    shop.follower.ensure()
    before = checkpoints(shop)
    shop.bus.handle(c.DepositFunds(people.bob, 500, "behind the read models"))
    stopped = subprocess.run(
        [sys.executable, "-c", SIGTERM_DURING_CATCH_UP, str(shop.engine.url.database)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert stopped.returncode == 0, stopped.stderr
    assert "stopped before following the log; nothing was half-applied" in stopped.stdout
    assert checkpoints(shop) == before  # the catch-up's transaction was rolled back whole


def test_an_unknown_projection_is_named_with_the_known_ones(shop: Shop) -> None:
    result = replayshop("projector", "--db", str(shop.engine.url.database), "--only", "cartz")
    assert result.returncode == 2
    assert "unknown projection(s) cartz; known: accounts, cart_removals, carts" in result.stderr


def test_closing_leaves_the_read_models_at_the_head(tmp_path: Path) -> None:
    path = tmp_path / "closed.db"
    shop = open_shop(path)
    shop.bus.handle(c.RegisterAccount(None, "ann", "ann-password"))
    shop.close()
    reopened = open_shop(path, catch_up=False)
    try:
        assert set(checkpoints(reopened).values()) == {log_head(reopened)}
    finally:
        reopened.close()
