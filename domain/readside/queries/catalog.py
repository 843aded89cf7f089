"""The catalog: products, one product, its reviews and its stars (the shop's front pages)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, func, select

from domain.eventstore.sql import Prepared
from domain.readside.queries.base import Queries, ReadSource, escape_like, refuse_long
from domain.readside.views import ProductSummary, ReviewView

SORTABLE = {"name", "price", "rating", "reviews"}


class CatalogQueries(Queries):
    def __init__(self, read: ReadSource) -> None:
        super().__init__(read)
        r = self._t("reviews", "reviews", newest_first=True).c
        # The hottest query of the shop runs on the driver directly (see domain/eventstore/sql.py).
        self._reviews_page = Prepared(
            select(
                r.review_id,
                r.product_id,
                r.author_id,
                r.author_name,
                r.rating,
                r.text,
                r.posted_at,
                r.updated_at,
                r.edited,
            )
            .where(r.product_id == bindparam("pid"))
            .order_by(r.posted_at.desc(), r.review_id.desc())
            .limit(bindparam("limit"))
            .offset(bindparam("offset"))
        )

    def products(
        self, search: str = "", sort: str = "name", include_retired: bool = False
    ) -> list[ProductSummary]:
        p = self._t("catalog", "products").c
        average = (p.rating_sum * 1.0 / func.nullif(p.review_count, 0)).label("average")
        stmt = select(
            p.product_id, p.name, p.description, p.price_cents, p.active, average, p.review_count
        )
        refuse_long(search)
        if search.strip():
            stmt = stmt.where(p.name.ilike(f"%{escape_like(search.strip())}%", escape="\\"))
        if not include_retired:
            stmt = stmt.where(p.active == 1)
        order = {
            "name": func.lower(p.name),
            "price": p.price_cents,
            "rating": average.desc().nulls_last(),
            "reviews": p.review_count.desc(),
        }
        if sort not in SORTABLE:
            raise ValueError(f"Cannot sort by {sort!r}; choose one of {sorted(SORTABLE)}")
        stmt = stmt.order_by(order[sort], p.product_id)
        with self._conn() as conn:
            return [_summary(row) for row in conn.execute(stmt)]

    def product(self, product_id: str) -> ProductSummary | None:
        p = self._t("catalog", "products").c
        average = (p.rating_sum * 1.0 / func.nullif(p.review_count, 0)).label("average")
        stmt = select(
            p.product_id, p.name, p.description, p.price_cents, p.active, average, p.review_count
        ).where(p.product_id == product_id)
        with self._conn() as conn:
            row = conn.execute(stmt).first()
        return _summary(row) if row else None

    def reviews_for(self, product_id: str, limit: int = 50, offset: int = 0) -> list[ReviewView]:
        """One page of a product's visible reviews, newest first (the product page's query)."""
        with self._conn() as conn:
            rows = self._reviews_page.rows(
                conn, {"pid": product_id, "limit": limit, "offset": offset}
            )
        return [
            ReviewView(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], edited=bool(r[8]))
            for r in rows
        ]

    def rating_histogram(self, product_id: str) -> dict[int, int]:
        """How many visible reviews gave 1..5 stars."""
        p = self._t("catalog", "products").c
        stars = [p[f"stars_{n}"] for n in range(1, 6)]
        with self._conn() as conn:
            row = conn.execute(select(*stars).where(p.product_id == product_id)).first()
        return {n: (row[n - 1] if row else 0) for n in range(1, 6)}


def _summary(row: Any) -> ProductSummary:
    pid, name, desc, price, active, average, count = row
    return ProductSummary(pid, name, desc, price, bool(active), average, count)
