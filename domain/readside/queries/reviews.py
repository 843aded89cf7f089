"""Reviews across the shop: every version for moderation, and lookups by author, #tag, time."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from sqlalchemy import Table, select

from domain.model.tags import normal_tag
from domain.readside.projections.temporal import VALID_FROM
from domain.readside.queries.base import Queries, escape_like, refuse_long
from domain.readside.views import FoundReview, ModeratedReview, ReviewRevision

FOUND_COLUMNS = (
    "review_id",
    "product_id",
    "product_name",
    "author_name",
    "rating",
    "text",
    "posted_at",
    "edited",
)


def _found(row: Any) -> FoundReview:
    review_id, product_id, product_name, author_name, rating, text, posted_at, edited = row
    return FoundReview(
        review_id, product_id, product_name, author_name, rating, text, posted_at, bool(edited)
    )


class ReviewQueries(Queries):
    def moderation(
        self, status: str | None = None, search: str = "", limit: int = 500
    ) -> list[ModeratedReview]:
        """The most recently changed reviews (all states), newest first: in the log's order,
        by the position of each review's last change (review_history.py)."""
        r = self._t("review_history", "reviews", newest_first=True, by_position=True)
        shown = [r.c[f.name] for f in fields(ModeratedReview)]
        # The position selected too: SQLite merges a past view's two arms, each walking its
        # own index, only when the ORDER BY names result columns; else it reads both whole.
        last_change = r.c[VALID_FROM]
        stmt = select(*shown, last_change).order_by(last_change.desc(), r.c.review_id.desc())
        if self._read.as_of_position is not None:
            stmt = stmt.where(last_change <= self._read.as_of_position)
        stmt = stmt.limit(limit)
        if status:
            stmt = stmt.where(r.c.status == status)
        refuse_long(search)
        if search.strip():
            pattern = f"%{escape_like(search.strip())}%"
            # Earlier versions too: an author who edited the abuse away is still found by it.
            v = self._t("review_history", "revisions").c
            earlier = (
                select(v.review_id)
                .where(v.review_id == r.c.review_id, v.text.ilike(pattern, escape="\\"))
                .exists()
            )
            stmt = stmt.where(
                r.c.text.ilike(pattern, escape="\\")
                | r.c.author_name.ilike(pattern, escape="\\")
                | r.c.product_name.ilike(pattern, escape="\\")
                | earlier
            )
        with self._conn() as conn:
            return [ModeratedReview(*row[: len(shown)]) for row in conn.execute(stmt)]

    def revisions(self, review_id: str) -> list[ReviewRevision]:
        r = self._t("review_history", "revisions")
        stmt = select(r).where(r.c.review_id == review_id).order_by(r.c.revision)
        with self._conn() as conn:
            return [
                ReviewRevision(
                    row.review_id,
                    row.revision,
                    row.action,
                    row.rating,
                    row.text,
                    row.reason,
                    row.actor_name,
                    row.at,
                )
                for row in conn.execute(stmt)
            ]

    def find(
        self,
        author: str = "",
        tag: str = "",
        since: str | None = None,
        until: str | None = None,
        limit: int = 100,
    ) -> list[FoundReview]:
        """Visible reviews across the shop, newest first, by author and/or #tag and/or a
        range of posting times (`since` inclusive, `until` exclusive, ISO text)."""
        for given in (author, tag):
            refuse_long(given)
        reviews = self._t("review_lookups", "reviews", newest_first=True)
        r = reviews.c
        stmt = select(*(r[c] for c in FOUND_COLUMNS))
        posted, review_id = r.posted_at, r.review_id
        if normal_tag(tag):
            tags = self._t("review_lookups", "tags", newest_first=True)
            if not isinstance(tags, Table):  # a past view's union (see _find_tagged)
                return self._find_tagged(normal_tag(tag), author, since, until, limit)
            # Scan the tag's own index in time order, and fetch each review by its key.
            stmt = stmt.select_from(tags.join(reviews, tags.c.review_id == r.review_id))
            stmt = stmt.where(tags.c.tag == normal_tag(tag))
            posted, review_id = tags.c.posted_at, tags.c.review_id
        if author.strip():
            stmt = stmt.where(r.author_key == author.strip().casefold())
        if since:
            stmt = stmt.where(posted >= since)
        if until:
            stmt = stmt.where(posted < until)
        stmt = stmt.order_by(posted.desc(), review_id.desc()).limit(limit)
        with self._conn() as conn:
            return [_found(row) for row in conn.execute(stmt)]

    def _find_tagged(
        self, tag: str, author: str, since: str | None, until: str | None, limit: int
    ) -> list[FoundReview]:
        """As of a past position: the tag's own index walked newest first, a batch of review
        ids at a time, and the reviews fetched by key. Not one join: a past view's tables are
        each a UNION ALL of live rows and ended versions (temporal.py), and SQLite
        materializes a sorted join of two of them (a minute at 100k events)."""
        tags = self._t("review_lookups", "tags", newest_first=True).c
        reviews = self._t("review_lookups", "reviews").c
        # The ordering columns selected too: SQLite merges a union's arms in order, each
        # walking its own index, only when the ORDER BY names result columns.
        ids = select(tags.review_id, tags.posted_at).where(tags.tag == tag)
        if since:
            ids = ids.where(tags.posted_at >= since)
        if until:
            ids = ids.where(tags.posted_at < until)
        ids = ids.order_by(tags.posted_at.desc(), tags.review_id.desc())
        wanted = select(*(reviews[c] for c in FOUND_COLUMNS))
        if author.strip():
            wanted = wanted.where(reviews.author_key == author.strip().casefold())
        found: list[FoundReview] = []
        batch = max(limit, 1) * (4 if author.strip() else 1)  # an author's are fewer
        with self._conn() as conn:
            offset = 0
            while len(found) < limit:
                page = [row[0] for row in conn.execute(ids.limit(batch).offset(offset))]
                rows = conn.execute(wanted.where(reviews.review_id.in_(page)))
                by_id = {row[0]: _found(row) for row in rows}
                found += [by_id[i] for i in page if i in by_id]
                if len(page) < batch:
                    break
                offset += batch
        return found[:limit]

    def popular_tags(self, limit: int = 8) -> list[tuple[str, int]]:
        """The tags on most visible reviews, most first; empty before review_lookups v2."""
        if self._read.serves("review_lookups") < 2:
            return []
        counts = self._t("review_lookups", "tag_counts").c
        stmt = (
            select(counts.tag, counts.reviews)
            .order_by(counts.reviews.desc(), counts.tag)
            .limit(limit)
        )
        with self._conn() as conn:
            return [(str(tag), int(n)) for tag, n in conn.execute(stmt)]
