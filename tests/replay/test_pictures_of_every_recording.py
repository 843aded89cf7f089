"""Every committed session shows a picture at each step of its report page (issue #35).

The committed recordings keep no pictures of their own (they stay small), so
`recording html --replay` has the replay draw them; the page is opened in Debian's Chromium
and read back step by step, as a person would step through it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser
from PySide6.QtWidgets import QApplication

from app.cli.main import main
from tests.replay.test_report_page import browser, heading, open_page, shown_picture

__all__ = ["browser"]  # the Chromium fixture, shared with the report page's tests

pytestmark = pytest.mark.pictures  # make pictures-check: a minute of replays with pictures

RECORDINGS = sorted((Path(__file__).resolve().parents[2] / "recordings").glob("*.shoprec"))


@pytest.mark.parametrize("source", RECORDINGS, ids=lambda path: path.stem)
def test_every_step_of_a_committed_session_shows_a_picture(
    browser: Browser, qapp: QApplication, tmp_path: Path, source: Path
) -> None:
    out = tmp_path / "page.html"
    assert main(["recording", "html", "--replay", str(source), "-o", str(out)]) == 0
    page = open_page(browser, out)
    try:
        assert "drawn by the replay" in page.inner_text("header")
        steps = int(page.inner_text("#count").split()[0])
        assert steps > 0
        for n in range(1, steps + 1):
            assert heading(page).startswith(f"Step {n} of {steps}")
            shown = shown_picture(page)
            assert shown.get("complete") and int(str(shown["width"])) > 100, f"step {n}: {shown}"
            assert float(str(shown["drawn"])) > 10_000, f"step {n}: {shown}"
            page.keyboard.press("ArrowDown")
    finally:
        page.close()
