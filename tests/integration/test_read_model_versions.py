"""Rolling a read-model version out, back and away, end to end on real SQLite files.

review_lookups v2 (it adds the popular tags) is the real change: a store written by the
release before it holds v1 only."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from domain.eventstore import store
from domain.eventstore.database import reading, writing
from domain.model import commands as c
from domain.model import events as domain_events
from domain.readside import versions
from domain.readside.projections.registry import known_projections, known_versions, projection_set
from domain.readside.projections.review_lookups import ReviewLookups
from domain.readside.projector import Projector
from domain.shop import Shop, open_shop
from tests.conftest import People, log_head

PREVIOUS_RELEASE = {"review_lookups": 1}  # the set the release before v2 served
# This release's newest: v3 (it keeps hidden reviews aside for an unhide) builds on v2.
NEWEST = max(known_versions("review_lookups"))


def rows_of(shop: Shop, name: str, version: int) -> dict[str, list[tuple[Any, ...]]]:
    projection = next(p for p in known_projections() if (name, version) == (p.NAME, p.VERSION))
    tables = Projector([projection]).tables[name]
    with reading(shop.engine) as conn:
        return {
            t.name: [tuple(r) for r in conn.execute(select(t).order_by(*t.primary_key.columns))]
            for t in tables.values()
        }


def previous_release_store(path: Path, people_count: int = 3) -> dict[str, str]:
    """A store as the release before v2 left it: review_lookups v1 only."""
    old = open_shop(path, projector=Projector(projection_set(PREVIOUS_RELEASE)))
    ids = {"admin": old.bus.handle(c.RegisterAccount(None, "admin", "admin-pass", admin=True))}
    for n in range(people_count):
        ids[f"p{n}"] = old.bus.handle(c.RegisterAccount(None, f"pat{n}", "shopper-pass"))
    ids["pot"] = old.bus.handle(c.AddProduct(ids["admin"], "Pot", "", 900))
    ids["mug"] = old.bus.handle(c.AddProduct(ids["admin"], "Mug", "", 400))
    old.bus.handle(c.PostReview(ids["p0"], ids["pot"], 5, "A #gift for my #tea"))
    old.bus.handle(c.PostReview(ids["p1"], ids["pot"], 3, "Fine #tea pot"))
    old.close()
    return ids


def test_roll_out_append_roll_back_equals_a_full_rebuild_of_the_old_version(
    tmp_path: Path,
) -> None:
    path = tmp_path / "shop.db"
    ids = previous_release_store(path)
    shop = open_shop(path)  # this release: its default is NEWEST, which the store lacks
    try:
        assert shop.read.serves("review_lookups") == 1  # serving the old one meanwhile
        assert [(p.NAME, p.VERSION) for p in shop.rollouts] == [("review_lookups", NEWEST)]
        assert shop.read.reviews.popular_tags() == []
        report = shop.roll_out(shop.rollouts[0])
        assert (report.name, report.version, report.events) == (
            "review_lookups",
            NEWEST,
            log_head(shop),
        )
        assert shop.read.serves("review_lookups") == NEWEST
        assert shop.read.reviews.popular_tags() == [("tea", 2), ("gift", 1)]
        with reading(shop.engine) as conn:
            assert versions.chosen(conn) == {"review_lookups": (NEWEST, "rollout")}

        # New history while the newest is in use: v1 no longer follows it.
        shop.bus.handle(c.PostReview(ids["p2"], ids["mug"], 4, "My #tea mug"))
        shop.bus.handle(c.DeleteReview(ids["p1"], f"{ids['pot']}.{ids['p1']}"))
        assert shop.read.reviews.popular_tags() == [("tea", 2), ("gift", 1)]
        held = {(v.name, v.version): v for v in versions.held_versions(shop.engine)}
        assert held[("review_lookups", 1)].lag == 2 and not held[("review_lookups", 1)].in_use
    finally:
        shop.close()

    versions.use(open_shop(path, catch_up=False).engine, "review_lookups", 1)
    back = open_shop(path)
    try:
        assert back.read.serves("review_lookups") == 1 and back.rollouts == []  # chosen: stays
        caught_up = rows_of(back, "review_lookups", 1)
        assert [r.text for r in back.read.reviews.find(tag="tea")] == [
            "My #tea mug",
            "A #gift for my #tea",
        ]
        # The same answers a full rebuild of v1 over the whole log gives.
        back.projector.rebuild(back.engine, ["review_lookups"])
        assert rows_of(back, "review_lookups", 1) == caught_up
    finally:
        back.close()


def test_drop_retires_a_kept_version_and_refuses_the_one_in_use(tmp_path: Path) -> None:
    path = tmp_path / "shop.db"
    previous_release_store(path)
    shop = open_shop(path)
    shop.roll_out(shop.rollouts[0])
    engine = shop.engine
    with pytest.raises(versions.VersionRefused, match="is the version in use"):
        versions.drop(engine, "review_lookups", NEWEST)
    freed = versions.drop(engine, "review_lookups", 1)
    assert freed > 0
    held = [(v.name, v.version) for v in versions.held_versions(engine)]
    assert ("review_lookups", 1) not in held and ("review_lookups", NEWEST) in held
    with reading(engine) as conn:
        tables = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master")}
    assert not any(t.startswith("review_lookups_v1_") for t in tables)
    with pytest.raises(versions.VersionRefused, match="holds no review_lookups v1"):
        versions.drop(engine, "review_lookups", 1)
    shop.close()


def test_an_older_release_follows_a_store_with_event_types_it_does_not_know(
    shop: Shop, people: People, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a newer release appended, in a type this build has never heard of, is skipped by
    the read models (store.read_projectable), never a crash."""

    @domain_events.event
    class GiftWrapped(domain_events.DomainEvent):  # a type of a future release
        cart_id: str
        paper: str

    with writing(shop.engine) as conn:
        store.append(
            conn,
            [store.StreamAppend("giftwrap-1", "giftwrap", 0, [GiftWrapped("c1", "red")])],
            {},
            "2026-01-02T00:00:00.000000+00:00",
        )
    monkeypatch.delitem(domain_events.EVENT_TYPES, "GiftWrapped")  # this build never knew it
    shop.bus.handle(c.DepositFunds(people.ann, 300, "after the future event"))
    assert shop.follower.ensure() is True
    assert shop.read.shopping.wallet(people.ann).balance_cents == 10_300
    assert shop.follower.lag().events == 0  # followed past it, not stuck before it
    before = rows_of(shop, "wallets", 1)
    shop.projector.rebuild(shop.engine)  # a full rebuild skips it the same way
    assert rows_of(shop, "wallets", 1) == before


