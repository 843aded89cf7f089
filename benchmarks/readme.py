"""The README's performance figures, written from `benchmarks/results.json` by code.

`make bench` runs this after measuring; `python -m benchmarks.readme` runs it alone. The block
between the two markers in the README is replaced; a test checks that it matches the JSON,
so no figure in the README lacks a file behind it. Each section of the file carries the
conditions it was measured under, and the README states them section by section.
"""

from __future__ import annotations

import functools
import json
import statistics
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.conditions import conditions_of
from benchmarks.readme_rows import ROWS, conditions_text, section_rows
from benchmarks.readme_rows import n0 as _n
from benchmarks.readme_why import WHY_END, WHY_START, render_why
from benchmarks.readme_why import figure as _get

HERE = Path(__file__).parent
README = HERE.parent / "README.md"
RESULTS = HERE / "results.json"
START = "<!-- figures from benchmarks/results.json: python -m benchmarks.readme -->"
END = "<!-- end of figures -->"
MARKS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
Renderer = Callable[[dict[str, Any]], str]


def _verdict(value: float | None, target: float, unit: str, higher: bool = True) -> str:
    if value is None:
        return "not measured"
    shown = f"{value:,.0f}" if value >= 100 else f"{value:.2f}"
    if value >= target if higher else value <= target:
        return f"**met**: {shown} {unit}"
    factor = target / value if higher else value / target
    return f"**missed** by {factor:.2f}×: {shown} {unit}"


def _targets(r: dict[str, Any], marks: dict[str, str]) -> list[str]:
    """Issue #34's targets (and those of #14 it leaves standing) against these figures: met,
    or by how much they are missed, each marked with the run of the section it comes from."""
    full16 = _get(r, "throughput", "FULL", "producers", "16")
    normal1 = _get(r, "throughput", "NORMAL", "producers", "1", "raw_sqlite3", "ratio")
    runs = _get(r, "load", "runs") or {}
    pg1, pg16, lite16 = (runs.get(k) for k in ("postgresql/1", "postgresql/16", "sqlite/16"))
    travel = _get(r, "time_travel", "sizes")
    lookups = [
        v["lookups"][name]["p99_ms"]
        for k, v in (_get(r, "latency") or {}).items()
        if k.isdigit() and "lookups" in v
        for name in v["lookups"]
    ]
    lost = sum(x["lost"] for x in runs.values()) if runs else None

    def line(what: str, section: str, verdict: str) -> str:
        if verdict == "not measured":
            return f"- {what}: not measured"
        mark = marks.get(section, f"`{section}`")
        current = conditions_of(r.get(section)) is not None
        return f"- {what}: {verdict} ({mark}{'' if current else ', not current'})"

    return [
        "Targets of issue #34 (and those of #14 it leaves standing) in these figures:",
        "",
        line(
            "FULL, 16 producers, ≥ 7,000 commands/s",
            "throughput",
            _verdict(full16 and full16["commands_per_s"]["median"], 7000, "commands/s"),
        ),
        line(
            "FULL, 16 producers against `eventsourcing` with 16 threads, ≥ 5×",
            "throughput",
            _verdict(full16 and _get(full16, "eventsourcing", "ratio"), 5, "×"),
        ),
        line(
            "NORMAL, 1 producer, ≥ 0.3 of raw sqlite3 (1 row per transaction)",
            "throughput",
            _verdict(normal1, 0.3, "of raw"),
        ),
        line(
            "PostgreSQL, 16 client processes ≥ 2.5× one",
            "load",
            _verdict(
                pg1 and pg16 and pg16["commands_per_s"] / pg1["commands_per_s"],
                2.5,
                "× one client",
            ),
        ),
        line(
            "PostgreSQL at 16 clients not below SQLite at 16",
            "load",
            _verdict(
                pg16 and lite16 and pg16["commands_per_s"] / lite16["commands_per_s"],
                1,
                "× SQLite",
            ),
        ),
        line(
            "no command lost with 1, 4 and 16 client processes",
            "load",
            "not measured" if lost is None else f"**{'met' if lost == 0 else 'missed'}**: {lost}",
        ),
        line(
            "rebuild ≥ 0.4 of reading plus `json.loads`",
            "rebuild",
            _verdict(_get(r, "rebuild", "ratio_to_json_loads"), 0.4, "of the floor"),
        ),
        *_recorder_targets(r.get("recorder_cost"), line),
        line(
            "rebuild ≥ 100,000 events/s (#14)",
            "rebuild",
            _verdict(_get(r, "rebuild", "events_per_s", "median"), 100_000, "events/s"),
        ),
        *_travel_targets(travel, line),
        line(
            "lookups by author, tag and date, p99 ≤ 1 ms from 10k to 1M events (#14)",
            "latency",
            _verdict(max(lookups) if lookups else None, 1.0, "ms at worst", higher=False),
        ),
        "",
    ]


