"""A shopper's own things: the cart, past orders, the wallet."""

from __future__ import annotations

from sqlalchemy import select

from domain.readside.queries.base import Queries
from domain.readside.views import (
    CartLineView,
    CartView,
    OrderLineView,
    OrderView,
    TransactionView,
    WalletView,
)


class ShoppingQueries(Queries):
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
