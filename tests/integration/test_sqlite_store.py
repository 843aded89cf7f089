"""The store contract on a real SQLite file, plus upcasting of stored old-schema events."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from domain.eventstore.database import open_engine, reading, writing
from tests.integration.store_contract import StoreContract


class TestSqliteStore(StoreContract):
    @pytest.fixture
    def location(self, tmp_path: Path) -> Path:
        return tmp_path / "events.db"

    def lift_guard(self, engine: Engine) -> None:
        with writing(engine) as conn:
            conn.execute(text("DROP TRIGGER events_no_update"))


def test_wal_and_full_synchronous_are_in_force(tmp_path: Path) -> None:
    engine = open_engine(tmp_path / "events.db")
    with reading(engine) as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
