"""The README's picture of a recording's report page: docs/screenshots/report-page.png.

Writes the page of recordings/checkout-refused-and-paid.shoprec (`replayshop recording html`),
opens it in Debian's Chromium, headless, through playwright, searches for the checkout as a
reader would, and saves the window. Run: `.venv/bin/python scripts/report_screenshot.py`.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from benchmarks.report_page import FLAGS
from recorder.fileformat.shoprec import load_recording
from recorder.writers.web_page import write_html

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots" / "report-page.png"


def main() -> None:
    chromium = shutil.which("chromium")
    assert chromium, "chromium is missing: scripts/system-deps installs it"
    with tempfile.TemporaryDirectory() as tmp:
        page_file = Path(tmp) / "report.html"
        write_html(
            load_recording(ROOT / "recordings" / "checkout-refused-and-paid.shoprec"), page_file
        )
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=FLAGS)
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.goto(page_file.as_uri())
            page.wait_for_selector("body[data-ready=yes]")
            page.keyboard.press("/")
            page.keyboard.type("check out")
            page.keyboard.press("Escape")  # the list whole again, the found step chosen
            page.keyboard.press("End")
            page.keyboard.press("k")
            page.keyboard.press("k")
            page.screenshot(path=str(OUT))
            browser.close()
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
