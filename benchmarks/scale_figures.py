"""What the "beyond this machine" reasoning in docs/architecture.md starts from: one history
loaded into a PostgreSQL server and kept in a SQLite file, then on each the rebuild rate of all
read models, the chain's verify rate and the bytes an event takes with its indexes.

Part of `make bench`; alone: `python -m benchmarks.scale_figures [--quick]`, which refreshes
only this part of results.json.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from sqlalchemy import text

from benchmarks.conditions import measured, record
from benchmarks.history import generate
from domain.eventstore import store
from domain.eventstore.database import open_engine, reading, writing
from domain.shop import open_shop
from tests.pg_server import PgServer

HERE = Path(__file__).parent


def _copy_into(url: str, source: Path) -> None:
    """The same rows, chain and all, through COPY."""
    columns = [c.name for c in store.events_table.columns]
    engine = open_engine(url)
    try:
        with writing(engine) as conn:
            store.create_schema(conn)
            rows = sqlite3.connect(source).execute(
                f"SELECT {', '.join(columns)} FROM events ORDER BY position"
            )
            cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
            with cursor.copy(f"COPY events ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
    finally:
        engine.dispose()


def _rates(location: str | Path, runs: int) -> dict[str, float]:
    shop = open_shop(location)
    try:
        rebuild = []
        for _ in range(runs):
            started = time.perf_counter()
            events = shop.projector.rebuild(shop.engine)
            rebuild.append(events / (time.perf_counter() - started))
        with reading(shop.engine) as conn:
            started = time.perf_counter()
            count = store.verify_chain(conn).count
            verify = count / (time.perf_counter() - started)
            if shop.engine.dialect.name == "postgresql":
                size = conn.execute(text("SELECT pg_total_relation_size('events')")).scalar()
            else:
                size = conn.execute(
                    text("SELECT sum(pgsize) FROM dbstat WHERE name LIKE '%events%'")
                ).scalar()
    finally:
        shop.close()
    return {
        "events": float(events),
        "rebuild_events_per_s": statistics.median(rebuild),
        "verify_events_per_s": verify,
        "bytes_per_event": float(size or 0) / max(count, 1),
    }


def scale_figures(quick: bool, out: Path) -> dict[str, Any]:
    events = 10_000 if quick else 100_000
    print(f"8. scale: rebuild, verify and size on SQLite and PostgreSQL, {events:,} events")
    source = out / f"history-{events}.db"
    if not source.exists():
        generate(source, events)
    server = PgServer(fast=False).start()
    try:
        url = server.create_database("scale")
        _copy_into(url, source)
        figures = {
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "postgresql": _rates(url, 3),
            "sqlite": _rates(source, 3),
        }
    finally:
        server.stop()
    for store_name in ("sqlite", "postgresql"):
        f = figures[store_name]
        print(
            f"   {store_name}: rebuild {f['rebuild_events_per_s']:,.0f} events/s, verify "
            f"{f['verify_events_per_s']:,.0f}/s, {f['bytes_per_event']:.0f} bytes/event"
        )
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--results", type=Path, default=HERE / "results.json")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    figures = measured(args.quick, lambda: scale_figures(args.quick, args.out))
    record(args.results, "scale", figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
