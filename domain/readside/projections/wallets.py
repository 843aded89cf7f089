"""Wallets: balances and every transaction, with reversals linked to what they cancel."""

from __future__ import annotations

from typing import Any

from domain.model.events import RecordedEvent
from domain.readside.projections.base import Projection, Rows, TableSpec, i, t


class Wallets(Projection):
    NAME, VERSION = "wallets", 1
    TABLES = (
        TableSpec(
            "wallets", (t("wallet_id"), i("balance_cents"), i("tx_count")), key=("wallet_id",)
        ),
        TableSpec(
            "transactions",
            (
                t("tx_id"),
                t("wallet_id"),
                i("position"),
                t("at"),
                t("kind"),
                i("amount_cents"),
                t("note"),
                t("order_id"),
                t("corrects_tx_id"),
                t("reversed_by"),
            ),
            key=("tx_id",),
            indexes=(("wallet_id", "position"),),
        ),
    )

    def _record(self, r: RecordedEvent, rows: Rows, kind: str, amount: int, **extra: Any) -> None:
        e: Any = r.event
        wallet = rows.get("wallets", e.wallet_id) or {
            "wallet_id": e.wallet_id,
            "balance_cents": 0,
            "tx_count": 0,
        }
        rows.put(
            "wallets",
            {
                **wallet,
                "balance_cents": wallet["balance_cents"] + amount,
                "tx_count": wallet["tx_count"] + 1,
            },
        )
        rows.put(
            "transactions",
            {
                "tx_id": e.tx_id,
                "wallet_id": e.wallet_id,
                "position": r.position,
                "at": r.recorded_at,
                "kind": kind,
                "amount_cents": amount,
                "note": "",
                "order_id": None,
                "corrects_tx_id": None,
                "reversed_by": None,
                **extra,
            },
        )

    def on_FundsDeposited(self, r: RecordedEvent, rows: Rows) -> None:
        e: Any = r.event
        self._record(
            r, rows, "deposit", e.amount_cents, note=e.note, corrects_tx_id=e.corrects_tx_id
        )

    def on_FundsDebited(self, r: RecordedEvent, rows: Rows) -> None:
        e: Any = r.event
        note = "Order payment" if e.order_id else "Debit"
        self._record(
            r,
            rows,
            "debit",
            -e.amount_cents,
            note=note,
            order_id=e.order_id,
            corrects_tx_id=e.corrects_tx_id,
        )

    def on_TransactionReversed(self, r: RecordedEvent, rows: Rows) -> None:
        e: Any = r.event
        self._record(
            r,
            rows,
            "reversal",
            e.balance_change_cents,
            note=f"Reverses {e.reversed_tx_id}: {e.reason}",
            corrects_tx_id=e.reversed_tx_id,
        )
        original = rows.get("transactions", e.reversed_tx_id)
        if original is not None:
            rows.put("transactions", {**original, "reversed_by": e.tx_id})
