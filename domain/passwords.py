"""Salted scrypt password hashes, in a self-describing text form: scrypt$n$r$p$salt$hash."""

from __future__ import annotations

import hashlib
import hmac
import os

# n=2**14, r=8 is the interactive-login cost recommended for scrypt; about 40 ms here.
N, R, P = 2**14, 8, 1


def hash_password(password: str, salt: bytes | None = None) -> str:
    salt = salt if salt is not None else os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=N, r=R, p=P, dklen=32)
    return f"scrypt${N}${R}${P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    _, n, r, p, salt, digest = stored.split("$")
    candidate = hashlib.scrypt(
        password.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p), dklen=32
    )
    return hmac.compare_digest(candidate.hex(), digest)


class Passwords:
    """Hashing and checking, injected into the bus so a replay can stand in for it.

    A recording never holds a password or a hash; it holds whether each check succeeded, and a
    replay answers checks from that (see recorder/tape.py).
    """

    def hash(self, password: str) -> str:
        return hash_password(password)

    def verify(self, password: str, stored: str) -> bool:
        return verify_password(password, stored)

    def same(self, typed: str, repeated: str) -> bool:
        """Whether a password was typed the same twice (sign-up's "repeat password")."""
        return hmac.compare_digest(typed.encode(), repeated.encode())
