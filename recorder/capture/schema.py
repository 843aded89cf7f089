"""What a recording is made of: the UI event record, and the recorder's tables.

The same tables live in the shop's database (while recording) and in an exported `*.shoprec`
file, so export is a copy and replay reads the file with the same code. See
docs/recording-format.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    Column,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)

# 1: the first format. 2: adds the user's note and the exceptions table. 3: observations
# (what the user saw), and the timer, job_done and context_menu event kinds. 4: a file-dialog
# answer is a file name, never a path (the user's folders are theirs); typing into a password
# field is one `masked_text` event, so not even the length of a password is kept. 5: the
# commands each input caused, accepted or refused (the error's type, never its message).
# 6: pictures of the windows at each look (`ui_pictures`), private fields blanked.
# 7: other writers' events that reached the window (`other_writes`, a `job_done` named
# `others` where the window took them in, with the position). 8: every widget that shows
# something has a name of its own (`…/detail/price`, not `…/body/QLabel#0`); older files are
# read with those names (recorder/fileformat/legacy_names.py).
FORMAT_VERSION = 8


@dataclass(frozen=True)
class UiEvent:
    """One user interaction, as recorded and as replayed.

    `target` is the widget's object path; `sub` names an unnamed part inside it, such as a
    table's viewport. `data` holds what replay needs: position, button, key, text, item...
    """

    seq: int
    t_ms: int  # monotonic milliseconds since the session started
    kind: str
    target: str
    sub: str = ""
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def interaction_id(self) -> str:
        """The correlation id of every command issued while this event was being handled."""
        return f"ui-{self.seq}"


@dataclass(frozen=True)
class Picture:
    """A picture of the windows, seen before UI event `anchor` (as an observation is)."""

    anchor: int
    format: str  # "webp" or "png"
    width: int
    height: int
    image: bytes = field(repr=False)


metadata = MetaData()

ui_sessions = Table(
    "ui_sessions",
    metadata,
    Column("session_id", String, primary_key=True),
    Column("started_at", String, nullable=False),
    Column("ended_at", String),
    Column("start_position", Integer, nullable=False),
    Column("meta", Text, nullable=False),  # JSON: app, Qt, platform, screen, locale
)

ui_events = Table(
    "ui_events",
    metadata,
    Column("session_id", String, nullable=False),
    Column("seq", Integer, nullable=False),
    Column("t_ms", Integer, nullable=False),
    Column("kind", String, nullable=False),
    Column("target", String, nullable=False),
    Column("sub", String, nullable=False),
    Column("data", Text, nullable=False),
    PrimaryKeyConstraint("session_id", "seq"),
)

# Values the app read from outside during the session, in order per kind: clock readings, new
# ids, password-check outcomes, file-dialog answers. Replay hands them back.
ui_inputs = Table(
    "ui_inputs",
    metadata,
    Column("session_id", String, nullable=False),
    Column("kind", String, nullable=False),
    Column("n", Integer, nullable=False),
    Column("value", Text, nullable=False),
    PrimaryKeyConstraint("session_id", "kind", "n"),
)

# The streams each command loaded: an export includes their history, and no more.
ui_streams = Table(
    "ui_streams",
    metadata,
    Column("session_id", String, nullable=False),
    Column("stream_id", String, nullable=False),
    PrimaryKeyConstraint("session_id", "stream_id"),
)

# Who signed in during a session, and as what: an export decides from it what the report may
# hold (a shopper's report leaves other shoppers' private data out; an admin saw everything).
ui_accounts = Table(
    "ui_accounts",
    metadata,
    Column("session_id", String, nullable=False),
    Column("account_id", String, nullable=False),
    Column("role", String, nullable=False),
    PrimaryKeyConstraint("session_id", "account_id"),
)

ui_exceptions = Table(
    "ui_exceptions",
    metadata,
    Column("session_id", String, nullable=False),
    Column("n", Integer, nullable=False),
    Column("ui_seq", Integer, nullable=False),  # the UI event being handled
    Column("type", String, nullable=False),
    Column("message", Text, nullable=False),
    Column("traceback", Text, nullable=False),
    PrimaryKeyConstraint("session_id", "n"),
)

# Each command an input caused, in order: its name, and the type of the error that refused it
# ("" when accepted). Only types: a refusal's message may name what the user typed.
ui_commands = Table(
    "ui_commands",
    metadata,
    Column("session_id", String, nullable=False),
    Column("n", Integer, nullable=False),
    Column("ui_seq", Integer, nullable=False),  # the input that caused it (0: none)
    Column("command", String, nullable=False),
    Column("refused", String, nullable=False),
    PrimaryKeyConstraint("session_id", "n"),
)

# What the user saw (recorder/capture/looks.py), before the UI event `anchor`: stored as the
# change
# from the previous observation of the session (JSON: {"set": {path: text}, "gone": [path]}).
ui_observations = Table(
    "ui_observations",
    metadata,
    Column("session_id", String, nullable=False),
    Column("anchor", Integer, nullable=False),
    Column("change", Text, nullable=False),
    PrimaryKeyConstraint("session_id", "anchor"),
)

# A picture of the windows at the same look (recorder/capture/looks.py: `picture`), before UI
# event `anchor`: password and private fields blanked before it was drawn, scaled down and
# compressed ("webp" or "png"), at most a session's budget in all.
ui_pictures = Table(
    "ui_pictures",
    metadata,
    Column("session_id", String, nullable=False),
    Column("anchor", Integer, nullable=False),
    Column("format", String, nullable=False),
    Column("width", Integer, nullable=False),
    Column("height", Integer, nullable=False),
    Column("image", LargeBinary, nullable=False),
    PrimaryKeyConstraint("session_id", "anchor"),
)
