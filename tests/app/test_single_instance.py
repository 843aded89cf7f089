"""Two processes on the same database: the second refuses clearly; nothing is corrupted."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path


def start(db: Path, *extra: str) -> subprocess.Popen[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env["XDG_CONFIG_HOME"] = str(db.parent / "config")  # the settings: this test's, not yours
    env["XDG_STATE_HOME"] = str(db.parent / "state")  # and the log
    return subprocess.Popen(
        [sys.executable, "-m", "app.cli.main", "--db", str(db), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def test_a_second_instance_on_the_same_database_refuses(tmp_path: Path) -> None:
    db = tmp_path / "shop.db"
    subprocess.run(
        [sys.executable, "-m", "app.cli.main", "demo-data", "--db", str(db)],
        check=True,
        capture_output=True,
    )
    first = start(db)
    try:
        deadline = time.monotonic() + 30
        while not Path(str(db) + ".lock").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        raised = "another instance asked for this window: brought to the front"
        log = db.parent / "state" / "ReplayShop" / "log" / "replayshop.log"
        deadline = time.monotonic() + 60  # the first listens once its window is built
        while True:
            second = start(db, "--quit-after-show")
            _out, err = second.communicate(timeout=60)
            assert second.returncode == 3
            assert "already open on" in err and str(first.pid) in err
            if "brought its window to the front" in err or time.monotonic() > deadline:
                break
        assert "brought its window to the front" in err  # not a box that leaves them looking
        deadline = time.monotonic() + 30
        while raised not in (log.read_text() if log.exists() else ""):
            assert time.monotonic() < deadline, f"the first never raised its window: {log}"
            time.sleep(0.1)
        assert first.poll() is None  # the first one is unaffected
    finally:
        first.terminate()
        first.wait(timeout=30)
    check = sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone()[0]
    assert check == "ok"
    again = start(db, "--quit-after-show")  # a lock left by a killed process is no obstacle
    out, _err = again.communicate(timeout=60)
    assert again.returncode == 0 and "main window shown" in out
