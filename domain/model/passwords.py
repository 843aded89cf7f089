"""Salted scrypt password hashes, in a self-describing text form: scrypt$n$r$p$salt$hash.

Passwords are NFKC-normalised first, so the same password typed on another keyboard (a
composed "é" or a decomposed one, a full-width digit) is the same password.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

MAX_MEMORY = 256 * 1024**2  # OpenSSL's default cap (32 MiB) is below what n=2**17, r=8 needs
# Lowers the cost of new hashes for a test suite (thousands of sign-ups in minutes) or a
# machine too small for 128 MiB per hash. Unset, the shipped cost applies.
COST_VARIABLE = "REPLAYSHOP_SCRYPT_COST"


@dataclass(frozen=True, order=True)
class ScryptCost:
    n: int
    r: int
    p: int

    @classmethod
    def parse(cls, text: str) -> ScryptCost:
        """`"131072,8,1"` as a cost; anything else is refused, naming what is accepted."""
        try:
            n, r, p = (int(part) for part in text.split(","))
        except ValueError:
            n = r = p = 0
        if n < 2 or n & (n - 1) or r < 1 or p < 1 or n * r * 128 > MAX_MEMORY:
            raise ValueError(
                f"{COST_VARIABLE}={text!r} is not a scrypt cost: give n,r,p such as "
                f"{SHIPPED.n},{SHIPPED.r},{SHIPPED.p} (n a power of two, r and p at least 1, "
                f"at most {MAX_MEMORY // 1024**2} MiB)"
            )
        return cls(n, r, p)

    @classmethod
    def configured(cls, environ: Mapping[str, str] = os.environ) -> ScryptCost:
        raw = environ.get(COST_VARIABLE, "").strip()
        return cls.parse(raw) if raw else SHIPPED


# n=2**17, r=8, p=1: OWASP's current figure for scrypt (about 0.3 s and 128 MiB here). A hash
# made with a lower cost is replaced at the next successful sign-in (`needs_rehash`).
SHIPPED = ScryptCost(2**17, 8, 1)


def normalized(password: str) -> str:
    return unicodedata.normalize("NFKC", password)


def hash_password(password: str, salt: bytes | None = None, cost: ScryptCost = SHIPPED) -> str:
    salt = salt if salt is not None else os.urandom(16)
    digest = _scrypt(normalized(password), salt, cost.n, cost.r, cost.p)
    return f"scrypt${cost.n}${cost.r}${cost.p}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        _, n, r, p, salt, digest = stored.split("$")
        candidate = _scrypt(normalized(password), bytes.fromhex(salt), int(n), int(r), int(p))
    except ValueError:  # not a hash of ours (a redacted copy, a damaged row): never a match
        return False
    return hmac.compare_digest(candidate.hex(), digest)


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode(), salt=salt, n=n, r=r, p=p, dklen=32, maxmem=MAX_MEMORY)


def weaker_than(stored: str, cost: ScryptCost) -> bool:
    """A hash of ours made with a lower cost than `cost`."""
    parts = stored.split("$")
    if (
        len(parts) != 6
        or parts[0] != "scrypt"
        or not all(x.isascii() and x.isdigit() for x in parts[1:4])
    ):
        return False
    return ScryptCost(int(parts[1]), int(parts[2]), int(parts[3])) < cost


class Passwords:
    """Hashing and checking, injected into the bus so a replay can stand in for it.

    A recording never holds a password or a hash; it holds whether each check succeeded, and a
    replay answers checks from that (see recorder/capture/tape.py). The cost of new hashes is the
    shipped one unless `REPLAYSHOP_SCRYPT_COST` (or `cost`) says otherwise.
    """

    def __init__(self, cost: ScryptCost | None = None) -> None:
        self.cost = cost or ScryptCost.configured()

    def hash(self, password: str) -> str:
        return hash_password(password, cost=self.cost)

    def verify(self, password: str, stored: str) -> bool:
        return verify_password(password, stored)

    def same(self, typed: str, repeated: str) -> bool:
        """Whether a password was typed the same twice (sign-up's "repeat password")."""
        return hmac.compare_digest(normalized(typed).encode(), normalized(repeated).encode())

    def needs_rehash(self, stored: str) -> bool:
        """After a successful check: whether the stored hash should be made again at the
        configured cost (the only moment the password is at hand to do it)."""
        return weaker_than(stored, self.cost)


class HashedAhead(Passwords):
    """`inner`, with the hashes of `plain` made already: the bus hashes a command's new
    passwords before it queues for the writer, since scrypt (0.3 s at the shipped cost) inside
    the transaction held SQLite's write lock, and every other writer, that long."""

    def __init__(self, inner: Passwords, plain: Iterable[str]) -> None:
        super().__init__(inner.cost)
        self.inner = inner
        self.made = {password: inner.hash(password) for password in plain}

    def hash(self, password: str) -> str:
        made = self.made.get(password)
        return made if made is not None else self.inner.hash(password)

    def verify(self, password: str, stored: str) -> bool:
        return self.inner.verify(password, stored)

    def same(self, typed: str, repeated: str) -> bool:
        return self.inner.same(typed, repeated)

    def needs_rehash(self, stored: str) -> bool:
        return self.inner.needs_rehash(stored)
