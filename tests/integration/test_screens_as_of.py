"""Every screen's queries as of a past position answer what the same queries answer on read
models built from the log's first events up to it.

The tables as of a position are checked row by row elsewhere (test_temporal_read_models.py);
this checks the queries, which read them in more than one way: near the head through the
interval index first, further back walking a sorted index, far back a sorted index bounded by
the position (moderation, in the log's order); see `ReadModel.table`."""

from __future__ import annotations

import random
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.time_travel import SCREENS as TRIP
from domain.eventstore.database import open_engine, reading
from domain.readside.projector import build_in_memory
from domain.readside.queries.read_model import ReadModel, recent_span
from domain.shop import Shop
from tests.conftest import make_shop
from tests.integration.test_projections import COMMAND, play

Screen = Callable[[ReadModel, str, str], object]

SCREENS: dict[str, Screen] = {
    **TRIP,  # what a trip of the time-travel bench shows, and more ways in
    "catalog, retired too": lambda read, account, product: read.catalog.products(
        include_retired=True
    ),
    "moderation, hidden": lambda read, account, product: read.reviews.moderation("hidden"),
    "moderation, searched": lambda read, account, product: read.reviews.moderation(search="text"),
    "#tea, three": lambda read, account, product: read.reviews.find(tag="tea", limit=3),
    "#green by ann": lambda read, account, product: read.reviews.find(tag="green", author="ann"),
    "by ann": lambda read, account, product: read.reviews.find(author="ann", limit=2),
    "popular tags": lambda read, account, product: read.reviews.popular_tags(),
}


def every_screen(read: ReadModel, accounts: list[str], products: list[str]) -> dict[str, Any]:
    return {
        f"{name} {account[:4]} {product[:4]}": show(read, account, product)
        for name, show in SCREENS.items()
        for account, product in zip(accounts, products, strict=False)
    }


def ends(shop: Shop, rng: random.Random) -> set[int]:
    """A position at which a version of each table ended, and the one before: where a bound
    off by one would show (one of each table: a wallet's versions alone end at every
    deposit)."""
    found: set[int] = set()
    with reading(shop.engine) as conn:
        for tables in shop.projector.stored.values():
            for stored in tables.values():
                query = f'SELECT DISTINCT valid_to FROM "{stored.history.name}"'
                ended = [row[0] for row in conn.exec_driver_sql(query)]
                if ended:
                    end = rng.choice(ended)
                    found |= {end, end - 1}
    return found


def built_up_to(shop: Shop, position: int, accounts: list[str], products: list[str]) -> Any:
    """The reference: every screen on read models built in memory from the first events."""
    memory = open_engine("sqlite://")
    try:
        with reading(shop.engine) as source, memory.begin() as target:
            shop.projector.metadata.create_all(target)
            projector = shop.projector
            build_in_memory(
                source, target, projector.projections, projector.stored, up_to_position=position
            )
        return every_screen(ReadModel(memory, shop.projector), accounts, products)
    finally:
        memory.dispose()


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(COMMAND, min_size=10, max_size=60), st.randoms(use_true_random=False))
def test_every_screen_as_of_any_position_answers_as_the_log_built_up_to_it(
    steps: list[tuple[Any, ...]], rng: random.Random
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        shop = make_shop(Path(tmp) / "shop.db")
        try:
            play(shop, steps)
            read = shop.read
            head = read.head()
            accounts = [a.account_id for a in read.accounts.all()]
            products = [p.product_id for p in read.catalog.products(include_retired=True)]
            # The recent past, the newer half and the older half: each is read its own way;
            # and where versions ended, and just before.
            recent = head - rng.randint(0, recent_span(head))
            positions = {recent, rng.randint(head // 2, head), rng.randint(1, head // 2)}
            positions |= ends(shop, rng)
            for position in sorted(positions):
                past = every_screen(read.as_of(position=position), accounts, products)
                assert past == built_up_to(shop, position, accounts, products), position
        finally:
            shop.close()
