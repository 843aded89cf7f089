"""First run on a real display: the demo loads, its password shows, About opens and closes.

This is where the app first stormed with error dialogs while every offscreen test passed.
"""

from __future__ import annotations

from pathlib import Path

from tests.realinput.desk import Desk
from tests.realinput.sessions import assert_replays_identically, export, timeline


def test_first_run_loads_the_demo_and_shows_the_admin_password(tmp_path: Path) -> None:
    with Desk(tmp_path) as desk:
        desk.widget("main/welcome/demo")
        desk.wait_active("welcome")
        desk.click("main/welcome/demo")
        desk.widget("main/demo_info")
        shown = desk.ask(op="where", path="main/demo_info", value="informativeText")
        assert "Administrator: admin /" in shown["value"]
        password = shown["value"].split("admin / ", 1)[1].split()[0]
        desk.wait_active("demo_info")  # a Return before the window manager focuses it is lost
        desk.key("Return")  # its OK button has the focus
        desk.wait_gone("demo_info")

        desk.open_menu("Help")
        desk.choose_menu_item("About Replay Shop")
        desk.wait_for_window("about")
        desk.wait_active("about")  # a key before the window manager focuses it goes to main
        desk.key("Escape")
        desk.wait_gone("about")

        assert "error_dialog" not in desk.window_names()
        desk.quit()
        log = desk.app_log()
    assert "Traceback" not in log, log

    recording = export(tmp_path / "shop.db", tmp_path / "first-run.shoprec")
    assert password.encode() not in recording.read_bytes()  # shown once, never recorded
    kinds = [(e["kind"], e["target"]) for e in timeline(recording)]
    assert ("mouse_release", "main/welcome/demo") in kinds
    assert ("menu_action", "main") in kinds or any(k == "menu_action" for k, _ in kinds)
    assert_replays_identically(recording)
