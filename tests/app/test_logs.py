"""The log a user sends with a bug report: rotated, with Qt's warnings in it, and the stacks
of a crash that killed the process before Python could log anything."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CRASHING_APP = """
import faulthandler, logging, sys
from pathlib import Path
from PySide6.QtCore import qWarning
from app.platform.logs import configure_logging

configure_logging(Path(sys.argv[1]), max_bytes=2_000)
for n in range(100):
    logging.getLogger("shop").info("a line to fill the log, number %d", n)
qWarning("QLayout: a Qt warning for the log")
faulthandler._sigsegv()  # a hard crash, as a broken native library would cause
"""


def test_the_log_rotates_keeps_qt_warnings_and_a_crash_leaves_its_stacks(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    crashed = subprocess.run(
        [sys.executable, "-c", CRASHING_APP, str(logs)], capture_output=True, text=True
    )
    assert crashed.returncode < 0  # killed by the signal, as a real crash is
    log = (logs / "replayshop.log").read_text()
    assert "WARNING qt: QLayout: a Qt warning for the log" in log
    assert (logs / "replayshop.log.1").exists() and not (logs / "replayshop.log.5").exists()
    assert max(p.stat().st_size for p in logs.glob("replayshop.log*")) <= 2_000 + 200
    crash = (logs / "crash.log").read_text()
    assert "Fatal Python error: Segmentation fault" in crash and "most recent call first" in crash
