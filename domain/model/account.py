"""Account and the username registry that keeps names unique regardless of case.

Uniqueness is enforced by the store itself: registering appends the first event of the stream
`username-<lower-cased name>`, and `(stream_id, version)` is unique, so two concurrent sign-ups
of "Ann" and "ann" cannot both succeed.
"""

from __future__ import annotations

import re
from typing import Any

from domain.model.aggregate import Aggregate
from domain.model.errors import InvalidUsername, PasswordTooShort, UsernameTaken, WrongPassword
from domain.model.events import (
    AccountRegistered,
    DomainEvent,
    FirstAdminAppointed,
    PasswordChanged,
    UsernameClaimed,
)
from domain.model.passwords import Passwords, normalized

MIN_PASSWORD_LENGTH = 8
USERNAME_PATTERN = re.compile(r"[A-Za-z0-9._-]{3,32}")


def username_key(username: str) -> str:
    return username.strip().casefold()


class Username(Aggregate):
    """The registry entry for one lower-cased name; its id is that name."""

    STREAM_TYPE = "username"

    def __init__(self, aggregate_id: str) -> None:
        super().__init__(aggregate_id)
        self.account_id: str | None = None

    def claim(self, username: str, account_id: str) -> None:
        if self.account_id is not None:
            raise UsernameTaken(username)
        self._record(UsernameClaimed(self.id, account_id))

    def when(self, event: DomainEvent) -> None:
        if isinstance(event, UsernameClaimed):
            self.account_id = event.account_id

    def snapshot_state(self) -> dict[str, Any]:
        return {"account_id": self.account_id}

    def restore(self, state: dict[str, Any]) -> None:
        self.account_id = state["account_id"]


def check_new_password(password: str) -> None:
    """At least MIN_PASSWORD_LENGTH characters that are not spaces, once normalised."""
    counted = sum(1 for ch in normalized(password) if not ch.isspace())
    if counted < MIN_PASSWORD_LENGTH:
        raise PasswordTooShort(counted, MIN_PASSWORD_LENGTH)


class Account(Aggregate):
    STREAM_TYPE = "account"

    def __init__(self, aggregate_id: str) -> None:
        super().__init__(aggregate_id)
        self.username = ""
        self.password_hash = ""
        self.role = "shopper"

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def register(
        self, username: str, password: str, role: str, passwords: Passwords | None = None
    ) -> None:
        username = username.strip()
        if not USERNAME_PATTERN.fullmatch(username):
            raise InvalidUsername(username)
        check_new_password(password)
        hashed = (passwords or Passwords()).hash(password)
        self._record(AccountRegistered(self.id, username, hashed, role))

    def check_password(self, password: str, passwords: Passwords | None = None) -> None:
        passwords = passwords or Passwords()
        if not passwords.verify(password, self.password_hash):
            raise WrongPassword(self.username)
        if passwords.needs_rehash(self.password_hash):
            # The password is at hand only now: store it again at today's cost.
            self._record(PasswordChanged(self.id, passwords.hash(password), "rehash"))

    def change_password(self, old: str, new: str, passwords: Passwords | None = None) -> None:
        passwords = passwords or Passwords()
        if not passwords.verify(old, self.password_hash):
            raise WrongPassword(self.username)
        check_new_password(new)
        self._record(PasswordChanged(self.id, passwords.hash(new), "changed"))

    def when(self, event: DomainEvent) -> None:
        if isinstance(event, AccountRegistered):
            self.username, self.password_hash = event.username, event.password_hash
            self.role = event.role
        elif isinstance(event, PasswordChanged):
            self.password_hash = event.password_hash

    def snapshot_state(self) -> dict[str, Any]:
        return {"username": self.username, "password_hash": self.password_hash, "role": self.role}

    def restore(self, state: dict[str, Any]) -> None:
        self.username, self.password_hash = state["username"], state["password_hash"]
        self.role = state["role"]


class ShopSetup(Aggregate):
    """The single `setup-shop` stream: remembers whether the first admin was appointed."""

    STREAM_TYPE = "setup"
    ID = "shop"

    def __init__(self, aggregate_id: str) -> None:
        super().__init__(aggregate_id)
        self.first_admin: str | None = None

    def appoint_first_admin(self, account_id: str) -> None:
        if self.first_admin is None:
            self._record(FirstAdminAppointed(account_id))

    def when(self, event: DomainEvent) -> None:
        if isinstance(event, FirstAdminAppointed):
            self.first_admin = event.account_id

    def snapshot_state(self) -> dict[str, Any]:
        return {"first_admin": self.first_admin}

    def restore(self, state: dict[str, Any]) -> None:
        self.first_admin = state["first_admin"]
