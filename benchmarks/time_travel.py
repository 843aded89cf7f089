"""Time travel in place: every screen's queries as of random past positions, against the same
screens now, in one interleaved run, on histories of 10k, 100k and 1M events; and what the
kept row versions cost on disk against the live read models alone.

A trip is `ReadModel.as_of(position)` and then the queries of every screen (catalog, a product
page, one shopper's cart, wallet and orders, the accounts list, moderation, the cart-removals
report, a tag lookup): what the slider makes the app do. "Now" is the same queries on the live
read models, with the same randomly chosen shopper and product, sampled in turn with the trips
so that load on the machine falls on both alike.
"""

from __future__ import annotations

import gc
import random
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks.sampling import history_db
from domain.readside.queries import ReadModel
from domain.readside.retention import fold_before
from domain.shop import open_shop

SCREENS: dict[str, Callable[[ReadModel, str, str], object]] = {
    "catalog": lambda read, account, product: read.catalog.products(),
    "product": lambda read, account, product: read.catalog.product(product),
    "product's reviews": lambda read, account, product: read.catalog.reviews_for(product),
    "rating histogram": lambda read, account, product: read.catalog.rating_histogram(product),
    "cart": lambda read, account, product: read.shopping.cart(account),
    "wallet": lambda read, account, product: read.shopping.wallet(account),
    "orders": lambda read, account, product: read.shopping.orders(account),
    "accounts": lambda read, account, product: read.accounts.all(),
    "moderation": lambda read, account, product: read.reviews.moderation(),
    "cart removals": lambda read, account, product: read.analytics.removals(),
    "reviews by tag": lambda read, account, product: read.reviews.find(tag="tea", limit=50),
}
"""What the app's pages ask of the read models, once each per trip."""


def screens(
    read: ReadModel, account: str, product: str, each: dict[str, list[float]] | None = None
) -> None:
    """Every screen's queries once; `each` collects each screen's own time, so that the
    README can say which screens a trip's time goes to."""
    for name, show in SCREENS.items():
        started = time.perf_counter()
        show(read, account, product)
        if each is not None:
            each.setdefault(name, []).append(time.perf_counter() - started)


def _p(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(pct / 100 * len(ordered)))]


def _figures(samples: list[float]) -> dict[str, float]:
    return {
        "median_ms": statistics.median(samples) * 1000,
        "p99_ms": _p(samples, 99) * 1000,
        "runs": len(samples),
    }


def trips(path: Path, samples: int, seed: int = 5) -> dict[str, Any]:
    """Interleaved samples: now, one step back, and a uniformly random position."""
    shop = open_shop(path)
    try:
        read = shop.read
        head = read.head()
        accounts = [a.account_id for a in read.accounts.all()]
        products = [p.product_id for p in read.catalog.products(include_retired=True)]
        rng = random.Random(seed)
        # The collector's full passes over the shop's long-lived objects (its compiled
        # statements, tables and caches) took 20-100 ms and fell on 1-2% of the samples of any
        # kind at random, so a p99 measured the collector, not a trip (one step back "1.54x"
        # at 14k events on a quiet machine): those objects are set aside before sampling.
        gc.collect()
        gc.freeze()
        kinds: dict[str, Callable[[], int | None]] = {
            "now": lambda: None,
            "one step back": lambda: head - 1,
            "any position": lambda: rng.randint(1, head),
        }
        times: dict[str, list[float]] = {name: [] for name in kinds}
        each: dict[str, dict[str, list[float]]] = {name: {} for name in kinds}
        for _ in range(samples):
            account, product = rng.choice(accounts), rng.choice(products)
            for name, where in kinds.items():
                position = where()
                started = time.perf_counter()
                view = read if position is None else read.as_of(position=position)
                screens(view, account, product, each[name])
                times[name].append(time.perf_counter() - started)
        now = _figures(times["now"])
        now["screens_median_ms"] = _screen_medians(each["now"])
        result: dict[str, Any] = {"events": head, "now": now}
        for name in ("one step back", "any position"):
            figures = _figures(times[name])
            figures["screens_median_ms"] = _screen_medians(each[name])
            figures["p99_ratio_to_now"] = figures["p99_ms"] / now["p99_ms"]
            figures["median_ratio_to_now"] = figures["median_ms"] / now["median_ms"]
            result[name] = figures
        return result
    finally:
        gc.unfreeze()
        shop.close()


