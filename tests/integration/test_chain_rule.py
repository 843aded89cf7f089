"""A store chained under the first rule (stream_type not covered) is checked and re-chained
when opened; its old head is kept."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from domain.eventstore import store
from domain.eventstore.database import reading
from domain.shop import Shop, open_shop
from tests.conftest import People


def chain_as_rule_1(db_path: Path) -> tuple[int, str]:
    """Make the store look as the first stores were: hashes without stream_type, no record."""
    db = sqlite3.connect(db_path)
    db.execute("DROP TRIGGER events_no_update")
    prev = store.GENESIS_HASH
    columns = [c.name for c in store.events_table.columns]
    for values in db.execute("SELECT * FROM events ORDER BY position").fetchall():
        row = dict(zip(columns, values, strict=True))
        digest = store.row_hash(prev, row["position"], row, rule=1)
        db.execute(
            "UPDATE events SET prev_hash = ?, hash = ? WHERE position = ?",
            (prev, digest, row["position"]),
        )
        prev = digest
    db.execute("DELETE FROM store_meta")
    db.commit()
    last = db.execute("SELECT max(position) FROM events").fetchone()[0]
    db.close()
    return last, prev


def test_an_old_store_is_rechained_and_keeps_its_old_head(shop: Shop, people: People) -> None:
    path = Path(str(shop.engine.url.database))
    shop.close()
    old_head = chain_as_rule_1(path)
    reopened = open_shop(path)
    try:
        with reading(reopened.engine) as conn:
            assert store.chain_rule(conn) == store.CHAIN_RULE
            checked = store.verify_chain(conn)
            history = conn.execute(store.chain_history_table.select()).mappings().all()
        assert checked.first_bad_position is None and checked.rule == 2
        assert [(h["rule"], h["position"], h["hash"]) for h in history] == [(1, *old_head)]
        assert checked.head[0] == old_head[0] and checked.head[1] != old_head[1]
    finally:
        reopened.close()
    db = sqlite3.connect(path)  # the append-only guard is back
    try:
        db.execute("UPDATE events SET stream_type = 'x' WHERE position = 1")
        raise AssertionError("an UPDATE went through")
    except sqlite3.IntegrityError as refused:
        assert "append-only" in str(refused)
    finally:
        db.close()


def test_a_broken_old_store_is_not_rechained(shop: Shop, people: People) -> None:
    path = Path(str(shop.engine.url.database))
    shop.close()
    chain_as_rule_1(path)
    db = sqlite3.connect(path)
    db.execute("UPDATE events SET recorded_at = '2000-01-01T00:00:00+00:00' WHERE position = 8")
    db.commit()
    db.close()
    reopened = open_shop(path)
    try:
        with reading(reopened.engine) as conn:
            assert store.chain_rule(conn) == 1  # left as it was, for verify to report
            assert store.verify_chain(conn).first_bad_position == 8
    finally:
        reopened.close()
