"""The rows of the README's performance table, one function per section of results.json, and
what each section was measured under.

A row says what was measured and what it was paired with, nothing else: no sentence here is
true whatever the figures are. A section whose figures are in a shape this code does not know
(an older run) gets one row saying so instead of figures.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from benchmarks.conditions import conditions_of
from benchmarks.sampling import sized

Row = tuple[str, str, str, str]


def size(events: str | int) -> str:
    n = int(events)
    return f"{n // 1_000_000}M" if n >= 1_000_000 else f"{n // 1000}k"


def n0(value: float) -> str:
    return f"{value:,.0f}"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f}" if seconds < 0.01 else f"{seconds * 1000:,.0f}"


def conditions_text(section: Any) -> str:
    """One line: the commit, date, duration, load and machine a section was measured under."""
    run = conditions_of(section)
    if run is None:
        return (
            "**conditions not recorded**: measured by an older run that kept no commit, date "
            "or load for it; not current"
        )
    m = run["machine"]
    start, end = run["load_average_at_start"], run["load_average_at_end"]
    return (
        f"commit {run['commit']}{' with uncommitted changes' if run['dirty'] else ''}, "
        f"{run['date']}{', quick mode' if run.get('quick') else ''}, "
        f"{run['seconds'] / 60:.1f} min; load average {start[0]:.2f} at start, "
        f"{end[0]:.2f} at end; {m['platform']}, {m['cores']} cores, Python {m['python']}"
    )


def _same(pragmas: dict[str, Any], a: str, b: str) -> str:
    """The durability pragmas both sides ran with, read back from SQLite."""
    mine, theirs = pragmas.get(a), pragmas.get(b)
    if not mine or not theirs:
        return "pragmas not recorded"
    if mine == theirs:
        return f"both {mine['journal_mode']}, synchronous={mine['synchronous']}"
    return (
        f"{a}: {mine['journal_mode']}, synchronous={mine['synchronous']}; {b}: "
        f"{theirs['journal_mode']}, synchronous={theirs['synchronous']}"
    )


def throughput(t: dict[str, Any]) -> list[Row]:
    rows: list[Row] = []
    for level in ("FULL", "NORMAL"):
        pragmas = t[level]["pragmas"]
        for p, r in sorted(t[level]["producers"].items(), key=lambda kv: int(kv[0])):
            raw = r["raw_sqlite3"]
            k = raw["rows_per_transaction"]
            rows.append(
                (
                    f"commands/s, {p} producer thread{'s' if p != '1' else ''}, "
                    f"`synchronous={level}` ({r['commands_per_group']['median']:.1f} commands "
                    "per group commit)",
                    f"{n0(r['commands_per_s']['median'])} /s",
                    f"raw sqlite3, {k:g} row{'s' if k != 1 else ''} per transaction "
                    f"({_same(pragmas, 'replay_shop', 'raw_sqlite3')}): "
                    f"{n0(raw['rows_per_s']['median'])} /s",
                    f"{raw['ratio']:.2f} of raw",
                )
            )
        for p, r in sorted(t[level]["producers"].items(), key=lambda kv: int(kv[0])):
            lib = r.get("eventsourcing")
            if lib:
                rows.append(
                    (
                        f"the same cart cycle, {p} producer{'s' if p != '1' else ''} against "
                        f"`eventsourcing` with {lib['threads']} thread"
                        f"{'s' if lib['threads'] != 1 else ''} "
                        f"({_same(pragmas, 'replay_shop', 'eventsourcing')})",
                        f"{n0(r['commands_per_s']['median'])} /s",
                        f"eventsourcing: {n0(lib['commands_per_s']['median'])} /s",
                        f"{lib['ratio']:.2f}×",
                    )
                )
    return rows


def projector_lag(lag: dict[str, Any]) -> list[Row]:
    return [
        (
            "read side behind a command (projector lag), p50 / p99, one producer at a steady rate",
            " · ".join(
                f"{n0(int(rate))}/s: {lag[rate]['p50_ms']:.1f} / {lag[rate]['p99_ms']:.1f} ms"
                for rate in sized(lag)
            ),
            "",
            "",
        )
    ]


def cart_load(carts: dict[str, Any]) -> list[Row]:
    sizes = sized(carts)
    label = " / ".join(size(s) for s in sizes)

    def line(key: str) -> str:
        return " / ".join(ms(carts[s][key]["median"]) for s in sizes)

    return [
        (
            f"loading a cart of {label} events, no snapshot",
            f"{line('ours_without_snapshot_s')} ms",
            f"eventsourcing: {line('eventsourcing_without_snapshot_s')} ms",
            "",
        ),
        (
            "the same with a snapshot",
            f"{line('ours_with_snapshot_s')} ms",
            f"eventsourcing: {line('eventsourcing_with_snapshot_s')} ms",
            "",
        ),
    ]


def wallet_load(wallet: dict[str, Any]) -> list[Row]:
    sizes = sized(wallet)
    label = " / ".join(size(s) for s in sizes)
    cold = " / ".join(ms(wallet[s]["without_snapshot_s"]["median"]) for s in sizes)
    snap = " / ".join(ms(wallet[s]["with_snapshot_s"]["median"]) for s in sizes)
    return [
        (f"loading a wallet of {label} events, no snapshot", f"{cold} ms", "", ""),
        ("the same with a snapshot", f"{snap} ms", "", ""),
    ]


def wallet_commands(deposits: dict[str, Any]) -> list[Row]:
    return [
        (
            f"deposits/s into a wallet of {n0(deposits['history_events'])} events",
            f"{n0(deposits['long_wallet_per_s']['median'])} /s",
            f"into a new wallet: {n0(deposits['new_wallet_per_s']['median'])} /s",
            f"{deposits['ratio']:.2f}",
        )
    ]


def latency(lat: dict[str, Any]) -> list[Row]:
    sizes = sized(lat)
    rows: list[Row] = [
        (
            '"reviews of one product", p50 / p99',
            " · ".join(
                f"{size(s)}: {lat[s]['reviews_query_p50_ms']:.2f} / "
                f"{lat[s]['reviews_query_p99_ms']:.2f} ms"
                for s in sizes
            ),
            "",
            "",
        )
    ]
    for name in ("tag", "author", "date", "newest"):
        rows.append(
            (
                f"reviews by {name} across the shop, p99"
                if name != "newest"
                else "newest reviews across the shop, p99",
                " · ".join(f"{size(s)}: {lat[s]['lookups'][name]['p99_ms']:.2f} ms" for s in sizes),
                "",
                "",
            )
        )
    return rows


def _seconds(value: float) -> str:
    return f"{value:.1f} s" if value < 10 else f"{value:.0f} s"


def time_travel(travel: dict[str, Any]) -> list[Row]:
    """Every screen as of a past position against the same screens now, per history length,
    and what keeping every row version costs on disk."""
    rows: list[Row] = []
    for figures in sorted(travel["sizes"].values(), key=lambda f: f["events"]):
        now, back, anywhere = figures["now"], figures["one step back"], figures["any position"]
        stored = figures["storage"]
        rows.append(
            (
                f"every screen as of a past moment, {n0(figures['events'])} events "
                f"(p99 of {anywhere['runs']} trips to random positions, and one step back)",
                f"one step back {back['p99_ms']:.1f} ms, any position {anywhere['p99_ms']:.1f} ms",
                f"the same screens now, in turn with them: {now['p99_ms']:.1f} ms",
                f"{back['p99_ratio_to_now']:.2f}× / {anywhere['p99_ratio_to_now']:.2f}× "
                f"(medians {back['median_ratio_to_now']:.2f}× / "
                f"{anywhere['median_ratio_to_now']:.2f}×)",
            )
        )
        rows.append(
            (
                f"read models with every row version, {n0(figures['events'])} events "
                f"(built from the log in {_seconds(figures['build_with_history_s'])})",
                f"{stored['live_mb'] + stored['history_mb']:,.1f} MB "
                f"({stored['history_bytes_per_event']:.0f} bytes of versions per event)",
                f"the live read models alone: {stored['live_mb']:,.1f} MB",
                f"{stored['ratio_to_live']:.2f}×",
            )
        )
        kept = figures.get("kept_last_tenth")
        if kept:  # measured since the retention setting (domain/readside/retention.py)
            rows.append(
                (
                    f"the same, keeping the last {kept['kept_share']:.0%} of the log's history "
                    f"(from event {n0(kept['kept_from'])}: {n0(kept['versions_folded'])} "
                    f"versions folded in {kept['fold_s']:.1f} s)",
                    f"{stored['live_mb'] + kept['history_mb']:,.1f} MB",
                    f"the live read models alone: {stored['live_mb']:,.1f} MB",
                    f"{kept['ratio_to_live']:.2f}×",
                )
            )
    return rows


def rebuild(r: dict[str, Any]) -> list[Row]:
    return [
        (
            f"projection rebuild, every read model, {n0(r['events'])} events",
            f"{n0(r['events_per_s']['median'])} events/s",
            "reading the rows and `json.loads` of each event's data, nothing built: "
            f"{n0(r['read_and_json_loads_events_per_s']['median'])} /s",
            f"{r['ratio_to_json_loads']:.2f} of that floor",
        ),
        (
            "the same rebuild",
            "",
            "reading and decoding into event objects (`store.read_all`): "
            f"{n0(r['read_and_decode_only_events_per_s']['median'])} /s",
            f"{r['ratio_to_decode_only']:.2f} of that floor",
        ),
    ]


def recorder_cost(c: dict[str, Any]) -> list[Row]:
    rows: list[Row] = []
    # Inputs back to back, and (runs since held looks) at a person's pace, where the recorder
    # takes its look in the pause after a change instead of on the next input's path.
    paces = [("inputs back to back", c)]
    if "paused" in c:
        paces.append((c["paused"]["pace"], c["paused"]))
    for pace, figures in paces:
        for key, what in (
            ("page_switch_click", "a click that switches page"),
            ("key_in_catalog_search", "a key typed into the catalog's search"),
        ):
            f = figures[key]
            rows.append(
                (
                    f"recorder on: {what}, in the app's main window, {pace}; from the press "
                    f"until the events it posted are processed (median of {f['samples']})",
                    f"{f['recorder_on_ms']['median']:.2f} ms",
                    f"recorder off, same rounds: {f['recorder_off_ms']['median']:.2f} ms",
                    f"{f['ratio']:.2f}×",
                )
            )
            bare = figures.get("bare_filter", {}).get(key)
            if bare:  # measured since the floor was: an event filter that does nothing
                rows.append(
                    (
                        f"the same {what.split(' ', 1)[1]}, {pace}, with no recorder but an "
                        "application event filter in Python that does nothing",
                        f"{bare['recorder_on_ms']['median']:.2f} ms",
                        f"recorder off, same rounds: {bare['recorder_off_ms']['median']:.2f} ms",
                        f"{bare['ratio']:.2f}×",
                    )
                )
    if "paused" in c:
        held = c["paused"]
        rows.append(
            (
                "looks the recorder took in those pauses, off the inputs' path",
                f"{n0(held['held_looks'])} looks, {held['held_look_ms']:.2f} ms each (median)",
                "",
                "",
            )
        )
    return rows


def pictures(p: dict[str, Any]) -> list[Row]:
    """What a picture costs to draw and to compress, its size, and (runs since held looks were
    timed there) where in the app's main window its drawing fell: on an input's path or in
    the pauses between inputs."""
    gui, writer, sizes = p["gui_thread_ms"], p["writer_thread_ms"], p["encoded_bytes"]
    rows: list[Row] = [
        (
            f"a picture of the windows drawn on the GUI thread (`looks.picture`), the replayed "
            f"{p['session']} in a {p['window']} window (median of {p['runs']})",
            f"{gui['draw']:.2f} ms",
            f"the look's texts, same runs: {gui['observe_texts']:.2f} ms",
            f"{gui['draw'] / gui['observe_texts']:.1f}×",
        ),
        (
            "the same picture scaled and compressed on the sink's writer thread, WebP",
            f"{writer['webp']:.2f} ms, {n0(sizes['webp'])} bytes",
            f"PNG: {writer['png']:.2f} ms, {n0(sizes['png'])} bytes",
            f"{writer['webp'] / writer['png']:.2f}×",
        ),
        (
            f"a session's pictures ({n0(p['pictures'])} at its looks, {n0(p['ui_events'])} "
            "UI events): bytes per picture, per UI event, and its file",
            f"{n0(p['bytes']['per_picture'])} / {n0(p['bytes']['per_ui_event'])} bytes, file "
            f"{n0(p['bytes']['file_with'])} bytes",
            f"the same file without pictures: {n0(p['bytes']['file_without'])} bytes",
            f"{p['bytes']['file_with'] / p['bytes']['file_without']:.1f}×",
        ),
    ]
    window = p.get("in_the_app_window")
    if window:
        for pace, w in (
            ("inputs back to back", window["back_to_back"]),
            (window["paused"]["pace"], window["paused"]),
        ):
            per, stored = w["per_picture_ms"], w["pictures_stored"]
            both = per["on_inputs_path"] + per["in_pauses"]
            rows.append(
                (
                    f"pictures drawn in {window['window']}, {pace}: drawing time per picture "
                    f"stored ({n0(stored)} over {window['rounds']} rounds of "
                    f"{window['inputs_per_round']} clicks and keys)",
                    f"{per['on_inputs_path']:.2f} ms on the inputs' path, "
                    f"{per['in_pauses']:.2f} ms in the pauses",
                    (
                        f"each drawing {w['draw_ms']:.2f} ms (median of {w['drawn']}): "
                        if w["drawn"]
                        else "nothing drawn: "
                    )
                    + f"{w['drawn_on_inputs_path']} on an input's path, {w['drawn_in_pauses']} "
                    f"in the pauses ({w['drawn_in_pauses_taken_by_the_next_input']} taken by "
                    f"the next input, {w['drawn_in_pauses_and_dropped']} dropped)",
                    f"{per['on_inputs_path'] / both:.0%} on the inputs' path" if both else "",
                )
            )
    return rows


def recorder_and_replay(ui: dict[str, Any]) -> list[Row]:
    gaps, seek = ui["real_time_gap_error_ms"], ui["seek_s"]
    rows: list[Row] = [
        (
            "replay, headless, as fast as possible",
            f"{n0(ui['replay_ui_events_per_s']['median'])} UI events/s",
            "",
            "",
        ),
        (
            "replay in real time: error of each gap between steps",
            f"median {gaps['median']:.1f} ms, p95 {gaps['p95']:.1f} ms",
            "",
            "",
        ),
        (
            f"viewer seek over a {n0(seek['ui_events'])}-event recording",
            f"to the end {seek['to_end']['median']:.2f} s, back to the middle "
            f"{seek['back_to_middle']['median']:.2f} s",
            "",
            "",
        ),
    ]
    # Runs before shrinking was measured at two sizes kept one, as "shrink".
    for shrink in ui.get("shrink_sizes") or [ui["shrink"]]:
        rows.append(
            (
                f"shrink a {n0(shrink['ui_events'])}-UI-event recording that fails at its end",
                f"{shrink['seconds']:.1f} s, {shrink['replays']:.0f} replays, "
                f"{shrink['kept_ui_events']:.0f} UI events kept",
                f"one replay of it: {shrink['one_replay_s']:.1f} s",
                f"{shrink['ratio_to_one_replay']:.1f}",
            )
        )
    if "check_recordings_wall_s" in ui:  # not in quick mode
        rows.append(
            ("`replayshop check recordings/`", f"{ui['check_recordings_wall_s']:.1f} s", "", "")
        )
    return rows


def replays_identical_under_stress(s: dict[str, Any]) -> list[Row]:
    counts = s["identical"]
    short = [f"{name} {n}/{s['of']}" for name, n in counts.items() if n < s["of"]]
    return [
        (
            f"every committed recording replayed {s['of']} time{'s' if s['of'] != 1 else ''} "
            "each, with "
            f"{s['busy_processes']} busy processes loading the machine (load average "
            f"{s['load_average_during']} during)",
            f"{s['rate']:.0%} identical ({len(counts)} recordings"
            + (f"; not always: {', '.join(short)}" if short else "")
            + ")",
            "",
            "",
        )
    ]


def start(st: dict[str, Any]) -> list[Row]:
    return [
        (
            "process start to first window",
            " · ".join(
                f"{name}: {v['median']:.2f} s"
                for name, v in st.items()
                if isinstance(v, dict) and "median" in v
            ),
            "",
            "",
        )
    ]


ROWS: dict[str, Callable[[dict[str, Any]], list[Row]]] = {
    "throughput": throughput,
    "projector_lag": projector_lag,
    "cart_load": cart_load,
    "wallet_load": wallet_load,
    "wallet_commands": wallet_commands,
    "latency": latency,
    "time_travel": time_travel,
    "rebuild": rebuild,
    "recorder_cost": recorder_cost,
    "pictures": pictures,
    "recorder_and_replay": recorder_and_replay,
    "replays_identical_under_stress": replays_identical_under_stress,
    "start": start,
}


def section_rows(name: str, section: dict[str, Any]) -> list[Row]:
    try:
        return ROWS[name](section)
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        return [
            (
                f"`{name}`: figures in a shape this README does not read (an older run)",
                "",
                "",
                f"`python -m benchmarks --only {name}`",
            )
        ]
