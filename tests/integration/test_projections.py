"""Read models: rebuild equals incremental, new reports count old history, time travel."""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from domain.eventstore.database import reading
from domain.model import commands as c
from domain.model.errors import DomainError
from domain.readside.projections.cart_removals import CartRemovals
from domain.readside.projections.catalog import Catalog
from domain.readside.projections.registry import all_projections
from domain.readside.projector import Projector
from domain.shop import Shop, open_shop
from tests.conftest import People, make_shop


def all_rows(shop: Shop) -> dict[str, list[tuple[Any, ...]]]:
    result = {}
    shop.follower.ensure()  # the tables as of the last command: the read side follows the log
    with reading(shop.engine) as conn:
        for name, tables in shop.projector.tables.items():
            for table_name, table in tables.items():
                stmt = select(table).order_by(*table.primary_key.columns)
                result[f"{name}.{table_name}"] = [tuple(r) for r in conn.execute(stmt)]
    return result


ACCOUNT, PRODUCT = st.sampled_from(["ann", "bob"]), st.sampled_from([0, 1, 2])
COMMAND = st.one_of(
    st.tuples(st.just("add"), ACCOUNT, PRODUCT, st.integers(0, 100)),
    st.tuples(st.just("remove"), ACCOUNT, PRODUCT),
    st.tuples(st.just("quantity"), ACCOUNT, PRODUCT, st.integers(0, 5)),
    st.tuples(st.just("checkout"), ACCOUNT),
    st.tuples(st.just("deposit"), ACCOUNT, st.integers(-5, 20000)),
    st.tuples(st.just("review"), ACCOUNT, PRODUCT, st.integers(0, 6)),
    st.tuples(st.just("edit"), ACCOUNT, PRODUCT, st.integers(1, 5)),
    st.tuples(st.just("delete"), ACCOUNT, PRODUCT),
    st.tuples(st.just("hide"), ACCOUNT, PRODUCT),
    st.tuples(st.just("unhide"), ACCOUNT, PRODUCT),
    st.tuples(st.just("reprice"), PRODUCT, st.integers(1, 9000)),
    st.tuples(st.just("retire"), PRODUCT),
    st.tuples(st.just("correct"), ACCOUNT, st.integers(1, 3000)),
)


def to_command(step: tuple[Any, ...], ids: dict[str, Any]) -> c.Command:
    kind, *args = step
    admin, products = ids["admin"], ids["products"]
    if kind in ("add", "remove", "quantity", "review", "edit", "delete", "hide", "unhide"):
        who, product = ids[args[0]], products[args[1]]
        review = f"{product}.{who}"
        return {
            "add": lambda: c.AddItemToCart(who, product, args[2]),
            "remove": lambda: c.RemoveItemFromCart(who, product),
            "quantity": lambda: c.ChangeQuantity(who, product, args[2]),
            "review": lambda: c.PostReview(who, product, args[2], "text #tea"),
            "edit": lambda: c.EditReview(who, review, args[2], "edited #green"),
            "delete": lambda: c.DeleteReview(who, review),
            "hide": lambda: c.HideReview(admin, review, "spam"),
            "unhide": lambda: c.UnhideReview(admin, review, "not spam after all"),
        }[kind]()
    if kind == "checkout":
        return c.CheckOut(ids[args[0]])
    if kind == "deposit":
        return c.DepositFunds(ids[args[0]], args[1])
    if kind == "reprice":
        return c.ChangePrice(admin, products[args[0]], args[1])
    if kind == "retire":
        return c.RetireProduct(admin, products[args[0]])
    wallet = ids[args[0]]
    return c.CorrectTransaction(admin, wallet, ids["deposits"][wallet], args[1], "fix")


def play(shop: Shop, steps: list[tuple[Any, ...]]) -> None:
    """An admin, two shoppers with a deposit each and three products, then `steps`; the
    steps a rule refuses are left out, as the app would refuse them."""
    bus = shop.bus
    ids: dict[str, Any] = {
        "admin": bus.handle(c.RegisterAccount(None, "admin", "pw-admin1", admin=True))
    }
    for name in ("ann", "bob"):
        ids[name] = bus.handle(c.RegisterAccount(None, name, "pw-shopper1"))
    ids["products"] = [
        bus.handle(c.AddProduct(ids["admin"], f"P{n}", "", 100 * (n + 1))) for n in range(3)
    ]
    ids["deposits"] = {ids[n]: bus.handle(c.DepositFunds(ids[n], 5000)) for n in ("ann", "bob")}
    for step in steps:
        with contextlib.suppress(DomainError):
            bus.handle(to_command(step, ids))
    shop.follower.ensure()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(COMMAND, min_size=1, max_size=40))
