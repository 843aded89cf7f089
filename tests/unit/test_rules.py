"""Aggregate rules on their own: pure objects, no database. Every refusal records nothing."""

from __future__ import annotations

import pytest

from domain.model import errors
from domain.model.account import Account, Username
from domain.model.cart import Cart
from domain.model.events import FundsDeposited, ProductAdded, ReviewUnhidden, TransactionReversed
from domain.model.product import Product
from domain.model.review import Review
from domain.model.wallet import Wallet, WalletTransaction


def added_product() -> Product:
    product = Product("p1")
    product.replay(ProductAdded("p1", "Teapot", "", 1000))
    return product


@pytest.mark.parametrize("price", [0, -5, 1_000_001, 12.5, True, "10"])
def test_a_price_outside_one_cent_to_ten_thousand_is_refused(price: object) -> None:
    product = Product("p1")
    with pytest.raises(errors.InvalidPrice, match="1 to 1,000,000"):
        product.add("Teapot", "", price)  # type: ignore[arg-type]
    assert product.pending == []


@pytest.mark.parametrize("name", ["", "   ", "x" * 81])
def test_a_product_name_must_have_1_to_80_characters(name: str) -> None:
    with pytest.raises(errors.InvalidProductName, match="1 to 80"):
        Product("p1").add(name, "", 100)


def test_a_retired_product_cannot_be_repriced_or_retired_again() -> None:
    product = added_product()
    product.retire()
    with pytest.raises(errors.ProductRetired, match="Teapot"):
        product.change_price(500)
    with pytest.raises(errors.ProductRetired):
        product.retire()
    assert len(product.pending) == 1


@pytest.mark.parametrize("rating", [0, 6, 7, -1, 3.5, None])
def test_a_rating_of_7_names_the_accepted_range(rating: object) -> None:
    review = Review("p1.a1")
    with pytest.raises(errors.RatingOutOfRange, match=r"1 to 5; got"):
        review.post(rating, "fine")  # type: ignore[arg-type]
    assert review.pending == []


def test_review_text_must_be_1_to_5000_characters() -> None:
    with pytest.raises(errors.InvalidReviewText, match="is empty"):
        Review("p1.a1").post(5, "   ")
    with pytest.raises(errors.InvalidReviewText, match="5,001 characters"):
        Review("p1.a1").post(5, "x" * 5001)


def test_a_product_description_holds_at_most_2000_characters() -> None:
    Product("p1").add("Teapot", "x" * 2000, 3900)  # the limit itself is accepted
    product = Product("p2")
    with pytest.raises(errors.InvalidDescription, match="2,001 characters; at most 2,000"):
        product.add("Teapot", "x" * 2001, 3900)
    assert product.pending == []


def test_one_live_review_per_author_and_a_new_one_after_delete() -> None:
    review = Review("p1.a1")
    review.post(4, "good")
    with pytest.raises(errors.ReviewAlreadyExists):
        review.post(5, "again")
    review.delete("a1")
    review.post(5, "back again")
    assert [type(e).__name__ for e in review.pending] == [
        "ReviewPosted",
        "ReviewDeleted",
        "ReviewPosted",
    ]


def test_only_the_author_edits_or_deletes_a_review() -> None:
    review = Review("p1.a1")
    review.post(4, "good")
    with pytest.raises(errors.NotReviewAuthor, match="someone else's"):
        review.edit("a2", 1, "bad")
    with pytest.raises(errors.NotReviewAuthor):
        review.delete("a2")


def test_an_edit_keeps_a_hidden_review_hidden() -> None:
    review = Review("p1.a1")
    review.post(1, "spam")
    review.hide("admin", "Advertising")
    review.edit("a1", 2, "still spam")
    assert review.hidden
    with pytest.raises(errors.ReviewAlreadyHidden):
        review.hide("admin", "again")


def test_an_unhide_shows_the_review_as_it_reads_now_and_lifts_the_moderation() -> None:
    review = Review("p1.a1")
    review.post(1, "spam?")
    review.hide("admin", "Looks like spam")
    review.edit("a1", 3, "Not spam: a real opinion")
    review.unhide("admin2", "Read it again: a real review")
    shown = review.pending[-1]
    assert isinstance(shown, ReviewUnhidden)
    assert (shown.rating, shown.text, shown.unhidden_by) == (
        3,
        "Not spam: a real opinion",
        "admin2",
    )
    assert not review.hidden and not review.moderated
    review.hide("admin", "Changed my mind")  # and it can be hidden again


