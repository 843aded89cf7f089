"""Domain events: frozen, past-tense records of what happened. They are the source of truth.

Each event class has a schema version. When a class changes shape, its version goes up and an
upcaster (see `UPCASTERS`) turns stored data of the older version into the current shape, so the
log never has to be rewritten.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar, dataclass_transform


class DomainEvent:
    """Base of all events. Subclasses are frozen dataclasses registered by name."""

    SCHEMA_VERSION: ClassVar[int] = 1

    def to_data(self) -> dict[str, Any]:
        # Cheaper than dataclasses.asdict (no deep copy); nested records are handled by subclasses.
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}  # type: ignore[arg-type]

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> DomainEvent:
        return cls(**data)


EVENT_TYPES: dict[str, type[DomainEvent]] = {}
E = TypeVar("E", bound=type[DomainEvent])


@dataclass_transform(frozen_default=True)
def event(cls: E) -> E:
    """Make `cls` a frozen dataclass and register it under its class name."""
    frozen = dataclass(frozen=True, slots=True)(cls)
    EVENT_TYPES[frozen.__name__] = frozen
    return frozen  # type: ignore[return-value]


class DamagedLog(Exception):
    """The log holds something no intact store can: damage on disk, or a forgery."""


class DamagedEvent(DamagedLog, ValueError):
    """An event row whose data or metadata cannot be decoded (a ValueError, as the JSON
    error it stands for was: every reader that took damage calmly still does)."""

    def __init__(self, position: int, error: Exception) -> None:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        super().__init__(
            f"the event at position {position} cannot be read ({reason}); "
            "run `replayshop verify` on this database"
        )


@dataclass(frozen=True, slots=True)
class RecordedEvent:
    """An event as stored: its place in the log and the envelope the store adds."""

    position: int
    stream_id: str
    stream_type: str
    version: int
    event: DomainEvent
    recorded_at: str  # ISO 8601, UTC, microseconds: sorts as text
    raw_metadata: Mapping[str, Any] | str  # JSON text when read from the store

    @property
    def type(self) -> str:
        return type(self.event).__name__

    @property
    def metadata(self) -> Mapping[str, Any]:
        """Correlation id, actor, session and command that caused the event."""
        if isinstance(self.raw_metadata, str):
            try:
                decoded: Mapping[str, Any] = json.loads(self.raw_metadata)
            except ValueError as error:
                raise DamagedEvent(self.position, error) from error
            return decoded
        return self.raw_metadata


# --- Reports --------------------------------------------------------------------------------


@event
class EventWithheld(DomainEvent):
    """Stands in a bug report's copy of the log for an event the report leaves out (another
    shopper's wallet, cart or order): it keeps positions and times as they were and says
    nothing else. It is never appended to a shop's own log; nothing projects or loads it."""


# --- Accounts -------------------------------------------------------------------------------


@event
class UsernameClaimed(DomainEvent):
    """Lives in the `username` stream keyed by the lower-cased name; makes names unique."""

    username_key: str
    account_id: str


@event
class AccountRegistered(DomainEvent):
    account_id: str
    username: str
    password_hash: str
    role: str  # "admin" or "shopper"


@event
class PasswordChanged(DomainEvent):
    """A new hash for an account: "changed" by its owner, or a "rehash" at today's cost made
    at a sign-in (the password itself is never stored)."""

    account_id: str
    password_hash: str
    reason: str


@event
class FirstAdminAppointed(DomainEvent):
    """Lives in the single `setup-shop` stream: once it exists, only admins create admins."""

    account_id: str


# --- Products -------------------------------------------------------------------------------


@event
class ProductAdded(DomainEvent):
    # Version 1 stored the price as a decimal string in "price"; see `_product_added_v1_to_v2`.
    SCHEMA_VERSION = 2
    product_id: str
    name: str
    description: str
    price_cents: int


@event
class ProductRepriced(DomainEvent):
    product_id: str
    old_price_cents: int
    price_cents: int


@event
class ProductRetired(DomainEvent):
    product_id: str


