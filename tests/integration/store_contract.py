"""The event store's contract, written once. Each backend's test module subclasses it with a
`location` fixture (a SQLite file in test_sqlite_store.py, a database on a PostgreSQL server
the run started in test_postgres_store.py), as pyeventsourcing does for its recorders."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import IntegrityError

from domain.eventstore import store
from domain.eventstore.database import open_engine, reading, writing
from domain.model import commands as c
from domain.model.clock import SequentialIds, SteppingClock
from domain.model.errors import ConcurrencyError
from domain.model.events import ProductAdded, ProductRepriced
from domain.shop import open_shop
from tests.conftest import START

META = {"correlation_id": "ui-1", "actor": "a1", "session": "s1"}
AT = "2026-01-01T00:00:00.000000+00:00"


def added(pid: str = "p1", price: int = 100) -> ProductAdded:
    return ProductAdded(pid, "Teapot", "", price)


class StoreContract:
    @pytest.fixture
    def location(self) -> str | Path:
        raise NotImplementedError

    @pytest.fixture
    def engine(self, location: str | Path) -> Engine:
        engine = open_engine(location)
        with writing(engine) as conn:
            store.create_schema(conn)
        return engine

    def lift_guard(self, engine: Engine) -> None:
        """What someone with the database in hand does first: drop the append-only guard."""
        raise NotImplementedError

    def append(self, engine: Engine, *items: store.StreamAppend) -> list[object]:
        with writing(engine) as conn:
            return list(store.append(conn, list(items), META, AT))

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

    def test_a_stream_takes_only_its_next_version(self, engine: Engine) -> None:
        self.append(engine, store.StreamAppend("product-p1", "product", 0, [added()]))
        with pytest.raises(ConcurrencyError):  # a gap: version 3 after 1
            self.append(engine, store.StreamAppend("product-p1", "product", 2, [added()]))
        with pytest.raises(IntegrityError), writing(engine) as conn:  # the key, below the store
            row = dict(conn.execute(store.events_table.select()).mappings().one())
            conn.execute(store.events_table.insert(), {**row, "position": 2})
        with reading(engine) as conn:
            assert store.head(conn)[0] == 1

    def test_the_log_refuses_update_and_delete(self, engine: Engine) -> None:
        self.append(engine, store.StreamAppend("product-p1", "product", 0, [added()]))
        for sql in ("UPDATE events SET data = '{}'", "DELETE FROM events"):
            with pytest.raises(Exception, match="append-only"), writing(engine) as conn:
                conn.execute(text(sql))
        with reading(engine) as conn:
            assert store.head(conn)[0] == 1
            assert store.verify_chain(conn).first_bad_position is None

    def test_the_hash_chain_links_every_row(self, engine: Engine) -> None:
        for n in range(5):
            self.append(engine, store.StreamAppend(f"product-p{n}", "product", 0, [added()]))
        with reading(engine) as conn:
            result = store.verify_chain(conn)
        assert result.count == 5 and result.first_bad_position is None

    def test_verify_names_the_first_altered_position(self, engine: Engine) -> None:
        for n in range(6):
            self.append(engine, store.StreamAppend(f"product-p{n}", "product", 0, [added()]))
        self.lift_guard(engine)
        with writing(engine) as conn:
            tampered = json.dumps(added("p3", 1).to_data())
            conn.execute(text("UPDATE events SET data = :d WHERE position = 4"), {"d": tampered})
        with reading(engine) as conn:
            result = store.verify_chain(conn)
        assert result.first_bad_position == 4 and result.count == 3

    def test_writers_on_many_threads_keep_one_unbroken_chain(self, engine: Engine) -> None:
        def write(worker: int) -> None:
            for n in range(40):
                stream = f"product-w{worker}-{n}"
                self.append(engine, store.StreamAppend(stream, "product", 0, [added()]))

        threads = [threading.Thread(target=write, args=(w,)) for w in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        with reading(engine) as conn:
            result = store.verify_chain(conn)
            positions = [e.position for e in store.read_all(conn)]
        assert result.first_bad_position is None and result.count == 240
        assert positions == list(range(1, 241))

    def test_two_writers_on_one_stream_the_second_gets_the_concurrency_error(
        self, engine: Engine
    ) -> None:
        self.append(engine, store.StreamAppend("product-p1", "product", 0, [added()]))
        # Both decided from version 1; the first to append wins, the other is told.
        self.append(engine, store.StreamAppend("product-p1", "product", 1, [added(price=2)]))
        with pytest.raises(ConcurrencyError, match="product-p1"):
            self.append(engine, store.StreamAppend("product-p1", "product", 1, [added(price=3)]))

    def test_snapshots_are_saved_replaced_and_loaded(self, engine: Engine) -> None:
        with writing(engine) as conn:
            store.save_snapshot(conn, "wallet-a", store.Snapshot(100, "Wallet", 1, {"b": 1}))
            store.save_snapshot(conn, "wallet-a", store.Snapshot(200, "Wallet", 1, {"b": 2}))
        with reading(engine) as conn:
            assert store.load_snapshot(conn, "wallet-a") == store.Snapshot(
                200, "Wallet", 1, {"b": 2}
            )
            assert store.load_snapshot(conn, "wallet-b") is None

    def test_a_version_1_product_event_is_upcast_when_read(self, engine: Engine) -> None:
        """Version 1 of ProductAdded stored the price as a decimal string; readers see cents."""
        v1 = {"product_id": "p1", "name": "Old teapot", "description": "", "price": "12.5"}
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
        with writing(engine) as conn:
            conn.execute(
                store.events_table.insert(),
                {**row, "position": 1, "prev_hash": store.GENESIS_HASH},
            )
        with reading(engine) as conn:
            assert store.read_stream(conn, "product-p1") == [
                ProductAdded("p1", "Old teapot", "", 1250)
            ]
            assert store.verify_chain(conn).first_bad_position is None

    def test_a_shop_on_this_store_travels_in_time_and_loads_from_snapshots(
        self, location: str | Path
    ) -> None:
        shop = open_shop(location, SteppingClock(START), SequentialIds(), snapshot_every=5)
        try:
            bus = shop.bus
            admin = bus.handle(c.RegisterAccount(None, "admin", "admin-password", admin=True))
            ann = bus.handle(c.RegisterAccount(None, "ann", "ann-password"))
            teapot = bus.handle(c.AddProduct(admin, "Teapot", "", 3900))
            before = shop.read.head()
            for _ in range(7):  # past a snapshot
                bus.handle(c.DepositFunds(ann, 100))
            bus.handle(c.ChangePrice(admin, teapot, 4200))
            assert shop.read.shopping.wallet(ann).balance_cents == 700
            past = shop.read.as_of(position=before)
            assert [p.price_cents for p in past.catalog.products()] == [3900]
            assert [p.price_cents for p in shop.read.catalog.products()] == [4200]
            with reading(shop.engine) as conn:
                snap = store.load_snapshot(conn, f"wallet-{ann}")
            assert snap is not None and snap.version == 5
        finally:
            shop.close()
