"""Orders: every checkout with its lines, as priced at the time."""

from __future__ import annotations

from typing import Any

from domain.model.events import RecordedEvent
from domain.readside.projections.base import Projection, Rows, TableSpec, i, t


class Orders(Projection):
    NAME, VERSION = "orders", 1
    TABLES = (
        TableSpec(
            "orders",
            (
                t("order_id"),
                t("account_id"),
                t("placed_at"),
                i("total_cents"),
                i("item_count"),
                i("position"),
            ),
            key=("order_id",),
            indexes=(("account_id", "position"),),
        ),
        TableSpec(
            "lines",
            (t("order_id"), t("product_id"), t("name"), i("quantity"), i("unit_price_cents")),
            key=("order_id", "product_id"),
        ),
    )

    def on_CartCheckedOut(self, r: RecordedEvent, rows: Rows) -> None:
        e: Any = r.event
        rows.put(
            "orders",
            {
                "order_id": e.order_id,
                "account_id": e.cart_id,
                "placed_at": r.recorded_at,
                "total_cents": e.total_cents,
                "item_count": sum(x.quantity for x in e.lines),
                "position": r.position,
            },
        )
        for line in e.lines:
            rows.put(
                "lines",
                {
                    "order_id": e.order_id,
                    "product_id": line.product_id,
                    "name": line.name,
                    "quantity": line.quantity,
                    "unit_price_cents": line.unit_price_cents,
                },
            )
