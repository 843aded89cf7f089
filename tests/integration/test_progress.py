"""Long command-line tasks show progress with an estimate on a terminal, and nothing in a log."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

from tests.conftest import replayshop
from tests.seeded import SeededShop

ROOT = Path(__file__).parents[2]


def _on_a_terminal(*args: str) -> tuple[int, str, str]:
    """The command with its stderr on an 80-column pseudo-terminal, as a person runs it."""
    terminal, side = pty.openpty()
    fcntl.ioctl(side, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-m", "app.cli.main", *args], stdout=subprocess.PIPE, stderr=side
    )
    os.close(side)
    shown = b""
    while True:
        try:
            chunk = os.read(terminal, 4096)
        except OSError:  # EIO: the command has closed its end
            break
        if not chunk:
            break
        shown += chunk
    assert process.stdout is not None
    out = process.stdout.read()
    process.wait()
    os.close(terminal)
    return process.returncode, out.decode(), shown.decode(errors="replace")


def test_a_rebuild_on_a_terminal_shows_how_far_and_an_estimate(
    demo_template: SeededShop, tmp_path: Path
) -> None:
    db = demo_template.copy_to(tmp_path)
    code, out, terminal = _on_a_terminal("projections", "rebuild", "--db", str(db))
    assert code == 0, terminal
    assert "rebuilt all projections from" in out
    # tqdm's line: "rebuilding all:   0%|    | 0/512 [00:00<?, ? events/s]"
    line = re.search(r"rebuilding all: .*\d+/(\d+) \[[\d:]+<[\d:?]+", terminal)
    assert line is not None, terminal
    assert int(line[1]) > 0  # the log's head is the total
    assert "events/s" in terminal


def test_a_rebuild_into_a_log_file_writes_no_progress_line(
    demo_template: SeededShop, tmp_path: Path
) -> None:
    db = demo_template.copy_to(tmp_path)
    done = replayshop("projections", "rebuild", "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert "rebuilt all projections from" in done.stdout
    assert "\r" not in done.stderr and "rebuilding" not in done.stderr, done.stderr


def test_check_on_a_terminal_names_the_recording_it_replays() -> None:
    recording = ROOT / "recordings" / "signup-refusals.shoprec"
    code, out, terminal = _on_a_terminal("check", str(recording))
    assert code == 0, out + terminal
    assert re.search(r"replaying: .*0/1 .*signup-refusals\.shoprec", terminal), terminal
    assert "1 passed, 0 failed" in out