def _recorder_targets(
    cost: dict[str, Any] | None, line: Callable[[str, str, str], str]
) -> list[str]:
    """Issue #34's recorder targets, for inputs back to back and at a person's pace (a pause
    after each input, where the recorder takes its look in the pause: `paused`)."""
    lines = []
    for pace, figures in (
        ("inputs back to back", cost),
        ("at a person's pace (100 ms after each input)", _get(cost or {}, "paused")),
    ):
        for what, key, target in (
            ("a page-switch click", "page_switch_click", 1.5),
            ("a key", "key_in_catalog_search", 1.2),
        ):
            ratio = _get(figures or {}, key, "ratio")
            lines.append(
                line(
                    f"recorder, {pace}, {what} ≤ {target}× recorder off",
                    "recorder_cost",
                    _verdict(ratio, target, "×", higher=False),
                )
            )
    return lines


def _travel_targets(
    sizes: dict[str, Any] | None, line: Callable[[str, str, str], str]
) -> list[str]:
    """Issue #33's targets: the worst history length counts, and the worse of p99 and median,
    since a p99 of a few hundred samples on a shared machine is set by pauses that hit "now"
    and the past alike, and would call met what the medians show is not."""
    figures = list((sizes or {}).values())

    def worst(*paths: tuple[str, ...]) -> float | None:
        found = [_get(f, *path) for f in figures for path in paths]
        return max(found) if found and None not in found else None

    def ratio(trip: str) -> float | None:
        return worst((trip, "p99_ratio_to_now"), (trip, "median_ratio_to_now"))

    return [
        line(
            "time travel one step back ≤ 1.5× the same screens now, p99 and median (#33)",
            "time_travel",
            _verdict(ratio("one step back"), 1.5, "× at worst", False),
        ),
        line(
            "time travel to any position ≤ 3× now, p99 and median, flat in history (#33)",
            "time_travel",
            _verdict(ratio("any position"), 3.0, "× at worst", False),
        ),
        line(
            "read models with every version ≤ 2× the live read models alone (#33)",
            "time_travel",
            _verdict(worst(("storage", "ratio_to_live")), 2.0, "× at worst", False),
        ),
    ]


def render(results: dict[str, Any]) -> str:
    """The table, each row marked with its section's letter, and the conditions of each."""
    rows: list[tuple[str, str, str, str, str]] = []
    marks: dict[str, str] = {}
    for name in ROWS:
        if name not in results:
            continue
        marks[name] = MARKS[len(marks)]
        current = conditions_of(results[name]) is not None
        for a, b, c, d in section_rows(name, results[name]):
            rows.append((a, b, c, d, marks[name] + ("" if current else ", not current")))
    return "\n".join(
        [
            START,
            "",
            "Medians. Each ratio is against the figure beside it, measured in the same rounds "
            "of the same section; the last column names the section's run, whose conditions "
            "follow the table.",
            "",
            "| what | Replay Shop | paired with, in the same rounds | ratio | run |",
            "|---|---|---|---|---|",
            *(f"| {a} | {b} | {c} | {d} | {e} |" for a, b, c, d, e in rows),
            "",
            *(
                f"- {mark}: `{name}`, {conditions_text(results[name])}."
                for name, mark in marks.items()
            ),
            "",
            *_targets(results, marks),
            END,
        ]
    )


