"""Reviews across the whole shop, for lookups: by author, by #tag, by date, newest first.

Built from all history the first time a build with it opens a store (like any new
projection), so tags written a year before this existed are found too. Each lookup is one
index range scan, which is why it stays flat from ten thousand to a million events.
"""

from __future__ import annotations

from typing import Any, ClassVar

from domain.model.events import RecordedEvent
from domain.model.tags import tags_in
from domain.readside.projections.base import Projection, Rows, TableSpec, i, t
from domain.readside.projections.names import ACCOUNTS, PRODUCT_NAMES, KnowsProducts, KnowsUsernames


class ReviewLookups(KnowsUsernames, KnowsProducts, Projection):
    NAME, VERSION = "review_lookups", 1
    TABLES: ClassVar[tuple[TableSpec, ...]] = (
        TableSpec(
            "reviews",
            (
                t("review_id"),
                t("product_id"),
                t("product_name"),
                t("author_id"),
                t("author_name"),
                t("author_key"),  # the username case-folded: "Ann" finds ann
                i("rating"),
                t("text"),
                t("posted_at"),
                i("edited"),
            ),
            key=("review_id",),
            indexes=(("author_key", "posted_at", "review_id"), ("posted_at", "review_id")),
        ),
        TableSpec(
            "tags",
            (t("tag"), t("review_id"), t("posted_at")),
            key=("tag", "review_id"),
            indexes=(("tag", "posted_at", "review_id"),),
        ),
        ACCOUNTS,
        PRODUCT_NAMES,
    )

    def on_ReviewPosted(self, r: RecordedEvent, rows: Rows) -> None:
        e: Any = r.event
        author = self.username(rows, e.author_id)
        rows.put(
            "reviews",
            {
                "review_id": e.review_id,
                "product_id": e.product_id,
                "product_name": self.product_name(rows, e.product_id),
                "author_id": e.author_id,
                "author_name": author,
                "author_key": author.casefold(),
                "rating": e.rating,
                "text": e.text,
                "posted_at": r.recorded_at,
                "edited": 0,
            },
        )
        self._tag(rows, e.review_id, e.text, r.recorded_at)

    def on_ReviewEdited(self, r: RecordedEvent, rows: Rows) -> None:
        e: Any = r.event
        row = rows.get("reviews", e.review_id)
        if row is None:  # hidden: out of every lookup, edited or not
            return
        self._untag(rows, row)
        rows.put("reviews", {**row, "rating": e.rating, "text": e.text, "edited": 1})
        self._tag(rows, e.review_id, e.text, row["posted_at"])

    def _remove(self, r: RecordedEvent, rows: Rows) -> None:
        row = rows.get("reviews", r.event.review_id)  # type: ignore[attr-defined]
        if row is not None:
            self._untag(rows, row)
            rows.delete("reviews", row["review_id"])

    on_ReviewDeleted = _remove
    on_ReviewHidden = _remove

    def _tag(self, rows: Rows, review_id: str, text: str, posted_at: str) -> None:
        for tag in tags_in(text):
            rows.put("tags", {"tag": tag, "review_id": review_id, "posted_at": posted_at})

    def _untag(self, rows: Rows, row: dict[str, Any]) -> None:
        for tag in tags_in(row["text"]):
            rows.delete("tags", tag, row["review_id"])


class ReviewLookupsV2(ReviewLookups):
    """v2 also counts the visible reviews per tag: the Reviews page's "popular tags".

    A version of its own, built beside v1 from all history and switched to once caught up;
    the release that introduced it is the rollout example of the README."""

    VERSION = 2
    TABLES: ClassVar[tuple[TableSpec, ...]] = (
        *ReviewLookups.TABLES,
        TableSpec(
            "tag_counts",
            (t("tag"), i("reviews")),
            key=("tag",),
            indexes=(("reviews", "tag"),),
            hot_rows=True,  # every tagged review
        ),
    )

    def _tag(self, rows: Rows, review_id: str, text: str, posted_at: str) -> None:
        super()._tag(rows, review_id, text, posted_at)
        for tag in tags_in(text):
            row = rows.get("tag_counts", tag)
            rows.put("tag_counts", {"tag": tag, "reviews": (row["reviews"] if row else 0) + 1})

    def _untag(self, rows: Rows, row: dict[str, Any]) -> None:
        super()._untag(rows, row)
        for tag in tags_in(row["text"]):
            counted = rows.get("tag_counts", tag)
            if counted is None:
                continue
            if counted["reviews"] <= 1:
                rows.delete("tag_counts", tag)
            else:
                rows.put("tag_counts", {"tag": tag, "reviews": counted["reviews"] - 1})


class ReviewLookupsV3(ReviewLookupsV2):
    """v3 keeps a hidden review aside (untagged, uncounted) instead of forgetting it, so an
    unhide finds it again by author, #tag and day, with its first posting time.

    A version of its own, built beside v2 from all history (see ProductReviewsV2)."""

    VERSION = 3
    TABLES: ClassVar[tuple[TableSpec, ...]] = (
        *ReviewLookupsV2.TABLES,
        TableSpec("hidden", ReviewLookups.TABLES[0].columns, key=("review_id",)),
    )

    def on_ReviewEdited(self, r: RecordedEvent, rows: Rows) -> None:
        super().on_ReviewEdited(r, rows)
        e: Any = r.event
        aside = rows.get("hidden", e.review_id)
        if aside is not None:
            rows.put("hidden", {**aside, "rating": e.rating, "text": e.text, "edited": 1})

    def on_ReviewHidden(self, r: RecordedEvent, rows: Rows) -> None:
        row = rows.get("reviews", r.event.review_id)  # type: ignore[attr-defined]
        if row is not None:
            self._untag(rows, row)
            rows.delete("reviews", row["review_id"])
            rows.put("hidden", row)

    def on_ReviewUnhidden(self, r: RecordedEvent, rows: Rows) -> None:
        row = rows.get("hidden", r.event.review_id)  # type: ignore[attr-defined]
        if row is not None:
            rows.delete("hidden", row["review_id"])
            rows.put("reviews", row)
            self._tag(rows, row["review_id"], row["text"], row["posted_at"])

    def on_ReviewDeleted(self, r: RecordedEvent, rows: Rows) -> None:
        super().on_ReviewDeleted(r, rows)
        rows.delete("hidden", r.event.review_id)  # type: ignore[attr-defined]
