"""What a command handler may ask of its unit of work, and nothing more.

Handlers live in the model and decide; loading aggregates from the log and appending what they
record is the write side's job (`domain/writeside/unit_of_work.py`, over SQLAlchemy). This
protocol is the model's side of that contract, so no module of `domain.model` depends on the
store or on SQLAlchemy (an import-linter contract in pyproject.toml keeps it so), and a handler
can be run against anything that loads aggregates: a test's dict of them, a future store.
"""

from __future__ import annotations

from typing import Protocol, TypeVar

from domain.model.account import Account
from domain.model.aggregate import Aggregate
from domain.model.passwords import Passwords
from domain.model.wallet import WalletTransaction

A = TypeVar("A", bound=Aggregate)


class UnitOfWork(Protocol):
    @property
    def passwords(self) -> Passwords:
        """Hashes and checks passwords (new ones may have been hashed ahead, off the lock)."""
        ...

    def new_id(self) -> str:
        """A fresh id for a new aggregate or transaction (the injected generator's)."""
        ...

    def get(self, cls: type[A], aggregate_id: str) -> A:
        """The aggregate as of now; one that never existed comes back with version 0."""
        ...

    def wallet_transaction(self, stream_id: str, tx_id: str) -> WalletTransaction | None:
        """A past transaction of a wallet, by id (looked up in the log, not held in memory)."""
        ...

    def actor(self, actor_id: str | None, action: str) -> Account:
        """The signed-in account doing `action`; NotSignedIn without one."""
        ...

    def admin(self, actor_id: str | None, action: str) -> Account:
        """As `actor`, and an administrator; NotAuthorized otherwise."""
        ...
