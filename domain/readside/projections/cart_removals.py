"""Analytics: items removed from carts before checkout, per product, over all history.

Added after the shop had been running: as a new projection it is built from the whole log the
first time it starts, so removals from before it existed count too.
"""

from __future__ import annotations

from typing import Any

from domain.model.events import RecordedEvent
from domain.readside.projections.base import Projection, Rows, TableSpec, i, t


class CartRemovals(Projection):
    NAME, VERSION = "cart_removals", 1
    TABLES = (
        TableSpec(
            "removals",
            (
                t("product_id"),
                t("name"),
                i("lines_removed"),
                i("units_removed"),
                t("last_removed_at"),
            ),
            key=("product_id",),
            hot_rows=True,  # every line taken out of a cart
        ),
    )

    def on_ProductAdded(self, r: RecordedEvent, rows: Rows) -> None:
        e: Any = r.event
        rows.put(
            "removals",
            {
                "product_id": e.product_id,
                "name": e.name,
                "lines_removed": 0,
                "units_removed": 0,
                "last_removed_at": None,
            },
        )

    def _count(self, r: RecordedEvent, rows: Rows, lines: int, units: int) -> None:
        e: Any = r.event
        row = rows.get("removals", e.product_id)
        if row is not None and units > 0:
            rows.put(
                "removals",
                {
                    **row,
                    "lines_removed": row["lines_removed"] + lines,
                    "units_removed": row["units_removed"] + units,
                    "last_removed_at": r.recorded_at,
                },
            )

    def on_ItemRemovedFromCart(self, r: RecordedEvent, rows: Rows) -> None:
        self._count(r, rows, 1, r.event.quantity)  # type: ignore[attr-defined]

    def on_ItemQuantityChanged(self, r: RecordedEvent, rows: Rows) -> None:
        e: Any = r.event
        # Lowering a quantity removes units without removing the line.
        self._count(r, rows, 0, e.previous_quantity - e.quantity)
