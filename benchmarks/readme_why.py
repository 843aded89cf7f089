"""Why the README's missed targets are missed, written from `benchmarks/results.json`.

Issue #34 asks that each missed target say by how much and why, "with the profile that shows
it". The reasons are prose that holds whatever was measured; every figure in them is read
from the results file (the `profiles` section for where a command's and a rebuild's time
goes, the sections that measured each target for the rest), so that the reasons cannot drift
from the figures they explain. A figure whose section was not measured is said to be so.
"""

from __future__ import annotations

from typing import Any

from benchmarks.readme_rows import conditions_text, n0

WHY_START = "<!-- why the missed targets are missed: python -m benchmarks.readme -->"
WHY_END = "<!-- end of why -->"
UNMEASURED = "(not measured: `make bench ONLY={0}`)"


def figure(results: dict[str, Any], *path: str) -> Any:
    """A figure by its path in the file, or None when its section was not measured."""
    value: Any = results
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def _shares(profile: dict[str, Any] | None, count: int = 6) -> str:
    if not profile:
        return UNMEASURED.format("profiles")
    parts = [f"{name} {share:.0%}" for name, share in list(profile["shares"].items())[:count]]
    return "; ".join(parts)


def _top(profile: dict[str, Any] | None, count: int = 4) -> str:
    if not profile:
        return ""
    return ", ".join(
        f"`{entry['function']}` {entry['share']:.0%}" for entry in profile["top"][:count]
    )


def commands(r: dict[str, Any]) -> list[str]:
    profile = figure(r, "profiles", "commands, 1 producer, NORMAL")
    full16 = figure(r, "throughput", "FULL", "producers", "16")
    lines = ["- *Commands under FULL, under NORMAL, and against `eventsourcing`.*"]
    if full16:
        lines.append(
            f"  Under FULL, group commit shares each fsync among the commands of a group "
            f"({full16['commands_per_group']['median']:.1f} a group at 16 producers); what "
            f"remains is each command's own work, as under NORMAL, where there is no fsync."
        )
    lines.append(
        "  Profiled (section `profiles`: one producer, NORMAL, its own thread), a command's "
        f"time goes to: {_shares(profile)}."
    )
    if profile:
        shares = profile["shares"]
        begin = shares.get("SQLite: BEGIN (waiting for the lock)", 0.0)
        commit = shares.get("SQLite: COMMIT", 0.0)
        lines.append(
            f"  The functions with most time of their own: {_top(profile)}. A writer's BEGIN "
            f"({begin:.0%}) waits while another connection holds the write lock, such as the "
            "read side's follower writing the read models into the same file; COMMIT "
            f"({commit:.0%}) appends the transaction to the WAL."
        )
    scaling = _scaling(r)
    if scaling:
        lines.append(
            f"  From one producer thread to sixteen, commands/s grew {scaling['FULL']:.2f}× "
            f"under FULL and {scaling['NORMAL']:.2f}× under NORMAL: the threads share one "
            "core's worth of Python (the GIL), so more of them pay where they share an fsync."
        )
    return lines


def _scaling(r: dict[str, Any]) -> dict[str, float]:
    """Commands/s at sixteen producers over one, per `synchronous` level."""
    found = {}
    for level in ("FULL", "NORMAL"):
        one = figure(r, "throughput", level, "producers", "1", "commands_per_s", "median")
        many = figure(r, "throughput", level, "producers", "16", "commands_per_s", "median")
        if one and many:
            found[level] = many / one
    return found if len(found) == 2 else {}


def _fsync_says(ratio: float) -> str:
    """What turning fsync off did to sixteen clients, in words that follow the figure."""
    if ratio < 1.2:
        return "so the disk is not what limits them"
    return "so waiting for the disk is a good part of what limits them"


