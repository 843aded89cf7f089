"""Snapshots: taken every N events, used on load, and ignored when written by another version."""

from __future__ import annotations

from pathlib import Path

import pytest

from domain.eventstore import store
from domain.eventstore.database import reading, writing
from domain.model import commands as c
from domain.model.wallet import Wallet
from domain.writeside.unit_of_work import UnitOfWork
from tests.conftest import make_shop


@pytest.fixture
def busy_wallet(tmp_path: Path):  # type: ignore[no-untyped-def]
    shop = make_shop(tmp_path / "shop.db", snapshot_every=10)
    ann = shop.bus.handle(c.RegisterAccount(None, "ann", "ann-password"))
    for n in range(25):
        shop.bus.handle(c.DepositFunds(ann, 100 + n))
    yield shop, ann
    shop.close()


def load_wallet(shop, ann: str) -> Wallet:  # type: ignore[no-untyped-def]
    with writing(shop.engine) as conn:  # a fresh unit of work with no cache
        return UnitOfWork(conn, lambda: "unused").get(Wallet, ann)


def test_a_snapshot_is_taken_every_n_events_and_used_on_load(busy_wallet) -> None:  # type: ignore[no-untyped-def]
    shop, ann = busy_wallet
    with reading(shop.engine) as conn:
        snap = store.load_snapshot(conn, f"wallet-{ann}")
    assert snap is not None and snap.version == 20
    assert snap.state["balance_cents"] == sum(100 + n for n in range(20))
    wallet = load_wallet(shop, ann)
    assert (wallet.version, wallet.balance_cents) == (25, sum(100 + n for n in range(25)))


def test_a_snapshot_from_an_older_aggregate_version_is_ignored(
    busy_wallet,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    shop, ann = busy_wallet
    current = Wallet.SNAPSHOT_VERSION
    with writing(shop.engine) as conn:  # plant a lying snapshot in today's shape
        store.save_snapshot(
            conn,
            f"wallet-{ann}",
            store.Snapshot(20, "Wallet", current, {"balance_cents": 999_999}),
        )
    later = sum(100 + n for n in range(20, 25))
    assert load_wallet(shop, ann).balance_cents == 999_999 + later  # same version: trusted
    monkeypatch.setattr(Wallet, "SNAPSHOT_VERSION", current + 1)  # the state shape changed
    wallet = load_wallet(shop, ann)
    assert (wallet.version, wallet.balance_cents) == (25, sum(100 + n for n in range(25)))
