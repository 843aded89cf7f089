"""Commands: imperative requests to change the shop. Each has exactly one handler.

`actor_id` is the signed-in account issuing the command (None for a guest).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Command:
    actor_id: str | None


@dataclass(frozen=True)
class RegisterAccount(Command):
    username: str
    password: str
    # Only `demo-data` and the first-run wizard ask for this, and only the very first
    # account may be an admin unless an admin asks.
    admin: bool = False


def new_passwords(command: Command) -> list[str]:
    """The passwords `command` will store (as hashes), if its handler accepts it."""
    if isinstance(command, RegisterAccount):
        return [command.password]
    if isinstance(command, ChangePassword):
        return [command.new_password]
    return []


@dataclass(frozen=True)
class SignIn(Command):
    username: str
    password: str


@dataclass(frozen=True)
class ChangePassword(Command):
    old_password: str
    new_password: str


@dataclass(frozen=True)
class AddProduct(Command):
    name: str
    description: str
    price_cents: int


@dataclass(frozen=True)
class ChangePrice(Command):
    product_id: str
    price_cents: int


@dataclass(frozen=True)
class RetireProduct(Command):
    product_id: str


@dataclass(frozen=True)
class PostReview(Command):
    product_id: str
    rating: int
    text: str


@dataclass(frozen=True)
class EditReview(Command):
    review_id: str
    rating: int
    text: str


@dataclass(frozen=True)
class DeleteReview(Command):
    review_id: str


@dataclass(frozen=True)
class HideReview(Command):
    review_id: str
    reason: str


@dataclass(frozen=True)
class UnhideReview(Command):
    review_id: str
    reason: str


@dataclass(frozen=True)
class AddItemToCart(Command):
    product_id: str
    quantity: int = 1


@dataclass(frozen=True)
class ChangeQuantity(Command):
    product_id: str
    quantity: int


@dataclass(frozen=True)
class RemoveItemFromCart(Command):
    product_id: str


@dataclass(frozen=True)
class CheckOut(Command):
    pass


@dataclass(frozen=True)
class DepositFunds(Command):
    amount_cents: int
    note: str = "Deposit"


@dataclass(frozen=True)
class CorrectTransaction(Command):
    """Admin only: cancel a mistaken transaction and record the right amount in its place."""

    wallet_id: str
    tx_id: str
    correct_amount_cents: int
    reason: str
