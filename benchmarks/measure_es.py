"""The same cart workload and aggregate loads through the Python `eventsourcing` library (9.x)
on its SQLite module, for a side-by-side comparison in one run.

Configured for its best showing: an aggregate cache and snapshots every 100 events, as Replay
Shop has. Its connections get the same durability pragmas as Replay Shop's (WAL, which it sets
itself, and the `synchronous` level asked for, set here on every connection it opens), and the
commands come from as many threads as Replay Shop's producers in the figure it is paired with.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from eventsourcing import sqlite as es_sqlite
from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event
from eventsourcing.persistence import IntegrityError

from benchmarks import measure
from domain.model.cart import Cart


class EsCart(Aggregate):
    """The equivalent of domain.model.cart.Cart, written the eventsourcing way."""

    @event("Opened")
    def __init__(self, owner: str) -> None:
        self.owner = owner
        self.lines: dict[str, int] = {}

    @event("ItemAdded")
    def add(self, product_id: str, quantity: int) -> None:
        self.lines[product_id] = self.lines.get(product_id, 0) + quantity

    @event("QuantityChanged")
    def change_quantity(self, product_id: str, quantity: int) -> None:
        self.lines[product_id] = quantity

    @event("ItemRemoved")
    def remove(self, product_id: str) -> None:
        del self.lines[product_id]

    @event("CheckedOut")
    def check_out(self, order_id: str) -> None:
        self.lines = {}


class Shop(Application):
    is_snapshotting_enabled = True
    snapshotting_intervals = {EsCart: 100}

    def open_cart(self, owner: str) -> Any:
        cart = EsCart(owner)
        self.save(cart)
        return cart.id

    def handle(self, cart_id: Any, action: str, *args: Any) -> None:
        """One command: load, check the rule, record, save (one transaction)."""
        cart = self.repository.get(cart_id)
        if action == "remove" and args[0] not in cart.lines:
            raise ValueError("not in cart")
        if action == "check_out" and not cart.lines:
            raise ValueError("empty cart")
        getattr(cart, action)(*args)
        self.save(cart)


class ShopWithoutSnapshots(Shop):
    is_snapshotting_enabled = False
    snapshotting_intervals = {}


def application(path: Path, cache: bool = True, snapshots: bool = True) -> Shop:
    env = {"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": str(path)}
    if cache:
        env["AGGREGATE_CACHE_MAXSIZE"] = "1000"
    return (Shop if snapshots else ShopWithoutSnapshots)(env=env)


@contextlib.contextmanager
def synchronous_level(level: str) -> Iterator[list[dict[str, str]]]:
    """Every connection the library opens meanwhile runs `PRAGMA synchronous=level`; yields the
    pragmas read back from each connection, so the figure can say what it ran with."""
    pool = es_sqlite.SQLiteConnectionPool
    create = pool._create_connection
    seen: list[dict[str, str]] = []

    def with_level(self: es_sqlite.SQLiteConnectionPool) -> Any:
        connection = create(self)
        raw: sqlite3.Connection = connection._sqlite_conn
        raw.execute(f"PRAGMA synchronous={level}")
        row_factory, raw.row_factory = raw.row_factory, None
        seen.append(measure.durability_pragmas(raw))
        raw.row_factory = row_factory
        return connection

    pool._create_connection = with_level  # type: ignore[method-assign]
    try:
        yield seen
    finally:
        pool._create_connection = create  # type: ignore[method-assign]


def _cart_cycle(carts: list[Any], n: int, offset: int) -> list[tuple[Any, str, tuple[Any, ...]]]:
    """Add, add, add, change, remove, check out, round the given carts: the cycle ours runs."""
    products = [f"product{k}" for k in range(20)]
    workload: list[tuple[Any, str, tuple[Any, ...]]] = []
    k = offset
    while len(workload) < n:
        cart, p = carts[k % len(carts)], products[k % 18 : k % 18 + 3]
        workload += [
            (cart, "add", (p[0], 1)),
            (cart, "add", (p[1], 1)),
            (cart, "add", (p[2], 2)),
            (cart, "change_quantity", (p[0], 3)),
            (cart, "remove", (p[1],)),
            (cart, "check_out", (uuid.uuid4().hex,)),
        ]
        k += 1
    return workload[:n]


def commands_per_second(
    path: Path, n: int, threads: int = 1, synchronous: str = "FULL"
) -> tuple[float, dict[str, str]]:
    """The same cycle as ours from `threads` threads at once, each on its own carts (as each
    of our producers shops for its own shoppers): commands/s and the pragmas it ran with."""
    with synchronous_level(synchronous) as pragmas:
        app = application(path)
        carts = [app.open_cart(f"shopper{k}") for k in range(max(4, threads))]
        workloads = [_cart_cycle(carts[t::threads], n // threads, t) for t in range(threads)]
        total = sum(len(w) for w in workloads)
        gate = threading.Barrier(threads + 1)
        failures: list[BaseException] = []

        def work(commands: list[tuple[Any, str, tuple[Any, ...]]]) -> None:
            gate.wait()
            try:
                for cart_id, action, args in commands:
                    app.handle(cart_id, action, *args)
            except BaseException as error:  # reported below: a figure of half the work is wrong
                failures.append(error)

        running = [threading.Thread(target=work, args=(w,)) for w in workloads]
        for thread in running:
            thread.start()
        gate.wait()
        started = time.perf_counter()
        for thread in running:
            thread.join()
        elapsed = time.perf_counter() - started
        app.close()
    if failures:
        raise failures[0]
    return total / elapsed, pragmas[0]


def es_load_seconds(path: Path, events: int, snapshot: bool) -> float:
    """Load a cart with `events` events, from its snapshot or from the first event."""
    if not path.exists():
        app = application(path, cache=False, snapshots=False)
        cart = EsCart("long-lived")
        for i in range(events - 1):
            if i % 2 == 0:
                cart.add("p1", 1)
            else:
                cart.remove("p1")
            if i % 1000 == 999:
                app.save(cart)
        app.save(cart)
        app.close()
    app = application(path, cache=False, snapshots=snapshot)
    cart_id = _only_cart(app)
    if snapshot:
        with contextlib.suppress(IntegrityError):  # already taken in an earlier run
            app.take_snapshot(cart_id)
    started = time.perf_counter()
    loaded = app.repository.get(cart_id)
    elapsed = time.perf_counter() - started
    assert loaded.version >= events - 1
    app.close()
    return elapsed


def _only_cart(app: Shop) -> Any:
    notification = app.notification_log.select(start=1, limit=1)[0]
    return notification.originator_id


def _cart_step(cart: Any, n: int) -> None:
    if n % 2 == 0:
        cart.add("p1", 1, 100)
    else:
        cart.remove("p1")


def write_long_cart(path: Path, events: int) -> None:
    """A Replay Shop cart with `events` events (the same adds and removes as above)."""
    measure.write_long_stream(path, Cart("long-lived"), events, _cart_step)


def ours_load_seconds(path: Path, snapshot: bool) -> float:
    return measure.load_seconds(path, Cart, "long-lived", snapshot)
