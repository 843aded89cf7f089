"""The append as one server-side statement on PostgreSQL: `replayshop_append(appends json)`.

Appending must hold the chain's head lock from reading the head to COMMIT. Done from Python,
that is five round trips under the lock (lock, head, stream version, insert, commit), and with
many clients on few cores the holder spends most of it waiting for its own client to be
scheduled (the README's many-clients figures). Here the lock, the head, every stream's version
check, the hashing and the inserts are one call: the lock is held for that call and the COMMIT.

The function hashes exactly as `hashing.row_hash` does (chain rule 2: the fields joined by
U+001F, SHA-256, hex), so `verify`, which recomputes the chain in Python, checks its work.
A stream that moved on raises SQLSTATE RS001 with the stream and the expected version.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, text

from domain.model.errors import ConcurrencyError

STALE_STREAM = "RS001"

FUNCTION = r"""
CREATE OR REPLACE FUNCTION replayshop_append(appends json, meta text, at text, lock_key text)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    head_position bigint;
    head_hash text;
    first_position bigint;
    item json;
    ev json;
    current_version bigint;
    version bigint;
    row_data text;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext(lock_key));
    SELECT position, hash INTO head_position, head_hash
        FROM events ORDER BY position DESC LIMIT 1;
    IF head_position IS NULL THEN
        head_position := 0;
        head_hash := repeat('0', 64);
    END IF;
    first_position := head_position + 1;
    FOR item IN SELECT * FROM json_array_elements(appends) LOOP
        SELECT coalesce(max(e.version), 0) INTO current_version
            FROM events e WHERE e.stream_id = item->>'stream_id';
        IF current_version <> (item->>'expected')::bigint THEN
            RAISE EXCEPTION USING ERRCODE = 'RS001',
                MESSAGE = (item->>'stream_id') || ' ' || (item->>'expected');
        END IF;
        version := current_version;
        FOR ev IN SELECT * FROM json_array_elements(item->'events') LOOP
            head_position := head_position + 1;
            version := version + 1;
            row_data := ev->>'data';
            INSERT INTO events (position, stream_id, stream_type, version, event_type,
                                schema_version, data, metadata, recorded_at, prev_hash, hash)
            VALUES (head_position, item->>'stream_id', item->>'stream_type', version,
                    ev->>'event_type', (ev->>'schema_version')::int, row_data, meta, at,
                    head_hash,
                    encode(sha256(convert_to(concat_ws(chr(31), head_hash,
                        head_position::text, item->>'stream_id', item->>'stream_type',
                        version::text, ev->>'event_type', ev->>'schema_version', row_data,
                        meta, at), 'UTF8')), 'hex'))
            RETURNING hash INTO head_hash;
        END LOOP;
    END LOOP;
    RETURN first_position;
END $$
"""


def install(conn: Connection) -> None:
    conn.execute(text(FUNCTION))


def append_rows(
    conn: Connection,
    appends: Sequence[dict[str, Any]],
    meta_text: str,
    recorded_at: str,
    lock_key: str,
) -> int:
    """Append in one call; the position of the first event written. `appends` holds, per
    stream, its id, type, expected version and events (type, schema version, data as text)."""
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(
            "SELECT replayshop_append(%s::json, %s, %s, %s)",
            (json.dumps(appends, ensure_ascii=False), meta_text, recorded_at, lock_key),
        )
        row: Any = cursor.fetchone()
        return int(row[0])
    except Exception as error:
        if getattr(error, "sqlstate", None) == STALE_STREAM:
            message = error.diag.message_primary  # type: ignore[attr-defined]
            stream_id, _, expected = str(message).rpartition(" ")
            raise ConcurrencyError(stream_id, int(expected)) from None
        raise
    finally:
        cursor.close()
