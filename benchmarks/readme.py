"""The README's performance figures, written from `benchmarks/results.json` by code.

`make bench` runs this after measuring; `python -m benchmarks.readme` runs it alone. The block
between the two markers in the README is replaced; a test checks that it matches the JSON,
so no figure in the README lacks a file behind it.
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
README = HERE.parent / "README.md"
RESULTS = HERE / "results.json"
START = "<!-- figures from benchmarks/results.json: python -m benchmarks.readme -->"
END = "<!-- end of figures -->"


def _size(events: str | int) -> str:
    n = int(events)
    return f"{n // 1_000_000}M" if n >= 1_000_000 else f"{n // 1000}k"


def _n(value: float) -> str:
    return f"{value:,.0f}"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f}" if seconds < 0.01 else f"{seconds * 1000:,.0f}"


def _rows(r: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    rows: list[tuple[str, str, str, str]] = []
    full, normal = r["throughput"]["FULL"], r["throughput"]["NORMAL"]
    rows.append(
        (
            "commands/s, full path, `synchronous=FULL` (the default)",
            f"{_n(full['commands_per_s']['median'])} /s",
            f"raw sqlite3 single-row inserts, one transaction each: "
            f"{_n(full['raw_sqlite_inserts_per_s']['median'])} /s",
            f"**{full['ratio_to_raw']:.2f}** of raw",
        )
    )
    if "eventsourcing_commands_per_s" in full:
        rows.append(
            (
                "same workload through the `eventsourcing` library (SQLite, FULL)",
                "",
                f"{_n(full['eventsourcing_commands_per_s']['median'])} /s",
                f"**{full['ratio_to_eventsourcing']:.1f}×** eventsourcing",
            )
        )
    rows.append(
        (
            "commands/s, `synchronous=NORMAL`",
            f"{_n(normal['commands_per_s']['median'])} /s",
            f"raw sqlite3: {_n(normal['raw_sqlite_inserts_per_s']['median'])} /s",
            f"{normal['ratio_to_raw']:.2f} of raw",
        )
    )
    for sync in ("FULL", "NORMAL"):
        producers = r["throughput"][sync].get("producers")
        if not producers:
            continue  # a run from before group commit
        raw = r["throughput"][sync]["raw_sqlite_inserts_per_s"]["median"]
        best = str(r["throughput"][sync]["best_producers"])
        rows.append(
            (
                f"commands/s with 1 / 4 / 16 producer threads, `{sync}` (group commit)",
                " / ".join(
                    f"{_n(producers[p]['commands_per_s']['median'])}"
                    for p in sorted(producers, key=int)
                )
                + " /s; commands per group "
                + " / ".join(
                    f"{producers[p]['commands_per_group']['median']:.1f}"
                    for p in sorted(producers, key=int)
                ),
                f"raw sqlite3: {_n(raw)} /s",
                f"best ({best}): {r['throughput'][sync]['best_ratio_to_raw']:.2f} of raw"
                + (
                    f", {r['throughput'][sync]['best_ratio_to_eventsourcing']:.1f}× eventsourcing"
                    if "best_ratio_to_eventsourcing" in r["throughput"][sync]
                    else ""
                ),
            )
        )
    lag = r.get("projector_lag")
    if lag:
        rows.append(
            (
                "read side behind a command (projector lag), p50 / p99",
                " · ".join(
                    f"{_n(int(rate))}/s: {v['p50_ms']:.1f} / {v['p99_ms']:.1f} ms"
                    for rate, v in sorted(lag.items(), key=lambda kv: int(kv[0]))
                ),
                "",
                "",
            )
        )
    carts = r["cart_load"]
    sizes = sorted(carts, key=int)
    label = " / ".join(_size(s) for s in sizes)
    ours = " / ".join(_ms(carts[s]["ours_without_snapshot_s"]["median"]) for s in sizes)
    theirs = " / ".join(_ms(carts[s]["eventsourcing_without_snapshot_s"]["median"]) for s in sizes)
    rows.append(
        (
            f"loading a cart of {label} events, no snapshot",
            f"{ours} ms",
            f"eventsourcing: {theirs} ms",
            "",
        )
    )
    ours = " / ".join(_ms(carts[s]["ours_with_snapshot_s"]["median"]) for s in sizes)
    theirs = " / ".join(_ms(carts[s]["eventsourcing_with_snapshot_s"]["median"]) for s in sizes)
    rows.append(("the same with a snapshot", f"{ours} ms", f"eventsourcing: {theirs} ms", ""))
    wallet = r["wallet_load"]
    if "events" in wallet:  # a run from before wallets kept only their balance
        rows.append(
            (
                f"wallet of {_n(wallet['events'])} events, without / with snapshot",
                f"{_ms(wallet['without_snapshot_s']['median'])} / "
                f"{_ms(wallet['with_snapshot_s']['median'])} ms",
                "",
                f"{wallet['speedup']:.0f}×",
            )
        )
    else:
        sizes_w = sorted(wallet, key=int)
        label_w = " / ".join(_size(s) for s in sizes_w)
        cold = " / ".join(_ms(wallet[s]["without_snapshot_s"]["median"]) for s in sizes_w)
        snap = " / ".join(_ms(wallet[s]["with_snapshot_s"]["median"]) for s in sizes_w)
        rows.append((f"loading a wallet of {label_w} events, no snapshot", f"{cold} ms", "", ""))
        rows.append(("the same with a snapshot", f"{snap} ms", "", ""))
    deposits = r.get("wallet_commands")
    if deposits:
        rows.append(
            (
                f"deposits/s into a wallet of {_n(deposits['history_events'])} events",
                f"{_n(deposits['long_wallet_per_s']['median'])} /s",
                f"into a new wallet: {_n(deposits['new_wallet_per_s']['median'])} /s",
                f"{deposits['ratio']:.2f}",
            )
        )
    latency = r["latency"]
    rows.append(
        (
            '"reviews of one product", p50 / p99',
            " · ".join(
                f"{_size(s)}: {v['reviews_query_p50_ms']:.2f} / {v['reviews_query_p99_ms']:.2f} ms"
                for s, v in sorted(latency.items(), key=lambda kv: int(kv[0]))
            ),
            "",
            "",
        )
    )
    if all("lookups" in v for v in latency.values()):
        for name in ("tag", "author", "date", "newest"):
            rows.append(
                (
                    f"reviews by {name} across the shop, p99"
                    if name != "newest"
                    else "newest reviews across the shop, p99",
                    " · ".join(
                        f"{_size(s)}: {v['lookups'][name]['p99_ms']:.2f} ms"
                        for s, v in sorted(latency.items(), key=lambda kv: int(kv[0]))
                    ),
                    "",
                    "",
                )
            )
    rows.extend(_travel_rows(r.get("time_travel")))
    rebuild = r["rebuild"]
    rows.append(
        (
            f"projection rebuild, {_n(rebuild['events'])} events",
            f"{_n(rebuild['events_per_s']['median'])} events/s",
            f"reading and decoding alone: "
            f"{_n(rebuild['read_and_decode_only_events_per_s']['median'])} /s",
            f"{rebuild['ratio_to_decode_only']:.2f}",
        )
    )
    ui = r["recorder_and_replay"]
    rows.append(
        (
            "recorder: GUI-thread time per recorded UI event",
            f"{ui['recorder_overhead_us_per_event']['median']:.0f} µs",
            "",
            "",
        )
    )
    rows.append(
        (
            "replay, headless, as fast as possible",
            f"{_n(ui['replay_ui_events_per_s']['median'])} UI events/s",
            "",
            "",
        )
    )
    gaps = ui["real_time_gap_error_ms"]
    rows.append(
        (
            "replay in real time: error of each gap between steps",
            f"median {gaps['median']:.1f} ms, p95 {gaps['p95']:.1f} ms",
            "",
            "",
        )
    )
    seek = ui["seek_s"]
    rows.append(
        (
            f"viewer seek over a {_n(seek['ui_events'])}-event recording",
            f"to the end {seek['to_end']['median']:.2f} s, back to the middle "
            f"{seek['back_to_middle']['median']:.2f} s",
            "",
            "",
        )
    )
    for shrink in ui.get("shrink_sizes") or ([ui["shrink"]] if "shrink" in ui else []):
        rows.append(
            (
                f"shrink a {_n(shrink['ui_events'])}-UI-event recording that fails at its end",
                f"{shrink['seconds']:.1f} s, {shrink['replays']:.0f} replays, "
                f"{shrink['kept_ui_events']:.0f} UI events kept",
                f"one replay of it: {shrink['one_replay_s']:.1f} s",
                f"{shrink['ratio_to_one_replay']:.1f}",
            )
        )
    stressed = r.get("replays_identical_under_stress")
    if stressed:
        counts = stressed["identical"]
        short = [f"{name} {n}/{stressed['of']}" for name, n in counts.items() if n < stressed["of"]]
        rows.append(
            (
                f"every committed recording replayed {stressed['of']} times each, with "
                f"{stressed['busy_processes']} busy processes loading the machine (load "
                f"{stressed['load_average_during']}; {stressed['date']}, commit "
                f"{stressed['commit']})",
                f"{stressed['rate']:.0%} identical ({len(counts)} recordings"
                + (f"; not always: {', '.join(short)}" if short else "")
                + ")",
                "",
                "",
            )
        )
    start = r.get("start", {})
    if start:
        rows.append(
            (
                "process start to first window",
                " · ".join(
                    f"{name}: {v['median']:.2f} s"
                    for name, v in start.items()
                    if isinstance(v, dict) and "median" in v
                ),
                "",
                "",
            )
        )
    rows.append(
        (
            "`replayshop check recordings/`",
            f"{ui['check_recordings_wall_s']:.1f} s",
            "",
            "",
        )
    )
    return rows


def _targets(r: dict[str, Any]) -> list[str]:
    """Issue #14's targets against this run: met, or by how much they are missed."""
    full, normal = r["throughput"]["FULL"], r["throughput"]["NORMAL"]
    if "producers" not in full or "time_travel" not in r:
        return []

    def verdict(value: float, target: float, unit: str, higher: bool = True) -> str:
        shown = f"{value:,.0f}" if value >= 100 else f"{value:.2f}"
        if value >= target if higher else value <= target:
            return f"**met**: {shown} {unit}"
        factor = target / value if higher else value / target
        return f"**missed** by {factor:.1f}×: {shown} {unit}"

    best_full = full["producers"][str(full["best_producers"])]["commands_per_s"]["median"]
    per_command_normal = (
        normal["commands_per_s"]["median"] / normal["raw_sqlite_inserts_per_s"]["median"]
    )
    travel = r["time_travel"]["from_images_s"]
    worst_trip = max(v["median"] for v in travel.values())
    lookups = [
        v["lookups"][name]["p99_ms"]
        for v in r["latency"].values()
        if "lookups" in v
        for name in v["lookups"]
    ]
    return [
        "Targets of issue #14 in this run:",
        "",
        f"- ≥ 7,000 commands/s under FULL with concurrent producers: "
        f"{verdict(best_full, 7000, 'commands/s')}",
        f"- ≥ 0.4 of raw single-row transactions under NORMAL, per command: "
        f"{verdict(per_command_normal, 0.4, 'of raw')}",
        f"- ≥ 5× `eventsourcing` (10× the goal): "
        f"{verdict(full.get('best_ratio_to_eventsourcing', 0), 5, '×')}",
        f"- rebuild ≥ 100,000 events/s: "
        f"{verdict(r['rebuild']['events_per_s']['median'], 100_000, 'events/s')}",
        f"- time travel, one step back from now ≤ 0.2 s: "
        f"{verdict(travel['one step back']['median'], 0.2, 's', higher=False)}",
        f"- time travel, any past position ≤ 1 s: "
        f"{verdict(worst_trip, 1.0, 's at worst', higher=False)}",
        f"- lookups by author, tag and date, p99 ≤ 1 ms from 10k to 1M events: "
        f"{verdict(max(lookups), 1.0, 'ms at worst', higher=False)}",
        "",
    ]


