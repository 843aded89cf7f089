"""A wallet with a long history: small state, and corrections of any transaction still work.

The wallet keeps only its balance; a correction finds the transaction it corrects in the log
by id (domain/writeside/wallet_index.py), inside the command's write transaction.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import text

from domain.eventstore import store
from domain.eventstore.database import open_engine, reading, writing
from domain.model import commands as c
from domain.model import errors
from domain.model.aggregate import Aggregate
from domain.model.events import DomainEvent, TransactionReversed
from domain.model.wallet import Wallet
from domain.shop import Shop
from domain.writeside.unit_of_work import UnitOfWork
from tests.conftest import People, make_shop

HISTORY = 100_000


def grow_wallet(path: Path, wallet_id: str, deposits: int) -> None:
    """`deposits` deposits of 1.00 in the wallet's stream, written in big batches (a real
    aggregate records them; only the bus is bypassed, which would take minutes)."""
    engine = open_engine(path, synchronous="OFF")
    with writing(engine) as conn:
        wallet: Aggregate = Wallet(wallet_id)
        wallet.version = conn.execute(
            text("SELECT max(version) FROM events WHERE stream_id = :s"), {"s": wallet.stream_id}
        ).scalar_one()
        for start in range(0, deposits, 20_000):
            for n in range(start, min(deposits, start + 20_000)):
                wallet.deposit(f"bulk-{n}", 100, "top-up")  # type: ignore[attr-defined]
            pending: list[DomainEvent] = wallet.pending
            batch = store.StreamAppend(wallet.stream_id, "wallet", wallet.version, pending)
            store.append(conn, [batch], {}, "2026-01-02T09:00:00.000000+00:00")
            wallet.version += len(pending)
            wallet.pending = []
    engine.dispose()


def first_deposit(shop: Shop, account_id: str) -> str:
    transactions = shop.read.shopping.wallet(account_id).transactions
    return min(transactions, key=lambda t: t.at).tx_id


def test_a_transaction_from_the_first_day_is_corrected_on_a_wallet_of_100k_events(
    tmp_path: Path, people: People, shop: Shop
) -> None:
    day_one = first_deposit(shop, people.ann)
    shop.close()
    grow_wallet(tmp_path / "shop.db", people.ann, HISTORY)
    again = make_shop(tmp_path / "shop.db")
    try:
        new_tx = again.bus.handle(
            c.CorrectTransaction(people.admin, people.ann, day_one, 7000, "was 70.00")
        )
        wallet = again.read.shopping.wallet(people.ann)
        assert wallet.balance_cents == 7000 + HISTORY * 100
        assert new_tx in {t.tx_id for t in wallet.transactions}
        with pytest.raises(errors.TransactionAlreadyCorrected):
            again.bus.handle(c.CorrectTransaction(people.admin, people.ann, day_one, 1, "twice"))
        with reading(again.engine) as conn:
            loaded = UnitOfWork(conn, lambda: "unused").get(Wallet, people.ann)
        # Bounded: what a snapshot of it stores is the balance, not 100,000 transactions.
        assert loaded.snapshot_state() == {"balance_cents": wallet.balance_cents}
        assert len(json.dumps(loaded.snapshot_state())) < 40
    finally:
        again.close()


def test_two_corrections_racing_reverse_a_transaction_once(
    tmp_path: Path, people: People, shop: Shop
) -> None:
    day_one = first_deposit(shop, people.ann)
    other = make_shop(tmp_path / "shop.db")  # a second bus: its own connection and cache
    outcomes: list[str] = []
    start = threading.Barrier(2)

    def correct(bus_shop: Shop, amount: int) -> None:
        start.wait()
        try:
            bus_shop.bus.handle(
                c.CorrectTransaction(people.admin, people.ann, day_one, amount, "race")
            )
            outcomes.append("corrected")
        except (errors.TransactionAlreadyCorrected, errors.ConcurrencyError) as refusal:
            outcomes.append(type(refusal).__name__)

    threads = [
        threading.Thread(target=correct, args=(s, amount))
        for s, amount in ((shop, 4000), (other, 6000))
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    other.close()
    assert outcomes.count("corrected") == 1, outcomes
    assert reversals_of(shop, day_one) == 1


def reversals_of(shop: Shop, tx_id: str) -> int:
    with reading(shop.engine) as conn:
        return sum(
            1
            for e in store.read_all(conn)
            if isinstance(e.event, TransactionReversed) and e.event.reversed_tx_id == tx_id
        )


CORRECT_IN_A_PROCESS = """
import sys
from domain.model import commands as c
from domain.model import errors
from tests.conftest import make_shop
shop = make_shop(sys.argv[1])
try:
    shop.bus.handle(c.CorrectTransaction(sys.argv[2], sys.argv[3], sys.argv[4], 1234, "process"))
    print("corrected")
except (errors.TransactionAlreadyCorrected, errors.ConcurrencyError) as refusal:
    print(type(refusal).__name__)
finally:
    shop.close()
"""


def test_two_writer_processes_correcting_the_same_transaction_reverse_it_once(
    tmp_path: Path, people: People, shop: Shop
) -> None:
    day_one = first_deposit(shop, people.ann)
    args = [str(tmp_path / "shop.db"), people.admin, people.ann, day_one]
    root = Path(__file__).resolve().parents[2]
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", CORRECT_IN_A_PROCESS, *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=root,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate()[0].strip() for p in processes]
    assert sorted(outputs) in (
        ["TransactionAlreadyCorrected", "corrected"],
        ["ConcurrencyError", "corrected"],
    ), outputs
    assert reversals_of(shop, day_one) == 1
