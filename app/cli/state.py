"""`replayshop state`: one read model as of any past moment, through the code the GUI uses.

`--as-of` takes a log position or an ISO time; the view is built by `ReadModel.as_of`, the
same call the time-travel slider makes, and answered by the same queries as the screens.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from datetime import datetime
from typing import Any

from app.cli.exits import EXIT_OK
from app.cli.exits import fail as _fail
from app.platform.shop_location import DB_HELP, Location, db_location, store_problem
from domain.readside.queries import ReadModel
from domain.readside.retention import HistoryFolded
from domain.shop import open_shop

VIEWS = "catalog, cart:USER, wallet:USER, reviews:PRODUCT"


class BadInput(ValueError):
    """What was wrong with the arguments, and what is accepted."""


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    state = sub.add_parser("state", help="print a read model as of a past moment")
    state.add_argument("--db", type=db_location, default=argparse.SUPPRESS, help=DB_HELP)
    state.add_argument(
        "--as-of", required=True, help="a log position (1, 2, …) or an ISO time (2026-11-02T10:00)"
    )
    state.add_argument("--view", required=True, help=f"one of {VIEWS}")
    state.add_argument("--json", action="store_true", help="JSON instead of text")


def run(db: Location, args: argparse.Namespace) -> int:
    problem = store_problem(db)
    if problem:
        return _fail(problem)
    shop = open_shop(db)
    try:
        try:
            past = _as_of(shop.read, args.as_of)
        except HistoryFolded as folded:  # the shop keeps only its last days (retention.py)
            raise BadInput(f"--as-of {args.as_of}: {folded}") from None
        try:
            answer = _view(past, args.view)
        finally:
            past.close()
    except BadInput as error:
        return _fail(str(error))
    finally:
        shop.close()
    moment = {"position": past.as_of_position, "view": args.view, "state": answer}
    if args.json:
        print(json.dumps(moment, indent=2))
    else:
        print(f"{args.view} as of event {past.as_of_position:,}:")
        print(json.dumps(answer, indent=2))
    return EXIT_OK


def _as_of(read: ReadModel, when: str) -> ReadModel:
    head = read.head()
    if when.isascii() and when.isdigit():  # "²" is a digit to isdigit(), not to int()
        position = int(when)
        if position > head:
            raise BadInput(
                f"--as-of {position} is past the head of the log ({head}); use 0..{head}"
            )
        return read.as_of(position=position)
    try:
        moment = datetime.fromisoformat(when)
    except ValueError:
        raise BadInput(
            f"--as-of {when!r} is neither a log position nor an ISO time; "
            "use e.g. 1200 or 2026-11-02T10:00:00+00:00"
        ) from None
    if moment.tzinfo is None:
        raise BadInput(f"--as-of {when!r} has no time zone; add one, e.g. {when}+00:00")
    return read.as_of(time=moment)


def _view(past: ReadModel, view: str) -> Any:
    kind, _, name = view.partition(":")
    if kind == "catalog" and not name:
        return [asdict(p) for p in past.catalog.products(include_retired=True)]
    if kind in ("cart", "wallet") and name:
        account = next((a for a in past.accounts.all() if a.username == name), None)
        if account is None:
            raise BadInput(f"no account named {name!r} as of event {past.as_of_position}")
        found = (
            past.shopping.cart(account.account_id)
            if kind == "cart"
            else past.shopping.wallet(account.account_id)
        )
        return asdict(found)
    if kind == "reviews" and name:
        products = past.catalog.products(include_retired=True)
        product = next(
            (
                p
                for p in products
                if name in (p.product_id, p.name) or p.name.lower() == name.lower()
            ),
            None,
        )
        if product is None:
            raise BadInput(
                f"no product {name!r} (a name or an id) as of event {past.as_of_position}"
            )
        return [asdict(r) for r in past.catalog.reviews_for(product.product_id, limit=10_000)]
    raise BadInput(f"--view {view!r} is not a view; use one of {VIEWS}")
