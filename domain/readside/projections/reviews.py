"""Reviews per product: the current, visible review of each author, newest first."""

from __future__ import annotations

from typing import Any, ClassVar

from domain.model.events import RecordedEvent
from domain.readside.projections.base import Projection, Rows, TableSpec, i, t
from domain.readside.projections.names import ACCOUNTS, KnowsUsernames


class ProductReviews(KnowsUsernames, Projection):
    NAME, VERSION = "reviews", 1
    TABLES: ClassVar[tuple[TableSpec, ...]] = (
        TableSpec(
            "reviews",
            (
                t("review_id"),
                t("product_id"),
                t("author_id"),
                t("author_name"),
                i("rating"),
                t("text"),
                t("posted_at"),
                t("updated_at"),
                i("edited"),
            ),
            key=("review_id",),
            indexes=(("product_id", "posted_at", "review_id"),),
        ),
        ACCOUNTS,
    )

    def on_ReviewPosted(self, r: RecordedEvent, rows: Rows) -> None:
        e: Any = r.event
        rows.put(
            "reviews",
            {
                "review_id": e.review_id,
                "product_id": e.product_id,
                "author_id": e.author_id,
                "author_name": self.username(rows, e.author_id),
                "rating": e.rating,
                "text": e.text,
                "posted_at": r.recorded_at,
                "updated_at": r.recorded_at,
                "edited": 0,
            },
        )

    def on_ReviewEdited(self, r: RecordedEvent, rows: Rows) -> None:
        self._edit_in(rows, "reviews", r)  # a hidden review stays out of the shop, edited

    def _edit_in(self, rows: Rows, table: str, r: RecordedEvent) -> None:
        e: Any = r.event
        row = rows.get(table, e.review_id)
        if row is not None:
            edited = {"rating": e.rating, "text": e.text, "updated_at": r.recorded_at, "edited": 1}
            rows.put(table, {**row, **edited})

    def _remove(self, r: RecordedEvent, rows: Rows) -> None:
        rows.delete("reviews", r.event.review_id)  # type: ignore[attr-defined]

    on_ReviewDeleted = _remove
    on_ReviewHidden = _remove


class ProductReviewsV2(ProductReviews):
    """v2 keeps a hidden review aside instead of forgetting it, so an administrator's unhide
    puts it back as it was: posted when it was, edited if it was (also while hidden).

    A version of its own: built from all history beside v1, so reviews hidden before this
    release can be shown again too."""

    VERSION = 2
    TABLES: ClassVar[tuple[TableSpec, ...]] = (
        *ProductReviews.TABLES,
        TableSpec("hidden", ProductReviews.TABLES[0].columns, key=("review_id",)),
    )

    def on_ReviewEdited(self, r: RecordedEvent, rows: Rows) -> None:
        super().on_ReviewEdited(r, rows)
        self._edit_in(rows, "hidden", r)  # edited while hidden: shown so when unhidden

    def on_ReviewHidden(self, r: RecordedEvent, rows: Rows) -> None:
        e: Any = r.event
        row = rows.get("reviews", e.review_id)
        if row is not None:
            rows.put("hidden", row)
            rows.delete("reviews", e.review_id)

    def on_ReviewUnhidden(self, r: RecordedEvent, rows: Rows) -> None:
        e: Any = r.event
        row = rows.get("hidden", e.review_id)
        if row is not None:
            rows.delete("hidden", e.review_id)
            rows.put("reviews", row)

    def on_ReviewDeleted(self, r: RecordedEvent, rows: Rows) -> None:
        e: Any = r.event
        rows.delete("reviews", e.review_id)
        rows.delete("hidden", e.review_id)
