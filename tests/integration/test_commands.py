"""Commands through the real bus on a real SQLite file: what is appended, and what is refused.

A refused command must leave the log exactly as it was.
"""

from __future__ import annotations

import dataclasses
import typing

import pytest

from domain.eventstore.database import reading
from domain.eventstore.store import read_all
from domain.model import commands as c
from domain.model import errors
from domain.model.command_input import InvalidInput
from domain.shop import Shop
from tests.conftest import People, log_head


def types_after(shop: Shop, position: int) -> list[str]:
    with reading(shop.engine) as conn:
        return [e.type for e in read_all(conn, after_position=position)]


REFUSALS = [
    (
        "rating of 7",
        lambda p: c.PostReview(p.bob, p.teapot, 7, "great"),
        errors.RatingOutOfRange,
        "1 to 5; got 7",
    ),
    ("empty cart checkout", lambda p: c.CheckOut(p.ann), errors.EmptyCart, "cart is empty"),
    (
        "unknown product",
        lambda p: c.AddItemToCart(p.ann, "nope", 1),
        errors.UnknownProduct,
        "'nope'",
    ),
    (
        "unknown product review",
        lambda p: c.PostReview(p.ann, "nope", 5, "x"),
        errors.UnknownProduct,
        "'nope'",
    ),
    (
        "another user's review",
        lambda p: c.EditReview(p.bob, f"{p.teapot}.{p.ann}", 1, "mine now"),
        errors.NotReviewAuthor,
        "someone else's",
    ),
    (
        "another user's review deleted",
        lambda p: c.DeleteReview(p.bob, f"{p.teapot}.{p.ann}"),
        errors.NotReviewAuthor,
        "someone else's",
    ),
    (
        "shopper adds product",
        lambda p: c.AddProduct(p.ann, "Mug", "", 500),
        errors.NotAuthorized,
        "Only an administrator can add products",
    ),
    (
        "shopper reprices",
        lambda p: c.ChangePrice(p.ann, p.teapot, 1),
        errors.NotAuthorized,
        "change prices",
    ),
    (
        "shopper hides",
        lambda p: c.HideReview(p.bob, f"{p.teapot}.{p.ann}", "x"),
        errors.NotAuthorized,
        "hide reviews",
    ),
    (
        "shopper unhides",
        lambda p: c.UnhideReview(p.bob, f"{p.teapot}.{p.ann}", "x"),
        errors.NotAuthorized,
        "show hidden reviews again",
    ),
    (
        "shopper corrects",
        lambda p: c.CorrectTransaction(p.ann, p.ann, "t", 1, "x"),
        errors.NotAuthorized,
        "correct wallet",
    ),
    (
        "guest fills cart",
        lambda p: c.AddItemToCart(None, p.teapot, 1),
        errors.NotSignedIn,
        "sign in to fill a cart",
    ),
    (
        "quantity 100",
        lambda p: c.AddItemToCart(p.ann, p.teapot, 100),
        errors.QuantityOutOfRange,
        "got 100",
    ),
    (
        "a 10 MB deposit note",
        lambda p: c.DepositFunds(p.ann, 100, "x" * 10_000_000),
        errors.InvalidNote,
        "has 10,000,000 characters; at most 200",
    ),
    (
        "a second administrator",
        lambda p: c.RegisterAccount(p.admin, "boss2", "long-password", admin=True),
        errors.AdminExists,
        "created only by the first-run setup",
    ),
    (
        "an administrator by a guest",
        lambda p: c.RegisterAccount(None, "sneaky", "long-password", admin=True),
        errors.AdminExists,
        "administrator already",
    ),
    (
        "taken username",
        lambda p: c.RegisterAccount(None, "ANN", "long-password"),
        errors.UsernameTaken,
        "'ANN' is taken",
    ),
    (
        "short password",
        lambda p: c.RegisterAccount(None, "zed", "short"),
        errors.PasswordTooShort,
        "at least 8",
    ),
    (
        "wrong password",
        lambda p: c.SignIn(None, "ann", "nope-nope"),
        errors.WrongPassword,
        "Wrong password for 'ann'",
    ),
    (
        "unknown account",
        lambda p: c.SignIn(None, "nobody", "whatever1"),
        errors.UnknownAccount,
        "no account named 'nobody'",
    ),
    (
        "bad price",
        lambda p: c.ChangePrice(p.admin, p.teapot, 0),
        errors.InvalidPrice,
        "1 to 1,000,000",
    ),
    (
        "unknown tx",
        lambda p: c.CorrectTransaction(p.admin, p.ann, "t-none", 100, "why"),
        errors.UnknownTransaction,
        "'t-none'",
    ),
    # Refused where commands enter the bus (domain/model/command_input.py), before any rule.
    (
        "a review id of None",
        lambda p: c.DeleteReview(p.ann, None),
        InvalidInput,
        "The review id of DeleteReview is nothing: give text.",
    ),
    (
        "a password of None",
        lambda p: c.SignIn(None, "ann", None),
        InvalidInput,
        "The password of SignIn is nothing: give text.",
    ),
    (
        "a price of True",
        lambda p: c.ChangePrice(p.admin, p.teapot, True),
        InvalidInput,
        "The price cents of ChangePrice is a bool: give a whole number.",
    ),
    (
        "a NUL in a product name",
        lambda p: c.AddProduct(p.admin, "Tea\x00pot", "", 500),
        InvalidInput,
        "holds a control character ('\\x00' at character 4): letters, digits, punctuation",
    ),
    (
        "a line break in a username",
        lambda p: c.RegisterAccount(None, "ann\nadmin", "long-password"),
        InvalidInput,
        "The username of RegisterAccount holds a control character",
    ),
    (
        "a name of invisible characters only",
        lambda p: c.AddProduct(p.admin, "\u200b\u2060\u200b", "", 500),
        InvalidInput,
        "The name of AddProduct holds only invisible characters",
    ),
    (
        "a lone surrogate in a review",
        lambda p: c.PostReview(p.ann, p.teapot, 5, "fine \udcff"),
        InvalidInput,
        "holds a character no text encoding can write ('\\udcff' at character 6)",
    ),
    (
        "an escape sequence in a deposit note",
        lambda p: c.DepositFunds(p.ann, 100, "gift \x1b[2J"),
        InvalidInput,
        "The note of DepositFunds holds a control character",
    ),
]


