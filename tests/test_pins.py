"""What a fresh machine installs is what was tested: every dependency and extra is pinned in
constraints.txt, the linters exactly in pyproject.toml, and PySide6 6.12.0 stays excluded."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).parents[1]


def _name(requirement: str) -> str:
    return re.split(r"[\s\[<>=!~;]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_every_requirement_is_pinned_in_the_constraints_file() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    wanted += project["optional-dependencies"]["bench"]
    wanted += project["optional-dependencies"]["package"]  # what builds the bundle and .deb
    pinned = {
        _name(line): line.split("==", 1)[1]
        for line in (ROOT / "constraints.txt").read_text().splitlines()
        if "==" in line and not line.startswith("#")
    }
    missing = sorted(_name(r) for r in wanted if _name(r) not in pinned)
    assert missing == []
    assert pinned["pyside6-essentials"] != "6.12.0"
    for tool in ("ruff", "mypy"):
        [spec] = [r for r in project["optional-dependencies"]["test"] if _name(r) == tool]
        assert spec == f"{tool}=={pinned[tool]}"
    assert "PySide6-Essentials>=6.8,!=6.12.0" in project["dependencies"]
