"""An amount the wallet's box cannot take, typed and sent with the mouse on a real desk.

The box puts its last good value back as it loses the focus, which the click on Deposit
does before the click lands: that once deposited the previous amount, silently. Real X
input, so the focus moves as it does for a person.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

from tests.realinput.desk import Desk
from tests.realinput.test_sessions import sign_in

WALLET = "main/central/pages/wallet"


def deposits(db: Path) -> int:
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
        return int(
            conn.execute(
                "SELECT COUNT(*) FROM events WHERE event_type = 'FundsDeposited'"
            ).fetchone()[0]
        )


def test_zero_typed_then_deposit_clicked_is_refused_by_name(
    demo_desk: Desk, tmp_path: Path
) -> None:
    desk = demo_desk
    sign_in(desk, "carla")
    desk.key("ctrl+3")
    desk.widget(f"{WALLET}/amount")
    before = deposits(desk.db)
    desk.click(f"{WALLET}/amount")
    desk.key("ctrl+a")
    desk.type("0")
    desk.click(f"{WALLET}/deposit")
    said = desk.wait_until("the refusal", lambda: desk.text(f"{WALLET}/message") or None)
    assert (
        said == '"0" is not an amount to deposit: enter $0.01 to $10,000.00. Nothing was deposited.'
    )
    assert deposits(desk.db) == before
    shot = desk.screenshot(tmp_path / "wallet-refusal.png")
    assert shot.stat().st_size > 10_000  # a screen, not an empty image
    if os.environ.get("REPLAYSHOP_KEEP_SCREENSHOTS"):
        print(f"screenshot: {shot}")
    desk.quit()
