"""Group commit: commands that arrive together share one transaction and one fsync, each in a
SAVEPOINT of its own. Real threads, a real SQLite file.

The test holds the write lock while the threads queue their commands, so the group is formed
on purpose, not by the luck of timing."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from sqlalchemy import text

from domain.eventstore.database import reading, writing
from domain.eventstore.store import verify_chain
from domain.model import commands as c
from domain.model import errors
from domain.shop import Shop
from tests.conftest import People, fail_commits_with, log_head


def run_together(shop: Shop, commands: list[c.Command]) -> list[Any]:
    """Each command from a thread of its own, all queued (in this order) before any runs."""
    outcomes: list[Any] = [None] * len(commands)

    def send(n: int) -> None:
        try:
            outcomes[n] = shop.bus.handle(commands[n])
        except Exception as error:
            outcomes[n] = error

    threads = [threading.Thread(target=send, args=(n,)) for n in range(len(commands))]
    bus = shop.bus
    with bus._cond:  # a group "still being written", which every newcomer queues behind
        bus._leading = True
    for n, thread in enumerate(threads, start=1):
        thread.start()
        while len(bus._queue) < n:
            time.sleep(0.001)
    with bus._cond:
        bus._leading = False
        bus._cond.notify_all()
    for thread in threads:
        thread.join()
    return outcomes


def test_commands_that_arrive_together_commit_in_one_transaction(
    shop: Shop, people: People
) -> None:
    head, groups = log_head(shop), shop.bus.counts.groups
    outcomes = run_together(
        shop,
        [
            c.DepositFunds(people.ann, 100, "one"),
            c.DepositFunds(people.bob, 200, "two"),
            c.PostReview(people.ann, people.teapot, 7, "a rating of seven"),  # refused alone
            c.AddItemToCart(people.bob, people.kettle, 2),
        ],
    )
    assert shop.bus.counts.groups == groups + 1  # one transaction, one fsync, for all four
    assert isinstance(outcomes[2], errors.RatingOutOfRange)
    assert all(isinstance(o, str) for o in outcomes[:2]) and outcomes[3] is None
    assert log_head(shop) == head + 3  # the refused one appended nothing, the others stayed
    assert shop.read.shopping.wallet(people.ann).balance_cents == 10_100
    assert shop.read.shopping.wallet(people.bob).balance_cents == 10_200
    assert [line.quantity for line in shop.read.shopping.cart(people.bob).lines] == [2]
    with reading(shop.engine) as conn:
        assert verify_chain(conn).first_bad_position is None


def test_a_later_command_of_the_group_sees_what_an_earlier_one_did(
    shop: Shop, people: People
) -> None:
    """The aggregates move from command to command inside the one transaction."""
    outcomes = run_together(
        shop,
        [
            c.AddItemToCart(people.ann, people.teapot, 1),
            c.ChangeQuantity(people.ann, people.teapot, 4),
        ],
    )
    assert outcomes == [None, None]  # the change needs the line the add made, uncommitted yet
    assert [line.quantity for line in shop.read.shopping.cart(people.ann).lines] == [4]


def test_a_failing_commit_fails_the_whole_group_and_poisons_no_aggregate(
    shop: Shop, people: People
) -> None:
    fail_commits_with(shop, "ItemAddedToCart")
    head = log_head(shop)
    outcomes = run_together(
        shop,
        [
            c.DepositFunds(people.ann, 100, "lost with the group"),
            c.AddItemToCart(people.bob, people.kettle, 1),
        ],
    )
    assert all("FOREIGN KEY" in str(o) for o in outcomes)  # neither was acknowledged
    assert log_head(shop) == head
    with writing(shop.engine) as conn:
        conn.execute(text("DROP TRIGGER fail_at_commit"))
    # The wallet was not left at the version of the lost deposit: the next one is version 2.
    shop.bus.handle(c.DepositFunds(people.ann, 100, "after"))
    assert shop.read.shopping.wallet(people.ann).balance_cents == 10_100
    with pytest.raises(errors.DomainError):  # bob's cart is still empty
        shop.bus.handle(c.ChangeQuantity(people.bob, people.kettle, 3))
