"""Reviews per product: the current, visible review of each author, newest first."""

from __future__ import annotations

from typing import Any

from domain.events import RecordedEvent
from domain.projections.base import Projection, Rows, TableSpec, i, t
from domain.projections.names import ACCOUNTS, KnowsUsernames


class ProductReviews(KnowsUsernames, Projection):
    NAME, VERSION = "reviews", 1
    TABLES = (
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
        e: Any = r.event
        row = rows.get("reviews", e.review_id)
        if row is not None:  # a hidden review stays out of the shop, edited or not
            rows.put(
                "reviews",
                {
                    **row,
                    "rating": e.rating,
                    "text": e.text,
                    "updated_at": r.recorded_at,
                    "edited": 1,
                },
            )

    def _remove(self, r: RecordedEvent, rows: Rows) -> None:
        rows.delete("reviews", r.event.review_id)  # type: ignore[attr-defined]

    on_ReviewDeleted = _remove
    on_ReviewHidden = _remove