def render(results: dict[str, Any]) -> str:
    machine = results["machine"]
    when = results.get("date", "date not recorded")
    load = machine.get("load_average_at_start")
    conditions = (
        f"Run of {when}{' (quick)' if results.get('quick') else ''} on {machine['platform']}, "
        f"Python {machine['python']}"
        + (f", {machine['cores']} cores" if machine.get("cores") else "")
        + (f", load average {load[0]:.2f} at start" if load else "")
        + f"; the whole run took {results.get('wall_time_s', 0) / 60:.0f} minutes."
    )
    lines = [
        START,
        "",
        conditions + " Medians; ratios are against baselines measured in the same run.",
        "",
        "| what | Replay Shop | baseline in the same run | ratio |",
        "|---|---|---|---|",
        *(f"| {a} | {b} | {c} | {d} |" for a, b, c, d in _rows(results)),
        "",
        *_targets(results),
        END,
    ]
    return "\n".join(lines)


CHANGE_START = "<!-- read-model change figures from benchmarks/results.json -->"
CHANGE_END = "<!-- end of read-model change figures -->"


def render_change(results: dict[str, Any]) -> str:
    """The measured cost of each step of "Changing a read model"."""
    change = results.get("read_model_change")
    if not change:
        return f"{CHANGE_START}\n\n(not measured in this run)\n\n{CHANGE_END}"
    when = results.get("date", "date not recorded")
    # Runs before review_lookups v3 measured v2 under the key v2_mb.
    new = f"v{change.get('new_version', 2)}"
    new_mb = change.get("new_mb", change.get("v2_mb", 0.0))
    return "\n".join(
        [
            CHANGE_START,
            "",
            f"Measured by `make bench` ({when}) on a store of {_n(change['events'])} events, "
            f"rolling review_lookups from v1 to {new} and back:",
            "",
            "| step | took | size |",
            "|---|---|---|",
            f"| roll out {new}: build beside v1 from all history | "
            f"{change['rollout_build_s']:.1f} s | {new}: {new_mb:.0f} MB |",
            f"| roll out {new}: catch up with the head and switch | "
            f"{change['rollout_catch_up_s']:.2f} s | |",
            f"| roll back to v1 after {_n(change['appended'])} more commands: catch up and "
            f"record the choice | {change['rollback_catch_up_s']:.2f} s | v1: "
            f"{change['v1_mb']:.0f} MB |",
            f"| retire {new} | {change['drop_s']:.2f} s | {change['freed_mb']:.0f} MB freed |",
            "",
            CHANGE_END,
        ]
    )


