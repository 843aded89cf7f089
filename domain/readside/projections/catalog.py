"""Catalog: every product with its price, status, and the visible ratings (sum, count, and how
many of each number of stars, so the product page needs no aggregate query)."""

from __future__ import annotations

from typing import Any

from domain.model.events import RecordedEvent
from domain.readside.projections.base import Projection, Rows, TableSpec, i, t

STARS = tuple(f"stars_{n}" for n in range(1, 6))


class Catalog(Projection):
    # v2 added the stars_1..stars_5 histogram columns.
    NAME, VERSION = "catalog", 2
    TABLES = (
        TableSpec(
            "products",
            (
                t("product_id"),
                t("name"),
                t("description"),
                i("price_cents"),
                i("active"),
                t("added_at"),
                i("rating_sum"),
                i("review_count"),
                *(i(column) for column in STARS),
            ),
            key=("product_id",),
            indexes=(("name",),),
            hot_rows=True,  # every rating changes its product's row
        ),
        # The rating each visible review currently counts with, to adjust on edit or removal.
        TableSpec("ratings", (t("review_id"), t("product_id"), i("rating")), key=("review_id",)),
    )

    def on_ProductAdded(self, r: RecordedEvent, rows: Rows) -> None:
        e: Any = r.event
        row = {
            "product_id": e.product_id,
            "name": e.name,
            "description": e.description,
            "price_cents": e.price_cents,
            "active": 1,
            "added_at": r.recorded_at,
            "rating_sum": 0,
            "review_count": 0,
        }
        rows.put("products", {**row, **dict.fromkeys(STARS, 0)})

    def _set(self, rows: Rows, product_id: str, **values: Any) -> None:
        row = rows.get("products", product_id)
        if row is not None:
            rows.put("products", {**row, **values})

    def _count(self, rows: Rows, product_id: str, rating: int, sign: int) -> None:
        """Add (sign 1) or take away (sign -1) one visible rating."""
        row = rows.get("products", product_id)
        if row is not None:
            row["rating_sum"] += sign * rating
            row["review_count"] += sign
            row[STARS[rating - 1]] += sign
            rows.put("products", row)

    def on_ProductRepriced(self, r: RecordedEvent, rows: Rows) -> None:
        e: Any = r.event
        self._set(rows, e.product_id, price_cents=e.price_cents)

    def on_ProductRetired(self, r: RecordedEvent, rows: Rows) -> None:
        e: Any = r.event
        self._set(rows, e.product_id, active=0)

    def on_ReviewPosted(self, r: RecordedEvent, rows: Rows) -> None:
        e: Any = r.event
        rows.put(
            "ratings", {"review_id": e.review_id, "product_id": e.product_id, "rating": e.rating}
        )
        self._count(rows, e.product_id, e.rating, 1)

    def on_ReviewEdited(self, r: RecordedEvent, rows: Rows) -> None:
        e: Any = r.event
        old = rows.get("ratings", e.review_id)
        if old is None:  # a hidden review no longer counts, even when edited
            return
        rows.put("ratings", {**old, "rating": e.rating})
        self._count(rows, e.product_id, old["rating"], -1)
        self._count(rows, e.product_id, e.rating, 1)

    def _uncount(self, r: RecordedEvent, rows: Rows) -> None:
        e: Any = r.event
        old = rows.get("ratings", e.review_id)
        if old is not None:
            rows.delete("ratings", e.review_id)
            self._count(rows, e.product_id, old["rating"], -1)

    on_ReviewDeleted = _uncount
    on_ReviewHidden = _uncount

    def on_ReviewUnhidden(self, r: RecordedEvent, rows: Rows) -> None:
        # Counted again with the rating it has now (an edit while hidden was not counted).
        # A new event type only: stores built before it need no rebuild, as no log holds one.
        e: Any = r.event
        rows.put(
            "ratings", {"review_id": e.review_id, "product_id": e.product_id, "rating": e.rating}
        )
        self._count(rows, e.product_id, e.rating, 1)