def postgres(r: dict[str, Any]) -> list[str]:
    runs = figure(r, "load", "runs")
    diagnosis = figure(r, "load", "diagnosis")
    lines = ["- *PostgreSQL with 16 client processes.*"]
    if not runs or not diagnosis:
        return [*lines, f"  {UNMEASURED.format('load')}"]
    one, sixteen = runs["postgresql/1"], runs["postgresql/16"]
    backends = diagnosis["backends_at_16_clients"]
    locked = sum(v for k, v in backends.items() if "advisory" in k)
    client = sum(v for k, v in backends.items() if "ClientRead" in k)
    off = diagnosis["fsync_off_commands_per_s"]
    cores = figure(r, "load", "run", "machine", "cores")
    lines.append(
        f"  One client runs {n0(one['commands_per_s'])} commands/s at "
        f"{one['latency_p50_ms']:.1f} ms a command (p50): a round trip and the server's "
        f"work per statement. Sixteen run {n0(sixteen['commands_per_s'])}/s: sampled at 16 "
        f"clients, on average {locked:.2f} backends waited on the chain's advisory lock "
        f"(appends to one hash chain are serialized) and {client:.2f} waited for their "
        "client to send the next statement, sixteen client processes and their backends "
        f"sharing {cores or 'the'} cores; with fsync off sixteen clients ran "
        f"{off['16'] / diagnosis['commands_per_s_16']:.2f}× the rate with it on, "
        f"{_fsync_says(off['16'] / diagnosis['commands_per_s_16'])}."
    )
    return lines


def rebuild(r: dict[str, Any]) -> list[str]:
    profile = figure(r, "profiles", "rebuild")
    built = figure(r, "rebuild")
    lines = ["- *Rebuild.*"]
    if built:
        lines.append(
            f"  It runs every event through the projections' Python handlers and writes "
            f"every live row and every ended version (with the interval index): "
            f"{n0(built['events_per_s']['median'])} events/s against "
            f"{n0(built['read_and_json_loads_events_per_s']['median'])}/s for reading and "
            "`json.loads` alone."
        )
    size = f" of {n0(profile['events'])} events" if profile else ""
    lines.append(f"  Profiled (section `profiles`, a rebuild{size}): {_shares(profile)}.")
    if profile:
        lines.append(f"  The functions with most time of their own: {_top(profile)}.")
    return lines


def recorder(r: dict[str, Any]) -> list[str]:
    cost = figure(r, "recorder_cost")
    lines = ["- *The recorder.*"]
    if not cost:
        return [*lines, f"  {UNMEASURED.format('recorder_cost')}"]
    paused = cost["paused"]
    lines.append(
        "  Before an input that follows a change, the recorder keeps what the user saw: "
        "every visible text and a picture of the windows. It takes that look once the app "
        f"has settled and holds it for the next input ({paused['held_looks']} looks held in "
        f"the paced rounds, {paused['held_look_ms']:.1f} ms each, median), so at a person's "
        f"pace a click costs {paused['page_switch_click']['ratio']:.2f}× recorder-off. Back "
        "to back there is no pause to take it in, and the look lands on the next input: "
        f"{cost['page_switch_click']['ratio']:.1f}×. Keys take no look; what they pay "
        f"({cost['key_in_catalog_search']['ratio']:.2f}× back to back, "
        f"{paused['key_in_catalog_search']['ratio']:.2f}× paced) is the recorder's Python "
        "event filter seeing every event (for a key: the press, the shortcut offer, the "
        "release offered to each parent that ignores it, the paints) and the key's own "
        "record."
    )
    bare = figure(cost, "bare_filter", "key_in_catalog_search")
    bare_paced = figure(paused, "bare_filter", "key_in_catalog_search")
    if bare and bare_paced:
        lines.append(
            "  The floor of that design, measured in the same rounds: an application event "
            f"filter in Python that does nothing at all costs a key {bare['ratio']:.2f}× "
            f"recorder-off back to back and {bare_paced['ratio']:.2f}× paced, a page-switch "
            f"click {cost['bare_filter']['page_switch_click']['ratio']:.2f}× and "
            f"{paused['bare_filter']['page_switch_click']['ratio']:.2f}×: Qt calling into "
            "Python for each event. A key within 1.2× would need the filter in C++ or far "
            "fewer events offered to it."
        )
    return lines


def _p99_ratios(sizes: dict[str, Any]) -> str:
    ordered = sorted(sizes.values(), key=lambda f: f["events"])
    return ", ".join(f"{f['any position']['p99_ratio_to_now']:.2f}×" for f in ordered)


