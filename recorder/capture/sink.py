"""Where recorded records go: batched, written by a background thread, never lost on exit.

The GUI thread only appends to an in-memory list (a few microseconds). The writer thread
stores the batch at least every 200 ms, at once when asked (after every command), and on close.
A picture is handed over as drawn; the writer thread scales and compresses it (`encode`)
before it takes the database's write lock, so neither the input nor a command waits for it.
A replay that keeps the pictures its app draws (`on_picture`: the viewer shows each step's as
the step is replayed) has each compressed as it is handed over instead, see `picture`.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QImage, QImageWriter

from recorder.capture.schema import Picture, UiEvent

FLUSH_INTERVAL_S = 0.2

Row = tuple[str, tuple[Any, ...]]  # (SQL, parameters)

# OR IGNORE: a batch that failed halfway is retried whole without tripping on its first half.
INSERT_EVENT = "INSERT OR IGNORE INTO ui_events VALUES (?, ?, ?, ?, ?, ?, ?)"
INSERT_INPUT = "INSERT OR IGNORE INTO ui_inputs VALUES (?, ?, ?, ?)"
INSERT_STREAM = "INSERT OR IGNORE INTO ui_streams VALUES (?, ?)"
INSERT_EXCEPTION = "INSERT OR IGNORE INTO ui_exceptions VALUES (?, ?, ?, ?, ?, ?)"
INSERT_OBSERVATION = "INSERT OR REPLACE INTO ui_observations VALUES (?, ?, ?)"
INSERT_ACCOUNT = "INSERT OR IGNORE INTO ui_accounts VALUES (?, ?, ?)"
INSERT_COMMAND = "INSERT OR IGNORE INTO ui_commands VALUES (?, ?, ?, ?, ?)"
INSERT_PICTURE = "INSERT OR REPLACE INTO ui_pictures VALUES (?, ?, ?, ?, ?, ?)"
# WebP where Qt has its plugin (a third of PNG's size for a window), else PNG.
PICTURE_FORMAT = "webp" if b"webp" in QImageWriter.supportedImageFormats() else "png"
WEBP_QUALITY = 60


def encode(anchor: int, image: QImage, width: int, kind: str = PICTURE_FORMAT) -> Picture:
    """The picture scaled down to at most `width` pixels wide, compressed."""
    if image.width() > width:
        image = image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, kind.encode())
    writer.setQuality(WEBP_QUALITY if kind == "webp" else 9)  # PNG: compression level
    if not writer.write(image):
        raise ValueError(f"could not write a {kind} picture: {writer.errorString()}")
    buffer.close()
    return Picture(anchor, kind, image.width(), image.height(), bytes(data.data()))


class SqliteSink:
    def __init__(self, db_path: Path, session_id: str) -> None:
        self.db_path = db_path
        self.session_id = session_id
        self._pending: list[Row] = []
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stopping = False
        self._written = threading.Condition()
        self.added_rows = 0  # queued so far (GUI thread, under the lock)
        self.written_rows = 0  # committed so far (writer thread)
        self.errors: list[BaseException] = []
        self.picture_bytes = 0  # of the pictures encoded so far: the budget's
        # Told of each picture as it is handed over, compressed, on the GUI thread (a replay
        # keeps its own): see `picture`.
        self.on_picture: Callable[[Picture], None] | None = None
        self._thread = threading.Thread(target=self._run, name="recorder-sink", daemon=True)
        self._thread.start()

    # --- called on the GUI thread -----------------------------------------------------------

    def event(self, event: UiEvent) -> None:
        # The event goes in as is; the writer thread turns it into a row (JSON and all).
        self._add(INSERT_EVENT, (event,))

    def value(self, kind: str, n: int, value: str) -> None:
        self._add(INSERT_INPUT, (self.session_id, kind, n, value))

    def streams(self, stream_ids: Sequence[str]) -> None:
        for stream_id in stream_ids:
            self._add(INSERT_STREAM, (self.session_id, stream_id))

    def account(self, account_id: str, role: str) -> None:
        self._add(INSERT_ACCOUNT, (self.session_id, account_id, role))

    def observation(self, anchor: int, change: str) -> None:
        self._add(INSERT_OBSERVATION, (self.session_id, anchor, change))

    def picture(self, anchor: int, image: QImage, width: int) -> None:
        """A picture as drawn; it is scaled to `width` and compressed on the writer thread.

        With an `on_picture` listener (a replay's) it is compressed here, and the listener told
        at once: the replay's step is then not done before its picture is there, so a viewer
        playing at full speed shows it at that step. Handed over by the writer thread, it came
        up to FLUSH_INTERVAL_S later, steps after. No user's input waits on a replay's."""
        if self.on_picture is None:
            self._add(INSERT_PICTURE, (anchor, image, width))
            return
        encoded = self._encoded(anchor, image, width)
        if encoded is not None:
            self.on_picture(encoded)
            self._add(INSERT_PICTURE, (encoded,))

    def command(self, n: int, ui_seq: int, command: str, refused: str) -> None:
        self._add(INSERT_COMMAND, (self.session_id, n, ui_seq, command, refused))

    def exception(self, n: int, ui_seq: int, kind: str, message: str, tb: str) -> None:
        self._add(INSERT_EXCEPTION, (self.session_id, n, ui_seq, kind, message, tb))

    def _add(self, sql: str, params: tuple[Any, ...]) -> None:
        with self._lock:
            self._pending.append((sql, params))
            self.added_rows += 1

    def flush(self, wait: bool = False) -> None:
        """Write what is pending now; with `wait`, return only once all of it is committed."""
        with self._lock:
            target = self.added_rows
        self._wake.set()
        if wait:
            with self._written:
                self._written.wait_for(lambda: self.written_rows >= target, timeout=10)

    def close(self) -> None:
        self._stopping = True
        self.flush(wait=True)
        self._thread.join(timeout=10)

    # --- the writer thread ------------------------------------------------------------------

    def _run(self) -> None:
        db = sqlite3.connect(self.db_path, isolation_level=None, check_same_thread=False)
        db.execute("PRAGMA busy_timeout=10000")
        try:
            while True:
                self._wake.wait(FLUSH_INTERVAL_S)
                self._wake.clear()
                self._write(db)
                if self._stopping:
                    self._write(db)
                    return
        finally:
            db.close()

    def _row(self, sql: str, params: tuple[Any, ...]) -> tuple[Any, ...] | None:
        if sql is INSERT_EVENT:
            e: UiEvent = params[0]
            return (self.session_id, e.seq, e.t_ms, e.kind, e.target, e.sub, json.dumps(e.data))
        if sql is INSERT_PICTURE:
            p = params[0] if len(params) == 1 else self._encoded(*params)
            if p is None:
                return None
            return (self.session_id, p.anchor, p.format, p.width, p.height, p.image)
        return params

    def _encoded(self, anchor: int, image: QImage, width: int) -> Picture | None:
        try:
            p = encode(anchor, image, width)
        except ValueError as error:  # a picture lost, never the session
            self.errors.append(error)
            return None
        self.picture_bytes += len(p.image)
        return p

    def _write(self, db: sqlite3.Connection) -> None:
        with self._lock:
            batch, self._pending = self._pending, []
        if batch:
            # Made before the write lock is taken: a picture's compression takes milliseconds.
            made = [(sql, self._row(sql, params)) for sql, params in batch]
            try:
                db.execute("BEGIN IMMEDIATE")
                for sql, row in made:
                    if row is not None:
                        db.execute(sql, row)
                db.execute("COMMIT")
                with self._written:
                    self.written_rows += len(batch)
                    self._written.notify_all()
            except sqlite3.Error as error:  # keep the batch: the next round retries it
                if db.in_transaction:
                    db.execute("ROLLBACK")
                with self._lock:
                    self._pending[:0] = batch
                self.errors.append(error)
