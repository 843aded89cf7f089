"""The individual measurements. Each returns raw samples; the runner takes medians."""

from __future__ import annotations

import cProfile
import json
import random
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from domain.demo import HashedOnce
from domain.eventstore import store
from domain.eventstore.database import open_engine, reading, writing
from domain.model import commands as c
from domain.model.aggregate import Aggregate
from domain.model.clock import SequentialIds
from domain.model.wallet import Wallet
from domain.readside import versions
from domain.readside.follower import Follower
from domain.readside.projections.registry import known_versions, projection_set
from domain.readside.projector import Projector
from domain.readside.queries import ReadModel
from domain.shop import open_shop
from domain.writeside.unit_of_work import UnitOfWork

EVENT_ROW = json.dumps(
    {"cart_id": "a" * 32, "product_id": "p" * 32, "quantity": 1, "unit_price_cents": 1999}
)


def raw_sqlite_inserts(
    path: Path, n: int, synchronous: str, rows_per_transaction: int = 1
) -> float:
    """The floor: `rows_per_transaction` rows per transaction (one fsync each under FULL) with
    the store's durability pragmas (WAL and `synchronous`) and its unique key; rows/s."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute(f"PRAGMA synchronous={synchronous}")
    db.execute(
        "CREATE TABLE events (position INTEGER PRIMARY KEY, stream_id TEXT, version INT,"
        " data TEXT, hash TEXT, UNIQUE (stream_id, version))"
    )
    started = time.perf_counter()
    for first in range(0, n, rows_per_transaction):
        db.execute("BEGIN IMMEDIATE")
        for i in range(first, min(n, first + rows_per_transaction)):
            db.execute(
                "INSERT INTO events VALUES (?, ?, ?, ?, ?)",
                (i + 1, f"cart-{i % 50}", i // 50 + 1, EVENT_ROW, "h" * 64),
            )
        db.execute("COMMIT")
    elapsed = time.perf_counter() - started
    db.close()
    return n / elapsed


def durability_pragmas(db: sqlite3.Connection) -> dict[str, str]:
    """What a connection runs with, read back from SQLite rather than assumed."""
    levels = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}
    mode = db.execute("PRAGMA journal_mode").fetchone()[0]
    level = db.execute("PRAGMA synchronous").fetchone()[0]
    return {"journal_mode": str(mode).upper(), "synchronous": levels.get(level, str(level))}


def raw_pragmas(path: Path, synchronous: str) -> dict[str, str]:
    """The pragmas `raw_sqlite_inserts` runs with, on a throw-away file at `path`."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute(f"PRAGMA synchronous={synchronous}")
    pragmas = durability_pragmas(db)
    db.close()
    return pragmas


def store_pragmas(path: Path, synchronous: str) -> dict[str, str]:
    """The pragmas the shop's engine gives its connections, as `command_path` opens it."""
    engine = open_engine(path, synchronous=synchronous)
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert isinstance(raw, sqlite3.Connection)
        pragmas = durability_pragmas(raw)
    engine.dispose()
    return pragmas


@dataclass(frozen=True)
class CommandRun:
    commands_per_s: float
    commands_per_group: float
    catch_up_after_s: float  # from the last acknowledged command to the read side at the head