def time_travel(r: dict[str, Any]) -> list[str]:
    sizes = figure(r, "time_travel", "sizes")
    if not sizes:
        return ["- *Time travel.*", f"  {UNMEASURED.format('time_travel')}"]
    biggest = sizes[max(sizes, key=int)]
    store = biggest["storage"]
    over = any(s["storage"]["ratio_to_live"] > 2.0 for s in sizes.values())
    lines = [f"- *Time travel{': storage' if over else ' (its targets met)'}.*"]
    split = store.get("history_split_mb")
    events = n0(store["events"])
    if split:
        parts = ", ".join(f"{name} {mb:,.0f} MB" for name, mb in split.items())
        within = "within" if store["ratio_to_live"] <= 2.0 else "over"
        lines.append(
            f"  At {events} events the kept history takes {store['history_mb']:,.0f} MB beside "
            f"the live read models' {store['live_mb']:,.0f} MB ({parts}): "
            f"{store['ratio_to_live']:.2f}× the live ones, {within} the 2× target. Each "
            "version is stored once: the live rows in the live tables, only the versions "
            "that ended in the history tables, which keep the indexes a past view walks."
        )
    else:
        lines.append(f"  The split of the history's bytes: {UNMEASURED.format('time_travel')}")
    screens = figure(biggest, "any position", "screens_median_ms")
    now = figure(biggest, "now", "screens_median_ms")
    if screens and now:
        worst = max(screens, key=lambda name: screens[name] - now[name])
        lines.append(
            f"  Screen by screen at {events} events (medians), the one that adds most to a "
            f"trip is {worst}: {screens[worst]:.1f} ms as of a random position against "
            f"{now[worst]:.1f} ms now. In the older half of the log a list sorted by posting "
            "time (a product's reviews, a tag lookup) reads every review the product or the "
            "tag has, keeps those that held then and sorts them, as a walk from the newest "
            "would skip everything written since: that grows with how many reviews a product "
            "or a tag has, and so does the slowest trip in a hundred to any position "
            f"({_p99_ratios(sizes)} now, by length). Moderation, in the log's order, walks "
            "from the position itself."
        )
    return lines


def lookups(r: dict[str, Any]) -> list[str]:
    """#14's lookup target: the p99 against the median of the same samples."""
    latency = figure(r, "latency")
    lines = ["- *Lookups by author, tag and date (#14).*"]
    if not latency:
        return [*lines, f"  {UNMEASURED.format('latency')}"]
    sizes = {k: v["lookups"] for k, v in latency.items() if isinstance(v, dict) and "lookups" in v}
    medians = [f["p50_ms"] for found in sizes.values() for f in found.values()]
    small, large = sizes[min(sizes, key=int)], sizes[max(sizes, key=int)]

    def tails(found: dict[str, Any]) -> str:
        p99 = [f["p99_ms"] for f in found.values()]
        return f"{min(p99):.1f} to {max(p99):.1f} ms"

    start = figure(latency, "run", "load_average_at_start")
    load = f"at a load average of {start[0]:.1f} on 2 cores" if start else "on a shared machine"
    lines.append(
        f"  Their medians stay between {min(medians):.2f} and {max(medians):.2f} ms from "
        f"{n0(int(min(sizes, key=int)))} to {n0(int(max(sizes, key=int)))} events; their p99 "
        f"is {tails(small)} at the smallest and {tails(large)} at the largest, measured "
        f"{load}: the slowest one in a hundred is most likely a query that waited for a core, "
        "not one the index made slow."
    )
    return lines


def render_why(r: dict[str, Any]) -> str:
    lines = [WHY_START, "", "- **Why the missed targets are missed** (figures from the file)."]
    if figure(r, "profiles"):
        lines.append(f"  The profiles: section `profiles`, {conditions_text(r['profiles'])}.")
    for part in (commands, postgres, rebuild, recorder, time_travel, lookups):
        lines += ["  " + line for line in part(r)]
    return "\n".join([*lines, "", WHY_END])
