"""Many clients on SQLite and on PostgreSQL, in one run: `benchmarks.load` at 1, 4 and 16
client processes on each store, in interleaved rounds, each on a fresh database.

PostgreSQL is a throw-away server started here from the installed binaries with its shipped
durability (fsync and synchronous_commit on), beside the SQLite file with synchronous=FULL: the
two promise the same thing on a power cut. Part of `make bench`; on its own,
`python -m benchmarks.load_figures [--quick]` refreshes only this part of results.json.
"""

from __future__ import annotations

import argparse
import collections
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import psycopg

from benchmarks import load
from benchmarks.conditions import measured, record
from tests.pg_server import PgServer

CLIENTS = (1, 4, 16)


def load_figures(quick: bool) -> dict[str, Any]:
    seconds, rounds = (1.0, 1) if quick else (8.0, 3)
    print(f"7. many clients: SQLite and PostgreSQL at {CLIENTS} clients", flush=True)
    conditions = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "cores": os.cpu_count(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "seconds_per_run": seconds,
        "rounds": rounds,
    }
    server = PgServer(fast=False).start()
    samples: dict[str, list[dict[str, Any]]] = {}
    try:
        with tempfile.TemporaryDirectory(prefix="replayshop-load-") as tmp:
            n = 0
            for _ in range(rounds):
                for clients in CLIENTS:
                    for store in ("sqlite", "postgresql"):
                        n += 1
                        location: str | Path = (
                            server.create_database(f"load{n}")
                            if store == "postgresql"
                            else Path(tmp) / f"load{n}.db"
                        )
                        result = load.run(location, clients, seconds, 0)
                        samples.setdefault(f"{store}/{clients}", []).append(result)
                        print(
                            f"   {store} {clients:>2} clients: "
                            f"{result['commands_per_s']:,.0f} commands/s, p99 "
                            f"{result['latency_p99_ms']} ms, lag p99 "
                            f"{result['projector_lag_p99_ms']} ms, lost {result['lost']}",
                            flush=True,
                        )
        diagnosis = _diagnosis(server, seconds)
    finally:
        server.stop()
    figures: dict[str, Any] = {"conditions": conditions, "runs": {}, "diagnosis": diagnosis}
    for key, runs in samples.items():

        def med(field: str, runs: list[dict[str, Any]] = runs) -> float:
            return float(statistics.median(r[field] for r in runs if r[field] is not None))

        figures["runs"][key] = {
            "commands_per_s": med("commands_per_s"),
            "latency_p50_ms": med("latency_p50_ms"),
            "latency_p99_ms": med("latency_p99_ms"),
            "projector_lag_p99_ms": med("projector_lag_p99_ms"),
            "conflicts": sum(r["conflicts"] for r in runs),
            "lost": sum(r["lost"] for r in runs),
            "chain_intact": all(r["chain_intact"] for r in runs),
            "samples": [r["commands_per_s"] for r in runs],
        }
    return figures


def _diagnosis(server: PgServer, seconds: float) -> dict[str, Any]:
    """What limits PostgreSQL here: what its backends do at 16 clients (sampled from
    pg_stat_activity every 10 ms), and the same load with fsync off."""
    url = server.create_database("diagnosis")
    counts: collections.Counter[str] = collections.Counter()
    samples = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal samples
        with psycopg.connect(url, autocommit=True) as conn:
            while not stop.is_set():
                rows = conn.execute(
                    "SELECT state, coalesce(wait_event_type, ''), coalesce(wait_event, '') "
                    "FROM pg_stat_activity WHERE datname = 'diagnosis' "
                    "AND pid <> pg_backend_pid()"
                ).fetchall()
                for state, kind, event in rows:
                    counts[" / ".join(x for x in (state, kind, event) if x)] += 1
                samples += 1
                time.sleep(0.01)

    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        durable = load.run(url, 16, seconds, 0)
    finally:  # a failed run is reported, not left waiting on the sampler at exit
        stop.set()
        sampler.join()
    backends = {k: round(v / max(samples, 1), 2) for k, v in counts.most_common(6)}
    fast = PgServer(fast=True).start()
    try:
        no_fsync = {
            str(n): load.run(fast.create_database(f"nofsync{n}"), n, seconds, 0)["commands_per_s"]
            for n in (1, 16)
        }
    finally:
        fast.stop()
    print(f"   16 clients, backends on average: {backends}; fsync off: {no_fsync}", flush=True)
    return {
        "commands_per_s_16": durable["commands_per_s"],
        "backends_at_16_clients": backends,
        "fsync_off_commands_per_s": no_fsync,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--results", type=Path, default=Path(__file__).with_name("results.json"))
    args = parser.parse_args(argv)
    record(args.results, "load", measured(args.quick, lambda: load_figures(args.quick)))
    print(f"wrote the many-clients figures into {args.results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