LOAD_START = "<!-- many-clients figures from benchmarks/results.json -->"
LOAD_END = "<!-- end of many-clients figures -->"
LOAD_TARGET = 7_000  # commands/s from PostgreSQL at 16 clients (issue #15)


def render_load(results: dict[str, Any]) -> str:
    """`benchmarks.load` on both stores at 1, 4 and 16 client processes."""
    load = results.get("load")
    if not load:
        return f"{LOAD_START}\n\n(not measured in this run)\n\n{LOAD_END}"
    c = load["conditions"]
    runs = load["runs"]
    lines = [
        LOAD_START,
        "",
        f"Measured by `make bench` (its many-clients part, `python -m benchmarks.load_figures`; "
        f"{c['date']}, {c['cores']} cores, load average "
        f"{c['load_average_at_start'][0]} at start): `benchmarks.load` for "
        f"{c['seconds_per_run']:.0f} s per run, medians of {c['rounds']} interleaved rounds, "
        "each on a fresh database. PostgreSQL runs as shipped (fsync on), SQLite with "
        "synchronous=FULL.",
        "",
        "| store | clients | commands/s | p50 latency | p99 latency | projector lag p99 | lost |",
        "|---|---|---|---|---|---|---|",
    ]
    for key, r in runs.items():
        store, clients = key.split("/")
        lines.append(
            f"| {store} | {clients} | {_n(r['commands_per_s'])} | {r['latency_p50_ms']:.1f} ms "
            f"| {r['latency_p99_ms']:.1f} ms | {r['projector_lag_p99_ms']:.0f} ms | "
            f"{r['lost']} |"
        )
    pg16 = runs.get("postgresql/16")
    if pg16:
        rate = pg16["commands_per_s"]
        verdict = "met" if rate >= LOAD_TARGET else f"missed ({rate / LOAD_TARGET:.2f} of it)"
        lines += [
            "",
            f"Target: PostgreSQL at 16 clients ≥ {_n(LOAD_TARGET)} commands/s: {verdict}.",
        ]
    lines += _lag_note(runs)
    return "\n".join([*lines, *_load_diagnosis(load.get("diagnosis")), "", LOAD_END])


