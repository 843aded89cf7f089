"""Wallet: store credit. The balance is derived from events; mistakes are compensated, not edited.

Its id is the account id. State is the balance and nothing else, so loading and snapshotting
a wallet cost the same after a million transactions as after one. A correction is handed the
transaction it corrects, which the handler finds in the log by id
(domain/writeside/wallet_index.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from domain.model.aggregate import Aggregate
from domain.model.errors import (
    QT_TRANSLATE_NOOP,
    InsufficientFunds,
    InvalidAmount,
    InvalidNote,
    TransactionAlreadyCorrected,
    UnknownTransaction,
)
from domain.model.events import DomainEvent, FundsDebited, FundsDeposited, TransactionReversed
from domain.model.review import check_reason

MAX_AMOUNT_CENTS = 1_000_000
MAX_NOTE = 200


def check_amount(amount_cents: object) -> int:
    if type(amount_cents) is not int or not 1 <= amount_cents <= MAX_AMOUNT_CENTS:
        raise InvalidAmount(amount_cents)
    return amount_cents


@dataclass(frozen=True)
class WalletTransaction:
    """A past deposit or debit, as a correction needs it."""

    tx_id: str
    effect_cents: int  # signed: what it did to the balance
    reversed: bool  # a correction already cancelled it


class Wallet(Aggregate):
    STREAM_TYPE = "wallet"
    SNAPSHOT_VERSION = 2  # 1 kept every transaction's effect: such snapshots are ignored

    def __init__(self, aggregate_id: str) -> None:
        super().__init__(aggregate_id)
        self.balance_cents = 0

    def deposit(self, tx_id: str, amount_cents: int, note: str) -> None:
        note = note.strip()
        if len(note) > MAX_NOTE:  # the log keeps it for ever: a 10 MB note is refused
            raise InvalidNote(len(note), MAX_NOTE)
        self._record(FundsDeposited(self.id, tx_id, check_amount(amount_cents), note))

    def debit(self, tx_id: str, amount_cents: int, order_id: str | None) -> None:
        if amount_cents > self.balance_cents:
            raise InsufficientFunds(amount_cents, self.balance_cents)
        self._record(FundsDebited(self.id, tx_id, amount_cents, order_id))

    def correct(
        self,
        tx_id: str,
        found: WalletTransaction | None,
        reversal_id: str,
        new_tx_id: str,
        correct_amount: int,
        reason: str,
    ) -> None:
        """Reverse `tx_id` (as `found` in the log), then record the same kind of transaction
        with the right amount."""
        if found is None or found.tx_id != tx_id:
            raise UnknownTransaction(tx_id)
        if found.reversed:
            raise TransactionAlreadyCorrected(tx_id)
        original = found.effect_cents
        check_amount(correct_amount)
        reason = check_reason(reason, QT_TRANSLATE_NOOP("Action", "correct a transaction"))
        corrected = correct_amount if original > 0 else -correct_amount
        if self.balance_cents - original + corrected < 0:
            raise InsufficientFunds(original - corrected, self.balance_cents)
        self._record(TransactionReversed(self.id, reversal_id, tx_id, -original, reason))
        if original > 0:
            note = f"Correction of {tx_id}: {reason}"
            self._record(FundsDeposited(self.id, new_tx_id, correct_amount, note, tx_id))
        else:
            self._record(FundsDebited(self.id, new_tx_id, correct_amount, None, tx_id))

    def when(self, event: DomainEvent) -> None:
        match event:
            case FundsDeposited():
                self.balance_cents += event.amount_cents
            case FundsDebited():
                self.balance_cents -= event.amount_cents
            case TransactionReversed():
                self.balance_cents += event.balance_change_cents

    def snapshot_state(self) -> dict[str, Any]:
        return {"balance_cents": self.balance_cents}

    def restore(self, state: dict[str, Any]) -> None:
        self.balance_cents = state["balance_cents"]