def test_rebuild_from_scratch_equals_incremental_updates(steps: list[tuple[Any, ...]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        shop = make_shop(Path(tmp) / "shop.db")
        play(shop, steps)
        incremental = all_rows(shop)
        shop.projector.rebuild(shop.engine)
        assert all_rows(shop) == incremental
        shop.close()


def test_a_report_added_later_counts_removals_from_before_it_existed(
    tmp_path: Path, people: People, shop: Shop
) -> None:
    """Open the same database with a build that lacks the report, then with one that has it."""
    path = tmp_path / "older.db"
    without = [p for p in all_projections() if not isinstance(p, CartRemovals)]
    old_build = open_shop(path, projector=Projector(without))
    ann = old_build.bus.handle(c.RegisterAccount(None, "ann", "ann-password"))
    admin = old_build.bus.handle(c.RegisterAccount(None, "admin", "admin-password", admin=True))
    mug = old_build.bus.handle(c.AddProduct(admin, "Mug", "", 500))
    old_build.bus.handle(c.AddItemToCart(ann, mug, 3))
    old_build.bus.handle(c.ChangeQuantity(ann, mug, 2))
    old_build.bus.handle(c.RemoveItemFromCart(ann, mug))
    old_build.close()

    new_build = open_shop(path)
    assert new_build.built_projections == ["cart_removals"]
    [stat] = new_build.read.analytics.removals()
    assert (stat.name, stat.lines_removed, stat.units_removed) == ("Mug", 1, 3)
    new_build.close()


def test_time_travel_shows_the_shop_as_it_was(shop: Shop, people: People) -> None:
    shop.bus.handle(c.PostReview(people.ann, people.teapot, 2, "Drips"))
    after_post = shop.read.head()
    shop.bus.handle(c.EditReview(people.ann, f"{people.teapot}.{people.ann}", 5, "Fixed!"))
    shop.bus.handle(c.ChangePrice(people.admin, people.teapot, 2500))
    shop.bus.handle(c.RetireProduct(people.admin, people.kettle))

    past = shop.read.as_of(position=after_post)
    assert past.is_past
    assert [(p.name, p.price_cents) for p in past.catalog.products()] == [
        ("Kettle", 6450),
        ("Teapot", 3900),
    ]
    assert [r.text for r in past.catalog.reviews_for(people.teapot)] == ["Drips"]
    assert [(p.name, p.price_cents) for p in shop.read.catalog.products()] == [("Teapot", 2500)]
    assert [r.text for r in shop.read.catalog.reviews_for(people.teapot)] == ["Fixed!"]


def test_time_travel_by_time_and_to_before_anything_happened(shop: Shop, people: People) -> None:
    # The stepping clock starts at 09:00:00 and ticks once a second per command with events.
    assert shop.read.as_of(time="2026-01-01T08:00:00+00:00").catalog.products() == []
    at_first_product = shop.read.as_of(time="2026-01-01T09:00:03+00:00")
    assert [p.name for p in at_first_product.catalog.products()] == ["Teapot"]


def test_moderation_keeps_every_version_and_marks_hidden_and_deleted(
    shop: Shop, people: People
) -> None:
    review = f"{people.teapot}.{people.ann}"
    shop.bus.handle(c.PostReview(people.ann, people.teapot, 2, "Drips"))
    shop.bus.handle(c.EditReview(people.ann, review, 3, "Drips a bit"))
    shop.bus.handle(c.HideReview(people.admin, review, "Rude"))
    shop.bus.handle(c.PostReview(people.bob, people.teapot, 5, "Love it"))
    shop.bus.handle(c.DeleteReview(people.bob, f"{people.teapot}.{people.bob}"))
    statuses = {m.author_name: m.status for m in shop.read.reviews.moderation()}
    assert statuses == {"ann": "hidden", "bob": "deleted"}
    history = [
        (r.action, r.text, r.reason, r.actor_name) for r in shop.read.reviews.revisions(review)
    ]
    assert history == [
        ("posted", "Drips", None, "ann"),
        ("edited", "Drips a bit", None, "ann"),
        ("hidden", "Drips a bit", "Rude", "admin"),
    ]
    assert shop.read.catalog.reviews_for(people.teapot) == []
    teapot = shop.read.catalog.product(people.teapot)
    assert teapot is not None and (teapot.review_count, teapot.average_rating) == (0, None)


def test_moderation_search_finds_what_an_edit_took_away(shop: Shop, people: People) -> None:
    review = f"{people.teapot}.{people.ann}"
    shop.bus.handle(c.PostReview(people.ann, people.teapot, 1, "Buy at cheap-pots dot example"))
    shop.bus.handle(c.EditReview(people.ann, review, 4, "Nice pot"))
    shop.bus.handle(c.PostReview(people.bob, people.teapot, 5, "Lovely"))
    found = shop.read.reviews.moderation(search="cheap-pots")
    assert [(m.author_name, m.text) for m in found] == [("ann", "Nice pot")]
    assert shop.read.reviews.moderation(search="nothing like this") == []


def test_catalog_average_and_histogram_follow_edits(shop: Shop, people: People) -> None:
    shop.bus.handle(c.PostReview(people.ann, people.teapot, 2, "Meh"))
    shop.bus.handle(c.PostReview(people.bob, people.teapot, 5, "Great"))
    shop.bus.handle(c.EditReview(people.ann, f"{people.teapot}.{people.ann}", 4, "Better"))
    teapot = shop.read.catalog.product(people.teapot)
    assert teapot is not None and teapot.average_rating == 4.5 and teapot.review_count == 2
    assert shop.read.catalog.rating_histogram(people.teapot) == {1: 0, 2: 0, 3: 0, 4: 1, 5: 1}
    by_rating = [p.name for p in shop.read.catalog.products(sort="rating")]
    assert by_rating == ["Teapot", "Kettle"]
    assert [p.name for p in shop.read.catalog.products(search="tea")] == ["Teapot"]
    assert [p.name for p in shop.read.catalog.products(search="%")] == []


def test_a_new_projection_version_is_built_beside_the_old_one(
    tmp_path: Path, people: People, shop: Shop
) -> None:
    """Version bump: the new tables are built from all history; the old ones stay for rollback."""

    class CatalogV3(Catalog):
        VERSION = 3

    shop.close()
    path = tmp_path / "shop.db"
    others = [p for p in all_projections() if not isinstance(p, Catalog)]
    newer = open_shop(path, projector=Projector([CatalogV3(), *others]))
    assert newer.built_projections == ["catalog"]
    assert [p.name for p in newer.read.catalog.products()] == ["Kettle", "Teapot"]
    with reading(newer.engine) as conn:
        tables = {
            r[0]
            for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        old_rows = conn.exec_driver_sql("SELECT count(*) FROM catalog_v2_products").scalar()
    assert {"catalog_v2_products", "catalog_v3_products"} <= tables and old_rows == 2
    newer.close()


def test_an_unhidden_review_is_back_everywhere_as_it_reads_now(shop: Shop, people: People) -> None:
    review = f"{people.teapot}.{people.ann}"
    shop.bus.handle(c.PostReview(people.ann, people.teapot, 2, "Leaks a little #kitchen"))
    shop.follower.ensure()
    [posted] = [r for r in shop.read.catalog.reviews_for(people.teapot) if r.review_id == review]
    before = shop.read.catalog.product(people.teapot)
    shop.bus.handle(c.HideReview(people.admin, review, "Looks like spam"))
    shop.bus.handle(c.EditReview(people.ann, review, 4, "Fine after all #kitchen #gift"))
    shop.follower.ensure()
    assert review not in {r.review_id for r in shop.read.catalog.reviews_for(people.teapot)}
    assert shop.read.reviews.find("", "gift", None, None) == []

    shop.bus.handle(c.UnhideReview(people.admin, review, "A real opinion"))
    shop.follower.ensure()
    [back] = [r for r in shop.read.catalog.reviews_for(people.teapot) if r.review_id == review]
    assert (back.rating, back.text, back.edited) == (4, "Fine after all #kitchen #gift", True)
    assert back.posted_at == posted.posted_at  # not a new review: posted when it was
    product = shop.read.catalog.product(people.teapot)
    assert product is not None and before is not None
    assert product.review_count == before.review_count
    assert [r.review_id for r in shop.read.reviews.find("", "gift", None, None)] == [review]
    [moderated] = [m for m in shop.read.reviews.moderation() if m.review_id == review]
    assert moderated.status == "edited"
    actions = [r.action for r in shop.read.reviews.revisions(review)]
    assert actions == ["posted", "hidden", "edited", "unhidden"]
    assert shop.read.reviews.revisions(review)[-1].reason == "A real opinion"