def _lag_note(runs: dict[str, Any]) -> list[str]:
    """Why the projector lag column is what it is, from the same rows."""
    pg = [runs.get(f"postgresql/{n}") for n in (1, 4)]
    lite = runs.get("sqlite/1")
    if not all(pg) or not lite:
        return []
    one, four = pg
    assert one is not None and four is not None
    return [
        "",
        "The projector lag column is one follower keeping every read model, in the load's own "
        "process. On PostgreSQL it wakes on NOTIFY but applies each row in its own round trip: "
        f"at {_n(one['commands_per_s'])} commands/s its p99 was "
        f"{one['projector_lag_p99_ms']:.0f} ms, at {_n(four['commands_per_s'])} "
        f"{four['projector_lag_p99_ms']:.0f} ms, because past what it can apply it falls "
        "behind; `replayshop projector --only` processes share the work. On a SQLite file the "
        "follower finds other processes' events by a 0.5 s poll and takes the one write lock "
        f"in turn with the writers ({lite['projector_lag_p99_ms']:.0f} ms at 1 client); the app "
        "itself is one process per file, where read-your-writes applies its own commands at once.",
    ]


def _load_diagnosis(d: dict[str, Any] | None) -> list[str]:
    """What limits PostgreSQL on this machine, from the same run's figures."""
    if not d:
        return []
    backends = d["backends_at_16_clients"]
    waiting = backends.get("active / Lock / advisory", 0.0)
    idle = backends.get("idle in transaction / Client / ClientRead", 0.0)
    busy = sum(v for k, v in backends.items() if k.startswith("active") and "Lock" not in k)
    off = d["fsync_off_commands_per_s"]
    return [
        "",
        f"What limits it here: at 16 clients ({_n(d['commands_per_s_16'])} commands/s in that "
        f"run), sampling `pg_stat_activity` every 10 ms found on average {waiting:.1f} backends "
        f"queued for the chain's head lock, {idle:.1f} inside a transaction waiting for their "
        f"own Python client's next statement, and {busy:.2f} doing work. The server is nearly "
        "idle. The append is already one server-side call "
        "(`domain/eventstore/pg_append.py`: the head lock, the version checks, the chain's "
        "hashes and the inserts), but the lock lasts "
        "until COMMIT, which the client sends once its process, sharing 2 cores with 15 "
        f"others, runs again. With fsync off, 1 client ran {_n(off['1'])} and 16 clients "
        f"{_n(off['16'])} commands/s: the disk is not the limit. What would lift it: sending "
        "the COMMIT with the append (one round trip under the lock), or positions and hashes "
        "assigned at COMMIT by the server; more cores for the clients; and, past one server, "
        "one chain per partition (docs/architecture.md).",
    ]


