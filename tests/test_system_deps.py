"""scripts/system-deps, which `make run` and `make test` call first on a fresh machine."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).parents[1] / "scripts" / "system-deps"


def _stand_in(folder: Path, name: str, body: str) -> None:
    tool = folder / name
    tool.write_text(f"#!/bin/sh\n{body}\n")
    tool.chmod(0o755)


def test_without_root_and_without_sudo_it_names_the_packages_and_how_to_install_them(
    tmp_path: Path,
) -> None:
    """A Debian installed with a root password has no sudo: "sudo: command not found" in the
    middle of `make run` would leave a newcomer guessing. The real script runs, as a user
    (`id` says 1000) on a machine where no package is installed (`dpkg-query` finds none)."""
    tools = tmp_path / "bin"
    tools.mkdir()
    for real in ("bash", "grep", "python3"):
        found = shutil.which(real)
        assert found is not None
        (tools / real).symlink_to(found)
    _stand_in(tools, "id", "echo 1000")
    _stand_in(tools, "dpkg-query", "exit 1")
    run = subprocess.run(
        ["bash", str(SCRIPT), "run"],
        env={"PATH": str(tools)}, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert run.returncode == 1
    assert "Installing them needs root, and sudo is not installed." in run.stderr
    assert "su -c 'apt-get install --no-install-recommends " in run.stderr
    assert "libxcb-cursor0" in run.stderr and "xvfb" not in run.stderr  # `run` needs no X server


def test_the_test_profile_brings_what_the_accessibility_test_reads_the_tree_with(
    tmp_path: Path,
) -> None:
    """tests/a11y starts its own D-Bus session and AT-SPI buses and reads the tree with
    Debian's python3 through Atspi's introspection: a fresh machine gets all of it."""
    tools = tmp_path / "bin"
    tools.mkdir()
    for real in ("bash", "grep", "python3"):
        found = shutil.which(real)
        assert found is not None
        (tools / real).symlink_to(found)
    _stand_in(tools, "id", "echo 1000")
    _stand_in(tools, "dpkg-query", "exit 1")
    run = subprocess.run(
        ["bash", str(SCRIPT), "test"],
        env={"PATH": str(tools)}, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert run.returncode == 1
    named = run.stderr.split("Missing Debian packages:")[1].split("\n")[0].split()
    wanted = {"dbus-daemon", "dbus-bin", "at-spi2-core", "python3-gi", "gir1.2-atspi-2.0"}
    assert wanted <= set(named), named
