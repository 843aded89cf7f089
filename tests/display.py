"""A real X server for the tests: Xvfb with the openbox window manager, started and stopped here.

Offscreen Qt hid the bugs users hit first (a storm of error dialogs, context menus, focus that
a window manager moves), so the suite runs on a real display unless `QT_QPA_PLATFORM` says
otherwise. Nothing is left running: the server and the window manager end with the test run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from dataclasses import dataclass

WM_READY_TIMEOUT_S = 30  # a limit on waiting for a process to start, not on the code tested


class DisplayError(RuntimeError):
    pass


def _start_openbox(env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        ["openbox", "--sm-disable"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@dataclass
class XServer:
    """`XServer.start()` gives a display with a window manager; `stop()` ends both."""

    display: str
    xvfb: subprocess.Popen[bytes]
    wm: subprocess.Popen[bytes]

    @classmethod
    def start(cls, size: str = "1920x1080") -> XServer:
        missing = [tool for tool in ("Xvfb", "openbox", "xprop") if shutil.which(tool) is None]
        if missing:
            raise DisplayError(
                f"{', '.join(missing)} not found: run scripts/system-deps (or `make test`), "
                "or set QT_QPA_PLATFORM=offscreen to run without a real display"
            )
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
            raise DisplayError("Xvfb did not start")
        display = f":{number}"
        env = {**os.environ, "DISPLAY": display}
        server = cls(display, xvfb, _start_openbox(env))
        if not server._window_manager_ready(env):
            # Seen once on a loaded machine: openbox never took the display. One more try.
            server.wm.kill()
            server.wm = _start_openbox(env)
            if not server._window_manager_ready(env):
                server.stop()
                raise DisplayError(f"openbox did not manage display {display}")
        return server

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

    def stop(self) -> None:
        for process in (self.wm, self.xvfb):
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