SCALE_START = "<!-- scale figures from benchmarks/results.json -->"
SCALE_END = "<!-- end of scale figures -->"
BILLION = 1_000_000_000


def render_scale(results: dict[str, Any]) -> str:
    """Measured rates and sizes, and what they make of a billion events (architecture.md)."""
    scale = results.get("scale")
    if not scale:
        return f"{SCALE_START}\n\n(not measured in this run)\n\n{SCALE_END}"
    rows = []
    for name in ("sqlite", "postgresql"):
        s = scale[name]
        rebuild_h = BILLION / s["rebuild_events_per_s"] / 3600
        verify_h = BILLION / s["verify_events_per_s"] / 3600
        rows.append(
            f"| {name} | {_n(s['rebuild_events_per_s'])}/s | {rebuild_h:.1f} h | "
            f"{_n(s['verify_events_per_s'])}/s | {verify_h:.1f} h | {s['bytes_per_event']:.0f} B | "
            f"{s['bytes_per_event'] * BILLION / 1e12:.2f} TB |"
        )
    return "\n".join(
        [
            SCALE_START,
            "",
            f"Measured by `make bench` (`python -m benchmarks.scale_figures`, {scale['date']}) on "
            f"one history of {_n(scale['sqlite']['events'])} events, loaded into both stores, "
            "then scaled linearly to 10⁹ events (one core, one process, as measured):",
            "",
            "| store | rebuild all read models | at 10⁹ | verify the chain | at 10⁹ | "
            "per event, indexes included | 10⁹ events |",
            "|---|---|---|---|---|---|---|",
            *rows,
            "",
            SCALE_END,
        ]
    )


