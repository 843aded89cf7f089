"""Starting and ending a recorded session in the shop's own database."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from domain.eventstore import store
from domain.eventstore.database import open_engine, writing
from recorder.capture.record import Recorder
from recorder.capture.schema import metadata, ui_sessions
from recorder.capture.sink import SqliteSink


def start_recording(
    db_path: Path, meta: dict[str, Any], start_position: int | None = None
) -> Recorder:
    """Create the recorder tables if needed, open a session at the log's current head (or at
    `start_position`: the head of a server's log, for a desk file, recorder/capture/desk.py)."""
    engine = open_engine(db_path)
    try:
        with writing(engine) as conn:
            store.create_schema(conn)
            metadata.create_all(conn)
            session_id = uuid.uuid4().hex
            conn.execute(
                ui_sessions.insert().values(
                    session_id=session_id,
                    started_at=datetime.now(UTC).isoformat(timespec="microseconds"),
                    start_position=(
                        start_position := (
                            store.head(conn)[0] if start_position is None else start_position
                        )
                    ),
                    meta=json.dumps(meta),
                )
            )
    finally:
        engine.dispose()
    recorder = Recorder(SqliteSink(Path(db_path), session_id), session_id)
    recorder.start_position = start_position
    return recorder


def end_recording(db_path: Path, recorder: Recorder) -> None:
    recorder.close()
    engine = open_engine(db_path)
    try:
        with writing(engine) as conn:
            conn.execute(
                ui_sessions.update()
                .where(ui_sessions.c.session_id == recorder.session_id)
                .values(ended_at=datetime.now(UTC).isoformat(timespec="microseconds"))
            )
    finally:
        engine.dispose()
