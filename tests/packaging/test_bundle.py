"""Smoke test of the built bundle (make package-test): it starts, replays, and is clean."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

BUNDLE = Path(__file__).resolve().parents[2] / "dist" / "ReplayShop"
EXE = BUNDLE / "ReplayShop"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not EXE.exists(), reason="no bundle: run `make package` first"),
]


def isolated_env(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CONFIG_HOME": str(home / "config"),
    }


def test_the_bundle_starts_to_its_main_window_and_logs_to_the_user_log_dir(
    tmp_path: Path,
) -> None:
    result = subprocess.run(
        [str(EXE), "--quit-after-show"],
        capture_output=True,
        text=True,
        env=isolated_env(tmp_path),
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "main window shown" in result.stdout
    assert (tmp_path / "data" / "ReplayShop" / "shop.db").exists()  # the user data dir
    assert list((tmp_path / "state" / "ReplayShop" / "log").glob("*.log"))


def test_the_bundle_replays_its_bundled_recording(tmp_path: Path) -> None:
    recording = BUNDLE / "_internal" / "recordings" / "bug-quantity-carryover.shoprec"
    result = subprocess.run(
        [str(EXE), "check", str(recording)],
        capture_output=True,
        text=True,
        env=isolated_env(tmp_path),
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed, 0 failed" in result.stdout


def test_the_bundle_holds_no_tests_venv_or_secrets() -> None:
    names = [p.relative_to(BUNDLE).as_posix() for p in BUNDLE.rglob("*")]
    assert not [
        n for n in names if n.startswith("tests/") or ("/tests/" in n and "PySide6" not in n)
    ]
    assert not [n for n in names if ".venv" in n or n.endswith((".db", ".ini", ".pem", ".key"))]
    ours = [
        p
        for p in BUNDLE.rglob("*")
        if p.is_file() and p.suffix in ("", ".shoprec", ".txt", ".xml", ".desktop")
    ]
    for path in ours:
        data = path.read_bytes()
        assert b"scrypt$" not in data and b"PRIVATE KEY" not in data, path


def test_the_version_is_the_one_in_pyproject(tmp_path: Path) -> None:
    import tomllib

    pyproject = tomllib.loads((BUNDLE.parents[1] / "pyproject.toml").read_text())
    result = subprocess.run(
        [str(EXE), "--version"],
        capture_output=True,
        text=True,
        env=isolated_env(tmp_path),
        timeout=60,
        check=False,
    )
    assert result.stdout.strip() == f"replayshop {pyproject['project']['version']}"


# Ubuntu 22.04's: glibc 2.35, and libstdc++ from GCC 12 (GLIBCXX_3.4.30). Debian 12 has more.
FLOORS = {"GLIBC": (2, 35), "GLIBCXX": (3, 4, 30)}


def needed(path: Path, library: str) -> tuple[int, ...]:
    """The newest symbol version of `library` (GLIBC, GLIBCXX) that `path` asks for."""
    symbols = subprocess.run(
        ["objdump", "-T", str(path)], capture_output=True, text=True, check=False
    ).stdout
    found = re.findall(rf"\b{library}_([\d.]+)", symbols)
    return max((tuple(int(n) for n in v.split(".")) for v in found), default=(0,))


def test_no_bundled_library_needs_a_newer_system_than_ubuntu_22_04() -> None:
    # The build machine's system libraries stay out of the bundle (ReplayShop.spec): bundled,
    # libstdc++ alone demanded glibc 2.36 and kept Ubuntu 22.04 out.
    libraries = [p for p in [EXE, *BUNDLE.rglob("*.so*")] if p.is_file()]
    too_new = {
        f"{p.relative_to(BUNDLE)} ({library})": needed(p, library)
        for p in libraries
        for library, floor in FLOORS.items()
        if needed(p, library) > floor
    }
    assert len(libraries) > 20 and too_new == {}


def test_the_bundle_speaks_german_on_a_german_desktop(tmp_path: Path) -> None:
    translations = BUNDLE / "_internal" / "PySide6" / "Qt" / "translations"
    assert (translations / "qtbase_de.qm").exists()
    assert list(translations.glob("qt_*.qm")) == []  # never loaded: not shipped
    ours = BUNDLE / "_internal" / "app" / "translations"
    # English's plural forms too: without them a count reads "25 product(s)".
    assert sorted(p.name for p in ours.glob("*.qm")) == ["replayshop_de.qm", "replayshop_en.qm"]
    env = {**isolated_env(tmp_path), "LC_ALL": "de_DE.UTF-8"}
    result = subprocess.run(
        [str(EXE), "--quit-after-show"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    log = tmp_path / "state" / "ReplayShop" / "log" / "replayshop.log"
    assert "translations for de_DE: qtbase_de_DE, replayshop_de_DE" in log.read_text()
