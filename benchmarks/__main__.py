"""Run the benchmarks: `python -m benchmarks [--quick] [--only SECTION,...] [--out DIR]` (also
`make bench`).

Every figure is the median of several runs with its min and max. Throughput is also given as a
ratio to a peer measured in the same rounds on the same disk, because absolute numbers on a
shared machine drift from run to run while ratios hold.

The results file is made of sections (`--list` names them). Each is written as soon as it is
measured, with the conditions it ran under (commit, date, load average at its start and end,
machine: `benchmarks/conditions.py`), into the existing file: `--only throughput,latency`
measures those two again and keeps every other section, and its own conditions, as it was.
"""

from __future__ import annotations

import argparse
import functools
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import measure, pictures, profiles, replay_stress, report_page, time_travel
from benchmarks.conditions import update_sections
from benchmarks.load_figures import load_figures
from benchmarks.plots import draw_plots
from benchmarks.sampling import Bench, percentile, repeat, summary
from benchmarks.scale_figures import scale_figures
from benchmarks.store_figures import (
    cart_load_figures,
    latency_figures,
    rebuild_figures,
    wallet_commands_figures,
    wallet_load_figures,
)
from benchmarks.throughput import throughput_figures

HERE = Path(__file__).parent


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


def recorder_cost_figures(b: Bench) -> dict[str, Any]:
    """Clicks and keys in the app's real window, with the recorder on and off."""
    from benchmarks.measure_recorder import recorder_cost

    figures = recorder_cost(1 if b.quick else 5, 20 if b.quick else 60, 40 if b.quick else 150)
    paused = figures["paused"]
    for pace, shown in (("back to back", figures), (paused["pace"], paused)):
        print(f"   {pace}:")
        for name in ("page_switch_click", "key_in_catalog_search"):
            f = shown[name]
            print(
                f"     {name.replace('_', ' ')}: recorder off "
                f"{f['recorder_off_ms']['median']:.2f} ms, "
                f"on {f['recorder_on_ms']['median']:.2f} ms ({f['ratio']:.2f}x)"
            )
    if paused["held_looks"]:
        print(
            f"     looks held in the pauses: {paused['held_looks']}, "
            f"{paused['held_look_ms']:.2f} ms each (median), off the inputs' path"
        )
    return figures


def stress_figures(b: Bench) -> dict[str, Any]:
    print("   replaying every recording under stress", flush=True)
    return replay_stress.measure(1 if b.quick else 5)  # quick: that it works, not how steady


SECTIONS: dict[str, Callable[[Bench], dict[str, Any]]] = {
    "throughput": throughput_figures,
    "wallet_load": wallet_load_figures,
    "wallet_commands": wallet_commands_figures,
    "cart_load": cart_load_figures,
    "latency": latency_figures,
    "rebuild": rebuild_figures,
    "time_travel": lambda b: time_travel.measure(b.quick, b.out),
    "read_model_change": lambda b: read_model_change_figures(b.quick, b.out, b.biggest()),
    "projector_lag": lambda b: lag_figures(b.quick, b.out),
    "recorder_cost": recorder_cost_figures,
    "recorder_and_replay": lambda b: ui_figures(b.quick, b.out, b.biggest()),
    "start": lambda b: start_figures(b.quick, b.out, b.biggest()),
    "load": lambda b: load_figures(b.quick),
    "scale": lambda b: scale_figures(b.quick, b.out),
    "report_page": lambda b: (
        report_page.measure(2, report_page.QUICK_STEPS) if b.quick else report_page.measure(5)
    ),
    "replays_identical_under_stress": stress_figures,
    "pictures": lambda b: pictures.measure(1 if b.quick else 5),
    "profiles": profiles.measure_profiles,
}


def chosen(only: str | None) -> list[str]:
    if not only:
        return list(SECTIONS)
    names = [name.strip() for name in only.split(",") if name.strip()]
    unknown = [name for name in names if name not in SECTIONS]
    if unknown or not names:
        raise SystemExit(
            f"python -m benchmarks: no section {', '.join(unknown) or '(none given)'}; "
            f"the sections are: {', '.join(SECTIONS)}"
        )
    return [name for name in SECTIONS if name in names]  # in the usual order


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument(
        "--quick", action="store_true", help="small sizes: every figure produced, in a few minutes"
    )
    parser.add_argument(
        "--only",
        metavar="SECTION,...",
        help="measure only these sections, keeping the others' figures and conditions",
    )
    parser.add_argument("--list", action="store_true", help="name the sections and stop")
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
        help="the JSON to update (default: benchmarks/results.json, "
        "or OUT/results-quick.json with --quick)",
    )
    args = parser.parse_args(argv)
    if args.list:
        print("\n".join(SECTIONS))
        return 0
    names = chosen(args.only)
    target = args.results or (
        args.out / "results-quick.json" if args.quick else HERE / "results.json"
    )
    started = time.perf_counter()
    bench = Bench(args.quick, args.out)
    bench.out.mkdir(parents=True, exist_ok=True)
    results = update_sections(
        target, args.quick, {name: functools.partial(SECTIONS[name], bench) for name in names}
    )
    plots = draw_plots(results, target.parent / ("plots-quick" if args.quick else "plots"))
    print(
        f"wrote {len(names)} section(s) into {target} and {len(plots)} plots in "
        f"{time.perf_counter() - started:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
