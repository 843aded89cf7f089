"""install.sh and uninstall.sh on an account with no ~/.local/share yet, with the bundle's
desktop files laid out by packaging/desktop-files.sh (the bundle's program is a stand-in: what
is under test is where the scripts put things and what they leave behind)."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"
ID = "io.github.replayshop.ReplayShop"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


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


def test_the_desktop_entry_speaks_german_too() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    entry.read(PACKAGING / f"{ID}.desktop", encoding="utf-8")
    keys = entry["Desktop Entry"]
    for key in ("Name", "GenericName", "Comment", "Keywords"):
        assert keys.get(f"{key}[de]", "").strip(), f"{key}[de] is missing"
    assert keys["GenericName[de]"] != keys["GenericName"]
    assert keys["Comment[de]"] != keys["Comment"]
    assert keys["Keywords[de]"].endswith(";")  # a list, as the English one


def test_the_metainfo_speaks_german_too() -> None:
    component = ET.parse(PACKAGING / f"{ID}.metainfo.xml").getroot()
    for tag in ("name", "summary"):
        german = [e for e in component.findall(tag) if e.get(XML_LANG) == "de"]
        assert len(german) == 1 and (german[0].text or "").strip(), tag
    description = component.find("description")
    assert description is not None
    paragraphs = description.findall("p")
    english = [p for p in paragraphs if p.get(XML_LANG) is None]
    german = [p for p in paragraphs if p.get(XML_LANG) == "de"]
    assert english and len(german) == len(english)  # every paragraph has its translation
    assert all((p.text or "").strip() for p in german)


@pytest.mark.parametrize(
    ("tool", "args", "name"),
    [
        ("desktop-file-validate", [], f"{ID}.desktop"),
        ("appstreamcli", ["validate", "--no-net"], f"{ID}.metainfo.xml"),
    ],
)
def test_the_desktop_files_validate(tool: str, args: list[str], name: str) -> None:
    """Where the validator is installed (Debian: desktop-file-utils, appstream)."""
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed")
    lint = subprocess.run([tool, *args, str(PACKAGING / name)], capture_output=True, text=True)
    assert lint.returncode == 0, lint.stdout + lint.stderr
