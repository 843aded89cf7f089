"""The store contract on a PostgreSQL server that the test run started (tests/pg_server.py)."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, text

from domain.eventstore.database import writing
from tests.integration.store_contract import StoreContract


class TestPostgresStore(StoreContract):
    @pytest.fixture
    def location(self, pg_url: str) -> str:
        return pg_url

    def lift_guard(self, engine: Engine) -> None:
        with writing(engine) as conn:
            conn.execute(text("DROP TRIGGER events_no_change ON events"))
