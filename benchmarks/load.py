"""Load from many processes through the real command path, on SQLite or PostgreSQL.

    python -m benchmarks.load --db URL|FILE --clients N (--seconds S | --commands N) [--json]

Each client is a process of its own with its own shop (bus, writer connection, cache), as
separate app instances are. It signs up a shopper and runs the shop's mix in a loop: two
items into the cart, a quantity change, a deposit, a review posted then edited, a check-out.
The parent follows the log the way the app does (`Follower`: NOTIFY on a server, polling a
SQLite file) and notes when each position reached the read models, which gives the projector
lag of every acknowledged command. At the end it counts: every event a client was told was
written must be in the log once, and the chain must verify.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import statistics
import sys
import threading
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from queue import Empty
from typing import Any

from domain.eventstore import store
from domain.eventstore.database import reading
from domain.model import commands as c
from domain.model.errors import DomainError
from domain.shop import open_shop

PRODUCTS = 20


@dataclass
class ClientResult:
    began: float  # monotonic time of its first command (system-wide on Linux)
    ended: float  # and of its last acknowledgement
    commands: int  # acknowledged (written or refused by a rule)
    refused: int
    conflicts: int  # lost a race on a stream: ConcurrencyError
    events: int  # events the client was told were written
    latencies: list[float]
    acks: list[tuple[int, float]]  # (last position written, monotonic time of the ack)


def _seed(location: str | Path) -> list[str]:
    shop = open_shop(location)
    try:
        bus = shop.bus
        if shop.read.head() == 0:
            admin = bus.handle(c.RegisterAccount(None, "admin", "admin-password", admin=True))
            for n in range(PRODUCTS):
                bus.handle(c.AddProduct(admin, f"Tea {n:02d}", "Loose leaf", 500 + n * 25))
        return [p.product_id for p in shop.read.catalog.products()]
    finally:
        shop.close()


def _client(
    location: str | Path,
    index: int,
    products: list[str],
    seconds: float,
    commands: int,
    ready: Any,
    start: Any,
    out: Any,
) -> None:
    """One client process: its result, or the traceback that ended it, always reaches `out`
    (a client that died silently would leave the parent waiting)."""
    try:
        _drive(location, index, products, seconds, commands, ready, start, out)
    except BaseException:
        out.put(traceback.format_exc())
        raise


def _drive(
    location: str | Path,
    index: int,
    products: list[str],
    seconds: float,
    commands: int,
    ready: Any,
    start: Any,
    out: Any,
) -> None:
    shop = open_shop(location, catch_up=False)
    written = [0]
    shop.bus.subscribers.append(lambda events: written.__setitem__(0, written[0] + len(events)))
    bus = shop.bus
    me = bus.handle(c.RegisterAccount(None, f"load-{index}-{time.time_ns()}", "load-password"))
    latencies: list[float] = []
    acks: list[tuple[int, float]] = []
    refused = conflicts = 0
    review: str | None = None
    ready.put(index)
    start.wait()
    clock_start = time.monotonic()
    deadline = clock_start + seconds
    n = 0
    while (n < commands) if commands else (time.monotonic() < deadline):
        cycle = n // 6  # one round of the mix: the same two products throughout
        first = products[cycle % len(products)]
        second = products[(cycle * 7 + 3) % len(products)]
        step = n % 6
        command: c.Command = [
            c.AddItemToCart(me, first),
            c.AddItemToCart(me, second),
            c.ChangeQuantity(me, first, 2),
            c.DepositFunds(me, 10_000),
            c.PostReview(me, first, 4, "Good #tea")
            if review is None
            else c.EditReview(me, review, 5, f"Better #tea {n}"),
            c.CheckOut(me),
        ][step]
        sent = time.monotonic()
        try:
            result = bus.handle(command)
            if isinstance(command, c.PostReview):
                review = result
        except DomainError as error:
            refused += 1
            conflicts += type(error).__name__ == "ConcurrencyError"
        done = time.monotonic()
        latencies.append(done - sent)
        acks.append((shop.follower.written, done))
        n += 1
    ended = time.monotonic()
    # Not shop.close(): that would bring the read models to the head in every client, which
    # is the followers' work, and 16 clients queueing for it made the run slow and fragile.
    shop.bus.writer.close()
    shop.engine.dispose()
    out.put(ClientResult(clock_start, ended, n, refused, conflicts, written[0], latencies, acks))


def _follow(location: str | Path, stop: threading.Event) -> list[tuple[float, int]]:
    """When the read models reached each position: the app's own follower, sampled."""
    shop = open_shop(location)
    shop.follower.start()
    reached: list[tuple[float, int]] = []
    last = -1
    try:
        while not stop.is_set():
            now = shop.follower.reached
            if now != last:
                reached.append((time.monotonic(), now))
                last = now
            time.sleep(0.0005)
        shop.follower.ensure(store_head(shop))
        reached.append((time.monotonic(), shop.follower.reached))
    finally:
        shop.close()
    return reached


