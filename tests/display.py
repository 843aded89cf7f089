"""A real X server for the tests: Xvfb with the openbox window manager, started and stopped here.

Offscreen Qt hid the bugs users hit first (a storm of error dialogs, context menus, focus that
a window manager moves), so the suite runs on a real display unless `QT_QPA_PLATFORM` says
otherwise. Nothing is left running: the server and the window manager end with the test run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

WM_READY_TIMEOUT_S = 30  # a limit on waiting for a process to start, not on the code tested

# Letters beyond US ASCII that the real-input tests type, on keycodes Xvfb's keymap leaves
# empty. Unmapped, xdotool binds a spare keycode for each such letter and unbinds it after:
# two keymap changes per letter, and a key pressed while Qt reloads its keymap was lost (the
# Return after "sécret-one" did not close the dialog). Mapped once, before any app connects,
# the keymap never changes during a test. Keycode 248 stays empty: xdotool's spare.
TYPED_LETTERS = {197: "eacute Eacute", 202: "udiaeresis Udiaeresis", 217: "odiaeresis Odiaeresis"}
TYPED_LETTERS |= {219: "adiaeresis Adiaeresis", 222: "ssharp", 230: "egrave Egrave"}
TYPABLE = frozenset("éÉüÜöÖäÄßèÈ")


class DisplayError(RuntimeError):
    pass


def _start_openbox(env: dict[str, str], log: Any) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        ["openbox", "--sm-disable"], env=env, stdout=log, stderr=subprocess.STDOUT
    )


@dataclass
class XServer:
    """`XServer.start()` gives a display with a window manager; `stop()` ends both."""

    display: str
    xvfb: subprocess.Popen[bytes]
    wm: subprocess.Popen[bytes]
    wm_log: Path  # openbox's output, for the message when it fails; removed by stop()

    @classmethod
    def start(cls, size: str = "1920x1080", attempts: int = 3) -> XServer:
        tools = ("Xvfb", "openbox", "xprop", "xmodmap")
        missing = [tool for tool in tools if shutil.which(tool) is None]
        if missing:
            raise DisplayError(
                f"{', '.join(missing)} not found: run scripts/system-deps (or `make test`), "
                "or set QT_QPA_PLATFORM=offscreen to run without a real display"
            )
        failures = []
        for _ in range(attempts):
            # Seen on a loaded machine: openbox quit at once, or never took the display.
            # A new server and window manager, on another display number, then do.
            server, why = cls._try_start(size)
            if server is not None:
                return server
            failures.append(why)
        raise DisplayError("no X server with a window manager: " + "; ".join(failures))

    @classmethod
    def _try_start(cls, size: str) -> tuple[XServer | None, str]:
        read, write = os.pipe()
        # -displayfd: the server picks a free display number and writes it to us when ready.
        xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", f"{size}x24", "-nolisten", "tcp"],
            pass_fds=(write,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(write)
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        if not number:
            xvfb.kill()
            return None, "Xvfb did not start"
        display = f":{number}"
        env = {**os.environ, "DISPLAY": display}
        log = tempfile.NamedTemporaryFile(prefix="openbox-", suffix=".log", delete=False)  # noqa: SIM115
        server = cls(display, xvfb, _start_openbox(env, log), Path(log.name))
        log.close()  # openbox holds its own copy of the descriptor
        if server._window_manager_ready(env):
            server._map_typed_letters(env)
            return server, ""
        said = server.wm_log.read_text(errors="replace").strip()[-300:]
        server.stop()
        return None, f"openbox did not manage {display} (exit {server.wm.returncode}: {said})"

    def _window_manager_ready(self, env: dict[str, str]) -> bool:
        deadline = time.monotonic() + WM_READY_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.wm.poll() is not None:
                return False
            probe = subprocess.run(
                ["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"],
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            if "window id" in probe.stdout:
                return True
            time.sleep(0.05)
        return False

    def _map_typed_letters(self, env: dict[str, str]) -> None:
        expressions = [f"keycode {code} = {syms}" for code, syms in TYPED_LETTERS.items()]
        args = [arg for expression in expressions for arg in ("-e", expression)]
        subprocess.run(["xmodmap", *args], env=env, check=True, capture_output=True)

    def stop(self) -> None:
        for process in (self.wm, self.xvfb):
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        # Left behind, one log per worker and run filled /tmp with hundreds of them.
        self.wm_log.unlink(missing_ok=True)