def test_a_newer_schema_of_a_known_type_is_read_with_the_fields_this_build_knows(
    shop: Shop, people: People
) -> None:
    """A newer release added a field to DepositFunds' event: this one ignores it."""
    shop.follower.ensure()
    with writing(shop.engine) as conn:
        head, prev = store.head(conn)
        row = {
            "stream_id": f"wallet-{people.ann}",
            "stream_type": "wallet",
            "version": 2,
            "event_type": "FundsDeposited",
            "schema_version": 99,
            "data": json.dumps(
                {
                    "wallet_id": people.ann,
                    "tx_id": "tx-future",
                    "amount_cents": 77,
                    "note": "from the future",
                    "channel": "bank",  # the field the newer release added
                }
            ),
            "metadata": "{}",
            "recorded_at": "2026-01-02T00:00:00.000000+00:00",
        }
        conn.execute(
            store.events_table.insert(),
            {
                **row,
                "position": head + 1,
                "prev_hash": prev,
                "hash": store.row_hash(prev, head + 1, row),
            },
        )
    shop.bus.handle(c.DepositFunds(people.bob, 1, "later"))
    assert shop.follower.ensure() is True
    assert shop.read.shopping.wallet(people.ann).balance_cents == 10_077


def replayshop(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.cli.main", "projections", *args, "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_cli_lists_uses_and_drops_with_clear_refusals(tmp_path: Path) -> None:
    path = tmp_path / "shop.db"
    previous_release_store(path)
    listed = replayshop(path, "list")
    assert listed.returncode == 0, listed.stderr
    line = next(x for x in listed.stdout.splitlines() if x.startswith("review_lookups"))
    assert "v1  IN USE" in line and "lag 0" in line and " MB " in line
    for args, message in {
        ("use", "review_lookups", "7"): "cannot serve review_lookups v7; it knows version(s) 1, 2",
        ("use", "reviewz", "1"): "unknown projection 'reviewz'",
        ("use", "review_lookups"): "needs a NAME and a VERSION",
        ("drop", "review_lookups", "1"): "is the version in use",
        ("drop", "review_lookups", "2"): "holds no review_lookups v2; it holds version(s) 1",
    }.items():
        result = replayshop(path, *args)
        assert result.returncode == 2, args
        assert message in result.stderr, (args, result.stderr)
    used = replayshop(path, "use", "review_lookups", "2")
    assert used.returncode == 0 and "the version the app reads" in used.stdout
    dropped = replayshop(path, "drop", "review_lookups", "1")
    assert dropped.returncode == 0 and "MB freed" in dropped.stdout


def test_the_versions_this_build_knows_are_consistent() -> None:
    by_name: dict[str, list[int]] = {}
    for projection in known_projections():
        by_name.setdefault(projection.NAME, []).append(projection.VERSION)
    assert all(len(set(v)) == len(v) for v in by_name.values())  # no version twice
    assert isinstance(projection_set(PREVIOUS_RELEASE)[-1], ReviewLookups)


def test_a_rolled_out_version_has_every_version_in_its_interval_index(tmp_path: Path) -> None:
    """A rollout writes its versions in bulk and fills SQLite's interval index after; as-of
    queries find a version only through it, so it must hold every one, later ones too."""
    path = tmp_path / "shop.db"
    ids = previous_release_store(path)
    shop = open_shop(path)
    try:
        shop.roll_out(shop.rollouts[0])
        shop.bus.handle(c.PostReview(ids["p2"], ids["mug"], 4, "My #tea mug"))
        shop.follower.ensure()
        with reading(shop.engine) as conn:
            for stored in shop.projector.stored["review_lookups"].values():
                history = f'SELECT rowid, valid_from, valid_to FROM "{stored.history.name}"'
                spans = f'SELECT id, lo, hi FROM "{stored.spans}"'
                found = set(conn.exec_driver_sql(spans))
                assert found == set(conn.exec_driver_sql(history)), stored.history.name
    finally:
        shop.close()
