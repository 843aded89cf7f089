"""The .deb as a user's system gets it (make package-test): apt-get installs it, the app
starts, a recording opens from the command line and, on a system without a desktop
environment, through xdg-open, and apt-get removes every file again. (lintian checks the .deb
itself before these run: see the Makefile's package-test.)"""

from __future__ import annotations

import gzip
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

DIST = Path(__file__).resolve().parents[2] / "dist"
DEBS = sorted(DIST.glob("replayshop_*.deb"))
MIME_TYPE = "application/x-replayshop-recording"
DESKTOP_ID = "io.github.replayshop.ReplayShop.desktop"
LIB = Path("/usr/lib/replayshop")
RECORDING = LIB / "_internal" / "recordings" / "bug-quantity-carryover.shoprec"
# What tells xdg-utils which desktop environment runs; none of it is set for these tests.
DESKTOP_VARS = (
    "XDG_CURRENT_DESKTOP",
    "XDG_SESSION_DESKTOP",
    "DESKTOP_SESSION",
    "KDE_FULL_SESSION",
    "KDE_SESSION_VERSION",
    "GNOME_DESKTOP_SESSION_ID",
    "MATE_DESKTOP_SESSION_ID",
    "BROWSER",
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not DEBS, reason="no .deb: run `make deb` first"),
    pytest.mark.skipif(os.geteuid() != 0, reason="apt-get install needs root (CI runs as root)"),
    pytest.mark.skipif(shutil.which("apt-get") is None, reason="not a Debian system"),
]


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        list(args), capture_output=True, text=True, timeout=600, check=False, env=env
    )


