"""What queries return: small frozen records shaped for the screens that show them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AccountView:
    account_id: str
    username: str
    role: str
    registered_at: str

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


@dataclass(frozen=True)
class ProductSummary:
    product_id: str
    name: str
    description: str
    price_cents: int
    active: bool
    average_rating: float | None
    review_count: int


@dataclass(frozen=True)
class FoundReview:
    """A review found by a shop-wide lookup (author, #tag, date): it names its product."""

    review_id: str
    product_id: str
    product_name: str
    author_name: str
    rating: int
    text: str
    posted_at: str
    edited: bool


@dataclass(frozen=True)
class ReviewView:
    review_id: str
    product_id: str
    author_id: str
    author_name: str
    rating: int
    text: str
    posted_at: str
    updated_at: str
    edited: bool


@dataclass(frozen=True)
class CartLineView:
    product_id: str
    name: str
    quantity: int
    unit_price_cents: int
    active: bool

    @property
    def total_cents(self) -> int:
        return self.quantity * self.unit_price_cents


@dataclass(frozen=True)
class CartView:
    lines: tuple[CartLineView, ...]

    @property
    def total_cents(self) -> int:
        return sum(line.total_cents for line in self.lines)


@dataclass(frozen=True)
class OrderLineView:
    product_id: str
    name: str
    quantity: int
    unit_price_cents: int


@dataclass(frozen=True)
class OrderView:
    order_id: str
    placed_at: str
    total_cents: int
    item_count: int
    lines: tuple[OrderLineView, ...]


@dataclass(frozen=True)
class TransactionView:
    tx_id: str
    at: str
    kind: str
    amount_cents: int
    note: str
    order_id: str | None
    corrects_tx_id: str | None
    reversed_by: str | None


@dataclass(frozen=True)
class WalletView:
    balance_cents: int
    transactions: tuple[TransactionView, ...]


@dataclass(frozen=True)
class ModeratedReview:
    review_id: str
    product_id: str
    product_name: str
    author_name: str
    status: str
    rating: int | None
    text: str
    revisions: int
    first_at: str
    last_at: str


@dataclass(frozen=True)
class ReviewRevision:
    review_id: str
    revision: int
    action: str
    rating: int | None
    text: str
    reason: str | None
    actor_name: str
    at: str


@dataclass(frozen=True)
class RemovalStat:
    product_id: str
    name: str
    lines_removed: int
    units_removed: int
    last_removed_at: str | None
