"""The progress line of the command line's long tasks (check, rebuild, verify --deep, demo data).

tqdm draws it: on a terminal it shows how far, how fast and an estimate of what is left; to a
file or a pipe (a CI log) it writes nothing, where the hand-made bar it replaces filled logs
with carriage returns. It lives here, not in app/, because `check` is in recorder/ and app/
may use recorder/ but not the other way round.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

from tqdm import tqdm


class Reached(Protocol):
    """How much is done so far (not a step), and optionally what is being worked on."""

    def __call__(self, done: int, note: str = "") -> None: ...


@contextmanager
def progress(total: int | None, what: str, unit: str) -> Iterator[Reached]:
    """A progress line for `total` `unit`s of `what` (None: not known, so no estimate); yields
    `reached(done, note="")`."""
    with tqdm(
        total=total,
        desc=what,
        unit=f" {unit}",
        unit_scale=(total or 0) >= 10_000,  # "1.2M events" for a log, "12 recordings" for a folder
        file=sys.stderr,
        disable=None,  # None: drawn on a terminal only
        dynamic_ncols=True,
        leave=False,  # the command's own summary follows; the bar would repeat it
    ) as bar:

        def reached(done: int, note: str = "") -> None:
            bar.update(done - bar.n)  # drawn at most ten times a second
            if note:  # a new name is drawn at once, the one being worked on
                bar.set_postfix_str(note, refresh=True)

        yield reached


def say(line: str) -> None:
    """A line of output while a progress line may be drawn: printed above it, not through it."""
    tqdm.write(line)
