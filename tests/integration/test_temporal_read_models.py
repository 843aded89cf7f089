"""Temporal read models: "as of P" read from the kept row versions equals the read models
built from the log's first P events, at random positions, followed or rebuilt alike."""

from __future__ import annotations

import random
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection, FromClause, event, inspect, select

from domain.eventstore.database import BULK_CACHE_KIB, bulk_cache, open_engine, reading
from domain.model import commands as c
from domain.model.clock import SequentialIds, SteppingClock
from domain.readside.projections.temporal import VALID_FROM
from domain.readside.projector import build_in_memory
from domain.readside.queries.read_model import ReadModel
from domain.shop import Shop, open_shop
from tests.conftest import START, make_shop
from tests.integration.test_projections import COMMAND, play

Snapshot = dict[str, list[tuple[Any, ...]]]


def _rows(conn: Connection, table: FromClause, key: list[str]) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in conn.execute(select(table).order_by(*(table.c[k] for k in key)))]


def as_of_rows(read: ReadModel) -> Snapshot:
    """Every table of a past view, as its queries see it; read both ways a past table is
    read (found through the interval index, or walked in index order), which must agree."""
    result = {}
    with read.connection() as conn:
        for name, tables in read.projector.tables.items():
            for table_name, table in tables.items():
                key = [col.name for col in table.primary_key.columns]
                found = _rows(conn, read.table(name, table_name), key)
                walked = _rows(conn, read.table(name, table_name, newest_first=True), key)
                assert found == walked, f"{name}.{table_name} as of {read.as_of_position}"
                result[f"{name}.{table_name}"] = found
    return result


