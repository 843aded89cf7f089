"""One app per database: a second instance on the same file refuses, with a clear message.

SQLite itself would keep the file consistent, but two windows each caching aggregates and
each recording a session into it would confuse anyone. QLockFile notices a lock left by a
process that died, so a crash never locks the user out.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile


class AlreadyOpen(Exception):
    def __init__(self, db: Path, pid: int) -> None:
        super().__init__(
            f"Replay Shop is already open on {db} (process {pid}). Switch to that window, or "
            "close it first; a second window on the same shop is not allowed."
        )


def lock_database(db: Path) -> QLockFile:
    """Hold the lock for `db` for as long as the returned object lives."""
    lock = QLockFile(str(db) + ".lock")
    lock.setStaleLockTime(0)  # only a dead owner makes a lock stale, never its age
    if not lock.tryLock(100):
        info = lock.getLockInfo()  # (ok, pid, hostname, appname); PySide drops `ok` at times
        pid = next((v for v in info if isinstance(v, int) and not isinstance(v, bool)), 0)
        raise AlreadyOpen(db, pid)
    return lock
