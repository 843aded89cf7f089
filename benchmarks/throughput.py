"""Commands/s through the whole write path, each figure beside the peer it is paired with.

Pairings, all measured in the same interleaved rounds on the same disk:

- raw sqlite3 under the same `synchronous` level and journal mode as Replay Shop's side, with
  as many rows per transaction as Replay Shop's group commit put commands into one
  transaction in that round (1 for one producer; about 8 for sixteen): the same number of
  fsyncs per row as commands had;
- the `eventsourcing` library on the same cart cycle, from as many threads as Replay Shop had
  producers (1 against 1, 4 against 4, 16 against 16), with the same journal mode and
  `synchronous` level, read back from its connections.

The pragmas each side ran with are read back from SQLite and kept with the figures.
"""

from __future__ import annotations

import statistics
from typing import Any

from benchmarks import measure
from benchmarks import measure_es as es
from benchmarks.sampling import Bench, summary

PRODUCERS = (1, 4, 16)
LEVELS = ("FULL", "NORMAL")
PEER_LEVELS = ("FULL",)  # eventsourcing is compared where durability is at stake


def throughput_figures(b: Bench) -> dict[str, Any]:
    samples: dict[str, list[float]] = {}

    def add(key: str, value: float) -> None:
        samples.setdefault(key, []).append(value)

    pragmas: dict[str, dict[str, Any]] = {}
    with b.scratch() as fresh:
        for level in LEVELS:
            pragmas[level] = {
                "replay_shop": measure.store_pragmas(fresh(), level),
                "raw_sqlite3": measure.raw_pragmas(fresh(), level),
            }
        for _ in range(b.runs):
            for level in LEVELS:
                for p in PRODUCERS:
                    run = measure.command_path(fresh(), b.n_commands, level, p)
                    add(f"{level}/{p}", run.commands_per_s)
                    add(f"{level}/{p}/per_group", run.commands_per_group)
                    add(f"{level}/{p}/catch_up_s", run.catch_up_after_s)
                    rows = max(1, round(run.commands_per_group))
                    add(f"{level}/{p}/raw_rows", rows)
                    add(
                        f"{level}/{p}/raw",
                        measure.raw_sqlite_inserts(fresh(), b.n_commands, level, rows),
                    )
                    if level in PEER_LEVELS:
                        rate, theirs = es.commands_per_second(fresh(), b.n_commands, p, level)
                        add(f"{level}/{p}/eventsourcing", rate)
                        pragmas[level]["eventsourcing"] = theirs
    figures: dict[str, Any] = {"commands_per_run": b.n_commands}
    for level in LEVELS:
        by_producers: dict[str, Any] = {}
        for p in PRODUCERS:
            ours = summary(samples[f"{level}/{p}"])
            raw = summary(samples[f"{level}/{p}/raw"])
            row: dict[str, Any] = {
                "commands_per_s": ours,
                "commands_per_group": summary(samples[f"{level}/{p}/per_group"]),
                "read_side_catch_up_after_s": summary(samples[f"{level}/{p}/catch_up_s"]),
                "raw_sqlite3": {
                    "rows_per_transaction": statistics.median(samples[f"{level}/{p}/raw_rows"]),
                    "rows_per_s": raw,
                    "ratio": ours["median"] / raw["median"],
                },
            }
            if level in PEER_LEVELS:
                lib = summary(samples[f"{level}/{p}/eventsourcing"])
                row["eventsourcing"] = {
                    "threads": p,
                    "commands_per_s": lib,
                    "ratio": ours["median"] / lib["median"],
                }
            by_producers[str(p)] = row
        figures[level] = {"pragmas": pragmas[level], "producers": by_producers}
        print(f"   synchronous={level}:", flush=True)
        for count, row in by_producers.items():
            raw = row["raw_sqlite3"]
            line = (
                f"     {count:>2} producer(s): {row['commands_per_s']['median']:,.0f}/s "
                f"({row['commands_per_group']['median']:.1f}/group); raw sqlite3, "
                f"{raw['rows_per_transaction']:g} rows/transaction: "
                f"{raw['rows_per_s']['median']:,.0f}/s"
            )
            if "eventsourcing" in row:
                line += (
                    f"; eventsourcing, {count} thread(s): "
                    f"{row['eventsourcing']['commands_per_s']['median']:,.0f}/s"
                )
            print(line, flush=True)
    return figures