@pytest.mark.parametrize(
    ("label", "make", "error", "message"), REFUSALS, ids=[r[0] for r in REFUSALS]
)
def test_a_broken_rule_raises_a_readable_error_and_appends_nothing(
    shop: Shop,
    people: People,
    label: str,
    make,
    error: type[Exception],
    message: str,  # type: ignore[no-untyped-def]
) -> None:
    shop.bus.handle(c.PostReview(people.ann, people.teapot, 4, "Pours well"))
    before = log_head(shop)
    with pytest.raises(error) as raised:
        shop.bus.handle(make(people))
    assert message in str(raised.value)
    assert log_head(shop) == before


def test_insufficient_funds_refuses_checkout_and_keeps_the_cart(shop: Shop, people: People) -> None:
    shop.bus.handle(c.AddItemToCart(people.ann, people.kettle, 2))  # 129.00 > 100.00
    before = log_head(shop)
    with pytest.raises(errors.InsufficientFunds, match=r"Deposit at least 29\.00 more"):
        shop.bus.handle(c.CheckOut(people.ann))
    assert log_head(shop) == before
    assert shop.read.shopping.cart(people.ann).total_cents == 12900


def test_checkout_records_the_order_and_debits_the_wallet_atomically(
    shop: Shop, people: People
) -> None:
    shop.bus.handle(c.AddItemToCart(people.ann, people.teapot, 2))
    before = log_head(shop)
    order_id = shop.bus.handle(c.CheckOut(people.ann))
    assert types_after(shop, before) == ["CartCheckedOut", "FundsDebited"]
    [order] = shop.read.shopping.orders(people.ann)
    assert (order.order_id, order.total_cents, order.item_count) == (order_id, 7800, 2)
    assert shop.read.shopping.wallet(people.ann).balance_cents == 10000 - 7800
    assert shop.read.shopping.cart(people.ann).lines == ()


def test_checkout_uses_the_current_price_and_refuses_retired_products(
    shop: Shop, people: People
) -> None:
    shop.bus.handle(c.AddItemToCart(people.ann, people.teapot, 1))
    shop.bus.handle(c.ChangePrice(people.admin, people.teapot, 3500))
    assert shop.read.shopping.cart(people.ann).total_cents == 3500
    shop.bus.handle(c.AddItemToCart(people.ann, people.kettle, 1))
    shop.bus.handle(c.RetireProduct(people.admin, people.kettle))
    with pytest.raises(errors.ProductRetired, match="'Kettle' has been retired"):
        shop.bus.handle(c.CheckOut(people.ann))
    shop.bus.handle(c.RemoveItemFromCart(people.ann, people.kettle))
    shop.bus.handle(c.CheckOut(people.ann))
    assert shop.read.shopping.wallet(people.ann).balance_cents == 6500


