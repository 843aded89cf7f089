"""Typed domain errors. Each message says what was wrong and what is accepted, for a user to read.

When a handler raises one of these, nothing is appended: the unit of work rolls back.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate knows
    """Marks a message for the app's translators (pyside6-lupdate finds it by this name).

    The domain has no Qt and speaks English; a UI shows `error.template` translated and
    filled with `error.params` (app/shell/feedback.py)."""
    return text


class DomainError(Exception):
    """A broken business rule. `str(error)` is the message to show the user, in English;
    `template` and `params` let a UI show it in the user's language."""

    def __init__(self, template: str = "", **params: object) -> None:
        super().__init__(template.format(**params))
        self.template = template
        self.params = params


class NotSignedIn(DomainError):
    def __init__(self, action: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP("DomainError", "You must sign in to {action}."), action=action
        )


class NotAuthorized(DomainError):
    def __init__(self, action: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "DomainError", "Only an administrator can {action}; you are signed in as a shopper."
            ),
            action=action,
        )


class InvalidUsername(DomainError):
    def __init__(self, username: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "DomainError",
                "Username {username!r} is not accepted: use 3 to 32 letters, digits, '.', '-' "
                "or '_'.",
            ),
            username=username,
        )


class UsernameTaken(DomainError):
    def __init__(self, username: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "DomainError",
                "The username {username!r} is taken (names ignore case); please choose another.",
            ),
            username=username,
        )


class PasswordTooShort(DomainError):
    def __init__(self, length: int, minimum: int) -> None:
        # The length itself is not repeated: a message is shown, and kept in recordings.
        super().__init__(
            QT_TRANSLATE_NOOP(
                "DomainError",
                "The password is too short: it needs at least {minimum} characters "
                "that are not spaces.",
            ),
            minimum=minimum,
        )
        self.length = length


class UnknownAccount(DomainError):
    def __init__(self, username: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "DomainError", "There is no account named {username!r}. Check the name or sign up."
            ),
            username=username,
        )


class WrongPassword(DomainError):
    def __init__(self, username: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "DomainError", "Wrong password for {username!r}. Passwords are case-sensitive."
            ),
            username=username,
        )


class InvalidProductName(DomainError):
    def __init__(self, name: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "DomainError", "Product name {name!r} is not accepted: use 1 to 80 characters."
            ),
            name=name,
        )


class InvalidDescription(DomainError):
    def __init__(self, length: int) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "DomainError",
                "The description has {length:,} characters; at most 2,000 are accepted.",
            ),
            length=length,
        )


class InvalidPrice(DomainError):
    def __init__(self, cents: object) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "DomainError",
                "Price {cents!r} is not accepted: give whole cents from 1 to 1,000,000 "
                "(0.01 to 10,000.00).",
            ),
            cents=cents,
        )


class UnknownProduct(DomainError):
    def __init__(self, product_id: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP("DomainError", "There is no product with id {product_id!r}."),
            product_id=product_id,
        )


class ProductRetired(DomainError):
    def __init__(self, name: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "DomainError", "{name!r} has been retired and can no longer be bought."
            ),
            name=name,
        )


class RatingOutOfRange(DomainError):
    def __init__(self, rating: object) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "DomainError", "A rating must be a whole number from 1 to 5; got {rating!r}."
            ),
            rating=rating,
        )


class InvalidReviewText(DomainError):
    def __init__(self, length: int, maximum: int) -> None:
        if length == 0:
            template = QT_TRANSLATE_NOOP(
                "DomainError", "The review text is empty; write 1 to {maximum:,} characters."
            )
        else:
            template = QT_TRANSLATE_NOOP(
                "DomainError",
                "The review text has {length:,} characters; write 1 to {maximum:,} characters.",
            )
        super().__init__(template, length=length, maximum=maximum)


class InvalidNote(DomainError):
    def __init__(self, length: int, maximum: int) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "DomainError",
                "The note has {length:,} characters; at most {maximum:,} are accepted "
                "(it is kept in the log for good).",
            ),
            length=length,
            maximum=maximum,
        )


