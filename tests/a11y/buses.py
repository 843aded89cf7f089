"""The buses a screen reader talks to an app over, started for one test and stopped after it.

A desktop session gives every app a D-Bus session bus, on which at-spi2-core's bus launcher
owns `org.a11y.Bus` and hands out the address of the accessibility bus (a dbus-daemon of its
own, where the AT-SPI registry runs). The test display has none of that, so this starts it:
a session `dbus-daemon`, then `at-spi-bus-launcher` on it. Each is started in a process group
of its own, so stopping it also stops what it started (the launcher's bus, the registry the
bus activated), and nothing is left running. Qt joins only when asked:
`QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1`, as it otherwise waits for a screen reader to say it
is there.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

LAUNCHER = Path("/usr/libexec/at-spi-bus-launcher")
# Debian's interpreter: the venv's has no GObject introspection, so no Atspi.
SYSTEM_PYTHON = Path("/usr/bin/python3")
# A guard against a process that never comes up, not a speed limit.
START_GUARD_S = 60
STOP_GUARD_S = 10


def missing_tools() -> list[str]:
    """What this machine lacks for the test (`scripts/system-deps test` installs it all)."""
    missing = [t for t in ("dbus-daemon", "dbus-send", "xprop") if shutil.which(t) is None]
    if not LAUNCHER.exists():
        missing.append(f"{LAUNCHER} (at-spi2-core)")
    atspi = "import gi; gi.require_version('Atspi', '2.0'); from gi.repository import Atspi"
    if (
        not SYSTEM_PYTHON.exists()
        or subprocess.run(
            [str(SYSTEM_PYTHON), "-c", atspi], capture_output=True, check=False
        ).returncode
    ):
        missing.append(f"Atspi for {SYSTEM_PYTHON} (python3-gi, gir1.2-atspi-2.0)")
    return missing


def _living(group: int) -> list[int]:
    """The processes of a group that still run (a zombie waits for init, not for us)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:  # it ended while we looked
            continue
        if fields[0] != "Z" and int(fields[2]) == group:
            found.append(int(stat.parent.name))
    return found


def _stop(process: subprocess.Popen[bytes]) -> None:
    """The process and every process of its group (it leads one: `start_new_session`, so
    the launcher's bus and the registry that bus started are in it): TERM, then KILL what
    is still there after a while (a guard against a hang, not a speed limit)."""
    group = process.pid
    deadline = time.monotonic() + STOP_GUARD_S
    _kill(_living(group), signal.SIGTERM)
    while (left := _living(group)) and time.monotonic() < deadline:
        time.sleep(0.05)
    _kill(left, signal.SIGKILL)
    process.wait()


def _kill(pids: list[int], sig: int) -> None:
    for pid in pids:
        with suppress(ProcessLookupError):  # it ended on its own meanwhile
            os.kill(pid, sig)


def _has_owner(env: dict[str, str], name: str) -> bool:
    asked = subprocess.run(
        [
            "dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus",
            "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner", f"string:{name}",
        ],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    return asked.returncode == 0 and "boolean true" in asked.stdout


@contextmanager
def accessibility_buses(log_dir: Path) -> Iterator[dict[str, str]]:
    """The environment an app and the walker need to meet on the accessibility bus."""
    # The launcher puts its socket under $XDG_RUNTIME_DIR: a short folder of our own (a
    # socket path has a limit of 107 bytes, which pytest's folders can pass).
    runtime = Path(tempfile.mkdtemp(prefix="a11y-"))
    runtime.chmod(0o700)
    env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime)}
    env.pop("AT_SPI_BUS_ADDRESS", None)
    started: list[subprocess.Popen[bytes]] = []
    try:
        with open(log_dir / "dbus.log", "wb") as log:
            session = subprocess.Popen(
                ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                env=env, stdout=subprocess.PIPE, stderr=log, start_new_session=True,
            )  # fmt: skip
            started.append(session)
            assert session.stdout is not None
            address = session.stdout.readline().decode().strip()
            if not address:
                raise RuntimeError(f"dbus-daemon gave no address; see {log.name}")
            env["DBUS_SESSION_BUS_ADDRESS"] = address
        with open(log_dir / "at-spi.log", "wb") as log:
            launcher = subprocess.Popen(
                [str(LAUNCHER)], env=env, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
            started.append(launcher)
        deadline = time.monotonic() + START_GUARD_S
        while not _has_owner(env, "org.a11y.Bus"):
            if launcher.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"at-spi-bus-launcher never owned org.a11y.Bus; see {log.name}")
            time.sleep(0.05)
        env["QT_LINUX_ACCESSIBILITY_ALWAYS_ON"] = "1"
        yield env
    finally:
        for process in reversed(started):
            _stop(process)
        # The launcher names its bus on the X root window; the display outlives this test.
        subprocess.run(["xprop", "-root", "-remove", "AT_SPI_BUS"], env=env, check=False)
        shutil.rmtree(runtime, ignore_errors=True)
