"""Sections on the store and its read side: loading long aggregates, commands into a long
wallet, query latency as history grows, and the projection rebuild against its floors."""

from __future__ import annotations

import statistics
from typing import Any

from benchmarks import measure
from benchmarks import measure_es as es
from benchmarks.sampling import Bench, history_db, percentile, repeat, summary


def _ms(figure: dict[str, float]) -> str:
    return f"{figure['median'] * 1000:.2f} ms"


def wallet_load_figures(b: Bench) -> dict[str, Any]:
    """Loading a wallet of 1k to 1M events, from its first event and from a snapshot."""
    wallets: dict[str, Any] = {}
    with b.scratch() as fresh:
        for size in [1_000, 10_000] if b.quick else [1_000, 10_000, 100_000, 1_000_000]:
            wallet_db = fresh()
            measure.write_long_wallet(wallet_db, size)
            cold = repeat(b.runs, lambda db=wallet_db: measure.wallet_load_seconds(db, False))
            snap = repeat(b.runs, lambda db=wallet_db: measure.wallet_load_seconds(db, True))
            wallets[str(size)] = {"without_snapshot_s": cold, "with_snapshot_s": snap}
            print(
                f"   wallet of {size:>9,} events: {cold['median'] * 1000:.1f} ms without, "
                f"{snap['median'] * 1000:.3f} ms with a snapshot"
            )
            wallet_db.unlink()
    return wallets


def wallet_commands_figures(b: Bench) -> dict[str, Any]:
    """Deposits/s into a new wallet and into one with a long history, interleaved."""
    history = 10_000 if b.quick else 100_000
    deposits = 100 if b.quick else 500
    fresh_rates, long_rates = [], []
    with b.scratch() as fresh:
        for _ in range(b.runs):  # interleaved: the machine's mood hits both alike
            fresh_rates.append(measure.wallet_deposit_rate(fresh(), 0, deposits))
            long_rates.append(measure.wallet_deposit_rate(fresh(), history, deposits))
    print(
        f"   deposits/s: new wallet {statistics.median(fresh_rates):,.0f}, wallet of "
        f"{history:,} events {statistics.median(long_rates):,.0f}"
    )
    return {
        "history_events": history,
        "new_wallet_per_s": summary(fresh_rates),
        "long_wallet_per_s": summary(long_rates),
        "ratio": statistics.median(long_rates) / statistics.median(fresh_rates),
    }


def cart_load_figures(b: Bench) -> dict[str, Any]:
    """A long cart loaded by Replay Shop and by `eventsourcing`, with and without snapshots."""
    loads: dict[str, Any] = {}
    with b.scratch() as fresh:
        for size in [1_000, 10_000] if b.quick else [1_000, 10_000, 100_000]:
            ours_db, lib_db = fresh(), fresh()
            es.write_long_cart(ours_db, size)
            row = {
                "ours_without_snapshot_s": repeat(
                    b.runs, lambda d=ours_db: es.ours_load_seconds(d, False)
                ),
                "ours_with_snapshot_s": repeat(
                    b.runs, lambda d=ours_db: es.ours_load_seconds(d, True)
                ),
                "eventsourcing_without_snapshot_s": repeat(
                    b.runs, lambda d=lib_db, n=size: es.es_load_seconds(d, n, False)
                ),
                "eventsourcing_with_snapshot_s": repeat(
                    b.runs, lambda d=lib_db, n=size: es.es_load_seconds(d, n, True)
                ),
            }
            loads[str(size)] = row
            print(
                f"   cart of {size:>7,} events: ours {_ms(row['ours_without_snapshot_s'])} / "
                f"{_ms(row['ours_with_snapshot_s'])}, eventsourcing "
                f"{_ms(row['eventsourcing_without_snapshot_s'])} / "
                f"{_ms(row['eventsourcing_with_snapshot_s'])} (without / with snapshot)"
            )
    return loads


def latency_figures(b: Bench) -> dict[str, Any]:
    """The product page and shop-wide review lookups on histories of 10k to 1M events."""
    latency: dict[str, Any] = {}
    for size in b.sizes:
        path = history_db(b.out, size)
        reviews = measure.reviews_query_latencies(path, 1000 if b.quick else 3000)
        page = measure.product_page_latencies(path, 500 if b.quick else 1000)
        row: dict[str, Any] = {
            "reviews_query_p50_ms": percentile(reviews, 50) * 1000,
            "reviews_query_p99_ms": percentile(reviews, 99) * 1000,
            "product_page_p50_ms": percentile(page, 50) * 1000,
            "product_page_p99_ms": percentile(page, 99) * 1000,
        }
        latency[str(size)] = row
        print(
            f"   {size:>9,} events: reviews p50 {row['reviews_query_p50_ms']:.3f} ms, "
            f"p99 {row['reviews_query_p99_ms']:.3f} ms; whole page p99 "
            f"{row['product_page_p99_ms']:.3f} ms"
        )
        lookups = measure.lookup_latencies(path, 300 if b.quick else 1000)
        row["lookups"] = {
            name: {"p50_ms": percentile(t, 50) * 1000, "p99_ms": percentile(t, 99) * 1000}
            for name, t in lookups.items()
        }
        print(
            "   "
            + " " * 17
            + "lookups p99: "
            + ", ".join(f"{n} {v['p99_ms']:.3f} ms" for n, v in row["lookups"].items())
        )
    return latency


def rebuild_figures(b: Bench) -> dict[str, Any]:
    """Rebuilding every read model of the biggest history, against two floors measured in the
    same rounds: reading and decoding into event objects, and reading plus `json.loads`."""
    biggest = b.biggest()
    decode: list[float] = []
    plain: list[float] = []
    rebuild: list[float] = []
    for n in range(b.runs):  # interleaved rounds; the rebuild takes longest, so fewer of it
        decode.append(measure.decode_only_events_per_second(biggest))
        plain.append(measure.json_floor_events_per_second(biggest))
        if n < max(2, b.runs - 2):
            rebuild.append(measure.rebuild_events_per_second(biggest))
    figures = {
        "events": b.sizes[-1],
        "events_per_s": summary(rebuild),
        "read_and_decode_only_events_per_s": summary(decode),
        "ratio_to_decode_only": statistics.median(rebuild) / statistics.median(decode),
        "read_and_json_loads_events_per_s": summary(plain),
        "ratio_to_json_loads": statistics.median(rebuild) / statistics.median(plain),
    }
    print(
        f"   {statistics.median(rebuild):,.0f} events/s (reading and decoding into events: "
        f"{statistics.median(decode):,.0f}/s; reading and json.loads: "
        f"{statistics.median(plain):,.0f}/s)"
    )
    return figures