def _replace(text: str, start: str, end: str, block: str) -> str:
    head, found, rest = text.partition(start)
    if not found:
        return text
    _, _, tail = rest.partition(end)
    return head + block + tail


SUITE_START = "<!-- make test time from benchmarks/results.json -->"
SUITE_END = "<!-- end of make test time -->"
SUITE_TARGET_S = 360  # make test from a fresh clone on an idle 2-core machine (issue #28)


def render_suite(results: dict[str, Any]) -> str:
    """`python -m benchmarks.suite_time`: `make test` from a fresh clone, set-up included,
    and how the recent runs went, idle and under stress."""
    suite = results.get("make_test")
    if not suite:
        return f"{SUITE_START}\n\n(not measured yet)\n\n{SUITE_END}"
    minutes, seconds = divmod(suite["seconds"], 60)
    verdict = "under" if suite["seconds"] <= SUITE_TARGET_S else "over"
    lines = [
        SUITE_START,
        "",
        f"`make test` from a fresh clone took {minutes} min {seconds:02d} s on "
        f"{suite['date']} ({suite['cores']} cores, load average "
        f"{suite['load_average_at_start']} at start, commit {suite['commit']}): set-up, "
        f"linters and {suite['passed']} tests in {suite['pytest_seconds']} s; "
        f"{verdict} the {SUITE_TARGET_S // 60} minutes aimed at. Measured by "
        "`python -m benchmarks.suite_time`.",
    ]
    runs = [r for r in results.get("make_test_runs", []) if r.get("commit") == suite["commit"]]
    if runs:
        lines += ["", _suite_runs(runs, suite["commit"])]
    return "\n".join([*lines, "", SUITE_END])


def _suite_runs(runs: list[dict[str, Any]], commit: str) -> str:
    """One sentence on every run of the same commit: green or not, idle or busy, how long."""
    parts = []
    for stressed in (False, True):
        group = [r for r in runs if bool(r["busy_processes"]) == stressed]
        if not group:
            continue
        green = sum(r["green"] for r in group)
        times = sorted(r["seconds"] for r in group)
        median = statistics.median(times)
        where = (
            f"with {group[0]['busy_processes']} busy processes loading the machine"
            if stressed
            else "on an otherwise idle machine"
        )
        parts.append(
            f"{green} of {len(group)} green {where} (median {median / 60:.1f} min, "
            f"slowest {times[-1] / 60:.1f} min)"
        )
    return (
        f"Fresh-clone runs of commit {commit}: {'; '.join(parts)} "
        "(`python -m benchmarks.suite_time --runs N [--stress]`)."
    )


REPORT_START = "<!-- report page figures from benchmarks/results.json -->"
REPORT_END = "<!-- end of report page figures -->"


def render_report_page(results: dict[str, Any]) -> str:
    """`python -m benchmarks.report_page` (and `make bench`): writing and opening the page."""
    page = results.get("report_page")
    if not page:
        return f"{REPORT_START}\n\n(not measured yet)\n\n{REPORT_END}"
    long, base = page["long"], page["baseline"]
    return "\n".join(
        [
            REPORT_START,
            "",
            f"A page of {long['ui_events']:,} UI events ({long['bytes'] / 1e6:.1f} MB) is written "
            f"in {long['write_s']:.2f} s and opens in {long['open_s']:.2f} s in {page['browser']}"
            f" (timeline built, first step shown; its script runs {long['script_ms']:.0f} ms): "
            f"**{page['open_ratio']}×** the {base['ui_events']}-event page measured alongside "
            f"({base['open_s']:.2f} s). Medians of {page['runs']} runs on {page['date']} "
            f"({page['cores']} cores, load average {page['load_average_at_start']} at start), "
            "by `python -m benchmarks.report_page`.",
            "",
            REPORT_END,
        ]
    )


MUTATION_START = "<!-- mutation figures from benchmarks/results.json -->"
MUTATION_END = "<!-- end of mutation figures -->"