def apt(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    return run("apt-get", "-y", "-q", *args, env=env)


def user_env(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PATH": "/usr/local/bin:/usr/bin:/bin",  # the installed launcher, not the venv's
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CONFIG_HOME": str(home / "config"),
    }


@pytest.fixture(scope="module")
def installed() -> Iterator[Path]:
    deb = DEBS[-1]
    result = apt("install", str(deb))  # a path, not a name: apt-get takes the file itself
    assert result.returncode == 0, result.stdout + result.stderr
    yield deb
    apt("purge", "replayshop")  # whatever a failed test left


def test_apt_installs_it_with_its_desktop_files(installed: Path) -> None:
    files = run("dpkg", "-L", "replayshop").stdout.split()
    for path in (
        "/usr/lib/replayshop/ReplayShop",
        "/usr/bin/replayshop",
        "/usr/share/man/man1/replayshop.1.gz",
        "/usr/share/doc/replayshop/changelog.Debian.gz",
        "/usr/share/doc/replayshop/copyright",
        "/usr/share/lintian/overrides/replayshop",
        "/usr/share/applications/io.github.replayshop.ReplayShop.desktop",
        "/usr/share/metainfo/io.github.replayshop.ReplayShop.metainfo.xml",
        "/usr/share/mime/packages/io.github.replayshop.ReplayShop.xml",
        "/usr/share/icons/hicolor/256x256/apps/io.github.replayshop.ReplayShop.png",
        "/usr/share/icons/hicolor/scalable/apps/io.github.replayshop.ReplayShop.svg",
    ):
        assert path in files and Path(path).exists(), path
    entry = Path("/usr/share/applications/io.github.replayshop.ReplayShop.desktop").read_text()
    assert "Exec=replayshop %f" in entry
    if shutil.which("update-mime-database"):  # shared-mime-info's trigger ran on install
        assert MIME_TYPE in Path("/usr/share/mime/types").read_text()


def test_the_installed_app_starts_to_its_main_window(installed: Path, tmp_path: Path) -> None:
    result = run("replayshop", "--quit-after-show", env=user_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "main window shown" in result.stdout
    assert (tmp_path / "data" / "ReplayShop" / "shop.db").exists()


def test_a_recording_opens_from_the_command_line(installed: Path, tmp_path: Path) -> None:
    recording = tmp_path / "a bug.shoprec"
    shutil.copy(RECORDING, recording)
    # What the desktop entry runs on a double-click (Exec=replayshop %f), headless here.
    result = run("replayshop", str(recording), "--headless", env=user_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "IDENTICAL" in result.stdout


def test_the_manual_page_lists_every_command(installed: Path) -> None:
    page = gzip.decompress(Path("/usr/share/man/man1/replayshop.1.gz").read_bytes()).decode()
    assert page.startswith(".TH REPLAYSHOP 1 ")
    for command in ("run", "replay", "check", "recording", "demo\\-data"):
        assert f".SS {command}\n" in page, command
    assert "/root" not in page and "\\-\\-db" in page  # the build user's home is not in it


def no_desktop_env(home: Path) -> dict[str, str]:
    """A user's session with no desktop environment: xdg-utils falls back to its generic
    code (mimetype and the mimeinfo.cache). A display is named, as a session without a desktop
    still has one, because xdg-open only opens files by their type when there is one."""
    env = {k: v for k, v in user_env(home).items() if k not in DESKTOP_VARS}
    return {**env, "DISPLAY": env.get("DISPLAY") or ":0"}


def test_without_a_desktop_everyone_agrees_on_a_recordings_type_and_app(
    installed: Path, tmp_path: Path
) -> None:
    env = no_desktop_env(tmp_path)
    named = tmp_path / "a bug.shoprec"
    unnamed = tmp_path / "a bug"  # no extension: only the magic can tell
    for path in (named, unnamed):
        shutil.copy(RECORDING, path)
    for path in (named, unnamed):
        filetype = run("xdg-mime", "query", "filetype", str(path), env=env)
        assert filetype.stdout.strip() == MIME_TYPE, (path, filetype.stdout, filetype.stderr)
        gio = run("gio", "info", "-a", "standard::content-type", str(path), env=env)
        assert f"standard::content-type: {MIME_TYPE}" in gio.stdout, (path, gio.stdout)
    default = run("xdg-mime", "query", "default", MIME_TYPE, env=env)
    assert default.stdout.strip() == DESKTOP_ID, default.stdout + default.stderr
    # Any other SQLite file is still just that.
    other = tmp_path / "other.sqlite3"
    sqlite3.connect(other).execute("CREATE TABLE meta (key TEXT)").connection.commit()
    filetype = run("xdg-mime", "query", "filetype", str(other), env=env)
    assert filetype.stdout.strip() == "application/vnd.sqlite3", filetype.stdout


def test_xdg_open_starts_the_replay_viewer_on_a_recording(installed: Path, tmp_path: Path) -> None:
    """xdg-open runs the desktop entry's `Exec=replayshop %f`, found on the PATH. A stub first
    on the PATH notes what it was given and runs the installed launcher on it, headless (the
    viewer's window would wait for a user), so the test sees both the command line the desktop
    entry makes and the viewer replaying the file."""
    env = no_desktop_env(tmp_path)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    argv_file = tmp_path / "argv"
    stub = bin_dir / "replayshop"
    stub.write_text(
        '#!/bin/sh\nprintf "%s\\n" "$@" > "$ARGV_FILE"\nexec /usr/bin/replayshop "$@" --headless\n'
    )
    stub.chmod(0o755)
    env = {**env, "PATH": f"{bin_dir}:{env['PATH']}", "ARGV_FILE": str(argv_file)}
    recording = tmp_path / "a bug.shoprec"
    shutil.copy(RECORDING, recording)
    result = run("xdg-open", str(recording), env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert argv_file.read_text().splitlines() == [str(recording)]
    assert "IDENTICAL" in result.stdout, result.stdout + result.stderr


def test_apt_removes_every_file_it_installed(installed: Path) -> None:
    files = [Path(f) for f in run("dpkg", "-L", "replayshop").stdout.split()]
    result = apt("remove", "replayshop")
    assert result.returncode == 0, result.stdout + result.stderr
    left = [f for f in files if f.is_file() or f.is_symlink()]
    assert left == []
    assert not LIB.exists()
    if shutil.which("update-mime-database"):
        assert MIME_TYPE not in Path("/usr/share/mime/types").read_text()
    assert run("dpkg", "-s", "replayshop").returncode != 0  # not even half-installed
