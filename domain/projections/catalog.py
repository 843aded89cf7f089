"""Catalog: every product with its price, status and the running average of visible ratings."""

from __future__ import annotations

from typing import Any

from domain.events import RecordedEvent
from domain.projections.base import Projection, Rows, TableSpec, i, t


class Catalog(Projection):
    NAME, VERSION = "catalog", 1
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
            ),
            key=("product_id",),
            indexes=(("name",),),
        ),
        # The rating each visible review currently counts with, to adjust sums on edit/delete.
        TableSpec("ratings", (t("review_id"), t("product_id"), i("rating")), key=("review_id",)),
    )

    def on_ProductAdded(self, r: RecordedEvent, rows: Rows) -> None:
        e: Any = r.event
        rows.put(
            "products",
            {
                "product_id": e.product_id,
                "name": e.name,
                "description": e.description,
                "price_cents": e.price_cents,
                "active": 1,
                "added_at": r.recorded_at,
                "rating_sum": 0,
                "review_count": 0,
            },
        )

    def _update(self, rows: Rows, product_id: str, **changes: Any) -> None:
        row = rows.get("products", product_id)
        if row is not None:
            for column, delta in changes.items():
                row[column] = delta(row[column]) if callable(delta) else delta
            rows.put("products", row)

    def on_ProductRepriced(self, r: RecordedEvent, rows: Rows) -> None:
        e: Any = r.event
        self._update(rows, e.product_id, price_cents=e.price_cents)

    def on_ProductRetired(self, r: RecordedEvent, rows: Rows) -> None:
        self._update(rows, r.event.product_id, active=0)  # type: ignore[attr-defined]

    def on_ReviewPosted(self, r: RecordedEvent, rows: Rows) -> None:
        e: Any = r.event
        rows.put(
            "ratings", {"review_id": e.review_id, "product_id": e.product_id, "rating": e.rating}
        )
        self._update(
            rows, e.product_id, rating_sum=lambda s: s + e.rating, review_count=lambda n: n + 1
        )

    def on_ReviewEdited(self, r: RecordedEvent, rows: Rows) -> None:
        e: Any = r.event
        old = rows.get("ratings", e.review_id)
        if old is None:  # hidden reviews no longer count, even when edited
            return
        rows.put("ratings", {**old, "rating": e.rating})
        self._update(rows, e.product_id, rating_sum=lambda s: s - old["rating"] + e.rating)

    def _uncount(self, r: RecordedEvent, rows: Rows) -> None:
        e: Any = r.event
        old = rows.get("ratings", e.review_id)
        if old is None:
            return
        rows.delete("ratings", e.review_id)
        self._update(
            rows, e.product_id, rating_sum=lambda s: s - old["rating"], review_count=lambda n: n - 1
        )

    on_ReviewDeleted = _uncount
    on_ReviewHidden = _uncount
