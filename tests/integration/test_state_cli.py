"""`replayshop state`: a read model as of a past moment, the same answer the GUI's time travel
gives, and a clear message for every bad argument. A real store, the real CLI process."""

from __future__ import annotations

import json
import subprocess
import sys

from domain.model import commands as c
from domain.shop import Shop
from tests.conftest import People, log_head


def state(shop: Shop, *args: str) -> subprocess.CompletedProcess[str]:
    db = str(shop.engine.url.database)
    return subprocess.run(
        [sys.executable, "-m", "app.cli.main", "state", "--db", db, *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_wallet_and_a_cart_as_they_were(shop: Shop, people: People) -> None:
    shop.bus.handle(c.AddItemToCart(people.ann, people.teapot, 2))
    before = log_head(shop)
    shop.bus.handle(c.DepositFunds(people.ann, 700, "later"))
    shop.bus.handle(c.RemoveItemFromCart(people.ann, people.teapot))
    shop.close()  # the CLI is another process: the app is closed, as a user would have it

    result = state(shop, "--as-of", str(before), "--view", "wallet:ann", "--json")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["position"] == before
    assert answer["state"]["balance_cents"] == 10_000  # the later deposit is not there yet

    cart = json.loads(state(shop, "--as-of", str(before), "--view", "cart:ann", "--json").stdout)
    assert [line["quantity"] for line in cart["state"]["lines"]] == [2]
    now = json.loads(state(shop, "--as-of", str(before + 2), "--view", "cart:ann", "--json").stdout)
    assert now["state"]["lines"] == []


def test_reviews_by_time_and_the_catalog(shop: Shop, people: People) -> None:
    shop.bus.handle(c.PostReview(people.ann, people.teapot, 4, "Good pot"))
    with shop.engine.connect() as conn:
        posted_at = conn.exec_driver_sql(
            "SELECT recorded_at FROM events ORDER BY position DESC LIMIT 1"
        ).scalar()
    shop.bus.handle(c.EditReview(people.ann, f"{people.teapot}.{people.ann}", 2, "It leaks"))
    shop.close()
    result = state(shop, "--as-of", str(posted_at), "--view", "reviews:teapot", "--json")
    assert result.returncode == 0, result.stderr
    [review] = json.loads(result.stdout)["state"]
    assert (review["rating"], review["text"]) == (4, "Good pot")
    catalog = json.loads(state(shop, "--as-of", "0", "--view", "catalog", "--json").stdout)
    assert catalog["state"] == []  # the beginning: nothing yet


def test_every_bad_argument_is_named_with_what_is_accepted(shop: Shop, people: People) -> None:
    head = log_head(shop)
    shop.close()
    cases = {
        ("--as-of", str(head + 5), "--view", "catalog"): f"past the head of the log ({head})",
        ("--as-of", "yesterday", "--view", "catalog"): "neither a log position nor an ISO time",
        ("--as-of", "2026-01-01T09:00", "--view", "catalog"): "has no time zone",
        ("--as-of", "1", "--view", "basket:ann"): "use one of catalog, cart:USER",
        ("--as-of", str(head), "--view", "wallet:zoe"): "no account named 'zoe'",
        ("--as-of", str(head), "--view", "reviews:Samovar"): "no product 'Samovar'",
    }
    for args, message in cases.items():
        result = state(shop, *args)
        assert result.returncode == 2, args
        assert message in result.stderr, (args, result.stderr)
