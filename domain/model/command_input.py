"""Commands are checked where they enter the bus, before any rule or any store sees them.

Every field is checked against its declared type (a `None` review id or a number where a name
belongs is a refusal, not an AttributeError deep in a handler), and every text against what a
store, a hash and a screen can take: no control characters (line breaks and tabs only where
the text is long-form), no lone surrogates (which no encoding can write: they reached the
hash chain as a UnicodeEncodeError), and not only invisible characters. Each business rule
(a name's or a note's length, a rating's range) stays with its aggregate.
"""

from __future__ import annotations

import dataclasses
import re
import typing
import unicodedata
from collections.abc import Callable

from domain.model.commands import Command
from domain.model.errors import QT_TRANSLATE_NOOP, DomainError

SECRETS = frozenset({"password", "old_password", "new_password"})  # never quoted back
LONG_FORM = frozenset({"description", "text", "reason", "note"})  # may hold line breaks

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL_OR_BREAK = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_INVISIBLE = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me"})


class InvalidInput(DomainError):
    def __init__(self, command: str, field: str, problem: str, accepted: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP("DomainError", "The {field} of {command} {problem}: {accepted}."),
            command=command,
            field=field.replace("_", " "),
            problem=problem,
            accepted=accepted,
        )


def check_command(command: Command) -> None:
    """Raise InvalidInput for the first field that is not what the command declares."""
    cls = type(command)
    checks = _CHECKS.get(cls)
    if checks is None:  # once per command type: the bus's hot path only runs the checks
        hints = typing.get_type_hints(cls)
        checks = [_check_for(cls.__name__, f.name, hints[f.name]) for f in dataclasses.fields(cls)]
        _CHECKS[cls] = checks
    for check in checks:
        check(command)


_CHECKS: dict[type[Command], list[Callable[[Command], None]]] = {}


def _check_for(command: str, field: str, hint: object) -> Callable[[Command], None]:
    allowed = tuple(t for t in typing.get_args(hint) or (hint,) if isinstance(t, type))
    optional = type(None) in allowed
    wanted = next(t for t in allowed if t is not type(None))
    said = {str: "text", int: "a whole number", bool: "true or false"}[wanted]

    def check(value_of: Command) -> None:
        value = getattr(value_of, field)
        if value is None and optional:
            return
        # bool is an int to isinstance: a True price or rating is still a refusal.
        if not isinstance(value, wanted) or (wanted is int and isinstance(value, bool)):
            got = "nothing" if value is None else f"a {type(value).__name__}"
            raise InvalidInput(command, field, f"is {got}", f"give {said}")
        if isinstance(value, str):
            _check_text(command, field, value)

    return check


def _check_text(command: str, field: str, text: str) -> None:
    bad = (_CONTROL if field in LONG_FORM else _CONTROL_OR_BREAK).search(text)
    if bad is not None:
        found = bad.group()
        what = (
            "a character no text encoding can write"
            if "\ud800" <= found <= "\udfff"
            else "a control character"
        )
        where = "" if field in SECRETS else f" ({found!a} at character {bad.start() + 1})"
        accepted = "letters, digits, punctuation and spaces" + (
            ", and line breaks" if field in LONG_FORM else ""
        )
        raise InvalidInput(command, field, f"holds {what}{where}", accepted)
    if field not in SECRETS and text and all(_invisible(c) for c in text):
        raise InvalidInput(
            command, field, "holds only invisible characters", "give something one can read"
        )


def _invisible(char: str) -> bool:
    return unicodedata.category(char) in _INVISIBLE
