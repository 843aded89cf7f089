"""Run the benchmarks: `python -m benchmarks [--quick] [--out DIR]` (also `make bench`).

Every figure is the median of several runs with its min and max. Throughput is also given as a
ratio to a baseline measured in the same run on the same disk, because absolute numbers on a
shared machine drift from run to run while ratios hold.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import measure, replay_stress, report_page, time_travel
from benchmarks import measure_es as es
from benchmarks.history import generate
from benchmarks.load_figures import load_figures
from benchmarks.plots import draw_plots
from benchmarks.scale_figures import scale_figures

HERE = Path(__file__).parent
# Written by `python -m benchmarks.suite_time`, not by this run: kept when it rewrites the file.
KEPT_FROM_OTHER_RUNS = ("make_test", "make_test_runs")


def _ms(figure: dict[str, float]) -> str:
    return f"{figure['median'] * 1000:.2f} ms"


def summary(samples: list[float]) -> dict[str, float]:
    return {
        "median": statistics.median(samples),
        "min": min(samples),
        "max": max(samples),
        "runs": len(samples),
    }


def repeat(runs: int, fn: Callable[[], float]) -> dict[str, float]:
    return summary([fn() for _ in range(runs)])


PRODUCERS = (1, 4, 16)


def throughput_figures(runs: int, n: int, fresh: Callable[[], Path]) -> dict[str, Any]:
    """Commands/s against raw sqlite3 (one row per transaction, same pragmas) and against
    `eventsourcing`, in interleaved rounds: a noisy minute hits every contender alike."""
    samples: dict[str, list[float]] = {}
    extra: dict[str, list[float]] = {}

    def add(key: str, value: float, into: dict[str, list[float]] = samples) -> None:
        into.setdefault(key, []).append(value)

    for _ in range(runs):
        for sync in ("FULL", "NORMAL"):
            add(f"{sync}/raw", measure.raw_sqlite_inserts(fresh(), n, sync))
            for producers in PRODUCERS:
                result = measure.command_path(fresh(), n, sync, producers)
                add(f"{sync}/{producers}", result.commands_per_s)
                add(f"{sync}/{producers}/per_group", result.commands_per_group, extra)
                add(f"{sync}/{producers}/catch_up_s", result.catch_up_after_s, extra)
        # eventsourcing's SQLite module runs with SQLite's default, FULL
        add("FULL/eventsourcing", es.commands_per_second(fresh(), n))
    figures: dict[str, Any] = {}
    for sync in ("FULL", "NORMAL"):
        raw = summary(samples[f"{sync}/raw"])
        by_producers = {
            str(p): {
                "commands_per_s": summary(samples[f"{sync}/{p}"]),
                "commands_per_group": summary(extra[f"{sync}/{p}/per_group"]),
                "read_side_catch_up_after_s": summary(extra[f"{sync}/{p}/catch_up_s"]),
            }
            for p in PRODUCERS
        }
        ours = by_producers["1"]["commands_per_s"]
        best = max(PRODUCERS, key=lambda p: by_producers[str(p)]["commands_per_s"]["median"])
        figures[sync] = {
            "raw_sqlite_inserts_per_s": raw,
            "commands_per_s": ours,
            "ratio_to_raw": ours["median"] / raw["median"],
            "producers": by_producers,
            "best_producers": best,
            "best_ratio_to_raw": by_producers[str(best)]["commands_per_s"]["median"]
            / raw["median"],
        }
        line = f"   synchronous={sync}: raw {raw['median']:,.0f}/s; ours " + ", ".join(
            f"{p}: {by_producers[str(p)]['commands_per_s']['median']:,.0f}/s "
            f"({by_producers[str(p)]['commands_per_group']['median']:.1f}/group)"
            for p in PRODUCERS
        )
        if sync == "FULL":
            lib = summary(samples["FULL/eventsourcing"])
            figures[sync]["eventsourcing_commands_per_s"] = lib
            figures[sync]["ratio_to_eventsourcing"] = ours["median"] / lib["median"]
            best_rate = by_producers[str(best)]["commands_per_s"]["median"]
            figures[sync]["best_ratio_to_eventsourcing"] = best_rate / lib["median"]
            line += f"; eventsourcing {lib['median']:,.0f}/s"
        print(line, flush=True)
    return figures


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def history_db(out: Path, events: int) -> Path:
    """A generated store of about `events` events, kept between runs (it takes a while)."""
    path = out / f"history-{events}.db"
    if not path.exists():
        print(f"  generating a {events:,}-event history ...", flush=True)
        generate(path, events)
    return path


def run(quick: bool, out: Path) -> dict[str, Any]:
    out.mkdir(parents=True, exist_ok=True)
    runs = 3 if quick else 5
    n_commands = 300 if quick else 2000
    sizes = [10_000] if quick else [10_000, 100_000, 1_000_000]
    results: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "processor": platform.processor() or platform.machine(),
            "cores": os.cpu_count(),
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        },
        "quick": quick,
    }
    with tempfile.TemporaryDirectory(dir=out) as tmp_dir:
        tmp = Path(tmp_dir)
        counter = iter(range(10**6))

        def fresh() -> Path:
            return tmp / f"run-{next(counter)}.db"

        print("1. command throughput (interleaved rounds, 1/4/16 producers)", flush=True)
        results["throughput"] = throughput_figures(runs, n_commands, fresh)

        print("2. loading a long-lived aggregate, with and without a snapshot", flush=True)
        wallets: dict[str, Any] = {}
        for size in [1_000, 10_000] if quick else [1_000, 10_000, 100_000, 1_000_000]:
            wallet_db = fresh()
            measure.write_long_wallet(wallet_db, size)
            cold = repeat(runs, lambda db=wallet_db: measure.wallet_load_seconds(db, False))
            snap = repeat(runs, lambda db=wallet_db: measure.wallet_load_seconds(db, True))
            wallets[str(size)] = {"without_snapshot_s": cold, "with_snapshot_s": snap}
            print(
                f"   wallet of {size:>9,} events: {cold['median'] * 1000:.1f} ms without, "
                f"{snap['median'] * 1000:.3f} ms with a snapshot"
            )
            wallet_db.unlink()
        results["wallet_load"] = wallets
        history = 10_000 if quick else 100_000
        deposits = 100 if quick else 500
        fresh_rates, long_rates = [], []
        for _ in range(runs):  # interleaved: the machine's mood hits both alike
            fresh_rates.append(measure.wallet_deposit_rate(fresh(), 0, deposits))
            long_rates.append(measure.wallet_deposit_rate(fresh(), history, deposits))
        results["wallet_commands"] = {
            "history_events": history,
            "new_wallet_per_s": summary(fresh_rates),
            "long_wallet_per_s": summary(long_rates),
            "ratio": statistics.median(long_rates) / statistics.median(fresh_rates),
        }
        print(
            f"   deposits/s: new wallet {statistics.median(fresh_rates):,.0f}, wallet of "
            f"{history:,} events {statistics.median(long_rates):,.0f}"
        )
        loads: dict[str, Any] = {}
        for size in [1_000, 10_000] if quick else [1_000, 10_000, 100_000]:
            ours_db, lib_db = fresh(), tmp / f"es-cart-{size}.db"
            es.write_long_cart(ours_db, size)
            row = {
                "ours_without_snapshot_s": repeat(
                    runs, lambda d=ours_db: es.ours_load_seconds(d, False)
                ),
                "ours_with_snapshot_s": repeat(
                    runs, lambda d=ours_db: es.ours_load_seconds(d, True)
                ),
                "eventsourcing_without_snapshot_s": repeat(
                    runs, lambda d=lib_db, n=size: es.es_load_seconds(d, n, False)
                ),
                "eventsourcing_with_snapshot_s": repeat(
                    runs, lambda d=lib_db, n=size: es.es_load_seconds(d, n, True)
                ),
            }
            loads[str(size)] = row
            print(
                f"   cart of {size:>7,} events: ours {_ms(row['ours_without_snapshot_s'])} / "
                f"{_ms(row['ours_with_snapshot_s'])}, eventsourcing "
                f"{_ms(row['eventsourcing_without_snapshot_s'])} / "
                f"{_ms(row['eventsourcing_with_snapshot_s'])} (without / with snapshot)"
            )
        results["cart_load"] = loads

    print("3. product page latency as history grows", flush=True)
    latency: dict[str, Any] = {}
    for size in sizes:
        path = history_db(out, size)
        reviews = measure.reviews_query_latencies(path, 1000 if quick else 3000)
        page = measure.product_page_latencies(path, 500 if quick else 1000)
        latency[str(size)] = {
            "reviews_query_p50_ms": percentile(reviews, 50) * 1000,
            "reviews_query_p99_ms": percentile(reviews, 99) * 1000,
            "product_page_p50_ms": percentile(page, 50) * 1000,
            "product_page_p99_ms": percentile(page, 99) * 1000,
        }
        row = latency[str(size)]
        print(
            f"   {size:>9,} events: reviews p50 {row['reviews_query_p50_ms']:.3f} ms, "
            f"p99 {row['reviews_query_p99_ms']:.3f} ms; whole page p99 "
            f"{row['product_page_p99_ms']:.3f} ms"
        )
        lookups = measure.lookup_latencies(path, 300 if quick else 1000)
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
    results["latency"] = latency

    print("4. projection rebuild", flush=True)
    biggest = history_db(out, sizes[-1])
    floor = repeat(runs, lambda: measure.decode_only_events_per_second(biggest))
    rebuild = repeat(max(2, runs - 2), lambda: measure.rebuild_events_per_second(biggest))
    results["rebuild"] = {
        "events": sizes[-1],
        "events_per_s": rebuild,
        "read_and_decode_only_events_per_s": floor,
        "ratio_to_decode_only": rebuild["median"] / floor["median"],
    }
    print(
        f"   {rebuild['median']:,.0f} events/s (reading and decoding alone: "
        f"{floor['median']:,.0f}/s)"
    )
    print("4a. time travel in place", flush=True)
    results["time_travel"] = time_travel.measure(quick, out)
    results["read_model_change"] = read_model_change_figures(quick, out, biggest)
    results["projector_lag"] = lag_figures(quick, out)
    results["recorder_and_replay"] = ui_figures(quick, out, biggest)
    results["start"] = start_figures(quick, out, biggest)
    results["load"] = load_figures(quick)
    results["scale"] = scale_figures(quick, out)
    results["report_page"] = report_page.measure(2 if quick else 5)
    results["pictures"] = __import__("benchmarks.pictures").pictures.measure(1 if quick else 5)
    print("replaying every recording under stress", flush=True)
    times = 1 if quick else 5  # quick: that it works, not how steady it is
    results["replays_identical_under_stress"] = replay_stress.measure(times)
    return results


def read_model_change_figures(quick: bool, out: Path, big_store: Path) -> dict[str, Any]:
    """Roll out, roll back, retire a read-model version on a copy of the biggest store."""
    print("4c. changing a read model (review_lookups v1 -> newest -> v1)", flush=True)
    with tempfile.TemporaryDirectory(dir=out) as tmp_dir:
        db = Path(tmp_dir) / "change.db"
        shutil.copyfile(big_store, db)
        figures = measure.read_model_change(db, 1_000 if quick else 10_000)
    new = f"v{figures['new_version']}"
    print(
        f"   {figures['events']:,} events: roll out {new} {figures['rollout_build_s']:.1f} s "
        f"build + {figures['rollout_catch_up_s']:.2f} s catch-up; roll back to v1 after "
        f"{figures['appended']:,} commands {figures['rollback_catch_up_s']:.2f} s; "
        f"v1 {figures['v1_mb']:.0f} MB, {new} {figures['new_mb']:.0f} MB; drop {new} "
        f"{figures['drop_s']:.2f} s"
    )
    return figures


LAG_RATES = (500, 2000, 4000)


def lag_figures(quick: bool, out: Path) -> dict[str, Any]:
    """How long after its acknowledgement a command is in the read models, at steady rates."""
    print("4b. projector lag under a steady command rate", flush=True)
    figures: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(dir=out) as tmp_dir:
        for rate in LAG_RATES:
            lags = measure.projector_lag_ms(
                Path(tmp_dir) / f"lag-{rate}.db", rate, 1 if quick else 5
            )
            figures[str(rate)] = {
                "commands": len(lags),
                "p50_ms": percentile(lags, 50),
                "p99_ms": percentile(lags, 99),
            }
            print(
                f"   {rate:,} commands/s: lag p50 {percentile(lags, 50):.2f} ms, "
                f"p99 {percentile(lags, 99):.2f} ms"
            )
    return figures


def start_figures(quick: bool, out: Path, big_store: Path) -> dict[str, Any]:
    """Process start to the first shown window: `make run` against the bundle, in one run."""
    from benchmarks import measure_start

    print("6. app start to the first window", flush=True)
    figures: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(dir=out) as tmp_dir:
        stores = {"empty": Path(tmp_dir) / "empty.db", "history": Path(tmp_dir) / "history.db"}
        shutil.copyfile(big_store, stores["history"])
        measure_start.start_seconds([sys.executable, "-m", "app.cli.main"], stores["history"])
        for label, command in measure_start.commands().items():
            for store, db in stores.items():
                took = repeat(
                    2 if quick else 5, lambda c=command, d=db: measure_start.start_seconds(c, d)
                )
                figures[f"{label}, {store} store"] = took
                print(f"   {label}, {store} store: {took['median']:.2f} s")
    figures["history_store_events"] = (
        sqlite3.connect(big_store).execute("SELECT max(position) FROM events").fetchone()[0]
    )
    return figures


def ui_figures(quick: bool, out: Path, big_store: Path) -> dict[str, Any]:
    from benchmarks import measure_ui as ui

    runs = 3 if quick else 5
    figures: dict[str, Any] = {}
    print("5. recorder and replay", flush=True)
    overhead = repeat(runs, lambda: ui.recorder_overhead_us(500 if quick else 2000))
    figures["recorder_overhead_us_per_event"] = overhead
    print(f"   recorder: {overhead['median']:.1f} us of GUI-thread time per UI event")
    speed = repeat(1 if quick else 3, ui.replay_events_per_second)
    figures["replay_ui_events_per_s"] = speed
    print(f"   replay, as fast as possible: {speed['median']:,.0f} UI events/s")
    errors = ui.real_time_errors_ms()
    figures["real_time_gap_error_ms"] = {
        "median": percentile(errors, 50),
        "p95": percentile(errors, 95),
        "max": max(errors),
    }
    print(
        f"   real-time replay: gap error median {percentile(errors, 50):.1f} ms, "
        f"p95 {percentile(errors, 95):.1f} ms"
    )
    with tempfile.TemporaryDirectory(dir=out) as tmp_dir:
        tmp = Path(tmp_dir)
        long_file = ui.long_recording(200 if quick else 500, tmp / "long.shoprec")
        seeks = [ui.seek_seconds(long_file) for _ in range(runs)]
        figures["seek_s"] = {
            "ui_events": len(ui.load_recording(long_file).ui_events),
            "to_end": summary([s[0] for s in seeks]),
            "back_to_middle": summary([s[1] for s in seeks]),
        }
        print(
            f"   seek over {figures['seek_s']['ui_events']} UI events: to the end "
            f"{figures['seek_s']['to_end']['median']:.2f} s, back to the middle "
            f"{figures['seek_s']['back_to_middle']['median']:.2f} s"
        )
        # About 150 and 1,000 UI events (two per click): the sizes the budget is set for.
        figures["shrink_sizes"] = []
        for clicks in (15, 30) if quick else (75, 500):
            shrink = ui.shrink_figures(clicks, 1 if quick else 3, tmp)
            figures["shrink_sizes"].append(shrink)
            print(
                f"   shrink a {shrink['ui_events']}-UI-event recording failing at its end: "
                f"{shrink['seconds']:.1f} s, {shrink['replays']:.0f} replays, "
                f"{shrink['kept_ui_events']:.0f} UI events kept "
                f"({shrink['ratio_to_one_replay']:.1f} x one replay of it)"
            )
        sizes = ui.export_sizes(100, 400 if quick else 1000, tmp)
        figures["export"] = sizes
        print(f"   export: {sizes['bytes_per_ui_event']:.0f} bytes per UI event")
        thirty = ui.thirty_minute_export_bytes(big_store, tmp, 600 if quick else 4500)
        figures["thirty_minute_session"] = thirty
        print(
            f"   a {thirty['ui_events']:,}-UI-event session on a {thirty['store_events']:,}-"
            f"event store exports to {thirty['bytes'] / 1e6:.2f} MB "
            f"({thirty['start_events']:,} start events)"
        )
    if not quick:  # `make test` replays every recording anyway
        check_time = ui.check_wall_time_s()
        figures["check_recordings_wall_s"] = check_time
        print(f"   replaying all of recordings/: {check_time:.1f} s")
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument(
        "--quick", action="store_true", help="small sizes: every figure produced, in a few minutes"
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=HERE / "out",
        help="work folder for generated stores (default: benchmarks/out)",
    )
    parser.add_argument(
        "--results",
        type=Path,
        default=None,
        help="where to write the JSON (default: benchmarks/results.json, "
        "or OUT/results-quick.json with --quick)",
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    results = run(args.quick, args.out)
    results["wall_time_s"] = time.perf_counter() - started
    target = args.results or (
        args.out / "results-quick.json" if args.quick else HERE / "results.json"
    )
    if target.exists() and not args.quick:  # `make test`'s timings come from suite_time
        kept = json.loads(target.read_text())
        results |= {key: kept[key] for key in KEPT_FROM_OTHER_RUNS if key in kept}
    target.write_text(json.dumps(results, indent=2) + "\n")
    plots = draw_plots(results, target.parent / ("plots-quick" if args.quick else "plots"))
    print(f"wrote {target} and {len(plots)} plots in {results['wall_time_s']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
