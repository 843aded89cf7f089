"""`replayshop demo-data`: a demo shop seeded into an empty database, its history grown."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.arguments import event_count
from app.cli.exits import EXIT_OK
from app.cli.exits import fail as _fail
from app.platform.shop_location import DB_HELP, Location, db_location, on_server, shown
from domain.demo import grow_history, seed_demo
from domain.shop import open_shop
from recorder.regression.progress import progress


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    demo = sub.add_parser("demo-data", help="seed a demo shop into an empty database")
    demo.add_argument("--db", type=db_location, default=argparse.SUPPRESS, help=DB_HELP)
    demo.add_argument("--events", type=event_count, help="grow the history to about N events")


def demo_data(db: Location, args: argparse.Namespace) -> int:
    if not on_server(db):
        Path(db).parent.mkdir(parents=True, exist_ok=True)
    # Seeding is repeatable from scratch, so it skips the per-commit fsync.
    shop = open_shop(db, synchronous="OFF")
    try:
        if shop.read.head() > 0:
            return _fail(f"{shown(db)} already holds a shop; demo data goes into an empty database")
        demo = seed_demo(shop.bus)
        if args.events:
            with progress(args.events, "shopping", "events") as reached:
                grow_history(shop.bus, demo, shop.read.head, args.events, progress=reached)
        print(
            f"Demo shop created in {shown(db)}: {shop.read.head():,} events, "
            f"{len(demo.product_ids)} products, {len(demo.shopper_ids)} shoppers."
        )
        print(f"Admin login: username 'admin', password '{demo.admin_password}' (shown only now).")
        print("Shoppers: ann, bob, carla, ... with password 'shopper-pass'.")
    finally:
        shop.close()
    return EXIT_OK
