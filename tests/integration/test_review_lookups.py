"""Shop-wide review lookups by author, #tag and date: a real store, the real projection, the
real CLI. Edits retag, deletions and hiding remove, and a store written before the lookups
existed is searchable from its first review."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from domain.model import commands as c
from domain.model.errors import SearchTooLong
from domain.readside.projections.registry import all_projections
from domain.readside.projections.review_lookups import ReviewLookups
from domain.readside.projector import Projector
from domain.shop import Shop, open_shop
from tests.conftest import People


def texts(found: list) -> list[str]:  # type: ignore[type-arg]
    return [r.text for r in found]


@pytest.fixture
def reviewed(shop: Shop, people: People) -> Shop:
    bus = shop.bus
    bus.handle(c.PostReview(people.ann, people.teapot, 5, "Lovely #tea pot, #gift"))
    bus.handle(c.PostReview(people.bob, people.teapot, 2, "Drips. #Tea is fine though"))
    bus.handle(c.PostReview(people.ann, people.kettle, 4, "Fast kettle #TEA"))
    return shop


def test_by_tag_newest_first_in_any_case(reviewed: Shop) -> None:
    assert texts(reviewed.read.reviews.find(tag="#Tea")) == [
        "Fast kettle #TEA",
        "Drips. #Tea is fine though",
        "Lovely #tea pot, #gift",
    ]
    [gift] = reviewed.read.reviews.find(tag="gift")
    assert (gift.product_name, gift.author_name, gift.rating) == ("Teapot", "ann", 5)


def test_by_author_and_by_tag_together(reviewed: Shop) -> None:
    assert texts(reviewed.read.reviews.find(author="ANN")) == [
        "Fast kettle #TEA",
        "Lovely #tea pot, #gift",
    ]
    assert texts(reviewed.read.reviews.find(author="bob", tag="tea")) == [
        "Drips. #Tea is fine though"
    ]
    assert reviewed.read.reviews.find(author="nobody") == []


def test_edits_retag_and_deleted_or_hidden_reviews_are_not_found(
    reviewed: Shop, people: People
) -> None:
    bus, teapot = reviewed.bus, people.teapot
    bus.handle(c.EditReview(people.ann, f"{teapot}.{people.ann}", 5, "Lovely pot #present"))
    assert reviewed.read.reviews.find(tag="gift") == []
    [edited] = reviewed.read.reviews.find(tag="present")
    assert edited.edited
    bus.handle(c.DeleteReview(people.bob, f"{teapot}.{people.bob}"))
    bus.handle(c.HideReview(people.admin, f"{people.kettle}.{people.ann}", "spam"))
    assert reviewed.read.reviews.find(tag="tea") == []
    assert texts(reviewed.read.reviews.find(author="ann")) == ["Lovely pot #present"]


def test_a_range_of_posting_times(reviewed: Shop) -> None:
    everything = reviewed.read.reviews.find(tag="tea")
    newest, middle, oldest = (r.posted_at for r in everything)
    assert texts(reviewed.read.reviews.find(since=middle)) == texts(everything[:2])
    assert texts(reviewed.read.reviews.find(since=oldest, until=middle)) == [everything[2].text]
    assert reviewed.read.reviews.find(since=newest, until=newest) == []


def test_a_store_written_before_the_lookups_is_searchable_from_its_start(
    tmp_path: Path,
) -> None:
    path = tmp_path / "older.db"
    without = [p for p in all_projections() if not isinstance(p, ReviewLookups)]
    old = open_shop(path, projector=Projector(without))
    admin = old.bus.handle(c.RegisterAccount(None, "admin", "admin-password", admin=True))
    ann = old.bus.handle(c.RegisterAccount(None, "ann", "ann-password"))
    mug = old.bus.handle(c.AddProduct(admin, "Mug", "", 500))
    old.bus.handle(c.PostReview(ann, mug, 3, "A year-old #mug review"))
    old.close()
    new = open_shop(path)
    try:
        assert "review_lookups" in new.built_projections
        assert texts(new.read.reviews.find(tag="mug")) == ["A year-old #mug review"]
    finally:
        new.close()


def test_a_search_longer_than_accepted_is_refused(reviewed: Shop) -> None:
    with pytest.raises(SearchTooLong, match="at most 100 characters"):
        reviewed.read.reviews.find(tag="t" * 101)


def query(db: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.cli.main", "query", "reviews", "--db", db, *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_cli_finds_the_same_and_names_bad_input(reviewed: Shop) -> None:
    db = str(reviewed.engine.url.database)
    expected = texts(reviewed.read.reviews.find(tag="tea"))
    reviewed.close()
    found = query(db, "--tag", "#tea", "--json")
    assert found.returncode == 0, found.stderr
    assert [json.loads(line)["text"] for line in found.stdout.splitlines()] == expected
    day = json.loads(found.stdout.splitlines()[0])["posted_at"][:10]
    by_day = query(db, "--since", day, "--until", day)
    assert by_day.returncode == 0 and "3 review(s)" in by_day.stderr
    for args, message in {
        (): "say what to look for",
        ("--since", "last week"): "'last week' is not a date",
        ("--since", "2026-02-01", "--until", "2026-01-01"): "swap them",
        ("--tag", "x" * 101): "at most 100 characters",
        ("--tag", "tea", "--limit", "0"): "use 1 to 10000",
    }.items():
        result = query(db, *args)
        assert result.returncode == 2, args
        assert message in result.stderr, (args, result.stderr)
