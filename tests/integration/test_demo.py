"""The demo shop's history is spread over the weeks before now, in order, on a real store."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from domain.demo import DEMO_SPAN, seed_demo
from domain.eventstore.database import reading
from domain.model import commands as c
from tests.conftest import START, make_shop


def test_the_demo_history_spans_weeks_and_ends_before_now(tmp_path: Path) -> None:
    shop = make_shop(tmp_path / "demo.db")  # its clock starts at START, one second per call
    try:
        demo = seed_demo(shop.bus, admin_password="admin-password")
        shop.bus.handle(c.DepositFunds(demo.shopper_ids["ann"], 100, "after the demo"))
        with reading(shop.engine) as conn:
            times = [
                datetime.fromisoformat(t)
                for (t,) in conn.exec_driver_sql("SELECT recorded_at FROM events ORDER BY position")
            ]
        assert times == sorted(times)  # the log's order and its times agree
        assert times[0] == START - DEMO_SPAN
        assert times[-2] - times[0] > timedelta(weeks=5)  # weeks, not one afternoon
        assert times[-2] < times[-1] <= START + timedelta(seconds=1)  # the next command is now
        days = {r.posted_at[:10] for r in shop.read.reviews.find(limit=500)}
        assert len(days) > 20  # the Reviews page's day filters have days to tell apart
    finally:
        shop.close()
