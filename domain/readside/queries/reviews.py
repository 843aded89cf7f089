"""Reviews across the shop: every version for moderation, and lookups by author, #tag, time."""

from __future__ import annotations

from sqlalchemy import select

from domain.model.tags import normal_tag
from domain.readside.queries.base import Queries, escape_like, refuse_long
from domain.readside.views import FoundReview, ModeratedReview, ReviewRevision


class ReviewQueries(Queries):
    def moderation(
        self, status: str | None = None, search: str = "", limit: int = 500
    ) -> list[ModeratedReview]:
        """The most recently changed reviews (all states), newest first."""
        r = self._t("review_history", "reviews", newest_first=True)
        stmt = select(r).order_by(r.c.last_at.desc(), r.c.review_id.desc()).limit(limit)
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
            return [ModeratedReview(**row._asdict()) for row in conn.execute(stmt)]

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
        stmt = select(
            r.review_id,
            r.product_id,
            r.product_name,
            r.author_name,
            r.rating,
            r.text,
            r.posted_at,
            r.edited,
        )
        posted, review_id = r.posted_at, r.review_id
        if normal_tag(tag):
            tags = self._t("review_lookups", "tags", newest_first=True)
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
            return [FoundReview(*row[:7], edited=bool(row[7])) for row in conn.execute(stmt)]

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
