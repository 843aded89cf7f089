"""A shop on a PostgreSQL server the test run started: many writer processes, projector
processes (one killed with -9), and app instances that see each other's commands."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, select

from benchmarks import load
from domain.demo import seed_demo
from domain.eventstore import store
from domain.eventstore.database import open_engine, reading
from domain.model import commands as c
from domain.readside.projector import Projector, checkpoints_table
from domain.shop import Shop, open_shop
from domain.writeside.bus import CommandBus

WAIT_S = 120  # a generous bound for correctness, not a speed limit: CI machines are loaded


def wait_until(condition: Any, what: str, timeout: float = WAIT_S) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.05)


def read_models(engine: Engine, projector: Projector) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every read model, in key order: what a rebuild must reproduce."""
    with reading(engine) as conn:
        return {
            table.name: sorted(tuple(map(repr, row)) for row in conn.execute(select(table)))
            for tables in projector.tables.values()
            for table in tables.values()
        }


def equal_to_a_rebuild(shop: Shop) -> None:
    live = read_models(shop.engine, shop.projector)
    shop.projector.rebuild(shop.engine)
    rebuilt = read_models(shop.engine, shop.projector)
    assert sum(map(len, rebuilt.values())) > 0
    for name in rebuilt:
        assert live[name] == rebuilt[name], f"{name} differs from a rebuild from the log"


@pytest.fixture
def pg_shop(pg_url: str) -> Iterator[Shop]:
    shop = open_shop(pg_url)
    yield shop
    shop.close()


def test_app_instances_see_each_others_commands_woken_by_notify(pg_url: str) -> None:
    first, second = open_shop(pg_url), open_shop(pg_url)
    try:
        second.follower.start()
        assert second.follower.listening.wait(WAIT_S)
        admin = first.bus.handle(c.RegisterAccount(None, "admin", "admin-password", admin=True))
        first.bus.handle(c.AddProduct(admin, "Teapot", "Stoneware", 3900))
        # The second instance never wrote: only the notification can bring the change to it
        # before its safety-net look at the head, ten seconds away.
        wait_until(lambda: second.follower.wakeups > 0, "a notification")
        wait_until(lambda: second.follower.seen.reached == first.read.head(), "the second view")
        assert [p.name for p in second.read.catalog.products()] == ["Teapot"]
    finally:
        first.close()
        second.close()


def test_four_writer_processes_lose_nothing_and_keep_one_chain(pg_url: str) -> None:
    result = load.run(pg_url, clients=4, seconds=0, commands=2000)
    assert result["commands"] == 8000
    assert result["lost"] == 0 and result["chain_intact"]
    shop = open_shop(pg_url)
    try:
        with reading(shop.engine) as conn:
            positions = [e.position for e in store.read_all(conn)]
        assert positions == list(range(1, len(positions) + 1))  # no gap, no duplicate
        assert result["events_written"] < len(positions)  # the seeded catalog came before
        equal_to_a_rebuild(shop)
    finally:
        shop.close()


def projector(url: str, *names: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "app.cli.main", "projector", "--db", url, "--only", *names],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def log_head(engine: Engine) -> int:
    with reading(engine) as conn:
        return store.head(conn)[0]


def checkpoints(engine: Engine) -> dict[str, int]:
    with reading(engine) as conn:
        c_ = checkpoints_table.c
        return {str(n): int(p) for n, p in conn.execute(select(c_.name, c_.position))}


def test_projector_processes_split_the_work_and_one_killed_resumes(
    pg_url: str, pg_shop: Shop
) -> None:
    demo = seed_demo(pg_shop.bus, admin_password="admin-password")
    pg_shop.follower.ensure()
    seeded = log_head(pg_shop.engine)
    names = [p.NAME for p in pg_shop.projector.projections]
    half = len(names) // 2
    first, second = projector(pg_url, *names[:half]), projector(pg_url, *names[half:])
    try:
        # A bare bus only appends: only the two processes move the read models.
        engine = open_engine(pg_url)
        writer = CommandBus(engine)
        shopper = demo.shopper_ids["ann"]
        for n in range(400):
            writer.handle(c.DepositFunds(shopper, 100 + n))
            if n == 150:  # mid-stream: the first projector dies without a word
                wait_until(
                    lambda: min(checkpoints(engine)[n] for n in names[:half]) > seeded,
                    "the first projector to follow",
                )
                os.kill(first.pid, signal.SIGKILL)
                first.wait()
        head = log_head(engine)
        writer.writer.close()
        engine.dispose()
        stalled = checkpoints(pg_shop.engine)
        assert min(stalled[n] for n in names[:half]) < head  # its share stopped with it
        first = projector(pg_url, *names[:half])  # restarted: on from its checkpoints
        wait_until(
            lambda: set(checkpoints(pg_shop.engine).values()) == {head}, "both to reach the head"
        )
    finally:
        for proc in (first, second):
            proc.send_signal(signal.SIGTERM)
            proc.communicate(timeout=WAIT_S)
    assert first.returncode == 0 and second.returncode == 0
    equal_to_a_rebuild(pg_shop)
