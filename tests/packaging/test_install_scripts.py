"""install.sh and uninstall.sh on an account with no ~/.local/share yet, with the bundle's
desktop files laid out by packaging/desktop-files.sh (the bundle's program is a stand-in: what
is under test is where the scripts put things and what they leave behind)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"
ID = "io.github.replayshop.ReplayShop"


def run(script: Path, home: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    subprocess.run(["bash", str(script)], check=True, env={**env, "HOME": str(home)})


def test_install_puts_everything_in_place_and_uninstall_leaves_no_trace(tmp_path: Path) -> None:
    bundle = tmp_path / "unpacked" / "Replay Shop"  # a folder name with a space
    bundle.mkdir(parents=True)
    subprocess.run(["bash", str(PACKAGING / "desktop-files.sh"), str(bundle)], check=True)
    for script in ("install.sh", "uninstall.sh"):
        shutil.copy(PACKAGING / script, bundle / script)
    program = bundle / "ReplayShop"
    program.write_text("#!/bin/sh\necho stand-in\n")
    program.chmod(0o755)
    home = tmp_path / "home with space"
    home.mkdir()

    run(bundle / "install.sh", home)
    share = home / ".local" / "share"
    icon = share / "icons" / "hicolor" / "256x256" / "apps" / f"{ID}.png"
    assert icon.exists() and not (share / "hicolor").exists()
    desktop = (share / "applications" / f"{ID}.desktop").read_text()
    target = home / ".local" / "opt" / "ReplayShop" / "ReplayShop"
    assert f'Exec="{target}" %f' in desktop and "Icon=" + ID in desktop
    assert (share / "metainfo" / f"{ID}.metainfo.xml").exists()
    globs = (share / "mime" / "globs2").read_text()  # update-mime-database ran
    assert "application/x-replayshop-recording:*.shoprec" in globs
    cache = (share / "applications" / "mimeinfo.cache").read_text()
    assert f"application/x-replayshop-recording={ID}.desktop;" in cache
    lint = subprocess.run(
        ["desktop-file-validate", str(share / "applications" / f"{ID}.desktop")],
        capture_output=True,
        text=True,
    )
    assert lint.returncode == 0, lint.stdout + lint.stderr

    run(home / ".local" / "opt" / "ReplayShop" / "uninstall.sh", home)
    assert not target.exists() and not icon.exists()
    assert not (share / "applications" / f"{ID}.desktop").exists()
    assert "replayshop" not in (share / "applications" / "mimeinfo.cache").read_text()
    assert "shoprec" not in (share / "mime" / "globs2").read_text()