def store_head(shop: Any) -> int:
    with reading(shop.engine) as conn:
        return store.head(conn)[0]


def _lag_ms(acks: list[tuple[int, float]], reached: list[tuple[float, int]]) -> list[float]:
    lags = []
    i = 0
    for position, at in sorted(acks):
        while i < len(reached) and reached[i][1] < position:
            i += 1
        if i < len(reached):
            lags.append(max(0.0, reached[i][0] - at) * 1000)
    return lags


def run(location: str | Path, clients: int, seconds: float, commands: int) -> dict[str, Any]:
    products = _seed(location)
    with_shop = open_shop(location, catch_up=False)
    head_before = store_head(with_shop)
    with_shop.close()
    ctx = mp.get_context("spawn")  # a fresh interpreter per client, as an app instance is
    ready, start, out = ctx.Queue(), ctx.Event(), ctx.Queue()
    procs = [
        ctx.Process(
            target=_client, args=(location, i, products, seconds, commands, ready, start, out)
        )
        for i in range(clients)
    ]
    for proc in procs:
        proc.start()
    stop = threading.Event()
    reached: list[tuple[float, int]] = []
    follower = threading.Thread(target=lambda: reached.extend(_follow(location, stop)))
    follower.start()
    # Whatever ends the run, the follower thread stops and no client is left behind: a
    # client that failed once left the sampling thread running, and the benchmark hung at
    # exit instead of reporting the failure.
    try:
        for _ in procs:  # every client signed up: the clock starts for all at once
            _take(ready, procs, "sign up")
        start.set()
        results: list[ClientResult] = []
        for _ in procs:
            result = _take(out, procs, "finish")
            if isinstance(result, str):  # a client's traceback
                raise RuntimeError(f"a load client failed:\n{result}")
            results.append(result)
        for proc in procs:
            proc.join()
    finally:
        stop.set()
        for proc in procs:
            if proc.is_alive():
                proc.terminate()
        follower.join()
    elapsed = max(r.ended for r in results) - min(r.began for r in results)
    shop = open_shop(location, catch_up=False)
    try:
        with reading(shop.engine) as conn:
            head = store.head(conn)[0]
            chain = store.verify_chain(conn)
    finally:
        shop.close()
    total = sum(r.commands for r in results)
    events = sum(r.events for r in results)
    latencies = sorted(x * 1000 for r in results for x in r.latencies)
    lags = sorted(_lag_ms([a for r in results for a in r.acks], reached))
    return {
        "store": "postgresql" if str(location).startswith("postgres") else "sqlite",
        "clients": clients,
        "seconds": round(elapsed, 2),
        "commands": total,
        "commands_per_s": round(total / elapsed, 1),
        "refused": sum(r.refused for r in results),
        "conflicts": sum(r.conflicts for r in results),
        "latency_p50_ms": round(statistics.median(latencies), 2) if latencies else None,
        "latency_p99_ms": round(_pct(latencies, 0.99), 2) if latencies else None,
        "projector_lag_p99_ms": round(_pct(lags, 0.99), 1) if lags else None,
        "events_written": events,
        # Every event a client was told was written (its sign-up included), counted in the
        # log: 0 when none is lost or doubled.
        "lost": head - head_before - events,
        "chain_intact": chain.first_bad_position is None and chain.count == head,
    }


def _take(queue: Any, procs: list[Any], what: str) -> Any:
    """The next item, or a clear error once every client has exited without sending one."""
    while True:
        try:
            return queue.get(timeout=1.0)
        except Empty:
            if all(not p.is_alive() for p in procs):
                codes = sorted({p.exitcode for p in procs})
                raise RuntimeError(
                    f"the load clients exited (codes {codes}) before all could {what}"
                ) from None


def _pct(values: list[float], q: float) -> float:
    return values[min(len(values) - 1, int(q * len(values)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="a postgresql:// URL or a SQLite file")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--commands", type=int, default=0, help="per client, instead of time")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    location: str | Path = args.db if "://" in args.db else Path(args.db)
    result = run(location, args.clients, args.seconds, args.commands)
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:>22}: {value}")
    return 0 if result["lost"] == 0 and result["chain_intact"] else 1


if __name__ == "__main__":
    sys.exit(main())
