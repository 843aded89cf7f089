"""Real-input tests need a real X server: they are skipped on any other Qt platform."""

from __future__ import annotations

import os
import shutil

import pytest


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