def command_path(
    path: Path,
    n: int,
    synchronous: str,
    producers: int = 1,
    profiler: cProfile.Profile | None = None,
) -> CommandRun:
    """Commands/s through bus, load, rules and append (the hash chain included), from
    `producers` threads at once; the read side follows on its own thread meanwhile, as in
    the app, and the time it still needs at the end is measured too. `profiler`: profiles
    the first producer's thread while it sends its commands (benchmarks/profiles.py)."""
    # Set-up hashes the shared password once: sixteen scrypt runs would dwarf what is measured.
    shop = open_shop(path, ids=SequentialIds(), synchronous=synchronous)
    bus = shop.bus
    bus.passwords = HashedOnce(bus.passwords)
    admin = bus.handle(c.RegisterAccount(None, "admin", "bench-password", admin=True))
    shoppers = [
        bus.handle(c.RegisterAccount(None, f"shopper{k}", "bench-password"))
        for k in range(max(4, producers))
    ]
    products = [bus.handle(c.AddProduct(admin, f"P{k}", "", 100 + k)) for k in range(20)]
    for s in shoppers:
        for _ in range(10):
            bus.handle(c.DepositFunds(s, 1_000_000))
    rng = random.Random(3)
    # Each producer shops for its own shoppers: a command refused because another thread
    # emptied the cart first would measure the workload, not the write path.
    workloads: list[list[c.Command]] = [[] for _ in range(producers)]
    for k, work in enumerate(workloads):
        own = shoppers[k::producers]
        while len(work) < n // producers:
            s, p, q = rng.choice(own), rng.sample(products, 3), rng.randint(1, 3)
            work += [
                c.AddItemToCart(s, p[0], q),
                c.AddItemToCart(s, p[1], 1),
                c.AddItemToCart(s, p[2], 2),
                c.ChangeQuantity(s, p[0], q + 1),
                c.RemoveItemFromCart(s, p[1]),
                c.CheckOut(s),
            ]
        del work[n // producers :]
    total = sum(len(w) for w in workloads)
    shop.follower.start()
    gate = threading.Barrier(producers + 1)

    def produce(work: list[c.Command]) -> None:
        gate.wait()
        profiled = profiler if work is workloads[0] else None
        if profiled is not None:
            profiled.enable()  # this thread only: a profiler follows the thread it is on
        for command in work:
            bus.handle(command)
        if profiled is not None:
            profiled.disable()

    threads = [threading.Thread(target=produce, args=(w,)) for w in workloads]
    for thread in threads:
        thread.start()
    groups_before = (bus.counts.groups, bus.counts.commands)
    gate.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    shop.follower.ensure(shop.follower.written)
    caught_up = time.perf_counter() - started - elapsed
    groups = bus.counts.groups - groups_before[0]
    per_group = (bus.counts.commands - groups_before[1]) / max(1, groups)
    shop.close()
    return CommandRun(total / elapsed, per_group, caught_up)


def query_latencies(
    path: Path, samples: int, query: Callable[[ReadModel, str], object], seed: int
) -> list[float]:
    """Seconds per call of `query(read_model, product_id)` on random products."""
    shop = open_shop(path)
    ids = [p.product_id for p in shop.read.catalog.products()]
    rng = random.Random(seed)
    timings = []
    for _ in range(samples):
        product_id = rng.choice(ids)
        started = time.perf_counter()
        query(shop.read, product_id)
        timings.append(time.perf_counter() - started)
    shop.close()
    return timings


def _whole_page(read: ReadModel, product_id: str) -> None:
    read.catalog.product(product_id)
    read.catalog.reviews_for(product_id)
    read.catalog.rating_histogram(product_id)


def product_page_latencies(path: Path, samples: int) -> list[float]:
    """The product page: summary, first page of reviews, histogram."""
    return query_latencies(path, samples, _whole_page, seed=5)


def reviews_query_latencies(path: Path, samples: int) -> list[float]:
    """The "reviews of one product" query alone."""
    return query_latencies(path, samples, lambda read, pid: read.catalog.reviews_for(pid), seed=6)


def write_long_stream(
    path: Path, aggregate: Aggregate, events: int, step: Callable[[Aggregate, int], None]
) -> None:
    """One aggregate with `events` events made by `step(aggregate, n)`, in big batches."""
    engine = open_engine(path, synchronous="OFF")
    with writing(engine) as conn:
        store.create_schema(conn)
        for start in range(0, events, 10_000):
            for n in range(start, min(events, start + 10_000)):
                step(aggregate, n)
            batch = store.StreamAppend(
                aggregate.stream_id, aggregate.STREAM_TYPE, aggregate.version, aggregate.pending
            )
            store.append(conn, [batch], {}, "2026-01-01")
            aggregate.version += len(aggregate.pending)
            aggregate.pending = []
    engine.dispose()


def write_long_wallet(path: Path, events: int) -> None:
    write_long_stream(
        path, Wallet("w1"), events, lambda wallet, n: wallet.deposit(f"t{n}", 100, "bench")
    )  # type: ignore[attr-defined]


def load_seconds(path: Path, cls: type[Aggregate], aggregate_id: str, with_snapshot: bool) -> float:
    """Time to load the aggregate, from a fresh snapshot or from its first event."""
    engine = open_engine(path)
    with writing(engine) as conn:
        conn.execute(store.snapshots_table.delete())
        if with_snapshot:
            uow = UnitOfWork(conn, lambda: "x")
            uow._snapshot(uow.get(cls, aggregate_id))
    with reading(engine) as conn:
        started = time.perf_counter()
        aggregate = UnitOfWork(conn, lambda: "x").get(cls, aggregate_id)
        elapsed = time.perf_counter() - started
    assert aggregate.version > 0
    engine.dispose()
    return elapsed


def wallet_load_seconds(path: Path, with_snapshot: bool) -> float:
    return load_seconds(path, Wallet, "w1", with_snapshot)


def rebuild_events_per_second(path: Path) -> float:
    shop = open_shop(path)
    started = time.perf_counter()
    count = shop.projector.rebuild(shop.engine)
    elapsed = time.perf_counter() - started
    shop.close()
    return count / elapsed


def decode_only_events_per_second(path: Path) -> float:
    """The floor under a rebuild: read every event and decode it, projecting nothing."""
    engine = open_engine(path)
    with reading(engine) as conn:
        started = time.perf_counter()
        count = sum(1 for _ in store.read_all(conn))
        elapsed = time.perf_counter() - started
    engine.dispose()
    return count / elapsed


def json_floor_events_per_second(path: Path) -> float:
    """A plainer floor: the columns a rebuild reads, every row through sqlite3 and its data
    through `json.loads` (a rebuild leaves metadata as text too), building no event objects."""
    db = sqlite3.connect(path)
    started = time.perf_counter()
    count = 0
    loads = json.loads
    for row in db.execute(
        "SELECT position, stream_id, stream_type, version, event_type, schema_version, data,"
        " metadata, recorded_at FROM events ORDER BY position"
    ):
        loads(row[6])
        count += 1
    elapsed = time.perf_counter() - started
    db.close()
    return count / elapsed


def wallet_deposit_rate(path: Path, history: int, n: int) -> float:
    """Deposits/s through the bus into a wallet that already has `history` events (0: new).

    One command first warms the aggregate cache, as a running app has; then `n` are timed.
    """
    shop = open_shop(path, ids=SequentialIds("w"))
    shopper = shop.bus.handle(c.RegisterAccount(None, "saver", "bench-password"))
    shop.close()
    if history:
        write_long_stream(
            path,
            Wallet(shopper),
            history,
            lambda wallet, k: wallet.deposit(f"h{k}", 100, "bench"),  # type: ignore[attr-defined]
        )
    shop = open_shop(path, ids=SequentialIds("x"))  # brings the read models up to date too
    shop.bus.handle(c.DepositFunds(shopper, 100))
    started = time.perf_counter()
    for _ in range(n):
        shop.bus.handle(c.DepositFunds(shopper, 100))
    elapsed = time.perf_counter() - started
    shop.close()
    return n / elapsed


def read_model_change(path: Path, appended: int) -> dict[str, float]:
    """Roll this build's newest review_lookups out on a store that has v1 only, append
    `appended` commands, roll back to v1, retire the new version: seconds and sizes of each
    step, as an operator lives them."""
    newest = max(known_versions("review_lookups"))
    previous = open_shop(path, projector=Projector(projection_set({"review_lookups": 1})))
    previous.close()  # v1 built from all history, as the release before v2 left the store
    engine = open_engine(path)
    held = {v.version for v in versions.held_versions(engine) if v.name == "review_lookups"}
    if held - {1}:
        # A store this build made holds newer versions already: take it back to what the
        # release before left (v1 only, nobody's choice), so there is a rollout to measure.
        versions.use(engine, "review_lookups", 1)
        for version in sorted(held - {1}):
            versions.drop(engine, "review_lookups", version)
        versions.forget_choice(engine, "review_lookups")
    engine.dispose()
    shop = open_shop(path)
    [rollout] = shop.rollouts
    report = shop.roll_out(rollout)
    bus = shop.bus
    bus.passwords = HashedOnce(bus.passwords)
    # Reviews with tags: what review_lookups follows, so the rollback has them to catch up.
    products = [p.product_id for p in shop.read.catalog.products()]
    per_author = len(products)
    authors = [
        bus.handle(c.RegisterAccount(None, f"rollback{k}", "bench-password"))
        for k in range(-(-appended // per_author))
    ]
    for n in range(appended - len(authors)):
        author, product = authors[n // per_author], products[n % per_author]
        bus.handle(c.PostReview(author, product, 1 + n % 5, f"After the rollout #tag{n % 7}"))
    shop.close()  # v2 in use has followed all of it
    engine = open_engine(path)
    rollback_s = versions.use(engine, "review_lookups", 1)
    held = {(v.name, v.version): v for v in versions.held_versions(engine)}  # both current
    started = time.perf_counter()
    freed = versions.drop(engine, "review_lookups", newest)
    drop_s = time.perf_counter() - started
    engine.dispose()
    return {
        "events": report.events,
        "rollout_build_s": report.build_s,
        "rollout_catch_up_s": report.catch_up_s,
        "appended": appended,
        "rollback_catch_up_s": rollback_s,
        "v1_mb": held[("review_lookups", 1)].bytes / 1e6,
        "new_version": newest,
        "new_mb": held[("review_lookups", newest)].bytes / 1e6,
        "drop_s": drop_s,
        "freed_mb": freed / 1e6,
    }


def lookup_latencies(path: Path, samples: int) -> dict[str, list[float]]:
    """Seconds per shop-wide review lookup: by #tag, by author, by a day's range, newest."""
    shop = open_shop(path)
    read = shop.read
    authors = [a.username for a in read.accounts.all()][:200]
    days = sorted({r.posted_at[:10] for r in read.reviews.find(limit=500)})
    rng = random.Random(9)
    lookups: dict[str, Callable[[], object]] = {
        "tag": lambda: read.reviews.find(tag=rng.choice(TAGS), limit=50),
        "author": lambda: read.reviews.find(author=rng.choice(authors), limit=50),
        "date": lambda: read.reviews.find(since=rng.choice(days), limit=50),
        "newest": lambda: read.reviews.find(limit=50),
    }
    timings: dict[str, list[float]] = {name: [] for name in lookups}
    for _ in range(samples):
        for name, lookup in lookups.items():
            started = time.perf_counter()
            lookup()
            timings[name].append(time.perf_counter() - started)
    shop.close()
    return timings


TAGS = ["gift", "tea", "daily", "broken", "favourite"]


def projector_lag_ms(path: Path, rate: float, seconds: float) -> list[float]:
    """Commands at a steady `rate` per second from one thread while the read side follows
    on its own: for each command, how long after its acknowledgement the projections had
    applied it (the follower notes when each of its batches committed)."""
    shop = open_shop(path, ids=SequentialIds(), synchronous="NORMAL")
    bus = shop.bus
    bus.passwords = HashedOnce(bus.passwords)
    admin = bus.handle(c.RegisterAccount(None, "admin", "bench-password", admin=True))
    shopper = bus.handle(c.RegisterAccount(None, "lagging", "bench-password"))
    product = bus.handle(c.AddProduct(admin, "Lag", "", 100))
    shop.follower.ensure()
    applied: list[tuple[int, float]] = []

    class Timed(Follower):
        def step(self) -> bool:
            done = super().step()
            applied.append((self.reached, time.perf_counter()))
            return done

    follower = Timed(shop.engine, shop.projector)
    follower.reached = shop.follower.reached
    bus.written = follower.notify
    follower.start()
    written: list[tuple[int, float]] = []
    started = time.perf_counter()
    n = 0
    while time.perf_counter() - started < seconds:
        pause = started + n / rate - time.perf_counter()
        if pause > 0:
            time.sleep(pause)
        add = n % 2 == 0
        bus.handle(
            c.AddItemToCart(shopper, product, 1) if add else c.RemoveItemFromCart(shopper, product)
        )
        written.append((follower.written, time.perf_counter()))
        n += 1
    follower.ensure()
    follower.stop()
    shop.close()
    lags, batches = [], iter(applied)
    reached, when = 0, 0.0
    for position, acknowledged in written:
        while reached < position:
            reached, when = next(batches)
        lags.append(max(0.0, when - acknowledged) * 1000)
    return lags
