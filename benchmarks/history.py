"""Long histories for benchmarks, written fast but made of real domain events.

The aggregates produce every event exactly as in use; what is skipped is the per-command
transaction (events are appended in batches of thousands). Going through the bus one command
at a time would take minutes for a million events, which measures nothing new.
"""

from __future__ import annotations

import random
from pathlib import Path

from domain.eventstore import store
from domain.eventstore.database import open_engine, writing
from domain.model.account import Account, Username
from domain.model.aggregate import Aggregate
from domain.model.cart import Cart
from domain.model.errors import DomainError
from domain.model.events import AccountRegistered
from domain.model.passwords import hash_password
from domain.model.product import Product
from domain.model.review import Review, review_id_for
from domain.model.wallet import Wallet

TEXTS = [
    "Lovely. #tea",
    "Would buy again. #daily",
    "Too weak for me. #tea",
    "Arrived broken. #broken",
    "Perfect #gift.",
    "My #favourite, a #gift for my mother too.",
]


def generate(
    path: Path, events: int, products: int = 200, accounts: int = 2000, seed: int = 1
) -> None:
    """Write about `events` events: accounts, products, then reviews and cart activity."""
    rng = random.Random(seed)
    engine = open_engine(path, synchronous="OFF")
    pending: dict[str, Aggregate] = {}
    hashed = hash_password("bench-password")
    written = 0
    with writing(engine) as conn:
        store.create_schema(conn)

    def flush() -> None:
        nonlocal written
        appends = [
            store.StreamAppend(a.stream_id, a.STREAM_TYPE, a.version, a.pending)
            for a in pending.values()
            if a.pending
        ]
        with writing(engine) as conn:
            store.append(conn, appends, {"actor": "bench"}, "2026-01-01T00:00:00.000000+00:00")
        for a in pending.values():
            written += len(a.pending)
            a.version += len(a.pending)
            a.pending = []

    account_ids = [f"a{n:05d}" for n in range(accounts)]
    for account_id in account_ids:
        account = Account(account_id)
        # Hashing 2,000 passwords would take over a minute; one real hash serves them all.
        account._record(AccountRegistered(account_id, account_id, hashed, "shopper"))
        pending[account.stream_id] = account
        name = Username(account_id)
        name.claim(account_id, account_id)
        pending[name.stream_id] = name
    product_ids = [f"p{n:04d}" for n in range(products)]
    for product_id in product_ids:
        product = Product(product_id)
        product.add(f"Product {product_id}", "Benchmark item", rng.randint(100, 9000))
        pending[product.stream_id] = product
    flush()
    pending.clear()
    live: dict[str, Aggregate] = {}

    def get(cls: type[Aggregate], aggregate_id: str) -> Aggregate:
        key = cls.stream_id_for(aggregate_id)
        if key not in live:
            live[key] = cls(aggregate_id)
        pending[key] = live[key]
        return live[key]

    while written < events:
        for _ in range(5000):
            who, what = rng.choice(account_ids), rng.choice(product_ids)
            roll = rng.random()
            try:
                if roll < 0.35:
                    review = get(Review, review_id_for(what, who))
                    assert isinstance(review, Review)
                    if review.live:
                        review.edit(who, rng.randint(1, 5), rng.choice(TEXTS))
                    else:
                        review.post(rng.randint(1, 5), rng.choice(TEXTS))
                elif roll < 0.75:
                    cart = get(Cart, who)
                    assert isinstance(cart, Cart)
                    if what in cart.lines:
                        cart.remove(what)
                    else:
                        cart.add(what, rng.randint(1, 3), 500)
                else:
                    wallet = get(Wallet, who)
                    assert isinstance(wallet, Wallet)
                    wallet.deposit(f"t{written}-{rng.random()}", rng.randint(100, 5000), "bench")
            except DomainError:
                pass
        flush()
        pending.clear()
    engine.dispose()
