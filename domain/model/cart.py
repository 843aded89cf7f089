"""Cart: one per account, reused after each checkout. Its id is the account id."""

from __future__ import annotations

from typing import Any

from domain.model.aggregate import Aggregate
from domain.model.errors import EmptyCart, ItemNotInCart, QuantityOutOfRange
from domain.model.events import (
    CartCheckedOut,
    DomainEvent,
    ItemAddedToCart,
    ItemQuantityChanged,
    ItemRemovedFromCart,
    OrderLine,
)

MAX_QUANTITY = 99


def check_quantity(quantity: object) -> int:
    if type(quantity) is not int or not 1 <= quantity <= MAX_QUANTITY:
        raise QuantityOutOfRange(quantity)
    return quantity


class Cart(Aggregate):
    STREAM_TYPE = "cart"

    def __init__(self, aggregate_id: str) -> None:
        super().__init__(aggregate_id)
        self.lines: dict[str, int] = {}  # product id -> quantity, in the order added

    def add(self, product_id: str, quantity: int, unit_price_cents: int) -> None:
        check_quantity(quantity)
        current = self.lines.get(product_id)
        if current is None:
            self._record(ItemAddedToCart(self.id, product_id, quantity, unit_price_cents))
        else:
            # Adding more of a line already there raises its quantity, capped by the same rule.
            self.change_quantity(product_id, current + quantity)

    def change_quantity(self, product_id: str, quantity: int) -> None:
        previous = self._quantity_of(product_id)
        check_quantity(quantity)
        if quantity != previous:
            self._record(ItemQuantityChanged(self.id, product_id, previous, quantity))

    def remove(self, product_id: str) -> None:
        self._record(ItemRemovedFromCart(self.id, product_id, self._quantity_of(product_id)))

    def check_out(self, order_id: str, lines: list[OrderLine]) -> int:
        """Record the order for `lines` (priced by the caller) and return its total."""
        if not self.lines:
            raise EmptyCart()
        total = sum(line.quantity * line.unit_price_cents for line in lines)
        self._record(CartCheckedOut(self.id, order_id, tuple(lines), total))
        return total

    def _quantity_of(self, product_id: str) -> int:
        if product_id not in self.lines:
            raise ItemNotInCart(product_id)
        return self.lines[product_id]

    def when(self, event: DomainEvent) -> None:
        match event:
            case ItemAddedToCart() | ItemQuantityChanged():
                self.lines[event.product_id] = event.quantity
            case ItemRemovedFromCart():
                del self.lines[event.product_id]
            case CartCheckedOut():
                self.lines = {}

    def snapshot_state(self) -> dict[str, Any]:
        return {"lines": list(self.lines.items())}

    def restore(self, state: dict[str, Any]) -> None:
        self.lines = dict(state["lines"])
