"""Product: added, re-priced and retired by an administrator."""

from __future__ import annotations

from typing import Any

from domain.model.aggregate import Aggregate
from domain.model.errors import InvalidDescription, InvalidPrice, InvalidProductName, ProductRetired
from domain.model.events import DomainEvent, ProductAdded, ProductRepriced
from domain.model.events import ProductRetired as ProductRetiredEvent

MAX_PRICE_CENTS = 1_000_000


def check_price(price_cents: object) -> int:
    # bool is an int subclass; True must not pass as one cent.
    if type(price_cents) is not int or not 1 <= price_cents <= MAX_PRICE_CENTS:
        raise InvalidPrice(price_cents)
    return price_cents


class Product(Aggregate):
    STREAM_TYPE = "product"

    def __init__(self, aggregate_id: str) -> None:
        super().__init__(aggregate_id)
        self.name = ""
        self.description = ""
        self.price_cents = 0
        self.active = False

    def add(self, name: str, description: str, price_cents: int) -> None:
        name = name.strip()
        if not 1 <= len(name) <= 80:
            raise InvalidProductName(name)
        if len(description) > 2000:
            raise InvalidDescription(len(description))
        self._record(ProductAdded(self.id, name, description.strip(), check_price(price_cents)))

    def change_price(self, price_cents: int) -> None:
        self.ensure_available()
        self._record(ProductRepriced(self.id, self.price_cents, check_price(price_cents)))

    def retire(self) -> None:
        self.ensure_available()
        self._record(ProductRetiredEvent(self.id))

    def ensure_available(self) -> None:
        if not self.active:
            raise ProductRetired(self.name)

    def when(self, event: DomainEvent) -> None:
        match event:
            case ProductAdded():
                self.name, self.description = event.name, event.description
                self.price_cents, self.active = event.price_cents, True
            case ProductRepriced():
                self.price_cents = event.price_cents
            case ProductRetiredEvent():
                self.active = False

    def snapshot_state(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "description": self.description,
            "price_cents": self.price_cents,
            "active": self.active,
        }

    def restore(self, state: dict[str, Any]) -> None:
        self.name, self.description = state["name"], state["description"]
        self.price_cents, self.active = state["price_cents"], state["active"]