def render_mutation(results: dict[str, Any]) -> str:
    """`make mutation`: how many planted bugs the recordings catch, and which they miss."""
    m = results.get("mutation")
    if not m:
        return f"{MUTATION_START}\n\n(not measured yet)\n\n{MUTATION_END}"
    mutants = m["mutants"]
    missed = [x["name"] for x in mutants if not x["caught"] and not x["equivalent"]]
    equivalent = [x["name"] for x in mutants if x["equivalent"]]
    stepless = sum(1 for x in mutants if x["caught"] and not x["names_step"])
    lines = [
        MUTATION_START,
        "",
        f"`make mutation` on {m['date']} (commit {m['commit']}, {m['cores']} cores, load "
        f"average {m['load_average_at_start']} at start): the recordings caught "
        f"**{m['caught']} of {m['patches'] - m['equivalent']}** planted bugs "
        f"(**{m['rate']:.0%}**, {'at or over' if m['rate'] >= 0.9 else 'under'} the 90% aimed "
        f"at; {m['patches']} planted, {m['equivalent']} of them equivalent"
        f"{': ' + ', '.join(equivalent) if equivalent else ''}), in "
        f"{m.get('wall_seconds', m['seconds']) / 60:.0f} minutes."
        + (
            f" {stepless} of the caught were named by a verdict without a step (the replay's "
            "own recorder disagreed, or the read models differed at the end)."
            if stepless
            else " Every caught bug's first line names the step."
        ),
    ]
    if m.get("note"):
        lines += ["", f"Note: {m['note']}."]
    if missed:
        lines += ["", "Missed: " + ", ".join(f"`{name}`" for name in missed) + "."]
    if m.get("errors"):
        lines += ["", "Did not apply: " + ", ".join(f"`{n}`" for n in m["errors"]) + "."]
    return "\n".join([*lines, "", MUTATION_END])


def update(readme: Path = README, results: Path = RESULTS) -> bool:
    """Rewrite the figures blocks (the README's, and docs/architecture.md's scale figures);
    True when the README changed."""
    text = readme.read_text()
    figures = json.loads(results.read_text())
    architecture = readme.parent / "docs" / "architecture.md"
    if architecture.exists():
        doc = architecture.read_text()
        new_doc = _replace(doc, SCALE_START, SCALE_END, render_scale(figures))
        if new_doc != doc:
            architecture.write_text(new_doc)
    new = _replace(text, START, END, render(figures))
    new = _replace(new, CHANGE_START, CHANGE_END, render_change(figures))
    new = _replace(new, LOAD_START, LOAD_END, render_load(figures))
    new = _replace(new, SUITE_START, SUITE_END, render_suite(figures))
    new = _replace(new, REPORT_START, REPORT_END, render_report_page(figures))
    new = _replace(new, MUTATION_START, MUTATION_END, render_mutation(figures))
    if new == text:
        return False
    readme.write_text(new)
    return True


if __name__ == "__main__":
    changed = update()
    print("README figures updated" if changed else "README figures already current")
    sys.exit(0)


def _travel_rows(travel: dict[str, Any] | None) -> list[tuple[str, str, str, str]]:
    """Every screen as of a past position against the same screens now, per history length."""
    if not travel or "sizes" not in travel:
        return []
    rows = []
    for figures in sorted(travel["sizes"].values(), key=lambda f: f["events"]):
        now, back, anywhere = figures["now"], figures["one step back"], figures["any position"]
        stored = figures["storage"]
        rows.append(
            (
                f"every screen as of a past moment, {_n(figures['events'])} events "
                f"(p99 of {anywhere['runs']} random positions)",
                f"one step back {back['p99_ms']:.1f} ms, any position {anywhere['p99_ms']:.1f} ms",
                f"the same screens now {now['p99_ms']:.1f} ms",
                f"{back['p99_ratio_to_now']:.2f}× / {anywhere['p99_ratio_to_now']:.2f}×",
            )
        )
        rows.append(
            (
                f"read models with every row version, {_n(figures['events'])} events",
                f"{stored['live_mb'] + stored['history_mb']:.1f} MB "
                f"({stored['history_bytes_per_event']:.0f} bytes of versions per event)",
                f"the live read models alone {stored['live_mb']:.1f} MB",
                f"{stored['ratio_to_live']:.2f}×",
            )
        )
    return rows
