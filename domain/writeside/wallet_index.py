"""Finding one wallet transaction in the log, by its id, without holding them all in memory.

A correction needs the original transaction's effect and whether it was reversed already.
The wallet aggregate keeps only its balance (its snapshot stays small however long its
history), so the handler asks the log itself through two partial expression indexes on the
events table: O(log n) in the same write transaction as the command, so two racing
corrections (or two writer processes, which SQLite serializes) see each other's reversal.
"""

from __future__ import annotations

import json

from sqlalchemy import Connection, TextClause, text

from domain.model.wallet import WalletTransaction

# The same expressions and conditions as schema.LOOKUP_INDEXES (and PG_LOOKUP_INDEXES), so the
# database uses those indexes.
_FIELD = {"sqlite": "json_extract(data, '$.{}')", "postgresql": "((data::json)->>'{}')"}


def _original(dialect: str) -> TextClause:
    return text(
        "SELECT event_type, data FROM events "
        f"WHERE stream_id = :sid AND {_FIELD[dialect].format('tx_id')} = :tx "
        "AND event_type IN ('FundsDeposited', 'FundsDebited')"
    )


def _reversal(dialect: str) -> TextClause:
    return text(
        "SELECT 1 FROM events "
        f"WHERE stream_id = :sid AND {_FIELD[dialect].format('reversed_tx_id')} = :tx "
        "AND event_type = 'TransactionReversed' LIMIT 1"
    )


def find_transaction(conn: Connection, stream_id: str, tx_id: str) -> WalletTransaction | None:
    """The deposit or debit `tx_id` of the wallet stream, and whether it was reversed."""
    dialect = conn.dialect.name
    row = conn.execute(_original(dialect), {"sid": stream_id, "tx": tx_id}).first()
    if row is None:
        return None
    event_type, data = row
    amount = int(json.loads(data)["amount_cents"])
    effect = amount if event_type == "FundsDeposited" else -amount
    found = conn.execute(_reversal(dialect), {"sid": stream_id, "tx": tx_id}).first()
    reversed_ = found is not None
    return WalletTransaction(tx_id, effect, reversed_)
