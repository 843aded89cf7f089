"""A second instance on the same shop brings the first one's window to the front.

The user double-clicked the app again because they could not find its window (behind others,
minimised, on another desktop): a box that says "already open" leaves them looking. The first
instance listens on a local socket named after its store; the second asks it to raise its
window and leaves. If nobody answers (an older build, or the first is still starting), the
second says "already open" in a box, as before.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

RAISE = b"raise\n"
WAIT_MS = 2000  # a local socket answers in microseconds; this is only a hang guard


def server_name(db: Path) -> str:
    """One name per user and store: two users' apps, or two stores, never meet."""
    key = f"{getpass.getuser()}\0{db.resolve()}".encode("utf-8", "surrogateescape")
    return f"replayshop-{hashlib.sha256(key).hexdigest()[:20]}"


def listen_for_raise(db: Path, window: QWidget) -> QLocalServer:
    """Serve requests to raise `window` for as long as the returned server lives."""
    server = QLocalServer(window)
    name = server_name(db)
    QLocalServer.removeServer(name)  # a socket file a killed instance left (we hold the lock)
    if not server.listen(name):
        log.warning("cannot listen as %s: %s", name, server.errorString())
        return server

    def on_connection() -> None:
        socket = server.nextPendingConnection()
        if socket is None:
            return

        def on_ready() -> None:
            if bytes(socket.readAll().data()).startswith(RAISE.strip()):
                bring_to_front(window)
                log.info("another instance asked for this window: brought to the front")
            socket.disconnectFromServer()

        socket.readyRead.connect(on_ready)
        socket.disconnected.connect(socket.deleteLater)

    server.newConnection.connect(on_connection)
    return server


def bring_to_front(window: QWidget) -> None:
    if window.isMinimized():
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()


def ask_to_raise(db: Path) -> bool:
    """True when the instance that holds `db` was reached and asked to raise its window."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(db))
    if not socket.waitForConnected(WAIT_MS):
        return False
    socket.write(RAISE)
    sent = socket.waitForBytesWritten(WAIT_MS)
    socket.disconnectFromServer()
    return sent
