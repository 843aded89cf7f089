"""The query side: read models served to the UI, now or as of any past moment.

Queries read projection tables only. A time-travel view replays the log up to a position into
an in-memory database with the same tables, so the very same queries answer for the past.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, Table, bindparam, func, select

from domain.eventstore import store
from domain.eventstore.database import engine_on, open_engine, reading
from domain.eventstore.sql import Prepared
from domain.model.clock import to_iso
from domain.model.errors import SearchTooLong
from domain.model.events import RecordedEvent
from domain.model.tags import normal_tag
from domain.readside.images import PastImages, apply_tail
from domain.readside.projector import Projector, build_in_memory
from domain.readside.views import (
    AccountView,
    CartLineView,
    CartView,
    FoundReview,
    ModeratedReview,
    OrderLineView,
    OrderView,
    ProductSummary,
    RemovalStat,
    ReviewRevision,
    ReviewView,
    TransactionView,
    WalletView,
)

SORTABLE = {"name", "price", "rating", "reviews"}

MAX_SEARCH = 100  # characters; longer searches are refused with SearchTooLong


class ReadModelClosed(RuntimeError):
    """A query after the shop was closed: something outlived the store it reads."""


class ReadModel:
    def __init__(
        self,
        engine: Engine,
        projector: Projector,
        as_of_position: int | None = None,
        log_engine: Engine | None = None,
        fresh: Callable[[], object] = lambda: None,
        images: PastImages | None = None,
    ):
        self.engine = engine
        # Called before every query: the live shop waits here until the projections have
        # caught up with this process's last command (read-your-writes).
        self.fresh = fresh
        self.images = images  # where a past view starts from (None: always from the start)
        self.projector = projector
        self.as_of_position = as_of_position  # None: the live shop
        self.log_engine = log_engine or engine  # where the event log itself lives
        self.closed = False
        r = self._t("reviews", "reviews").c
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

    @property
    def is_past(self) -> bool:
        return self.as_of_position is not None

    def _t(self, projection: str, table: str) -> Table:
        return self.projector.tables[projection][table]

    def close(self) -> None:
        """Let go of the database. Any later query raises instead of quietly reconnecting."""
        self.closed = True
        if self.engine is not self.log_engine:
            self.engine.dispose()  # a past view's own in-memory copy

    @contextmanager
    def _conn(self, engine: Engine | None = None) -> Iterator[Connection]:
        if self.closed:
            raise ReadModelClosed("the shop was closed; nothing may read it any more")
        self.fresh()
        with reading(engine or self.engine) as conn:
            yield conn

    # --- time travel ----------------------------------------------------------------------

    def head(self) -> int:
        with self._conn() as conn:
            return store.head(conn)[0]

    def log_head(self) -> tuple[int, str]:
        """The last position of the log and its chain hash (a receipt for `verify`)."""
        with self._conn() as conn:
            return store.head(conn)

    def as_of(
        self,
        position: int | None = None,
        time: str | datetime | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ReadModel:
        """A read-only view of the shop as it was at a log position or a time (inclusive).

        `cancelled` is polled while the log is replayed; when it answers True the build stops
        with `BuildCancelled` (the app is closing, or the user chose another moment).
        """
        with self._conn() as source:
            if position is None and time is not None:
                moment = datetime.fromisoformat(time) if isinstance(time, str) else time
                position = store.position_at(source, to_iso(moment))
            elif position is None:
                position = store.head(source)[0]
            nearest = self.images.nearest(position) if self.images else None
            if nearest is not None:  # from the image before it, plus the events since
                start, memory = nearest
                past = engine_on(memory)
                with past.begin() as target:
                    apply_tail(source, target, self.projector, start, position)
            else:  # from the first event; the result is kept as an image for next time
                past = open_engine("sqlite://")
                with past.begin() as target:
                    self.projector.metadata.create_all(target)
                    build_in_memory(
                        source,
                        target,
                        self.projector.projections,
                        self.projector.tables,
                        up_to_position=position,
                        cancelled=cancelled,
                    )
                if self.images is not None and position > 0:
                    with past.connect() as conn:
                        self.images.save(position, conn.connection.dbapi_connection)  # type: ignore[arg-type]
        return ReadModel(past, self.projector, as_of_position=position, log_engine=self.log_engine)

    # --- catalog ----------------------------------------------------------------------------

    def products(
        self, search: str = "", sort: str = "name", include_retired: bool = False
    ) -> list[ProductSummary]:
        p = self._t("catalog", "products").c
        average = (p.rating_sum * 1.0 / func.nullif(p.review_count, 0)).label("average")
        stmt = select(
            p.product_id, p.name, p.description, p.price_cents, p.active, average, p.review_count
        )
        if len(search) > MAX_SEARCH:  # the LIKE pattern has a limit; so has a useful search
            raise SearchTooLong(len(search), MAX_SEARCH)
        if search.strip():
            stmt = stmt.where(p.name.ilike(f"%{_escape_like(search.strip())}%", escape="\\"))
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

    # --- shopping ---------------------------------------------------------------------------

    def cart(self, account_id: str) -> CartView:
        lines, products = self._t("carts", "lines").c, self._t("carts", "products").c
        stmt = (
            select(
                lines.product_id,
                products.name,
                lines.quantity,
                products.price_cents,
                products.active,
            )
            .join_from(
                self._t("carts", "lines"),
                self._t("carts", "products"),
                lines.product_id == products.product_id,
            )
            .where(lines.cart_id == account_id)
            .order_by(lines.position)
        )
        with self._conn() as conn:
            return CartView(
                tuple(CartLineView(r[0], r[1], r[2], r[3], bool(r[4])) for r in conn.execute(stmt))
            )

    def orders(self, account_id: str) -> list[OrderView]:
        o, ln = self._t("orders", "orders"), self._t("orders", "lines")
        with self._conn() as conn:
            orders = conn.execute(
                select(o).where(o.c.account_id == account_id).order_by(o.c.position.desc())
            ).all()
            ids = [row.order_id for row in orders]
            by_order: dict[str, list[OrderLineView]] = {i: [] for i in ids}
            for row in conn.execute(select(ln).where(ln.c.order_id.in_(ids)).order_by(ln.c.name)):
                by_order[row.order_id].append(
                    OrderLineView(row.product_id, row.name, row.quantity, row.unit_price_cents)
                )
        return [
            OrderView(
                row.order_id,
                row.placed_at,
                row.total_cents,
                row.item_count,
                tuple(by_order[row.order_id]),
            )
            for row in orders
        ]

    def wallet(self, account_id: str) -> WalletView:
        w, tx = self._t("wallets", "wallets"), self._t("wallets", "transactions")
        with self._conn() as conn:
            balance = (
                conn.execute(select(w.c.balance_cents).where(w.c.wallet_id == account_id)).scalar()
                or 0
            )
            rows = conn.execute(
                select(tx).where(tx.c.wallet_id == account_id).order_by(tx.c.position.desc())
            ).all()
        return WalletView(
            balance,
            tuple(
                TransactionView(
                    r.tx_id,
                    r.at,
                    r.kind,
                    r.amount_cents,
                    r.note,
                    r.order_id,
                    r.corrects_tx_id,
                    r.reversed_by,
                )
                for r in rows
            ),
        )

    # --- accounts and administration -------------------------------------------------------

    def account(self, account_id: str) -> AccountView | None:
        a = self._t("accounts", "accounts")
        with self._conn() as conn:
            row = conn.execute(select(a).where(a.c.account_id == account_id)).first()
        return AccountView(*row) if row else None

    def accounts(self) -> list[AccountView]:
        a = self._t("accounts", "accounts")
        with self._conn() as conn:
            rows = conn.execute(select(a).order_by(func.lower(a.c.username))).all()
        return [AccountView(*row) for row in rows]

    def moderation(
        self, status: str | None = None, search: str = "", limit: int = 500
    ) -> list[ModeratedReview]:
        """The most recently changed reviews (all states), newest first."""
        r = self._t("review_history", "reviews")
        stmt = select(r).order_by(r.c.last_at.desc(), r.c.review_id.desc()).limit(limit)
        if status:
            stmt = stmt.where(r.c.status == status)
        if len(search) > MAX_SEARCH:  # the LIKE pattern has a limit; so has a useful search
            raise SearchTooLong(len(search), MAX_SEARCH)
        if search.strip():
            pattern = f"%{_escape_like(search.strip())}%"
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

    def find_reviews(
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
            if len(given) > MAX_SEARCH:
                raise SearchTooLong(len(given), MAX_SEARCH)
        reviews = self._t("review_lookups", "reviews")
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
            tags = self._t("review_lookups", "tags")
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

    def serves(self, projection: str) -> int:
        """The version of `projection` these queries read (what a screen may offer)."""
        return self.projector.by_name[projection].VERSION

    def popular_tags(self, limit: int = 8) -> list[tuple[str, int]]:
        """The tags on most visible reviews, most first; empty before review_lookups v2."""
        if self.serves("review_lookups") < 2:
            return []
        counts = self._t("review_lookups", "tag_counts").c
        stmt = (
            select(counts.tag, counts.reviews)
            .order_by(counts.reviews.desc(), counts.tag)
            .limit(limit)
        )
        with self._conn() as conn:
            return [(str(tag), int(n)) for tag, n in conn.execute(stmt)]

    def removals(self) -> list[RemovalStat]:
        r = self._t("cart_removals", "removals")
        stmt = select(r).order_by(r.c.units_removed.desc(), func.lower(r.c.name))
        with self._conn() as conn:
            return [RemovalStat(**row._asdict()) for row in conn.execute(stmt)]

    # --- the log itself -------------------------------------------------------------------

    def log(
        self,
        beyond: int | None = None,
        limit: int = 500,
        stream_contains: str = "",
        event_types: list[str] | None = None,
        newest_first: bool = True,
    ) -> list[RecordedEvent]:
        """A page of the event log up to this view's moment: the newest first (what an admin
        looks for is usually recent), or the oldest first. `beyond` is the last position of
        the previous page; the next page continues past it in the same direction."""
        with self._conn(self.log_engine) as conn:
            return store.log_page(
                conn,
                beyond=beyond,
                limit=limit,
                up_to_position=self.as_of_position,
                stream_contains=stream_contains,
                event_types=event_types,
                newest_first=newest_first,
            )

    def moment_of(self, position: int) -> str | None:
        """When the event at `position` was recorded."""
        with self._conn(self.log_engine) as conn:
            page = list(store.read_all(conn, after_position=position - 1, up_to_position=position))
        return page[0].recorded_at if page else None


def _summary(row: Any) -> ProductSummary:
    pid, name, desc, price, active, average, count = row
    return ProductSummary(pid, name, desc, price, bool(active), average, count)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
