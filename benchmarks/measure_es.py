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