# --- Reviews --------------------------------------------------------------------------------


@event
class ReviewPosted(DomainEvent):
    review_id: str
    product_id: str
    author_id: str
    rating: int
    text: str


@event
class ReviewEdited(DomainEvent):
    review_id: str
    product_id: str
    author_id: str
    rating: int
    text: str


@event
class ReviewDeleted(DomainEvent):
    review_id: str
    product_id: str
    author_id: str


@event
class ReviewHidden(DomainEvent):
    review_id: str
    product_id: str
    hidden_by: str
    reason: str


@event
class ReviewUnhidden(DomainEvent):
    """An administrator showed a hidden review again. It carries the review as it reads now
    (its author may have edited it while it was hidden), so each read model can put it back."""

    review_id: str
    product_id: str
    author_id: str
    unhidden_by: str
    reason: str
    rating: int
    text: str


# --- Carts ----------------------------------------------------------------------------------


@event
class ItemAddedToCart(DomainEvent):
    cart_id: str
    product_id: str
    quantity: int
    unit_price_cents: int


@event
class ItemQuantityChanged(DomainEvent):
    cart_id: str
    product_id: str
    previous_quantity: int
    quantity: int


@event
class ItemRemovedFromCart(DomainEvent):
    cart_id: str
    product_id: str
    quantity: int


@dataclass(frozen=True, slots=True)
class OrderLine:
    product_id: str
    name: str
    quantity: int
    unit_price_cents: int


@event
class CartCheckedOut(DomainEvent):
    cart_id: str
    order_id: str
    lines: tuple[OrderLine, ...]
    total_cents: int

    def to_data(self) -> dict[str, Any]:
        data = DomainEvent.to_data(self)
        data["lines"] = [dataclasses.asdict(line) for line in self.lines]
        return data

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> DomainEvent:
        lines = tuple(OrderLine(**line) for line in data["lines"])
        return cls(**{**data, "lines": lines})


# --- Wallets --------------------------------------------------------------------------------


@event
class FundsDeposited(DomainEvent):
    wallet_id: str
    tx_id: str
    amount_cents: int
    note: str
    corrects_tx_id: str | None = None


@event
class FundsDebited(DomainEvent):
    wallet_id: str
    tx_id: str
    amount_cents: int
    order_id: str | None
    corrects_tx_id: str | None = None


@event
class TransactionReversed(DomainEvent):
    """The compensating event of a correction: it cancels `reversed_tx_id` without editing it."""

    wallet_id: str
    tx_id: str
    reversed_tx_id: str
    balance_change_cents: int  # signed: minus the original's effect on the balance
    reason: str


# --- Upcasting ------------------------------------------------------------------------------

Upcaster = Callable[[dict[str, Any]], dict[str, Any]]


def _product_added_v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """v1 kept the price as a decimal string such as "12.50"; v2 keeps integer cents."""
    whole, _, frac = str(data.pop("price")).partition(".")
    data["price_cents"] = int(whole) * 100 + int((frac + "00")[:2])
    return data


# (event type, from version) -> function returning the data of version + 1.
UPCASTERS: dict[tuple[str, int], Upcaster] = {
    ("ProductAdded", 1): _product_added_v1_to_v2,
}


class UnknownEventType(Exception):
    def __init__(self, name: str, position: int | None = None) -> None:
        if position is None:
            said = f"Unknown event type {name!r}"
        else:
            said = f"the event at position {position} has the type {name!r}, unknown to this build"
        super().__init__(f"{said}; this build knows {sorted(EVENT_TYPES)}.")
        self.name, self.position = name, position


def decode_event(event_type: str, schema_version: int, data: dict[str, Any]) -> DomainEvent:
    """Rebuild an event from stored data, upcasting older schema versions step by step."""
    cls = EVENT_TYPES.get(event_type)
    if cls is None:
        raise UnknownEventType(event_type)
    while schema_version < cls.SCHEMA_VERSION:
        data = UPCASTERS[(event_type, schema_version)](dict(data))
        schema_version += 1
    return cls.from_data(data)
