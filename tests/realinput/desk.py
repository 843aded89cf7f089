"""A person at a desk: the app in its own process on the test X server, driven by xdotool.

xdotool sends input through XTEST, the way a keyboard and a mouse do: Qt gets real X events,
with a window manager deciding focus and placement. The probe (`probe_app.py`) only says
where widgets are; every click and key goes through the X server.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from tests.conftest import HANG_GUARD_S
from tests.display import TYPABLE

# A bound on waiting for a hung app, not on how fast it is: at a load of 28 on 2 cores the
# app took up to 24 s to start and 15 s to quit, and a 30 s limit failed a test now and then.
# Half the suite's hang guard, so that a hung app fails naming what it waited for.
SHOW_TIMEOUT_S = HANG_GUARD_S // 2
POLL_S = 0.05


class DeskError(AssertionError):
    pass


class Desk:
    """`with Desk(tmp_path) as desk:` starts the app on a fresh store; `desk.quit()` ends it."""

    def __init__(self, workdir: Path, *app_args: str, display: str | None = None) -> None:
        self.workdir = workdir
        self.db = workdir / "shop.db"
        self.probe_path = str(workdir / "probe.sock")
        self.env = {**os.environ, "QT_QPA_PLATFORM": "xcb"}
        # A desk of its own: settings and logs in the work folder, as a fresh account has them.
        self.env["XDG_CONFIG_HOME"] = str(workdir / "config")
        self.env["XDG_STATE_HOME"] = str(workdir / "state")
        if display is not None:
            self.env["DISPLAY"] = display
        self.log = open(workdir / "app.log", "w")  # noqa: SIM115  (closed in __exit__)
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.realinput.probe_app",
                self.probe_path,
                "--db",
                str(self.db),
                *app_args,
            ],
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            cwd=Path(__file__).resolve().parents[2],
        )

    def __enter__(self) -> Desk:
        return self

    def __exit__(self, *_exc: object) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.log.close()

    # --- asking the probe -------------------------------------------------------------------

    def ask(self, **request: Any) -> Any:
        deadline = time.monotonic() + SHOW_TIMEOUT_S
        while True:
            try:
                with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
                    conn.connect(self.probe_path)
                    conn.sendall(json.dumps(request).encode() + b"\n")
                    reply = b""
                    while not reply.endswith(b"\n"):
                        chunk = conn.recv(65536)
                        if not chunk:
                            break
                        reply += chunk
                answer = json.loads(reply)
                if "error" in answer:
                    raise DeskError(f"probe: {answer['error']}")
                return answer["ok"]
            except (FileNotFoundError, ConnectionRefusedError, json.JSONDecodeError) as error:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise DeskError(f"app gone or not answering; see {self.log.name}") from error
                time.sleep(POLL_S)

    def wait_until(self, what: str, check: Any) -> Any:
        found = self.wait_briefly(check, SHOW_TIMEOUT_S)
        if not found:
            raise DeskError(f"waited {SHOW_TIMEOUT_S} s for {what}; windows: {self.windows()}")
        return found

    def widget(self, path: str, sub: str = "", **extra: Any) -> dict[str, Any]:
        """Wait until the widget is visible and enabled; its state and where it is."""

        def ready() -> Any:
            found = self.ask(op="where", path=path, sub=sub, **extra)
            return found if found and found["visible"] and found["enabled"] else None

        result: dict[str, Any] = self.wait_until(f"{path} {sub}".strip(), ready)
        return result

    def text(self, path: str) -> str:
        """What the widget at `path` shows now ("" when it is not there)."""
        return str((self.ask(op="where", path=path) or {}).get("text", ""))

    def screenshot(self, path: Path) -> Path:
        """The X screen as it is now, saved as a PNG (the probe grabs the root window)."""
        if not self.ask(op="screenshot", path=str(path)):
            raise DeskError(f"could not save a screenshot to {path}")
        return path

    def windows(self) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = self.ask(op="windows")
        return result

    def window_names(self) -> list[str]:
        return [w["name"] for w in self.windows()]

    def wait_for_window(self, name: str) -> dict[str, Any]:
        return self.wait_until(  # type: ignore[no-any-return]
            f"window {name}", lambda: next((w for w in self.windows() if w["name"] == name), None)
        )

    def wait_gone(self, name: str) -> None:
        self.wait_until(f"window {name} to close", lambda: name not in self.window_names())

    # --- real input -------------------------------------------------------------------------

    def xdotool(self, *args: str) -> None:
        subprocess.run(["xdotool", *args], env=self.env, check=True)

    def move_to(self, rect: dict[str, int], dx: float = 0.5, dy: float = 0.5) -> None:
        x, y = rect["x"] + int(rect["w"] * dx), rect["y"] + int(rect["h"] * dy)
        self.xdotool("mousemove", "--sync", str(x), str(y))

    def click(self, path: str, sub: str = "", button: int = 1, **extra: Any) -> None:
        found = self.widget(path, sub, **extra)
        self.move_to(found["rect"])
        self.xdotool("click", str(button))

    def click_row(self, table: str, text: str) -> None:
        found = self.wait_until(
            f"row {text!r} of {table}",
            lambda: (w := self.ask(op="where", path=table, row=text)) and w["rect"] and w,
        )
        self.move_to(found["rect"])
        self.xdotool("click", "1")

    def type(self, text: str, delay_ms: int = 40) -> None:
        unmapped = sorted({ch for ch in text if not ch.isascii()} - TYPABLE)
        if unmapped:  # xdotool would remap a keycode for each: keys after it can be lost
            raise DeskError(f"map {unmapped} in tests/display.py TYPED_LETTERS before typing")
        # "--": a text that begins with "-" (a demo password such as "-CVx-NqpARL") is typed,
        # not read as an option (xdotool refused it, and the dialog waited for ever).
        self.xdotool("type", "--delay", str(delay_ms), "--", text)

    def key(self, *keys: str, delay_ms: int = 80) -> None:
        self.xdotool("key", "--delay", str(delay_ms), *keys)

    def open_menu(self, title: str) -> None:
        """Click a menu of the main window's menu bar, by its title ("Help")."""

        def entry() -> Any:
            bar = self.ask(op="menubar") or []
            return next((a for a in bar if a["text"].replace("&", "") == title), None)

        found = self.wait_until(f"menu {title!r}", entry)
        self.move_to(found["rect"])
        for _ in range(3):  # a person clicks again when a menu does not open (a busy machine)
            self.xdotool("click", "1")
            if self.wait_briefly(lambda: self.ask(op="menu"), seconds=10):
                return
        raise DeskError(f"menu {title!r} did not open after 3 clicks; windows: {self.windows()}")

    def wait_briefly(self, check: Any, seconds: float) -> Any:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            found = check()
            if found:
                return found
            time.sleep(POLL_S)
        return None

    def wait_active(self, name: str = "main") -> None:
        """Until the window manager has made the window active: input before that may go
        nowhere, as it would for a person typing before the window came up."""
        self.wait_until(f"window {name} active", lambda: self.ask(op="active") == name)

    def choose_menu_item(self, text: str) -> None:
        """Click an item of the menu that is open now."""

        def item() -> Any:
            menu = self.ask(op="menu") or []
            return next(
                (a for a in menu if a["text"].replace("&", "").split("\t")[0] == text), None
            )

        found = self.wait_until(f"menu item {text!r}", item)
        self.move_to(found["rect"])
        self.xdotool("click", "1")

    def choose_popup_item(self, text: str) -> None:
        """Click a row of the combo box list that is open now."""

        def item() -> Any:
            rows = self.ask(op="popup") or []
            return next((r for r in rows if r["text"] == text), None)

        found = self.wait_until(f"popup item {text!r}", item)
        self.move_to(found["rect"])
        self.xdotool("click", "1")

    def resize(self, window: str, width: int, height: int) -> None:
        """Resize a top-level window through the window manager, as a drag of its edge does."""
        found = self.wait_for_window(window)
        ids = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--name", f"^{found['title']}$"],
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        self.xdotool("windowsize", "--sync", ids[0], str(width), str(height))

    # --- ending -------------------------------------------------------------------------------

    def quit(self) -> None:
        """Ctrl+Q, as a person quits; waits for the process to end."""
        self.widget("main")
        self.wait_active("main")
        self.key("ctrl+q")
        try:
            self.process.wait(timeout=SHOW_TIMEOUT_S)
        except subprocess.TimeoutExpired as error:
            raise DeskError(f"the app did not quit; windows: {self.windows()}") from error
        if self.process.returncode != 0:
            raise DeskError(f"the app exited with {self.process.returncode}; see {self.log.name}")

    def app_log(self) -> str:
        self.log.flush()
        return Path(self.log.name).read_text()
