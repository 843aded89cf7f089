"""The same cart workload and aggregate loads through the Python `eventsourcing` library (9.x)
on its SQLite module, for a side-by-side comparison in one run.

Configured for its best showing: an aggregate cache and snapshots every 100 events, as Replay
Shop has; WAL and SQLite's default synchronous=FULL, the same durability as Replay Shop's.
"""

from __future__ import annotations

import contextlib
import time
import uuid
from pathlib import Path
from typing import Any

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event
from eventsourcing.persistence import IntegrityError

from domain import store
from domain.cart import Cart
from domain.database import open_engine, reading, writing
from domain.unit_of_work import UnitOfWork


class EsCart(Aggregate):
    """The equivalent of domain.cart.Cart, written the eventsourcing way."""

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


def commands_per_second(path: Path, n: int) -> float:
    """Open carts, add, change and remove items, check out: the same cycle as ours."""
    app = application(path)
    carts = [app.open_cart(f"shopper{k}") for k in range(4)]
    products = [f"product{k}" for k in range(20)]
    workload: list[tuple[Any, str, tuple[Any, ...]]] = []
    k = 0
    while len(workload) < n:
        cart, p = carts[k % 4], products[k % 18 : k % 18 + 3]
        workload += [
            (cart, "add", (p[0], 1)),
            (cart, "add", (p[1], 1)),
            (cart, "add", (p[2], 2)),
            (cart, "change_quantity", (p[0], 3)),
            (cart, "remove", (p[1],)),
            (cart, "check_out", (uuid.uuid4().hex,)),
        ]
        k += 1
    workload = workload[:n]
    started = time.perf_counter()
    for cart_id, action, args in workload:
        app.handle(cart_id, action, *args)
    elapsed = time.perf_counter() - started
    app.close()
    return n / elapsed


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


def write_long_cart(path: Path, events: int) -> None:
    """A Replay Shop cart with `events` events, appended in batches."""
    engine = open_engine(path, synchronous="OFF")
    cart = Cart("long-lived")
    with writing(engine) as conn:
        store.create_schema(conn)
        for start in range(0, events, 10_000):
            for i in range(start, min(events, start + 10_000)):
                if i % 2 == 0:
                    cart.add("p1", 1, 100)
                else:
                    cart.remove("p1")
            store.append(
                conn,
                [store.StreamAppend(cart.stream_id, "cart", cart.version, cart.pending)],
                {},
                "2026-01-01",
            )
            cart.version += len(cart.pending)
            cart.pending = []
    engine.dispose()


def ours_load_seconds(path: Path, snapshot: bool) -> float:
    engine = open_engine(path)
    with writing(engine) as conn:
        conn.execute(store.snapshots_table.delete())
        if snapshot:
            uow = UnitOfWork(conn, lambda: "x")
            uow._snapshot(uow.get(Cart, "long-lived"))
    with reading(engine) as conn:
        started = time.perf_counter()
        cart = UnitOfWork(conn, lambda: "x").get(Cart, "long-lived")
        elapsed = time.perf_counter() - started
    assert cart.version > 0
    engine.dispose()
    return elapsed
