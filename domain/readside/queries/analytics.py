"""Reports over all history: what left carts before checkout."""

from __future__ import annotations

from sqlalchemy import func, select

from domain.readside.queries.base import Queries
from domain.readside.views import RemovalStat


class AnalyticsQueries(Queries):
    def removals(self) -> list[RemovalStat]:
        r = self._t("cart_removals", "removals")
        stmt = select(r).order_by(r.c.units_removed.desc(), func.lower(r.c.name))
        with self._conn() as conn:
            return [RemovalStat(**row._asdict()) for row in conn.execute(stmt)]
