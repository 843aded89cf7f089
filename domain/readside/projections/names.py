"""Name lookups that several read models keep for themselves.

A projection reads only its own tables, so one that shows usernames or product names keeps a
small copy of them, fed by the same events.
"""

from __future__ import annotations

from typing import Any

from domain.model.events import RecordedEvent
from domain.readside.projections.base import Rows, TableSpec, i, t

ACCOUNTS = TableSpec("accounts", (t("account_id"), t("username")), key=("account_id",))
PRODUCT_NAMES = TableSpec(
    "products", (t("product_id"), t("name"), i("price_cents"), i("active")), key=("product_id",)
)


class KnowsUsernames:
    def on_AccountRegistered(self, r: RecordedEvent, rows: Rows) -> None:
        e: Any = r.event
        rows.put("accounts", {"account_id": e.account_id, "username": e.username})

    @staticmethod
    def username(rows: Rows, account_id: str) -> str:
        row = rows.get("accounts", account_id)
        return row["username"] if row else account_id


class KnowsProducts:
    def on_ProductAdded(self, r: RecordedEvent, rows: Rows) -> None:
        e: Any = r.event
        rows.put(
            "products",
            {"product_id": e.product_id, "name": e.name, "price_cents": e.price_cents, "active": 1},
        )

    def on_ProductRepriced(self, r: RecordedEvent, rows: Rows) -> None:
        self._change(rows, r.event.product_id, price_cents=r.event.price_cents)  # type: ignore[attr-defined]

    def on_ProductRetired(self, r: RecordedEvent, rows: Rows) -> None:
        self._change(rows, r.event.product_id, active=0)  # type: ignore[attr-defined]

    @staticmethod
    def _change(rows: Rows, product_id: str, **values: Any) -> None:
        row = rows.get("products", product_id)
        if row is not None:
            rows.put("products", {**row, **values})

    @staticmethod
    def product_name(rows: Rows, product_id: str) -> str:
        row = rows.get("products", product_id)
        return row["name"] if row else product_id
