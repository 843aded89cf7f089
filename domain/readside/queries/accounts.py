"""Who exists, with which role."""

from __future__ import annotations

from sqlalchemy import func, select

from domain.readside.queries.base import Queries
from domain.readside.views import AccountView


class AccountQueries(Queries):
    def by_id(self, account_id: str) -> AccountView | None:
        a = self._t("accounts", "accounts")
        with self._conn() as conn:
            row = conn.execute(select(a).where(a.c.account_id == account_id)).first()
        return AccountView(*row) if row else None

    def all(self) -> list[AccountView]:
        """Every account, by username regardless of case."""
        a = self._t("accounts", "accounts")
        with self._conn() as conn:
            rows = conn.execute(select(a).order_by(func.lower(a.c.username))).all()
        return [AccountView(*row) for row in rows]
