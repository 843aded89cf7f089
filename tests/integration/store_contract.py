"""The event store's contract, written once. Each backend's test module subclasses it with an
`engine` fixture (see test_sqlite_store.py), as pyeventsourcing does for its recorders."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import Engine, text

from domain import store
from domain.database import reading, writing
from domain.errors import ConcurrencyError
from domain.events import ProductAdded, ProductRepriced

META = {"correlation_id": "ui-1", "actor": "a1", "session": "s1"}


def added(pid: str = "p1", price: int = 100) -> ProductAdded:
    return ProductAdded(pid, "Teapot", "", price)


class StoreContract:
    @pytest.fixture
    def engine(self) -> Engine:
        raise NotImplementedError

    def append(self, engine: Engine, *items: store.StreamAppend) -> list[object]:
        with writing(engine) as conn:
            return list(store.append(conn, list(items), META, "2026-01-01T00:00:00.000000+00:00"))

    def test_appended_events_read_back_in_order_with_positions_and_metadata(
        self, engine: Engine
    ) -> None:
        self.append(
            engine,
            store.StreamAppend(
                "product-p1", "product", 0, [added(), ProductRepriced("p1", 100, 90)]
            ),
        )
        self.append(engine, store.StreamAppend("product-p2", "product", 0, [added("p2")]))
        with reading(engine) as conn:
            log = list(store.read_all(conn))
            stream = store.read_stream(conn, "product-p1")
        assert [(e.position, e.stream_id, e.version) for e in log] == [
            (1, "product-p1", 1),
            (2, "product-p1", 2),
            (3, "product-p2", 1),
        ]
        assert log[0].metadata == META
        assert stream == [added(), ProductRepriced("p1", 100, 90)]

    def test_appending_at_a_stale_version_raises_and_appends_nothing(self, engine: Engine) -> None:
        self.append(engine, store.StreamAppend("product-p1", "product", 0, [added()]))
        with pytest.raises(ConcurrencyError, match=r"product-p1 was changed .* version 0"):
            self.append(
                engine,
                store.StreamAppend("product-p2", "product", 0, [added("p2")]),
                store.StreamAppend("product-p1", "product", 0, [added()]),
            )
        with reading(engine) as conn:
            assert store.head(conn)[0] == 1  # the p2 event of the failed batch is not there

    def test_the_hash_chain_links_every_row(self, engine: Engine) -> None:
        for n in range(5):
            self.append(engine, store.StreamAppend(f"product-p{n}", "product", 0, [added()]))
        with reading(engine) as conn:
            result = store.verify_chain(conn)
        assert result.count == 5 and result.first_bad_position is None


class SqliteOnlyContract(StoreContract):
    def test_triggers_refuse_update_and_delete(self, engine: Engine) -> None:
        self.append(engine, store.StreamAppend("product-p1", "product", 0, [added()]))
        for sql in ("UPDATE events SET data = '{}'", "DELETE FROM events"):
            with pytest.raises(Exception, match="append-only"), writing(engine) as conn:
                conn.execute(text(sql))
        with reading(engine) as conn:
            assert store.head(conn)[0] == 1

    def test_verify_names_the_first_altered_position(self, engine: Engine) -> None:
        for n in range(6):
            self.append(engine, store.StreamAppend(f"product-p{n}", "product", 0, [added()]))
        with writing(engine) as conn:  # an attacker with the file: drop the guard, edit a row
            conn.execute(text("DROP TRIGGER events_no_update"))
            tampered = json.dumps(added("p3", 1).to_data())
            conn.execute(text("UPDATE events SET data = :d WHERE position = 4"), {"d": tampered})
        with reading(engine) as conn:
            result = store.verify_chain(conn)
        assert result.first_bad_position == 4 and result.count == 3
