"""Accounts: who exists and with which role, for the status bar and the admin views."""

from __future__ import annotations

from typing import Any

from domain.model.events import RecordedEvent
from domain.readside.projections.base import Projection, Rows, TableSpec, t


class Accounts(Projection):
    NAME, VERSION = "accounts", 1
    TABLES = (
        TableSpec(
            "accounts",
            (t("account_id"), t("username"), t("role"), t("registered_at")),
            key=("account_id",),
        ),
    )

    def on_AccountRegistered(self, r: RecordedEvent, rows: Rows) -> None:
        e: Any = r.event
        rows.put(
            "accounts",
            {
                "account_id": e.account_id,
                "username": e.username,
                "role": e.role,
                "registered_at": r.recorded_at,
            },
        )
