"""No command line ends in a traceback (the suite's share of `make fuzz`'s 10,000 cases)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtWidgets import QApplication

from tests.fuzzing.cli import fuzz, make_files

CASES = 300


def test_no_command_line_ends_in_a_traceback_or_an_escape_on_the_terminal(
    qapp: QApplication, tmp_path: Path
) -> None:
    seed = int(datetime.now(UTC).strftime("%Y%m%d"))
    here = sorted(Path.cwd().iterdir())
    report = fuzz(make_files(tmp_path), CASES, seed)
    assert sorted(Path.cwd().iterdir()) == here  # what the commands wrote stayed in tmp_path
    assert report.failures == [], f"seed {seed}:\n\n" + "\n\n".join(report.failures[:3])
    # Both kinds ran: command lines refused (exit 2) and command lines that did their work.
    assert report.exits.get(2, 0) > 0 and report.exits.get(0, 0) > 0, report.summary()
