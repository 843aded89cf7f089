"""Typed domain errors. Each message says what was wrong and what is accepted, for a user to read.

When a handler raises one of these, nothing is appended: the unit of work rolls back.
"""

from __future__ import annotations


class DomainError(Exception):
    """A broken business rule. `str(error)` is the message to show the user."""


class NotSignedIn(DomainError):
    def __init__(self, action: str) -> None:
        super().__init__(f"You must sign in to {action}.")


class NotAuthorized(DomainError):
    def __init__(self, action: str) -> None:
        super().__init__(f"Only an administrator can {action}; you are signed in as a shopper.")


class InvalidUsername(DomainError):
    def __init__(self, username: str) -> None:
        super().__init__(
            f"Username {username!r} is not accepted: use 3 to 32 letters, digits, '.', '-' or '_'."
        )


class UsernameTaken(DomainError):
    def __init__(self, username: str) -> None:
        super().__init__(
            f"The username {username!r} is taken (names ignore case); please choose another."
        )


class PasswordTooShort(DomainError):
    def __init__(self, length: int, minimum: int) -> None:
        # The length itself is not repeated: a message is shown, and kept in recordings.
        super().__init__(
            f"The password is too short: it needs at least {minimum} characters "
            "that are not spaces."
        )
        self.length = length


class UnknownAccount(DomainError):
    def __init__(self, username: str) -> None:
        super().__init__(f"There is no account named {username!r}. Check the name or sign up.")


class WrongPassword(DomainError):
    def __init__(self, username: str) -> None:
        super().__init__(f"Wrong password for {username!r}. Passwords are case-sensitive.")


class InvalidProductName(DomainError):
    def __init__(self, name: str) -> None:
        super().__init__(f"Product name {name!r} is not accepted: use 1 to 80 characters.")


class InvalidDescription(DomainError):
    def __init__(self, length: int) -> None:
        super().__init__(f"The description has {length} characters; at most 2,000 are accepted.")


class InvalidPrice(DomainError):
    def __init__(self, cents: object) -> None:
        super().__init__(
            f"Price {cents!r} is not accepted: give whole cents from 1 to 1,000,000 "
            "(0.01 to 10,000.00)."
        )


class UnknownProduct(DomainError):
    def __init__(self, product_id: str) -> None:
        super().__init__(f"There is no product with id {product_id!r}.")


class ProductRetired(DomainError):
    def __init__(self, name: str) -> None:
        super().__init__(f"{name!r} has been retired and can no longer be bought.")


class RatingOutOfRange(DomainError):
    def __init__(self, rating: object) -> None:
        super().__init__(f"A rating must be a whole number from 1 to 5; got {rating!r}.")


class InvalidReviewText(DomainError):
    def __init__(self, length: int, maximum: int) -> None:
        what = "is empty" if length == 0 else f"has {length:,} characters"
        super().__init__(f"The review text {what}; write 1 to {maximum:,} characters.")


class InvalidNote(DomainError):
    def __init__(self, length: int, maximum: int) -> None:
        super().__init__(
            f"The note has {length:,} characters; at most {maximum:,} are accepted "
            "(it is kept in the log for good)."
        )


class SearchTooLong(DomainError):
    def __init__(self, length: int, maximum: int) -> None:
        super().__init__(
            f"The search has {length:,} characters; search with at most {maximum} characters."
        )


class InvalidDate(DomainError):
    def __init__(self, given: str) -> None:
        super().__init__(
            f"{given!r} is not a date; use a day such as 2026-11-02, or a time with its zone "
            "such as 2026-11-02T14:30+01:00."
        )


class DatesReversed(DomainError):
    def __init__(self, since: str, until: str) -> None:
        super().__init__(f"'Until' ({until}) comes before 'since' ({since}); swap them.")


class ReviewWasHidden(DomainError):
    def __init__(self) -> None:
        super().__init__(
            "A moderator hid your review of this product, so a new one cannot be posted "
            "for it. You can still see and delete the hidden one."
        )


class AdminExists(DomainError):
    def __init__(self) -> None:
        super().__init__(
            "This shop has an administrator already; administrators are created only by the "
            "first-run setup. Sign up as a shopper instead."
        )


class ReviewAlreadyExists(DomainError):
    def __init__(self) -> None:
        super().__init__("You already reviewed this product. Edit or delete that review instead.")


class UnknownReview(DomainError):
    def __init__(self, review_id: str) -> None:
        super().__init__(f"There is no live review with id {review_id!r}.")


class NotReviewAuthor(DomainError):
    def __init__(self) -> None:
        super().__init__("Only its author can edit or delete this review; it is someone else's.")


class ReviewAlreadyHidden(DomainError):
    def __init__(self) -> None:
        super().__init__("This review is already hidden.")


class MissingReason(DomainError):
    def __init__(self, action: str) -> None:
        super().__init__(f"Give a reason (1 to 500 characters) to {action}.")


class QuantityOutOfRange(DomainError):
    def __init__(self, quantity: object) -> None:
        super().__init__(f"Quantity must be a whole number from 1 to 99; got {quantity!r}.")


class ItemNotInCart(DomainError):
    def __init__(self, product_id: str) -> None:
        super().__init__(f"Product {product_id!r} is not in the cart.")


class EmptyCart(DomainError):
    def __init__(self) -> None:
        super().__init__("The cart is empty; add at least one item before checking out.")


class InvalidAmount(DomainError):
    def __init__(self, cents: object) -> None:
        super().__init__(
            f"Amount {cents!r} is not accepted: give whole cents from 1 to 1,000,000 "
            "(0.01 to 10,000.00)."
        )


class InsufficientFunds(DomainError):
    def __init__(self, needed: int, balance: int) -> None:
        super().__init__(
            f"Insufficient funds: this needs {needed / 100:,.2f} but the wallet holds "
            f"{balance / 100:,.2f}. Deposit at least {(needed - balance) / 100:,.2f} more."
        )


class UnknownTransaction(DomainError):
    def __init__(self, tx_id: str) -> None:
        super().__init__(f"There is no correctable transaction with id {tx_id!r} in this wallet.")


class TransactionAlreadyCorrected(DomainError):
    def __init__(self, tx_id: str) -> None:
        super().__init__(
            f"Transaction {tx_id!r} was corrected already: a transaction is reversed once. "
            "Correct the transaction that replaced it instead."
        )


class ConcurrencyError(DomainError):
    def __init__(self, stream_id: str, expected: int) -> None:
        super().__init__(
            f"{stream_id} was changed by someone else after it was read (expected version "
            f"{expected}). Nothing was saved; please try again."
        )