def built_up_to(shop: Shop, position: int) -> Snapshot:
    """The reference: the read models built in memory from the log's first events."""
    projector = shop.projector
    memory = open_engine("sqlite://")
    try:
        with reading(shop.engine) as source, memory.begin() as target:
            projector.metadata.create_all(target)
            build_in_memory(
                source, target, projector.projections, projector.stored, up_to_position=position
            )
            result = {}
            for name, tables in projector.tables.items():
                for table_name, table in tables.items():
                    key = [col.name for col in table.primary_key.columns]
                    result[f"{name}.{table_name}"] = _rows(target, table, key)
            return result
    finally:
        memory.dispose()


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(COMMAND, min_size=1, max_size=40), st.randoms(use_true_random=False))
def test_as_of_any_position_equals_the_log_built_up_to_it(
    steps: list[tuple[Any, ...]], rng: random.Random
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        shop = make_shop(Path(tmp) / "shop.db")
        play(shop, steps)
        head = shop.read.head()
        positions = sorted({0, 1, head, *(rng.randint(1, head) for _ in range(6))})
        followed = {p: as_of_rows(shop.read.as_of(position=p)) for p in positions}
        for position in positions:
            assert followed[position] == built_up_to(shop, position), f"as of {position}"
        shop.projector.rebuild(shop.engine)  # history rebuilt from the log in one pass
        for position in positions:
            assert as_of_rows(shop.read.as_of(position=position)) == followed[position]
        shop.close()


def test_a_store_kept_before_read_models_kept_time_is_rebuilt_with_history(
    tmp_path: Path,
) -> None:
    """A live table without `valid_from` (a store of an earlier release) is dropped and built
    again from the log on open, so the past is there for it too."""
    db = tmp_path / "shop.db"
    shop = make_shop(db)
    play(shop, STEPS)
    before = shop.read.head()
    products = shop.projector.stored["catalog"]["products"]
    wanted = as_of_rows(shop.read.as_of(position=before - 1))
    shop.close()
    with open_engine(db).begin() as conn:  # as an earlier release stored it
        conn.exec_driver_sql(f'ALTER TABLE "{products.live.name}" DROP COLUMN {VALID_FROM}')
        conn.exec_driver_sql(f'DROP TABLE "{products.history.name}"')
    reopened = make_shop(db)
    try:
        assert as_of_rows(reopened.read.as_of(position=before - 1)) == wanted
    finally:
        reopened.close()


def _to_versions_layout(conn: Connection, shop: Shop) -> None:
    """Store the read models as the release before the history table did: every version,
    live ones included (valid_to 2**31 - 1), in one `<table>_versions` table (on SQLite with
    its own interval index)."""
    for tables in shop.projector.stored.values():
        for stored in tables.values():
            columns = ", ".join(f'"{col.name}"' for col in stored.history.columns)
            old = stored.before_history
            conn.exec_driver_sql(f'CREATE TABLE "{old}" AS SELECT * FROM "{stored.history.name}"')
            conn.exec_driver_sql(
                f'INSERT INTO "{old}" ({columns}) SELECT {columns[: columns.rindex(",")]}, '
                f'{2**31 - 1} FROM "{stored.live.name}"'
            )
            if conn.dialect.name == "sqlite":
                spans = f'"{old}_spans"'
                conn.exec_driver_sql(f"CREATE VIRTUAL TABLE {spans} USING rtree_i32(id, lo, hi)")
            conn.exec_driver_sql(f'DROP TABLE "{stored.history.name}"')


def check_upgrade(store: str | Path) -> None:
    """The release before kept every version, live ones too, in one versions table. Opened
    now, its ended versions move into the history table and the old tables go; nothing is
    rebuilt, and every position reads as it did."""
    shop = open_shop(store, SteppingClock(START), SequentialIds())
    play(shop, STEPS)
    head = shop.read.head()
    wanted = {p: as_of_rows(shop.read.as_of(position=p)) for p in range(1, head + 1)}
    shop.close()
    engine = open_engine(store)
    with engine.begin() as conn:
        _to_versions_layout(conn, shop)
        built = conn.exec_driver_sql("SELECT count(*) FROM projection_builds").scalar()
    engine.dispose()
    reopened = open_shop(store, SteppingClock(START), SequentialIds())
    try:
        for position in range(1, head + 1):
            assert as_of_rows(reopened.read.as_of(position=position)) == wanted[position]
        with reading(reopened.engine) as conn:
            names = set(inspect(conn).get_table_names())
            rebuilt = conn.exec_driver_sql("SELECT count(*) FROM projection_builds").scalar()
        assert not [name for name in names if "_versions" in name]
        assert rebuilt == built  # moved, not built again
    finally:
        reopened.close()


def test_a_store_with_the_versions_layout_keeps_its_past_without_a_rebuild(
    tmp_path: Path,
) -> None:
    check_upgrade(tmp_path / "shop.db")


def test_a_server_with_the_versions_layout_keeps_its_past_without_a_rebuild(
    pg_url: str,
) -> None:
    check_upgrade(pg_url)


def test_an_index_changed_since_a_store_was_made_is_made_again_on_open(tmp_path: Path) -> None:
    """Moderation's index was on the review's time and is on its position now; a hot table's
    history had the live table's indexes and has none now. A store made before has its
    indexes as they are now once opened: no new read model version, nothing rebuilt."""
    db = tmp_path / "shop.db"
    shop = make_shop(db)
    play(shop, STEPS)
    reviews = shop.projector.stored["review_history"]["reviews"].live.name
    products = shop.projector.stored["catalog"]["products"].history.name
    shop.close()
    with open_engine(db).begin() as conn:  # as the release before made them
        conn.exec_driver_sql(f'DROP INDEX "ix_{reviews}_0"')
        conn.exec_driver_sql(f'CREATE INDEX "ix_{reviews}_0" ON "{reviews}" (last_at, review_id)')
        conn.exec_driver_sql(f'CREATE INDEX "ix_{products}_0" ON "{products}" (name)')
    make_shop(db).close()
    with reading(open_engine(db)) as conn:
        columns = [row[2] for row in conn.exec_driver_sql(f"PRAGMA index_info('ix_{reviews}_0')")]
        on_history = list(conn.exec_driver_sql(f"PRAGMA index_list('{products}')"))
    assert columns == ["valid_from", "review_id"]
    assert [row[1] for row in on_history if row[1].startswith("ix_")] == []


def test_versions_followed_after_a_rebuild_are_found_as_of_any_position(tmp_path: Path) -> None:
    """A rebuild fills SQLite's interval index in one pass after its bulk insert; the events
    followed afterwards must enter it again, one by one, as they are written."""
    shop = make_shop(tmp_path / "shop.db")
    try:
        play(shop, STEPS)
        shop.projector.rebuild(shop.engine)
        cat = shop.bus.handle(c.RegisterAccount(None, "cat", "pw-shopper1"))
        for cents in (100, 250):  # the wallet's row replaced: one version ended, one opened
            shop.bus.handle(c.DepositFunds(cat, cents))
        shop.follower.ensure()
        for position in range(1, shop.read.head() + 1):
            assert as_of_rows(shop.read.as_of(position=position)) == built_up_to(shop, position)
    finally:
        shop.close()


def test_a_rebuild_leaves_the_page_cache_as_it_found_it(tmp_path: Path) -> None:
    """The rebuild's larger cache is for its own transaction: the pooled connection goes
    back to the app with the cache it had (memory a desktop app keeps otherwise)."""
    engine = open_engine(tmp_path / "shop.db")
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA cache_size=-1234")
            with bulk_cache(conn):
                assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == -BULK_CACHE_KIB
            assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == -1234
    finally:
        engine.dispose()


STEPS = [  # every kind of change: rows put, replaced, deleted and put again
    ("add", "ann", 0, 2),
    ("add", "ann", 1, 1),
    ("review", "bob", 1, 4),
    ("quantity", "ann", 0, 3),
    ("edit", "bob", 1, 2),
    ("reprice", 0, 250),
    ("remove", "ann", 1),
    ("checkout", "ann"),
    ("hide", "bob", 1),
    ("unhide", "bob", 1),
    ("add", "bob", 2, 1),
    ("delete", "bob", 1),
    ("correct", "ann", 700),
    ("retire", 2),
    ("add", "ann", 1, 1),
    ("review", "ann", 0, 5),
]


def test_as_of_on_postgresql_equals_the_log_built_up_to_it(pg_url: str) -> None:
    """The same on a shared server: GiST over int8range instead of SQLite's R*Tree."""
    shop = open_shop(pg_url)
    try:
        play(shop, STEPS)
        head = shop.read.head()
        rng = random.Random(33)
        positions = sorted({1, head, head - 1, *(rng.randint(1, head) for _ in range(5))})
        followed = {p: as_of_rows(shop.read.as_of(position=p)) for p in positions}
        for position in positions:
            assert followed[position] == built_up_to(shop, position), f"as of {position}"
        shop.projector.rebuild(shop.engine)
        for position in positions:
            assert as_of_rows(shop.read.as_of(position=position)) == followed[position]
    finally:
        shop.close()


def test_the_images_an_earlier_release_kept_beside_the_file_are_removed(tmp_path: Path) -> None:
    db = tmp_path / "shop.db"
    make_shop(db).close()
    images = tmp_path / "shop.db.past"
    images.write_bytes(b"images of the read models, from an earlier release")
    make_shop(db).close()
    assert not images.exists() and db.exists()


def test_a_hot_row_as_of_the_past_is_found_through_the_interval_index_first(
    tmp_path: Path,
) -> None:
    """A product's row changes with every rating, so it has a version per review. As of a
    past position, one product by its key must come from the interval index (one version per
    product held), not from checking every version of the product: that cost 16 ms per
    product one step back at a million events."""
    shop = make_shop(tmp_path / "shop.db")
    try:
        play(shop, [("add", "ann", 0, 1), *(("review", "bob", 0, 1 + n % 5) for n in range(3))])
        product = shop.read.catalog.products()[0].product_id
        past = shop.read.as_of(position=shop.read.head() - 1)
        statements: list[tuple[str, Any]] = []

        def keep(_conn: Any, _cursor: Any, sql: str, params: Any, *_: Any) -> None:
            statements.append((sql, params))

        event.listen(shop.engine, "before_cursor_execute", keep)
        try:
            assert past.catalog.product(product) is not None
        finally:
            event.remove(shop.engine, "before_cursor_execute", keep)
        sql, params = next((s, p) for s, p in statements if "catalog_v2_products_history" in s)
        with reading(shop.engine) as conn:
            plan = [row[3] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params)]
        # The live row by its key; the ended versions from the interval index, each by its id.
        spans = next(n for n, step in enumerate(plan) if "_history_spans" in step)
        assert plan[spans].startswith("SCAN catalog_v2_products_history_spans VIRTUAL TABLE"), plan
        assert "USING INTEGER PRIMARY KEY (rowid=?)" in plan[spans + 1], plan
    finally:
        shop.close()
