"""What a bug report may hold of the shop: everything for an admin, public data and their own
for a shopper.

An admin saw the whole shop (analytics, moderation, the event log), so an admin's report
keeps the log as it was. A shopper saw the catalog, published reviews, and their own cart,
wallet and orders. Their report keeps exactly that:

- public streams (products, accounts with redacted hashes, usernames, setup, reviews) and the
  streams of the accounts signed in during the session, with their metadata;
- in its place, every other event becomes an `EventWithheld` with the same position and time
  and nothing else (another shopper's wallet, cart, orders), so positions, time travel and
  the read models a shopper sees come out the same in a replay;
- other authors' reviews keep only their published text: a text edited away, a deleted or
  hidden review's text and a moderator's reason become "(not published)";
- the metadata of events outside the shopper's own streams (other sessions, other actors)
  is left out.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

PUBLIC_TYPES = ("product", "account", "username", "setup", "review")
NOT_PUBLISHED = "(not published)"
# Events that carry a review's text: an unhide repeats it, as it reads when shown again.
REVIEW_TEXTS = ("ReviewPosted", "ReviewEdited", "ReviewUnhidden")


@dataclass(frozen=True)
class Scope:
    admin: bool
    accounts: frozenset[str]  # signed in during the session, or acting in it


def scope_of(db: sqlite3.Connection, session_id: str, start_position: int) -> Scope:
    """From the source database attached as `src`."""
    tables = {r[0] for r in db.execute("SELECT name FROM src.sqlite_master WHERE type='table'")}
    signed_in = (
        db.execute(
            "SELECT account_id, role FROM src.ui_accounts WHERE session_id = ?", (session_id,)
        ).fetchall()
        if "ui_accounts" in tables
        else []
    )
    actors = {
        r[0]
        for r in db.execute(
            "SELECT DISTINCT json_extract(metadata, '$.actor') FROM src.events "
            "WHERE position > ? AND json_extract(metadata, '$.session') = ?",
            (start_position, session_id),
        )
        if r[0]
    }
    admin = any(role == "admin" for _, role in signed_in)
    return Scope(admin, frozenset({a for a, _ in signed_in} | actors))


def insert_start_events(
    db: sqlite3.Connection,
    scope: Scope,
    start_position: int,
    wanted: str,
    params: tuple[object, ...],
    redact: str,
) -> None:
    """Copy the log up to `start_position` (rows matching `wanted`) into `start_events`."""
    if scope.admin:
        db.execute(
            f"INSERT INTO start_events SELECT position, stream_id, stream_type, version, "
            f"event_type, schema_version, {redact} AS data, metadata, recorded_at "
            f"FROM src.events WHERE position <= ? AND ({wanted})",
            (start_position, *params),
        )
        return
    db.execute("CREATE TEMP TABLE own (stream_id TEXT PRIMARY KEY)")
    db.executemany(
        "INSERT OR IGNORE INTO own VALUES (?)",
        [(f"{kind}-{account}",) for account in scope.accounts for kind in ("cart", "wallet")],
    )
    own = "stream_id IN (SELECT stream_id FROM own)"
    keep = f"(stream_type IN {PUBLIC_TYPES!r} OR {own})"
    db.execute(
        f"""
        INSERT INTO start_events
        SELECT position,
               CASE WHEN keep THEN stream_id ELSE 'withheld' END,
               CASE WHEN keep THEN stream_type ELSE 'withheld' END,
               CASE WHEN keep THEN version
                    ELSE row_number() OVER (PARTITION BY keep ORDER BY position) END,
               CASE WHEN keep THEN event_type ELSE 'EventWithheld' END,
               CASE WHEN keep THEN schema_version ELSE 1 END,
               CASE WHEN keep THEN data ELSE '{{}}' END,
               CASE WHEN mine THEN metadata ELSE '{{}}' END,
               recorded_at
        FROM (
            SELECT position, stream_id, stream_type, version, event_type, schema_version,
                   {redact} AS data, metadata, recorded_at, {keep} AS keep, {own} AS mine
            FROM src.events WHERE position <= ? AND ({wanted})
        )
        """,
        (start_position, *params),
    )
    _withhold_unpublished_reviews(db, scope.accounts)


def _withhold_unpublished_reviews(db: sqlite3.Connection, own: frozenset[str]) -> None:
    streams: dict[str, list[tuple[int, str, dict[str, object]]]] = {}
    for position, stream_id, event_type, data in db.execute(
        "SELECT position, stream_id, event_type, data FROM start_events "
        "WHERE stream_type = 'review' ORDER BY position"
    ):
        streams.setdefault(stream_id, []).append((position, event_type, json.loads(data)))
    for stream_id, events in streams.items():
        author = next((d.get("author_id") for _, t, d in events if t == "ReviewPosted"), None)
        if author in own:
            continue
        gone = False  # the review's last state: deleted or hidden, or shown (again)
        for _, event_type, _ in events:
            if event_type in ("ReviewDeleted", "ReviewHidden"):
                gone = True
            elif event_type in ("ReviewPosted", "ReviewUnhidden"):
                gone = False
        texts = [(p, d.get("text")) for p, t, d in events if t in REVIEW_TEXTS]
        published = None if gone or not texts else texts[-1][1]
        for position, text in texts:
            if text != published:
                db.execute(
                    "UPDATE start_events SET data = json_set(data, '$.text', ?) WHERE position = ?",
                    (NOT_PUBLISHED, position),
                )
        db.execute(
            "UPDATE start_events SET data = json_set(data, '$.reason', ?) "
            "WHERE stream_id = ? AND event_type IN ('ReviewHidden', 'ReviewUnhidden')",
            (NOT_PUBLISHED, stream_id),
        )
