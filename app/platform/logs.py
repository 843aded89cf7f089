"""The app's log: rotated, with Qt's own warnings in it, and a trace of a hard crash beside it.

A user sends the log folder with a bug report, so it must hold what went wrong, including
what Qt says (a missing platform plugin, a bad stylesheet) and a crash that kills the process
before Python can log anything (faulthandler writes the stacks of every thread).
"""

from __future__ import annotations

import faulthandler
import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import IO

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

LOG_NAME = "replayshop.log"
CRASH_NAME = "crash.log"
MAX_BYTES = 2_000_000
BACKUPS = 4  # replayshop.log.1 … .4: about 10 MB at most

QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


class LogFile(RotatingFileHandler):
    """The rotated log; the one the root logger holds also keeps the crash log open, since
    faulthandler writes to that file's descriptor whenever the process dies hard."""

    crash_file: IO[str] | None = None


def configure_logging(folder: Path, max_bytes: int = MAX_BYTES) -> Path:
    """Log to `folder`/replayshop.log, rotated; return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_NAME
    handler = LogFile(path, maxBytes=max_bytes, backupCount=BACKUPS, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    crash_logged = any(isinstance(h, LogFile) and h.crash_file for h in root.handlers)
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    qInstallMessageHandler(_from_qt)
    if not crash_logged:  # once per process, as before: faulthandler has one file
        handler.crash_file = (folder / CRASH_NAME).open("a", encoding="utf-8")
        faulthandler.enable(file=handler.crash_file, all_threads=True)
    return path


def _from_qt(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    where = f" ({context.file}:{context.line})" if context.file else ""
    logging.getLogger("qt").log(QT_LEVELS.get(kind, logging.WARNING), "%s%s", message, where)
