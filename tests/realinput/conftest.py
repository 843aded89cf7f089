"""Real-input tests need a real X server: they are skipped on any other Qt platform."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from recorder.regression.stress import busy_machine
from tests.realinput.desk import Desk
from tests.realinput.sessions import replayshop


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    reason = ""
    if not platform.startswith("xcb"):
        reason = f"real input needs the X server the suite starts (QT_QPA_PLATFORM={platform})"
    elif shutil.which("xdotool") is None:
        reason = "xdotool is not installed (scripts/system-deps installs it)"
    if reason:
        for item in items:
            if "realinput" in str(item.path):
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture
def demo_desk(tmp_path: Path) -> Iterator[Desk]:
    """The app on a demo shop, nobody signed in."""
    seeded = replayshop("demo-data", "--db", str(tmp_path / "shop.db"))
    assert seeded.returncode == 0, seeded.stderr
    with Desk(tmp_path) as desk:
        desk.widget("main")
        desk.wait_active("main")
        yield desk


@pytest.fixture(autouse=True)
def _stressed(request: pytest.FixtureRequest) -> Iterator[None]:
    """`pytest --stress`: every real-input session with busy processes loading the machine."""
    if request.config.getoption("--stress"):
        with busy_machine():
            yield
    else:
        yield
