"""Time travel from images of the read models: the same answers as replaying the log from
its first event, at any position before, at or after an image. Real SQLite files."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from sqlalchemy import select

from domain.eventstore.database import reading
from domain.model import commands as c
from domain.readside.images import PastImages, backfill, thinned
from domain.readside.projections.registry import all_projections
from domain.readside.projector import Projector
from domain.readside.queries import ReadModel
from domain.shop import Shop
from tests.conftest import People, log_head


def rows_of(view: ReadModel) -> dict[str, list[tuple[Any, ...]]]:
    found = {}
    with reading(view.engine) as conn:
        for tables in view.projector.tables.values():
            for table in tables.values():
                stmt = select(table).order_by(*table.primary_key.columns)
                found[table.name] = [tuple(r) for r in conn.execute(stmt)]
    return found


def from_the_start(shop: Shop, position: int) -> dict[str, list[tuple[Any, ...]]]:
    plain = ReadModel(shop.engine, shop.projector)  # no images: the log from its first event
    past = plain.as_of(position=position)
    try:
        return rows_of(past)
    finally:
        past.close()


def busy_day(shop: Shop, people: People, n: int) -> None:
    for k in range(n):
        shop.bus.handle(c.AddItemToCart(people.ann, people.teapot, 1 + k % 3))
        shop.bus.handle(c.DepositFunds(people.bob, 10 + k, f"deposit {k}"))
        if k % 4 == 0:
            shop.bus.handle(c.RemoveItemFromCart(people.ann, people.teapot))


def test_a_past_view_from_an_image_equals_one_from_the_first_event(
    shop: Shop, people: People
) -> None:
    images = shop.read.images
    assert images is not None
    busy_day(shop, people, 8)
    shop.follower.ensure()
    imaged_at = images.take_live()
    assert imaged_at == log_head(shop)
    busy_day(shop, people, 8)
    for position in (imaged_at - 5, imaged_at, imaged_at + 1, log_head(shop) - 1):
        past = shop.read.as_of(position=position)
        try:
            assert rows_of(past) == from_the_start(shop, position), position
        finally:
            past.close()
    assert images.positions()[-1] == imaged_at


def test_a_trip_with_no_image_before_it_leaves_one_for_next_time(
    shop: Shop, people: People
) -> None:
    images = shop.read.images
    assert images is not None and images.positions() == []
    busy_day(shop, people, 4)
    position = log_head(shop) - 3
    shop.read.as_of(position=position).close()
    assert images.positions() == [position]


def test_an_image_of_other_projection_versions_is_never_used(
    shop: Shop, people: People, tmp_path: Path
) -> None:
    busy_day(shop, people, 4)
    shop.follower.ensure()
    path = Path(str(shop.engine.url.database))
    assert shop.read.images is not None and shop.read.images.take_live()
    others = [p for p in all_projections() if p.NAME != "cart_removals"]
    other_build = PastImages(path, Projector(others))
    assert other_build.nearest(log_head(shop)) is None


def test_losing_the_images_loses_nothing_but_speed(shop: Shop, people: People) -> None:
    busy_day(shop, people, 4)
    shop.follower.ensure()
    images = shop.read.images
    assert images is not None and images.take_live()
    position = log_head(shop) - 2
    expected = from_the_start(shop, position)
    images.path.unlink()
    past = shop.read.as_of(position=position)
    try:
        assert rows_of(past) == expected
    finally:
        past.close()


def test_thinning_keeps_the_newest_dense_and_the_count_bounded() -> None:
    every = 10
    positions = list(range(10, 1001, 10))  # one image per 10 events over 1,000
    kept = thinned(positions, every, keep=8)
    assert kept[0] == 1000 and len(kept) == 8
    gaps = [a - b for a, b in itertools.pairwise(kept)]
    assert gaps[:3] == [10, 10, 10]  # one step back from now stays close to an image
    assert gaps == sorted(gaps)  # and further back they only grow apart
    assert thinned([], every, 8) == []


def test_a_backfill_makes_the_images_thinning_would_keep_and_they_answer_right(
    shop: Shop, people: People
) -> None:
    busy_day(shop, people, 10)
    shop.follower.ensure()
    head = log_head(shop)
    images = PastImages(Path(str(shop.engine.url.database)), shop.projector, every=5, keep=4)
    made = backfill(images, shop.engine)
    assert made == images.positions() == sorted(thinned(range(5, head + 1, 5), 5, 4))
    assert len(made) == 4
    view = ReadModel(shop.engine, shop.projector, images=images)
    for position in (made[0] + 2, made[-1], head - 1):
        past = view.as_of(position=position)
        try:
            assert rows_of(past) == from_the_start(shop, position), position
        finally:
            past.close()