def test_events_carry_correlation_actor_and_session_metadata(shop: Shop, people: People) -> None:
    shop.bus.context = lambda: {"correlation_id": "ui-42", "session": "rec-1"}
    before = log_head(shop)
    shop.bus.handle(c.AddItemToCart(people.ann, people.teapot, 1))
    with reading(shop.engine) as conn:
        [event] = list(read_all(conn, after_position=before))
    assert dict(event.metadata) == {
        "command": "AddItemToCart",
        "actor": people.ann,
        "correlation_id": "ui-42",
        "session": "rec-1",
    }


def test_sign_in_ignores_case_of_the_name_and_returns_the_account(
    shop: Shop, people: People
) -> None:
    assert shop.bus.handle(c.SignIn(None, " ANN ", "ann-password")) == people.ann


def test_a_correction_is_a_compensating_event_then_the_right_one(
    shop: Shop, people: People
) -> None:
    tx = shop.bus.handle(c.DepositFunds(people.bob, 50000, "Bank transfer"))
    before = log_head(shop)
    shop.bus.handle(c.CorrectTransaction(people.admin, people.bob, tx, 5000, "typo"))
    assert types_after(shop, before) == ["TransactionReversed", "FundsDeposited"]
    wallet = shop.read.shopping.wallet(people.bob)
    assert wallet.balance_cents == 15000
    kinds = [(t.kind, t.amount_cents, t.reversed_by is not None) for t in wallet.transactions]
    assert kinds[:3] == [
        ("deposit", 5000, False),
        ("reversal", -50000, False),
        ("deposit", 50000, True),
    ]


def test_a_hidden_review_cannot_come_back_by_delete_and_post(shop: Shop, people: People) -> None:
    """The rule: once a moderator hid a review, its author may delete it but not post another
    for the same product (the text would be back past the moderator)."""
    bus = shop.bus
    bus.handle(c.PostReview(people.bob, people.teapot, 1, "BUY FROM my-other-shop instead"))
    review = f"{people.teapot}.{people.bob}"
    bus.handle(c.HideReview(people.admin, review, "Advertising"))
    bus.handle(c.DeleteReview(people.bob, review))
    head = log_head(shop)
    with pytest.raises(errors.ReviewWasHidden, match="cannot be posted"):
        bus.handle(c.PostReview(people.bob, people.teapot, 5, "BUY FROM my-other-shop instead"))
    assert log_head(shop) == head
    bus.handle(c.PostReview(people.bob, people.kettle, 4, "Fine kettle."))  # other products: yes


def test_a_search_longer_than_the_limit_is_refused_by_name(shop: Shop, people: People) -> None:
    with pytest.raises(errors.SearchTooLong, match="25,001 characters; search with at most 100"):
        shop.read.catalog.products("é" * 25_001)  # was an untyped OperationalError from LIKE
    assert [p.name for p in shop.read.catalog.products("tea")] == ["Teapot"]


def _every_command() -> list[type[c.Command]]:
    found = [v for v in vars(c).values() if isinstance(v, type) and issubclass(v, c.Command)]
    return [cls for cls in found if cls is not c.Command]


WELL_TYPED = {str: "Tea pot", int: 2, bool: False}


def _well_typed(cls: type[c.Command]) -> dict[str, object]:
    hints = typing.get_type_hints(cls)
    values: dict[str, object] = {}
    for f in dataclasses.fields(cls):
        kinds = typing.get_args(hints[f.name]) or (hints[f.name],)
        values[f.name] = WELL_TYPED[next(k for k in kinds if k is not type(None))]
    return values


@pytest.mark.parametrize("cls", _every_command(), ids=lambda cls: cls.__name__)
def test_every_field_of_every_command_refuses_a_wrong_python_type_by_name(
    shop: Shop, cls: type[c.Command]
) -> None:
    """The API's callers are Python too: a None, a float, bytes or a list where a command
    declares text or a number is a domain error naming the field, never an AttributeError
    from deep inside a handler, and nothing is appended."""
    assert len(_every_command()) >= 15
    hints = typing.get_type_hints(cls)
    before = log_head(shop)
    for f in dataclasses.fields(cls):
        optional = type(None) in typing.get_args(hints[f.name])
        for wrong in ([None] if not optional else []) + [1.5, b"bytes", ["a list"], {"a": 1}]:
            values = {**_well_typed(cls), f.name: wrong}
            with pytest.raises(InvalidInput) as refused:
                shop.bus.handle(cls(**values))
            said = str(refused.value)
            assert f.name.replace("_", " ") in said and cls.__name__ in said, said
            assert "give " in said  # and what it takes instead
    assert log_head(shop) == before
