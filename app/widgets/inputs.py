"""What pages and dialogs are handed instead of the whole app (app/shell/screens.py wires it).

- `send(command)` runs a command through the app's bus, with the session's context, and
  returns its result; a refusal raises the domain's error (shown by messages.attempt);
  `prepare(command)` makes one to run later, off the GUI thread;
- a getter of the query object a page reads (`Callable[[], CatalogQueries]`, ...): it answers
  for the moment shown, now or the past a time trip chose, so it is asked at each read;
- `jobs`, where slow work runs off the GUI thread (the app's `BackgroundJobs`);
- `who` (who is signed in) and `moment` (now or the past), below: narrow views of the app's
  `Session` and `ViewState`, so a page can read them but not reach the shop through them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from domain.model.commands import Command
from domain.readside.views import AccountView

Send = Callable[[Command], Any]
# `prepare(command)`, called during the input that makes the command, returns it ready to run
# on a worker thread, carrying that input's context (which interaction and session caused it);
# the run gives back what the GUI thread calls then: it shows the command's events and answers
# its result (AppContext.prepare).
Prepare = Callable[[Command], Callable[[], Callable[[], Any]]]


class SignedIn(Protocol):
    """Who is signed in, as pages see it (the app's `Session`)."""

    @property
    def account(self) -> AccountView | None: ...

    @property
    def actor_id(self) -> str | None: ...

    @property
    def is_admin(self) -> bool: ...


class Moment(Protocol):
    """Which moment the screens show, as pages see it (the app's `ViewState`): the past is
    read-only."""

    @property
    def is_past(self) -> bool: ...


class Jobs(Protocol):
    """Where a page runs slow work off the GUI thread (the app's `BackgroundJobs`, which a
    replay holds until the recording says a job finished)."""

    def run(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
        name: str = "",
        once_inline: bool = False,
    ) -> None: ...

    def cancelled(self) -> bool: ...