def _older_shape(start: str, end: str, section: str) -> Callable[[Renderer], Renderer]:
    """A block whose section is in a shape this code does not read (an older run) says so."""

    def wrap(render_block: Renderer) -> Renderer:
        @functools.wraps(render_block)
        def tolerant(results: dict[str, Any]) -> str:
            try:
                return render_block(results)
            except (KeyError, TypeError, ValueError, ZeroDivisionError):
                return (
                    f"{start}\n\n(the `{section}` figures are in an older shape: "
                    f"`python -m benchmarks --only {section}` measures them again)\n\n{end}"
                )

        return tolerant

    return wrap


CHANGE_START = "<!-- read-model change figures from benchmarks/results.json -->"
CHANGE_END = "<!-- end of read-model change figures -->"


@_older_shape(CHANGE_START, CHANGE_END, "read_model_change")
def render_change(results: dict[str, Any]) -> str:
    """The measured cost of each step of "Changing a read model"."""
    change = results.get("read_model_change")
    if not change:
        return f"{CHANGE_START}\n\n(not measured in this run)\n\n{CHANGE_END}"
    # Runs before review_lookups v3 measured v2 under the key v2_mb.
    new = f"v{change.get('new_version', 2)}"
    new_mb = change.get("new_mb", change.get("v2_mb", 0.0))
    return "\n".join(
        [
            CHANGE_START,
            "",
            f"Measured by `make bench` (section `read_model_change`: "
            f"{conditions_text(change)}) on a store of {_n(change['events'])} events, "
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


@_older_shape(LOAD_START, LOAD_END, "load")
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
        "Measured by `make bench` (section `load`, also `python -m benchmarks.load_figures`: "
        f"{conditions_text(load)}): `benchmarks.load` for "
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
    run = conditions_of(load)
    cores = run["machine"]["cores"] if run else c.get("cores")
    return "\n".join([*lines, *_load_diagnosis(load.get("diagnosis"), cores), "", LOAD_END])


def _lag_note(runs: dict[str, Any]) -> list[str]:
    """What the projector lag column measured, with its figures side by side."""
    stores = {
        store: [runs[f"{store}/{n}"]["projector_lag_p99_ms"] for n in (1, 4, 16)]
        for store in ("postgresql", "sqlite")
        if all(f"{store}/{n}" in runs for n in (1, 4, 16))
    }
    if not stores:
        return []
    return [
        "",
        "The projector lag column is one follower keeping every read model, in the load's own "
        "process; its p99 at 1 / 4 / 16 clients: "
        + "; ".join(
            f"{store} {' / '.join(f'{v:.0f}' for v in lags)} ms" for store, lags in stores.items()
        )
        + ".",
    ]


def _load_diagnosis(d: dict[str, Any] | None, cores: int | None) -> list[str]:
    """What PostgreSQL's backends did at 16 clients, and the same load with fsync off: the
    figures only, each as measured in the same section."""
    if not d:
        return []
    backends = d["backends_at_16_clients"]
    off = d["fsync_off_commands_per_s"]
    durable = d["commands_per_s_16"]
    states = ", ".join(f"{v:.2f} {k}" for k, v in backends.items())
    return [
        "",
        f"At 16 client processes{f' on {cores} cores' if cores else ''} "
        f"({_n(durable)} commands/s in that run), sampling `pg_stat_activity` every 10 ms "
        f"found on average: {states} (backends by state / wait type / wait event). "
        f"With fsync off, 1 client ran {_n(off['1'])} and 16 clients {_n(off['16'])} "
        f"commands/s, {off['16'] / durable:.2f}× the 16 clients' rate with fsync on.",
    ]


SCALE_START = "<!-- scale figures from benchmarks/results.json -->"
SCALE_END = "<!-- end of scale figures -->"
BILLION = 1_000_000_000


@_older_shape(SCALE_START, SCALE_END, "scale")
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
            "Measured by `make bench` (section `scale`, also "
            f"`python -m benchmarks.scale_figures`: {conditions_text(scale)}) on "
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


@_older_shape(REPORT_START, REPORT_END, "report_page")
def render_report_page(results: dict[str, Any]) -> str:
    """`python -m benchmarks.report_page` (and `make bench`): the page's size, how fast it is
    written and opens, at 1,000 and 100,000 steps beside the session they repeat."""
    page = results.get("report_page")
    if not page:
        return f"{REPORT_START}\n\n(not measured yet)\n\n{REPORT_END}"
    small, sizes = page["small"], page["sizes"]
    runs = page["runs"]

    def row(shape: dict[str, Any], ratio: str) -> str:
        return (
            f"| {shape['steps']:,} | {shape['ui_events']:,} | "
            f"{shape['recording_bytes'] / 1e6:,.1f} MB | {_size(shape['bytes'])} | "
            f"{shape['bytes_per_step']:,} | {shape['bytes_per_ui_event']:,} | "
            f"{shape['write_s']:.2f} s ({shape['read_s']:.2f} s) | {shape['open_s']:.2f} s "
            f"({shape['script_ms']:,.0f} ms) | {ratio} |"
        )

    fewer = [f"{runs[k]} at {sizes[k]['steps']:,} steps" for k in sizes if runs[k] != runs["small"]]
    opens = page.get("opens_per_run", {}).get("small", 1)
    if opens > 1:
        fewer.append(f"the other pages opened {opens} times in each run")
    big = sizes[max(sizes, key=int)]
    return "\n".join(
        [
            REPORT_START,
            "",
            f"The page of one real session ({small['steps']} steps, {small['ui_events']} UI "
            f"events: {page['session']}) and of that session repeated and renumbered into "
            + " and ".join(f"{sizes[k]['steps']:,}" for k in sorted(sizes, key=int))
            + " steps, each from its `.shoprec` file as `replayshop recording html` makes it; "
            "opened in "
            f"{page['browser']}, from navigation until the timeline is built and the first "
            "step shown:",
            "",
            "| steps | UI events | recording file | page | bytes per step | per UI event | "
            "written in (of it, reading the file) | opens in (of it, the page's script) | "
            "× the small page |",
            "|---|---|---|---|---|---|---|---|---|",
            row(small, "1×"),
            *(row(sizes[k], f"**{sizes[k]['open_ratio']}×**") for k in sorted(sizes, key=int)),
            "",
            f"The page's data holds each text once: in the {big['steps']:,}-step page, "
            f"{_size(big['data_bytes']['strings'])} of texts and "
            f"{_size(big['data_bytes']['steps'])} of steps referring to them. A repeated "
            "session adds only references, so these pages are smaller than a real session of "
            "as many steps would make, whose texts differ more; the small page, one session "
            "on its own, is the figure for that "
            f"({small['bytes_per_step']:,} bytes per step, the page's own script and style "
            f"included). Medians of {runs['small']} interleaved runs"
            + (f" ({', '.join(fewer)})" if fewer else "")
            + f" by `python -m benchmarks.report_page` ({conditions_text(page)}).",
            "",
            REPORT_END,
        ]
    )


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n / 1e3:.0f} KB"


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
    new = _replace(new, WHY_START, WHY_END, render_why(figures))
    if new == text:
        return False
    readme.write_text(new)
    return True


if __name__ == "__main__":
    changed = update()
    print("README figures updated" if changed else "README figures already current")
    sys.exit(0)
