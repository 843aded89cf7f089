"""The results file is made of sections, each with the conditions it was measured under: one
can be measured again without the others, and the README states each one's own conditions."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from benchmarks.conditions import conditions_of, update_sections
from benchmarks.readme import render, render_load, render_report_page
from benchmarks.readme_rows import section_rows, throughput


def _old_file(path: Path) -> dict[str, Any]:
    """A results file as the runner wrote it before sections kept their conditions."""
    old = {
        "date": "2026-11-30 11:30 UTC",
        "machine": {"cores": 2},
        "quick": False,
        "wall_time_s": 600.0,
        "wallet_commands": {
            "history_events": 100,
            "new_wallet_per_s": {"median": 10.0},
            "long_wallet_per_s": {"median": 5.0},
            "ratio": 0.5,
        },
        "make_test": {"seconds": 300},
    }
    path.write_text(json.dumps(old))
    return old


def test_one_section_is_measured_again_and_the_others_keep_theirs(tmp_path: Path) -> None:
    path = tmp_path / "results.json"
    old = _old_file(path)
    first = update_sections(path, False, {"cart_load": lambda: {"1000": {"x": 1}}})
    kept_run = first["cart_load"]["run"]
    update_sections(path, True, {"start": lambda: {"empty store": {"median": 0.5}}})
    results = json.loads(path.read_text())
    # the older sections and the run-wide keys that described none of them
    assert results["wallet_commands"] == old["wallet_commands"]
    assert results["make_test"] == old["make_test"]
    assert not {"date", "machine", "quick", "wall_time_s"} & set(results)
    assert conditions_of(results["wallet_commands"]) is None
    # the first section measured keeps its own conditions through the second run
    assert results["cart_load"] == {"1000": {"x": 1}, "run": kept_run}
    start = conditions_of(results["start"])
    assert start is not None and start["quick"] and not kept_run["quick"]
    for run in (kept_run, start):
        assert run["commit"] and run["date"] and run["machine"]["cores"] == os.cpu_count()
        assert len(run["load_average_at_start"]) == len(run["load_average_at_end"]) == 3


def test_a_section_measured_is_kept_when_a_later_one_fails(tmp_path: Path) -> None:
    path = tmp_path / "results.json"

    def broken() -> dict[str, Any]:
        raise RuntimeError("the machine went away")

    with pytest.raises(RuntimeError):
        update_sections(path, False, {"start": lambda: {"a": 1}, "latency": broken})
    results = json.loads(path.read_text())
    assert results["start"]["a"] == 1 and "latency" not in results


def test_the_readme_marks_a_section_without_conditions_as_not_current(tmp_path: Path) -> None:
    path = tmp_path / "results.json"
    _old_file(path)
    update_sections(
        path,
        False,
        {"start": lambda: {"make run (python -m app.cli), empty store": {"median": 0.5}}},
    )
    text = render(json.loads(path.read_text()))
    rows = {line.split(" | ")[0]: line for line in text.splitlines() if line.startswith("| ")}
    assert rows["| deposits/s into a wallet of 100 events"].endswith("| A, not current |")
    assert rows["| process start to first window"].endswith("| B |")
    assert "- A: `wallet_commands`, **conditions not recorded**" in text
    conditions = next(line for line in text.splitlines() if line.startswith("- B: `start`"))
    assert "commit " in conditions and "load average" in conditions and " at end" in conditions


def _side(level: str) -> dict[str, str]:
    return {"journal_mode": "WAL", "synchronous": level}


def test_each_throughput_row_names_what_it_is_paired_with() -> None:
    def figure(value: float) -> dict[str, float]:
        return {"median": value, "min": value, "max": value, "runs": 1}

    def level(name: str, peers: bool) -> dict[str, Any]:
        producers: dict[str, Any] = {}
        for p, group in (("1", 1.0), ("16", 8.2)):
            producers[p] = {
                "commands_per_s": figure(1000.0),
                "commands_per_group": figure(group),
                "raw_sqlite3": {
                    "rows_per_transaction": round(group),
                    "rows_per_s": figure(4000.0),
                    "ratio": 0.25,
                },
            }
            if peers:
                producers[p]["eventsourcing"] = {
                    "threads": int(p),
                    "commands_per_s": figure(500.0),
                    "ratio": 2.0,
                }
        pragmas = {"replay_shop": _side(name), "raw_sqlite3": _side(name)}
        if peers:
            pragmas["eventsourcing"] = _side(name)
        return {"pragmas": pragmas, "producers": producers}

    rows = throughput({"FULL": level("FULL", True), "NORMAL": level("NORMAL", False)})
    said = [" | ".join(row) for row in rows]
    assert any(
        "16 producer threads, `synchronous=FULL` (8.2 commands per group commit)" in r
        and "raw sqlite3, 8 rows per transaction (both WAL, synchronous=FULL)" in r
        for r in said
    )
    assert any(
        "1 producer thread, `synchronous=NORMAL`" in r
        and "raw sqlite3, 1 row per transaction (both WAL, synchronous=NORMAL)" in r
        for r in said
    )
    assert any(
        "16 producers against `eventsourcing` with 16 threads (both WAL, synchronous=FULL)" in r
        for r in said
    )
    assert any("1 producer against `eventsourcing` with 1 thread" in r for r in said)
    assert not any("NORMAL" in r and "eventsourcing" in r for r in said)


def test_the_many_clients_text_states_only_what_was_measured() -> None:
    runs = {
        f"{store}/{n}": {
            "commands_per_s": 100.0 * n,
            "latency_p50_ms": 1.0,
            "latency_p99_ms": 2.0,
            "projector_lag_p99_ms": 3.0,
            "lost": 0,
        }
        for store in ("sqlite", "postgresql")
        for n in (1, 4, 16)
    }
    load = {
        "conditions": {"seconds_per_run": 8.0, "rounds": 3, "cores": 4},
        "runs": runs,
        "diagnosis": {
            "commands_per_s_16": 1600.0,
            "backends_at_16_clients": {"active / Lock / advisory": 6.0},
            "fsync_off_commands_per_s": {"1": 150.0, "16": 3200.0},
        },
    }
    text = render_load({"load": load})
    assert "the disk is not the limit" not in text and "15 others" not in text
    assert "nearly idle" not in text
    assert "At 16 client processes on 4 cores (1,600 commands/s in that run)" in text
    assert "6.00 active / Lock / advisory" in text
    assert "3,200 commands/s, 2.00× the 16 clients' rate with fsync on" in text
    assert "**conditions not recorded**" in text


def test_the_report_page_figures_state_each_size_measured() -> None:
    def shape(steps: int, events: int, page: int, open_s: float) -> dict[str, Any]:
        return {
            "steps": steps,
            "ui_events": events,
            "recording_bytes": 1_500 * events,
            "bytes": page,
            "bytes_per_step": page // steps,
            "bytes_per_ui_event": page // events,
            "data_bytes": {"strings": 14_114, "steps": page - 20_000, "rest": 500},
            "read_s": 0.02,
            "write_s": 0.03,
            "open_s": open_s,
            "script_ms": 48.0,
        }

    page = {
        "session": "checkout-refused-and-paid",
        "browser": "Chromium 1, headless",
        "runs": {"small": 5, "1000": 5, "100000": 3},
        "opens_per_run": {"small": 3, "1000": 3, "100000": 1},
        "small": shape(20, 153, 38_753, 0.2),
        "sizes": {
            "1000": {**shape(1010, 8568, 277_578, 0.3), "open_ratio": 1.5},
            "100000": {**shape(100_010, 850_068, 24_500_000, 2.0), "open_ratio": 10.0},
        },
    }
    text = render_report_page({"report_page": page})
    assert "| 100,010 | 850,068 | 1,275.1 MB | 24.5 MB | 244 | 28 |" in text
    assert (
        "| 20 | 153 | 0.2 MB | 39 KB | 1,937 | 253 | 0.03 s (0.02 s) | 0.20 s (48 ms) | 1× |"
        in (text)
    )
    assert "**10.0×** |" in text and "into 1,010 and 100,010 steps" in text
    assert (
        "Medians of 5 interleaved runs (3 at 100,010 steps, the other pages opened 3 times "
        "in each run)" in text
    )
    assert "in the 100,010-step page, 14 KB of texts and 24.5 MB of steps" in text
    quick = {
        **page,
        "runs": {"small": 2, "1000": 2},
        "opens_per_run": {"small": 1, "1000": 1},
        "sizes": {"1000": page["sizes"]["1000"]},
    }
    text = render_report_page({"report_page": quick})
    assert "100,010" not in text and "Medians of 2 interleaved runs by" in text


def test_sessions_of_many_steps_are_made_by_repeating_one(tmp_path: Path) -> None:
    from benchmarks.report_page import BASE, long_recording, rounds_for
    from recorder.fileformat.shoprec import load_recording
    from recorder.writers.web_page import report_data

    base = load_recording(BASE)
    rounds = rounds_for(base, 100)
    steps = len(report_data(long_recording(base, rounds * len(base.ui_events)))["steps"])
    fewer = len(report_data(long_recording(base, (rounds - 1) * len(base.ui_events)))["steps"])
    assert fewer < 100 <= steps  # as few repeats as give the steps asked for


def test_the_long_session_the_report_page_is_timed_on_is_a_valid_file(tmp_path: Path) -> None:
    from benchmarks.report_page import BASE, long_recording
    from recorder.fileformat.shoprec import load_recording, write_recording

    base = load_recording(BASE)
    long = long_recording(base, 3 * len(base.ui_events))
    write_recording(long, tmp_path / "long.shoprec")
    again = load_recording(tmp_path / "long.shoprec")
    assert len(again.ui_events) == len(long.ui_events) == 3 * len(base.ui_events)
    assert len(again.expected) == 3 * len(base.expected)
    assert len({e.position for e in again.expected}) == len(again.expected)
    seqs = {e.seq for e in again.ui_events}
    assert all(int(e.correlation_id[3:]) in seqs for e in again.expected if e.correlation_id)
    assert len(again.commands) == 3 * len(base.commands)


def test_the_pictures_rows_say_where_the_drawing_fell_at_each_pace() -> None:
    def where(stored: int, on: float, pauses: float, drawn: int, on_path: int) -> dict[str, Any]:
        return {
            "pictures_stored": stored,
            "drawn": drawn,
            "draw_ms": 21.5,
            "drawn_on_inputs_path": on_path,
            "drawn_in_pauses": drawn - on_path,
            "drawn_in_pauses_taken_by_the_next_input": stored - on_path,
            "drawn_in_pauses_and_dropped": drawn - stored,
            "per_picture_ms": {"on_inputs_path": on, "in_pauses": pauses},
        }

    section: dict[str, Any] = {
        "session": "checkout-refused-and-paid.shoprec",
        "window": "1280x800",
        "runs": 20,
        "pictures": 30,
        "ui_events": 153,
        "bytes": {
            "per_picture": 9000,
            "per_ui_event": 1800,
            "file_with": 400_000,
            "file_without": 100_000,
        },
        "gui_thread_ms": {"draw": 20.0, "observe_texts": 4.0},
        "writer_thread_ms": {"webp": 12.0, "png": 24.0},
        "encoded_bytes": {"webp": 9000, "png": 40_000},
        "in_the_app_window": {
            "window": "the app's main window (1280x800) on the demo shop",
            "rounds": 3,
            "inputs_per_round": 120,
            "back_to_back": where(60, 21.0, 0.0, 60, 60),
            "paused": {
                "pace": "with a pause of 100 ms after each input",
                **where(60, 0.0, 24.0, 66, 0),
            },
        },
    }
    said = [" | ".join(row) for row in section_rows("pictures", section)]
    assert any(
        "inputs back to back: drawing time per picture stored (60 over 3 rounds" in r
        and "21.00 ms on the inputs' path, 0.00 ms in the pauses" in r
        and "100% on the inputs' path" in r
        for r in said
    ), said
    assert any(
        "with a pause of 100 ms after each input" in r
        and "0.00 ms on the inputs' path, 24.00 ms in the pauses" in r
        and "0 on an input's path, 66 in the pauses (60 taken by the next input, 6 dropped)" in r
        and "0% on the inputs' path" in r
        for r in said
    ), said
    assert any("20.00 ms | the look's texts, same runs: 4.00 ms | 5.0×" in r for r in said)
    older = {k: v for k, v in section.items() if k != "in_the_app_window"}
    assert len(section_rows("pictures", older)) == 3  # a run before the window was timed
