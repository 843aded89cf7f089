"""Where the replayed app's unexpected exceptions come from, as the replayer sees it.

The app owns the handler of exceptions that escape a slot (its error reporter, installed as
`sys.excepthook`); the replayer never imports the app, so it names only what it needs here,
and the app's reporter satisfies it. The replayer never swaps `sys.excepthook` itself.
"""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import Protocol

ExceptionHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


class ExceptionSource(Protocol):
    def divert(self, hook: ExceptionHook) -> None:
        """Hand every unexpected exception to `hook` alone, until `restore`: while a replay
        judges the app, the exception is evidence, not something to show or log."""

    def restore(self) -> None:
        """Handle exceptions as the app does again."""
