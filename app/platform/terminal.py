"""Text from a file or a store, made safe for a terminal.

A recording is untrusted input: its note could hold `ESC ] 0 ; … BEL ESC [ 2 J` and retitle
the terminal, clear it and print fake output, through `recording show`, `git diff` (its
textconv driver) or an error message quoting a damaged column. Every control character is
written as its escape instead (`\\x1b`), as are lone surrogates (which no terminal encoding
can write) and the bidirectional overrides that reorder what a line seems to say.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

_ALWAYS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_UNSAFE = re.compile(f"[{_ALWAYS}]")
_UNSAFE_OR_CR = re.compile(f"[{_ALWAYS}\r]")  # a bare CR lets a line overwrite the one shown


def escaped(text: str, keep_carriage_return: bool = False) -> str:
    """`text` with every unsafe character as its Python escape; newlines and tabs kept."""
    pattern = _UNSAFE if keep_carriage_return else _UNSAFE_OR_CR
    return pattern.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class EscapingWriter:
    """A text stream that escapes what is written to it before the real stream gets it."""

    def __init__(self, stream: TextIO, keep_carriage_return: bool) -> None:
        self._stream = stream
        self._keep_cr = keep_carriage_return

    def write(self, text: str) -> int:
        self._stream.write(escaped(text, self._keep_cr))
        return len(text)

    def __getattr__(self, name: str) -> object:  # flush, isatty, fileno, encoding...
        return getattr(self._stream, name)


@contextmanager
def escaped_output() -> Iterator[None]:
    """stdout and stderr escaped while a command runs; stderr keeps CR for its progress line."""
    import sys

    out, err = sys.stdout, sys.stderr
    sys.stdout = EscapingWriter(out, keep_carriage_return=False)
    sys.stderr = EscapingWriter(err, keep_carriage_return=True)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err
