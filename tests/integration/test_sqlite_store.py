"""The store contract on a real SQLite file, plus upcasting of stored old-schema events."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine

from domain import store
from domain.database import open_engine, reading, writing
from domain.events import ProductAdded
from tests.integration.store_contract import SqliteOnlyContract


class TestSqliteStore(SqliteOnlyContract):
    @pytest.fixture
    def engine(self, tmp_path: Path) -> Engine:
        engine = open_engine(tmp_path / "events.db")
        with writing(engine) as conn:
            store.create_schema(conn)
        return engine


def test_wal_and_full_synchronous_are_in_force(tmp_path: Path) -> None:
    engine = open_engine(tmp_path / "events.db")
    with reading(engine) as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_a_version_1_product_event_is_upcast_when_read(tmp_path: Path) -> None:
    """Version 1 of ProductAdded stored the price as a decimal string; readers see cents."""
    engine = open_engine(tmp_path / "events.db")
    v1 = {"product_id": "p1", "name": "Old teapot", "description": "", "price": "12.5"}
    with writing(engine) as conn:
        store.create_schema(conn)
        row = {
            "stream_id": "product-p1",
            "stream_type": "product",
            "version": 1,
            "event_type": "ProductAdded",
            "schema_version": 1,
            "data": json.dumps(v1),
            "metadata": "{}",
            "recorded_at": "2020-01-01T00:00:00.000000+00:00",
        }
        row["hash"] = store.row_hash(store.GENESIS_HASH, 1, row)
        conn.execute(
            store.events_table.insert(),
            {**row, "position": 1, "prev_hash": store.GENESIS_HASH},
        )
    with reading(engine) as conn:
        assert store.read_stream(conn, "product-p1") == [ProductAdded("p1", "Old teapot", "", 1250)]
        assert store.verify_chain(conn).first_bad_position is None
