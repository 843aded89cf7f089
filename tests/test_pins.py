"""What a fresh machine installs is what was tested: every dependency and extra is pinned in
constraints.txt, the linters exactly in pyproject.toml, and PySide6 6.12.0 stays excluded.
`make run` installs what running needs and nothing for tests or benchmarks."""

from __future__ import annotations

import re
import subprocess
import tomllib
from pathlib import Path

ROOT = Path(__file__).parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
# What only developers need: none of it belongs in what `make run` installs.
TOOLS = {"pytest", "pytest-qt", "pytest-xdist", "hypothesis", "ruff", "mypy", "import-linter"}
TOOLS |= {"playwright", "eventsourcing", "matplotlib", "pyinstaller"}


def _name(requirement: str) -> str:
    return re.split(r"[\s\[<>=!~;]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_every_requirement_is_pinned_in_the_constraints_file() -> None:
    wanted = [*PROJECT["dependencies"]]
    for extra in PROJECT["optional-dependencies"].values():
        wanted += [r for r in extra if _name(r) != PROJECT["name"]]  # an extra naming others
    pinned = {
        _name(line): line.split("==", 1)[1]
        for line in (ROOT / "constraints.txt").read_text().splitlines()
        if "==" in line and not line.startswith("#")
    }
    missing = sorted(_name(r) for r in wanted if _name(r) not in pinned)
    assert missing == []
    assert pinned["pyside6-essentials"] != "6.12.0"
    for tool in ("ruff", "mypy"):
        [spec] = [r for r in PROJECT["optional-dependencies"]["test"] if _name(r) == tool]
        assert spec == f"{tool}=={pinned[tool]}"
    assert "PySide6-Essentials>=6.8,!=6.12.0" in PROJECT["dependencies"]


def test_the_runtime_requirements_hold_no_test_or_benchmark_tool() -> None:
    runtime = {_name(r) for r in PROJECT["dependencies"]}
    assert runtime == {"pyside6-essentials", "sqlalchemy", "platformdirs", "tqdm"}
    assert not runtime & TOOLS
    # PostgreSQL support is an extra of its own, which the tests and the bundle take.
    assert [_name(r) for r in PROJECT["optional-dependencies"]["postgres"]] == ["psycopg"]
    assert "replayshop[postgres]" in PROJECT["optional-dependencies"]["test"]
    assert "replayshop[postgres]" in PROJECT["optional-dependencies"]["package"]


def test_make_run_on_a_fresh_clone_installs_only_the_runtime(tmp_path: Path) -> None:
    """What `make run` would do in a clone with no .venv yet (make -n prints, runs nothing)."""
    plan = subprocess.run(
        ["make", "-n", "run", f"VENV={tmp_path / 'venv'}"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    installs = [line for line in plan.splitlines() if "pip install" in line]
    assert any(line.endswith("-c constraints.txt -e .") for line in installs), plan
    assert not any("[" in line for line in installs), installs  # no extra at all
    assert "system-deps run" in plan and "system-deps test" not in plan
    assert "bin/pytest" not in plan