class SearchTooLong(DomainError):
    def __init__(self, length: int, maximum: int) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "DomainError",
                "The search has {length:,} characters; search with at most {maximum} characters.",
            ),
            length=length,
            maximum=maximum,
        )


class InvalidDate(DomainError):
    def __init__(self, given: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "DomainError",
                "{given!r} is not a date; use a day such as 2026-11-02, or a time with its zone "
                "such as 2026-11-02T14:30+01:00.",
            ),
            given=given,
        )


class DatesReversed(DomainError):
    def __init__(self, since: str, until: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "DomainError", "'Until' ({until}) comes before 'since' ({since}); swap them."
            ),
            since=since,
            until=until,
        )


class ReviewWasHidden(DomainError):
    def __init__(self) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "DomainError",
                "A moderator hid your review of this product, so a new one cannot be posted "
                "for it. You can still see and delete the hidden one.",
            )
        )


class AdminExists(DomainError):
    def __init__(self) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "DomainError",
                "This shop has an administrator already; administrators are created only by "
                "the first-run setup. Sign up as a shopper instead.",
            )
        )


class ReviewAlreadyExists(DomainError):
    def __init__(self) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "DomainError",
                "You already reviewed this product. Edit or delete that review instead.",
            )
        )


class UnknownReview(DomainError):
    def __init__(self, review_id: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP("DomainError", "There is no live review with id {review_id!r}."),
            review_id=review_id,
        )


class NotReviewAuthor(DomainError):
    def __init__(self) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "DomainError",
                "Only its author can edit or delete this review; it is someone else's.",
            )
        )


class ReviewAlreadyHidden(DomainError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP("DomainError", "This review is already hidden."))


class ReviewNotHidden(DomainError):
    def __init__(self) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "DomainError", "This review is not hidden: only a hidden review can be shown again."
            )
        )


class MissingReason(DomainError):
    def __init__(self, action: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP("DomainError", "Give a reason (1 to 500 characters) to {action}."),
            action=action,
        )


class QuantityOutOfRange(DomainError):
    def __init__(self, quantity: object) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "DomainError", "Quantity must be a whole number from 1 to 99; got {quantity!r}."
            ),
            quantity=quantity,
        )


class ItemNotInCart(DomainError):
    def __init__(self, product_id: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP("DomainError", "Product {product_id!r} is not in the cart."),
            product_id=product_id,
        )


class EmptyCart(DomainError):
    def __init__(self) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "DomainError", "The cart is empty; add at least one item before checking out."
            )
        )


class InvalidAmount(DomainError):
    def __init__(self, cents: object) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "DomainError",
                "Amount {cents!r} is not accepted: give whole cents from 1 to 1,000,000 "
                "(0.01 to 10,000.00).",
            ),
            cents=cents,
        )


class InsufficientFunds(DomainError):
    def __init__(self, needed: int, balance: int) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "DomainError",
                "Insufficient funds: this needs {needed:,.2f} but the wallet holds "
                "{balance:,.2f}. Deposit at least {missing:,.2f} more.",
            ),
            needed=needed / 100,
            balance=balance / 100,
            missing=(needed - balance) / 100,
        )


class UnknownTransaction(DomainError):
    def __init__(self, tx_id: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "DomainError",
                "There is no correctable transaction with id {tx_id!r} in this wallet.",
            ),
            tx_id=tx_id,
        )


class TransactionAlreadyCorrected(DomainError):
    def __init__(self, tx_id: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "DomainError",
                "Transaction {tx_id!r} was corrected already: a transaction is reversed once. "
                "Correct the transaction that replaced it instead.",
            ),
            tx_id=tx_id,
        )


class ConcurrencyError(DomainError):
    def __init__(self, stream_id: str, expected: int) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "DomainError",
                "{stream_id} was changed by someone else after it was read (expected version "
                "{expected}). Nothing was saved; please try again.",
            ),
            stream_id=stream_id,
            expected=expected,
        )
