"""Password rules a bank would accept: today's scrypt cost, older hashes upgraded at sign-in,
NFKC, eight characters that are not spaces, and a way to change one's password."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from domain.eventstore.database import open_engine, reading
from domain.eventstore.store import read_all
from domain.model import commands as c
from domain.model import errors, passwords
from domain.shop import Shop, open_shop
from tests.conftest import HANG_GUARD_S, People, log_head


def stored_hashes(shop: Shop, account: str) -> list[str]:
    with reading(shop.engine) as conn:
        return [
            json.loads(json.dumps(e.event.to_data()))["password_hash"]
            for e in read_all(conn, stream_id=f"account-{account}")
        ]


def old_cost_hash(password: str) -> str:
    """What an older build stored: n=2**9 (the suite's own cost is 2**10, see conftest)."""
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2**9, r=8, p=1, dklen=32)
    return f"scrypt${2**9}$8$1${salt.hex()}${digest.hex()}"


def test_new_hashes_use_the_shipped_cost_unless_configured() -> None:
    assert passwords.ScryptCost(2**17, 8, 1) == passwords.SHIPPED
    assert passwords.ScryptCost.configured({}) == passwords.SHIPPED
    assert (
        passwords.Passwords(passwords.SHIPPED)
        .hash("correct horse")
        .startswith("scrypt$131072$8$1$")
    )
    assert passwords.ScryptCost.configured({passwords.COST_VARIABLE: " 1024,8,1 "}) == (
        passwords.ScryptCost(1024, 8, 1)
    )


def test_the_app_as_shipped_hashes_at_the_shipped_cost(tmp_path: Path) -> None:
    """The suite lowers the cost through REPLAYSHOP_SCRYPT_COST (tests/conftest.py): without
    it, the real command line stores OWASP's cost."""
    env = {k: v for k, v in os.environ.items() if k != passwords.COST_VARIABLE}
    db = tmp_path / "shop.db"
    run = subprocess.run(
        [sys.executable, "-m", "app.cli.main", "--db", str(db), "demo-data"],
        env=env, capture_output=True, text=True, check=False, timeout=HANG_GUARD_S,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    with reading(open_engine(db)) as conn:
        registered = [e for e in read_all(conn) if e.type == "AccountRegistered"]
    hashes = {e.event.to_data()["password_hash"].rsplit("$", 2)[0] for e in registered}
    assert hashes == {"scrypt$131072$8$1"}


@pytest.mark.parametrize("value", ["fast", "1000,8,1", "1024,0,1", "1024,8", "2147483648,8,1"])
def test_a_mistyped_cost_is_named_with_what_is_accepted(value: str) -> None:
    with pytest.raises(ValueError, match="give n,r,p such as 131072,8,1"):
        passwords.ScryptCost.configured({passwords.COST_VARIABLE: value})
    run = subprocess.run(
        [sys.executable, "-m", "app.cli.main", "events", "--db", "/nonexistent/shop.db"],
        env={**os.environ, passwords.COST_VARIABLE: value},
        capture_output=True, text=True, check=False, timeout=HANG_GUARD_S,
    )  # fmt: skip
    assert run.returncode == 2
    assert "REPLAYSHOP_SCRYPT_COST" in run.stderr and "Traceback" not in run.stderr


def test_a_weaker_hash_is_replaced_at_the_next_sign_in(
    shop: Shop, people: People, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An account registered by an older build: its hash has a lower cost than today's.
    monkeypatch.setattr(passwords, "hash_password", lambda pw, cost: old_cost_hash(pw))
    zoe = shop.bus.handle(c.RegisterAccount(None, "zoe", "long-password"))
    monkeypatch.undo()
    assert stored_hashes(shop, zoe)[-1].startswith("scrypt$512$")
    assert shop.bus.handle(c.SignIn(None, "zoe", "long-password")) == zoe
    upgraded = stored_hashes(shop, zoe)[-1]
    assert upgraded.startswith("scrypt$1024$")  # a PasswordChanged, reason "rehash"
    head = log_head(shop)
    assert shop.bus.handle(c.SignIn(None, "zoe", "long-password")) == zoe
    assert log_head(shop) == head  # once is enough
    with pytest.raises(errors.WrongPassword):
        shop.bus.handle(c.SignIn(None, "zoe", "wrong-password"))


def test_the_same_password_typed_in_another_unicode_form_signs_in(shop: Shop) -> None:
    composed, decomposed = "caf\u00e9-latte-9", "cafe\u0301-latte-9"
    shop.bus.handle(c.RegisterAccount(None, "amelie", composed))
    assert shop.bus.handle(c.SignIn(None, "amelie", decomposed))
    full_width = "\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18"  # "12345678", full width
    shop.bus.handle(c.RegisterAccount(None, "kenji", full_width))
    assert shop.bus.handle(c.SignIn(None, "kenji", "12345678"))


def test_spaces_do_not_count_toward_the_eight_characters(shop: Shop) -> None:
    with pytest.raises(errors.PasswordTooShort, match="8 characters that are not spaces"):
        shop.bus.handle(c.RegisterAccount(None, "spacey", "a b c d e f g"))
    shop.bus.handle(c.RegisterAccount(None, "spacey", "a b c d e f g h"))


def test_a_shopper_changes_their_password(shop: Shop, people: People) -> None:
    head = log_head(shop)
    with pytest.raises(errors.WrongPassword):
        shop.bus.handle(c.ChangePassword(people.ann, "not-my-password", "brand-new-pw"))
    with pytest.raises(errors.PasswordTooShort):
        shop.bus.handle(c.ChangePassword(people.ann, "ann-password", "short"))
    with pytest.raises(errors.NotSignedIn):
        shop.bus.handle(c.ChangePassword(None, "ann-password", "brand-new-pw"))
    assert log_head(shop) == head  # each refusal stored nothing
    shop.bus.handle(c.ChangePassword(people.ann, "ann-password", "brand-new-pw"))
    assert shop.bus.handle(c.SignIn(None, "ann", "brand-new-pw")) == people.ann
    with pytest.raises(errors.WrongPassword):
        shop.bus.handle(c.SignIn(None, "ann", "ann-password"))


def test_new_passwords_are_hashed_before_the_command_takes_the_write_lock(tmp_path: Path) -> None:
    """scrypt takes 0.3 s at the shipped cost: inside the transaction it held SQLite's write
    lock that long, and 16 sign-up processes at once failed on the busy timeout."""
    db = tmp_path / "shop.db"
    lock_free_while_hashing: list[bool] = []

    class Probing(passwords.Passwords):
        def hash(self, password: str) -> str:
            other_writer = sqlite3.connect(db, timeout=0)  # waits for no one
            try:
                other_writer.execute("BEGIN IMMEDIATE")
                other_writer.rollback()
                lock_free_while_hashing.append(True)
            except sqlite3.OperationalError:  # "database is locked"
                lock_free_while_hashing.append(False)
            finally:
                other_writer.close()
            return super().hash(password)

    shop = open_shop(db, passwords=Probing())
    try:
        alice = shop.bus.handle(c.RegisterAccount(None, "alice", "correct horse"))
        shop.bus.handle(c.ChangePassword(alice, "correct horse", "battery staple"))
        shop.bus.handle(c.SignIn(None, "alice", "battery staple"))  # the new hash holds
    finally:
        shop.close()
    assert lock_free_while_hashing == [True, True]