KEPT = 0.1  # the share of the log a retention setting keeps, in the figure below


def kept_last_tenth(path: Path) -> dict[str, Any]:
    """What a retention setting that keeps the last tenth of the log does (retention.py):
    the time a fold takes, and the storage after it (SQLite reuses the freed pages)."""
    shop = open_shop(path)
    try:
        head = shop.read.head()
        started = time.perf_counter()
        folded = fold_before(
            shop.engine, shop.projector.stored, round(head * (1 - KEPT)), datetime.now(UTC)
        )
        seconds = time.perf_counter() - started
    finally:
        shop.close()
    after = storage(path)
    return {
        "kept_share": KEPT,
        "kept_from": folded.kept_from,
        "versions_folded": folded.versions_deleted,
        "fold_s": seconds,
        "ratio_to_live": after["ratio_to_live"],
        "history_mb": after["history_mb"],
    }


def _screen_medians(each: dict[str, list[float]]) -> dict[str, float]:
    return {name: statistics.median(samples) * 1000 for name, samples in each.items()}


def storage(path: Path) -> dict[str, Any]:
    """Bytes of the live read models, and of the versions that ended with their indexes; the
    latter split into the history tables and their interval index."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT coalesce(m.tbl_name, s.name), s.name, sum(s.pgsize) FROM dbstat s "
            "LEFT JOIN sqlite_master m ON m.name = s.name GROUP BY 1, 2"
        ).fetchall()
        events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    finally:
        conn.close()
    live = history = spans = 0.0
    for table, _name, size in rows:
        if not _is_read_model(table):
            continue
        if "_history_spans" in table:  # the R*Tree's own tables
            spans += size
        elif table.endswith("_history"):  # the versions that ended, with their indexes
            history += size
        else:
            live += size
    return {
        "events": events,
        "live_mb": live / 1e6,
        "history_mb": (history + spans) / 1e6,
        "history_split_mb": {
            "versions that ended": history / 1e6,
            "the interval index (R*Tree)": spans / 1e6,
        },
        "ratio_to_live": (live + history + spans) / live if live else None,
        "history_bytes_per_event": (history + spans) / events if events else None,
    }


def _is_read_model(table: str) -> bool:
    """Projection tables are named NAME_vVERSION_TABLE (and TABLE_history, its spans)."""
    parts = table.split("_v", 1)
    return len(parts) == 2 and parts[1][:1].isdigit()


def measure(quick: bool, out: Path) -> dict[str, Any]:
    sizes = [2_000, 10_000] if quick else [10_000, 100_000, 1_000_000]
    # A p99 of 200 was the second-slowest trip: one hiccup of the machine moved it by half.
    samples = 10 if quick else 1000
    result: dict[str, Any] = {"sizes": {}}
    for size in sizes:
        source = history_db(out, size)
        with tempfile.TemporaryDirectory(dir=out) as tmp:
            db = Path(tmp) / "travel.db"
            shutil.copyfile(source, db)
            shop = open_shop(db)  # the generated store may hold read models already
            try:
                started = time.perf_counter()
                shop.projector.rebuild(shop.engine)  # every read model, history included
                build_s = time.perf_counter() - started
            finally:
                shop.close()
            figures = trips(db, samples)
            figures["build_with_history_s"] = build_s
            figures["storage"] = storage(db)
            figures["kept_last_tenth"] = kept_last_tenth(db)
        result["sizes"][str(size)] = figures
        print(
            f"   {figures['events']:,} events: now p99 {figures['now']['p99_ms']:.1f} ms; "
            f"one step back {figures['one step back']['p99_ratio_to_now']:.2f}x, any position "
            f"{figures['any position']['p99_ratio_to_now']:.2f}x (p99); storage "
            f"{figures['storage']['ratio_to_live']:.2f}x the live read models",
            flush=True,
        )
    return result


if __name__ == "__main__":
    import json
    import sys

    quick = "--quick" in sys.argv
    where = Path("benchmarks/out")
    where.mkdir(parents=True, exist_ok=True)
    print(json.dumps(measure(quick, where), indent=1))
