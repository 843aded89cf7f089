"""`replayshop query reviews`: the shop-wide review lookups, from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict

from app.cli.exits import EXIT_OK
from app.cli.exits import fail as _fail
from app.platform.shop_location import DB_HELP, Location, db_location, store_problem
from domain.model.errors import DomainError
from domain.readside.periods import time_range
from domain.shop import open_shop


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    query = sub.add_parser("query", help="look reviews up by author, #tag or date")
    query.add_argument("what", choices=["reviews"], help="what to look up: reviews")
    query.add_argument("--db", type=db_location, default=argparse.SUPPRESS, help=DB_HELP)
    query.add_argument("--author", default="", help="a username (any case)")
    query.add_argument("--tag", default="", help="a #tag, with or without the #")
    query.add_argument("--since", default="", help="a day (2026-11-02) or an ISO time with zone")
    query.add_argument("--until", default="", help="the last day included, or an ISO time")
    query.add_argument("--limit", type=int, default=100, help="at most this many (newest first)")
    query.add_argument("--json", action="store_true", help="one JSON object per line")


def run(db: Location, args: argparse.Namespace) -> int:
    problem = store_problem(db)
    if problem:
        return _fail(problem)
    if not (args.author.strip() or args.tag.strip() or args.since or args.until):
        return _fail("say what to look for: --author NAME, --tag TAG and/or --since DATE")
    if not 1 <= args.limit <= 10_000:
        return _fail(f"--limit {args.limit} is out of range; use 1 to 10000")
    shop = open_shop(db)
    try:
        since, until = time_range(args.since, args.until)
        found = shop.read.reviews.find(args.author, args.tag, since, until, args.limit)
    except DomainError as error:
        return _fail(str(error))
    finally:
        shop.close()
    for review in found:
        if args.json:
            print(json.dumps(asdict(review)))
        else:
            stars = "★" * review.rating + "☆" * (5 - review.rating)
            print(
                f"{review.posted_at[:16]}  {stars}  {review.author_name} on "
                f"{review.product_name}: {review.text}"
            )
    if not args.json:
        print(f"{len(found)} review(s)", file=sys.stderr)
    return EXIT_OK
