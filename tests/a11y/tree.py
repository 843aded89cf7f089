"""Reading the app's AT-SPI tree (through `atspi_walker.py`) and judging it.

The rules are what a screen-reader user needs from every control: it has a name to say, a
control that holds a value exposes it, and a chart says what it shows.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.a11y.buses import SYSTEM_PYTHON

WALKER = Path(__file__).with_name("atspi_walker.py")

# What a person operates, or moves through with Tab: each needs a name a screen reader says.
CONTROLS = frozenset(
    {
        "push button", "toggle button", "check box", "radio button", "combo box", "text",
        "entry", "password text", "spin button", "slider", "scroll bar", "dial", "list",
        "list box", "table", "tree", "tree table", "page tab", "page tab list", "chart",
        "menu", "menu item", "check menu item", "radio menu item", "link",
    }
)  # fmt: skip
# Controls whose value is the point: a screen reader reads and sets it through Value.
VALUED = frozenset({"slider", "spin button", "scroll bar", "dial"})


@dataclass(frozen=True)
class Node:
    path: tuple[str, ...]
    at: tuple[int, ...]
    role: str
    name: str
    description: str
    states: frozenset[str]
    interfaces: frozenset[str]
    value: dict[str, float] | None

    @classmethod
    def read(cls, found: dict[str, Any]) -> Node:
        return cls(
            path=tuple(found["path"]),
            at=tuple(found["at"]),
            role=found["role"],
            name=found["name"].strip(),
            description=found["description"].strip(),
            states=frozenset(found["states"]),
            interfaces=frozenset(found["interfaces"]),
            value=found.get("value"),
        )

    @property
    def where(self) -> str:
        return " > ".join(self.path) or "(the application)"

    @property
    def showing(self) -> bool:
        return "showing" in self.states

    @property
    def focused(self) -> bool:
        return "focused" in self.states


def walk(pid: int, env: dict[str, str]) -> list[Node]:
    """The tree of the app in process `pid`, as a screen reader on the bus sees it now."""
    done = subprocess.run(
        [str(SYSTEM_PYTHON), str(WALKER), str(pid)],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, f"the AT-SPI walker failed:\n{done.stderr}"
    return [Node.read(found) for found in json.loads(done.stdout)]


def problems(nodes: list[Node]) -> list[str]:
    """What a screen-reader user would meet unnamed or without its value, one line each."""
    found = []
    for node in nodes:
        if (node.role in CONTROLS or "focusable" in node.states) and not node.name:
            found.append(f"unnamed {node.role}: {node.where}")
        if node.role in VALUED and node.value is None:
            found.append(f"{node.role} without a Value: {node.where}")
        if node.role == "chart" and not node.description:
            found.append(f"chart that does not say its values: {node.where}")
    return found


def one(nodes: list[Node], role: str, name: str) -> Node:
    matching = [n for n in nodes if n.role == role and n.name == name]
    assert len(matching) == 1, f"{len(matching)} {role} named {name!r}: " + "; ".join(
        f"{n.role} {n.name!r}" for n in nodes if n.role == role
    )
    return matching[0]
