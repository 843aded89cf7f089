"""Carts: the open lines of every shopper's cart, priced at the current product price."""

from __future__ import annotations

from typing import Any

from domain.model.events import RecordedEvent
from domain.readside.projections.base import Projection, Rows, TableSpec, i, t
from domain.readside.projections.names import PRODUCT_NAMES, KnowsProducts


class Carts(KnowsProducts, Projection):
    NAME, VERSION = "carts", 1
    TABLES = (
        TableSpec(
            "lines",
            (t("cart_id"), t("product_id"), i("quantity"), t("added_at"), i("position")),
            key=("cart_id", "product_id"),
        ),
        PRODUCT_NAMES,
    )

    def on_ItemAddedToCart(self, r: RecordedEvent, rows: Rows) -> None:
        e: Any = r.event
        rows.put(
            "lines",
            {
                "cart_id": e.cart_id,
                "product_id": e.product_id,
                "quantity": e.quantity,
                "added_at": r.recorded_at,
                "position": r.position,
            },
        )

    def on_ItemQuantityChanged(self, r: RecordedEvent, rows: Rows) -> None:
        e: Any = r.event
        row = rows.get("lines", e.cart_id, e.product_id)
        if row is not None:
            rows.put("lines", {**row, "quantity": e.quantity})

    def on_ItemRemovedFromCart(self, r: RecordedEvent, rows: Rows) -> None:
        e: Any = r.event
        rows.delete("lines", e.cart_id, e.product_id)

    def on_CartCheckedOut(self, r: RecordedEvent, rows: Rows) -> None:
        e: Any = r.event
        for line in e.lines:
            rows.delete("lines", e.cart_id, line.product_id)
