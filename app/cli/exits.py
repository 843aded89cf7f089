"""What every `replayshop` command exits with, and how it refuses bad input."""

from __future__ import annotations

import sys

EXIT_OK, EXIT_PROBLEM, EXIT_BAD_INPUT = 0, 1, 2


def fail(message: str) -> int:
    """Say what was wrong (and what is accepted) on stderr; exit code 2."""
    print(f"replayshop: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def not_utf8(argv: list[str]) -> str | None:
    """The first argument that is not UTF-8 text (Python holds its bytes as lone surrogates,
    which no store, query or terminal can take), said with its bytes escaped."""
    for arg in argv:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            shown = arg.encode("utf-8", "surrogateescape").decode("ascii", "backslashreplace")
            return f"the argument '{shown}' is not UTF-8 text; arguments must be UTF-8"
    return None


def unexpected(error: BaseException, store: str) -> str | None:
    """What a command met that it could not go on from, said for a person, or None for a
    real bug (which keeps its traceback). The one place every command's damaged store,
    unusable path or out-of-range number becomes exit 2 instead of a traceback."""
    import sqlite3

    from sqlalchemy.exc import SQLAlchemyError

    from domain.model.events import DamagedLog, UnknownEventType

    if isinstance(error, (DamagedLog, UnknownEventType)):  # a newer build's log, or damage
        return f"{store}: {error}"
    if isinstance(error, (SQLAlchemyError, sqlite3.Error)):
        reason = str(getattr(error, "orig", None) or error).splitlines()[0]
        return (
            f"{store} cannot be used as a shop store ({reason}); expected a store made by "
            "replayshop (a SQLite file, or a postgresql:// URL)"
        )
    if isinstance(error, UnicodeError):
        return f"text that is not valid UTF-8 ({error}); stores and files must hold UTF-8"
    if isinstance(error, OSError):
        where = f": {error.filename}" if error.filename else ""
        return f"{error.strerror or error}{where}"
    if isinstance(error, OverflowError):
        return f"a number is out of range ({error}); positions and counts fit in 64 bits"
    return None
