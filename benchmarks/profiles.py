"""Where the time goes, for the figures that miss their targets: profiles, kept as figures.

Issue #34 asks that a missed target say why "with the profile that shows it". This section
runs two of the measured workloads again under cProfile and shares out the profiled time by
where it was spent (SQLite's C library, SQLAlchemy, JSON, hashing, Replay Shop's own code by
package, the standard library), with the functions that took most of it, so that the README's
"why" is written from these figures and not from memory:

- the command path, one producer, `synchronous=NORMAL` (the target at 0.3 of raw sqlite3):
  the producer's own thread (the read side's follower runs on another and is not in it);
- a rebuild of every read model from the log (the target at 0.4 of reading plus
  `json.loads`).

cProfile slows each Python call more than C work, so the shares lean towards Python; they
say where the time goes, and the section's own timings without the profiler say how much.
"""

from __future__ import annotations

import cProfile
import pstats
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks import measure
from benchmarks.sampling import Bench, history_db
from domain.shop import open_shop

ROOT = Path(__file__).resolve().parents[1]
TOP = 8  # functions listed by their own time


def where(filename: str, function: str) -> str:
    """The bucket a profiled function's own time goes to."""
    if filename == "~":  # a built-in: named by what it is a method of
        for marks, bucket in (
            # The store's only Connection.execute is its BEGIN (database.py): a writer's
            # BEGIN IMMEDIATE waits there while another connection holds the write lock.
            (("'execute' of 'sqlite3.Connection'",), "SQLite: BEGIN (waiting for the lock)"),
            (("'commit' of 'sqlite3.Connection'",), "SQLite: COMMIT"),
            (("sqlite3.",), "SQLite: the statements"),
            (("json", "orjson"), "JSON"),
            (("hashlib", "sha256", "scrypt"), "hashing"),
            (("acquire", "wait", "sleep"), "waiting (locks, other threads)"),
        ):
            if any(mark in function for mark in marks):
                return bucket
        return "other built-ins"
    path = filename.replace("\\", "/")
    for mark, bucket in (
        ("/sqlalchemy/", "SQLAlchemy"),
        ("/json/", "JSON"),
        ("/hashlib", "hashing"),
        ("/threading.py", "waiting (locks, other threads)"),
        (str(ROOT / "domain" / "eventstore"), "Replay Shop: the event store"),
        (str(ROOT / "domain" / "writeside"), "Replay Shop: the command bus and unit of work"),
        (str(ROOT / "domain" / "model"), "Replay Shop: aggregates, rules and events"),
        (str(ROOT / "domain" / "readside" / "projections"), "Replay Shop: projections"),
        (str(ROOT / "domain" / "readside"), "Replay Shop: the read side's plumbing"),
        (str(ROOT / "domain"), "Replay Shop: other"),
    ):
        if mark in path:
            return bucket
    return "the rest of the standard library"


def shares(profile: cProfile.Profile) -> dict[str, Any]:
    """The profiled seconds, shared out by `where`, and the functions with most own time."""
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    total = sum(entry[2] for entry in stats.values()) or 1.0
    buckets: dict[str, float] = {}
    for (filename, _line, function), entry in stats.items():
        bucket = where(filename, function)
        buckets[bucket] = buckets.get(bucket, 0.0) + entry[2]
    ordered = sorted(stats.items(), key=lambda item: item[1][2], reverse=True)[:TOP]
    return {
        "profiled_s": total,
        "shares": {
            name: seconds / total
            for name, seconds in sorted(buckets.items(), key=lambda kv: kv[1], reverse=True)
        },
        "top": [
            {
                "function": _name(filename, line, function),
                "share": entry[2] / total,
                "calls": entry[1],
            }
            for (filename, line, function), entry in ordered
        ],
    }


def _name(filename: str, line: int, function: str) -> str:
    if filename == "~":
        return function
    path = Path(filename)
    try:
        shown = str(path.relative_to(ROOT))
    except ValueError:
        parts = path.parts
        shown = "/".join(
            parts[parts.index("site-packages") + 1 :] if "site-packages" in parts else parts[-2:]
        )
    return f"{shown}:{line} {function}"


def commands(b: Bench) -> dict[str, Any]:
    n = 600 if b.quick else 3_000
    profiler = cProfile.Profile()
    with b.scratch() as fresh:
        run = measure.command_path(fresh(), n, "NORMAL", 1, profiler)
    figures = shares(profiler)
    figures.update({"commands": n, "commands_per_s_profiled": run.commands_per_s})
    return figures


def rebuild(b: Bench) -> dict[str, Any]:
    size = 2_000 if b.quick else 100_000
    source = history_db(b.out, size)
    with tempfile.TemporaryDirectory(dir=b.out) as tmp:
        db = Path(tmp) / "rebuild.db"
        shutil.copyfile(source, db)
        shop = open_shop(db)
        try:
            profiler = cProfile.Profile()
            started = time.perf_counter()
            profiler.enable()
            count = shop.projector.rebuild(shop.engine)
            profiler.disable()
            seconds = time.perf_counter() - started
        finally:
            shop.close()
    figures = shares(profiler)
    figures.update({"events": count, "events_per_s_profiled": count / seconds})
    return figures


def measure_profiles(b: Bench) -> dict[str, Any]:
    result = {"commands, 1 producer, NORMAL": commands(b), "rebuild": rebuild(b)}
    for name, figures in result.items():
        top = ", ".join(f"{k} {v:.0%}" for k, v in list(figures["shares"].items())[:4])
        print(f"   {name}: {top}", flush=True)
    return result
