"""On a laptop-sized screen the whole window is on screen, status bar included."""

from __future__ import annotations

from pathlib import Path

from tests.display import XServer
from tests.realinput.desk import Desk
from tests.realinput.sessions import replayshop


def test_the_window_and_its_status_bar_fit_a_1280x800_screen(tmp_path: Path) -> None:
    seeded = replayshop("demo-data", "--db", str(tmp_path / "shop.db"))
    assert seeded.returncode == 0, seeded.stderr
    laptop = XServer.start(size="1280x800")
    try:
        with Desk(tmp_path, display=laptop.display) as desk:
            status = desk.widget("main/status/sign_in_out")
            [main] = [w for w in desk.windows() if w["name"] == "main"]
            x, y, width, height = main["frame"]  # title bar and borders included
            assert x >= 0 and y >= 0 and x + width <= 1280 and y + height <= 800, main
            rect = status["rect"]
            assert rect["y"] + rect["h"] <= 800  # Sign in and REC can be clicked
            desk.quit()
    finally:
        laptop.stop()