def test_only_a_hidden_review_can_be_shown_again_and_only_with_a_reason() -> None:
    review = Review("p1.a1")
    with pytest.raises(errors.UnknownReview):
        review.unhide("admin", "why")
    review.post(4, "fine")
    with pytest.raises(errors.ReviewNotHidden, match="only a hidden review can be shown again"):
        review.unhide("admin", "why")
    review.hide("admin", "Rude")
    with pytest.raises(errors.MissingReason, match="show a review again"):
        review.unhide("admin", " ")


def test_hiding_needs_a_reason() -> None:
    review = Review("p1.a1")
    review.post(1, "spam")
    with pytest.raises(errors.MissingReason, match="hide a review"):
        review.hide("admin", "  ")


@pytest.mark.parametrize("quantity", [0, 100, -1, 2.0])
def test_cart_quantity_must_be_1_to_99(quantity: object) -> None:
    with pytest.raises(errors.QuantityOutOfRange, match="1 to 99"):
        Cart("a1").add("p1", quantity, 100)  # type: ignore[arg-type]


def test_adding_more_of_a_line_raises_its_quantity_within_the_cap() -> None:
    cart = Cart("a1")
    cart.add("p1", 60, 100)
    cart.add("p1", 30, 100)
    assert cart.lines == {"p1": 90}
    with pytest.raises(errors.QuantityOutOfRange, match="got 100"):
        cart.add("p1", 10, 100)


def test_checkout_of_an_empty_cart_is_refused() -> None:
    with pytest.raises(errors.EmptyCart, match="add at least one item"):
        Cart("a1").check_out("o1", [])


def test_removing_a_product_not_in_the_cart_is_refused() -> None:
    with pytest.raises(errors.ItemNotInCart, match="p9"):
        Cart("a1").remove("p9")


def test_a_debit_beyond_the_balance_is_refused_and_says_how_much_is_missing() -> None:
    wallet = Wallet("a1")
    wallet.deposit("t1", 1000, "gift")
    with pytest.raises(errors.InsufficientFunds, match=r"needs 15.00 .* holds 10.00.*5.00 more"):
        wallet.debit("t2", 1500, "o1")


def test_a_correction_reverses_then_records_the_right_amount() -> None:
    wallet = Wallet("a1")
    wallet.deposit("t1", 50000, "typo")
    t1 = WalletTransaction("t1", 50000, reversed=False)  # as the handler finds it in the log
    wallet.correct("t1", t1, "t2", "t3", 5000, "was 50.00")
    reversal, corrected = wallet.pending[1:]
    assert reversal == TransactionReversed("a1", "t2", "t1", -50000, "was 50.00")
    assert isinstance(corrected, FundsDeposited) and corrected.amount_cents == 5000
    assert corrected.corrects_tx_id == "t1"
    assert wallet.balance_cents == 5000
    already = WalletTransaction("t1", 50000, reversed=True)
    with pytest.raises(errors.TransactionAlreadyCorrected, match="reversed once"):
        wallet.correct("t1", already, "t4", "t5", 100, "twice")
    with pytest.raises(errors.UnknownTransaction, match="'t9'"):
        wallet.correct("t9", None, "t4", "t5", 100, "never was")


def test_a_correction_may_not_overdraw_the_wallet() -> None:
    wallet = Wallet("a1")
    wallet.deposit("t1", 50000, "typo")
    wallet.debit("t2", 40000, None)
    with pytest.raises(errors.InsufficientFunds):
        wallet.correct("t1", WalletTransaction("t1", 50000, False), "t3", "t4", 5000, "x")


@pytest.mark.parametrize("amount", [0, -100, 1_000_001])
def test_a_deposit_must_be_positive_and_bounded(amount: int) -> None:
    with pytest.raises(errors.InvalidAmount, match="1 to 1,000,000"):
        Wallet("a1").deposit("t1", amount, "x")


def test_account_rules_for_name_and_password() -> None:
    with pytest.raises(errors.InvalidUsername, match="3 to 32"):
        Account("a1").register("a b", "long-enough", "shopper")
    with pytest.raises(errors.PasswordTooShort, match="too short: it needs at least 8 characters"):
        Account("a1").register("ann", "short", "shopper")
    entry = Username("ann")
    entry.claim("ann", "a1")
    with pytest.raises(errors.UsernameTaken, match="ignore case"):
        entry.claim("ANN", "a2")


def test_passwords_are_stored_as_salted_scrypt_hashes() -> None:
    first, second = Account("a1"), Account("a2")
    first.register("ann", "same-password", "shopper")
    second.register("bob", "same-password", "shopper")
    first.when(first.pending[0])
    stored = first.pending[0].to_data()["password_hash"]
    assert stored.startswith("scrypt$") and "same-password" not in stored
    assert stored != second.pending[0].to_data()["password_hash"]  # salted
    first.check_password("same-password")
    with pytest.raises(errors.WrongPassword, match="case-sensitive"):
        first.check_password("Same-password")
