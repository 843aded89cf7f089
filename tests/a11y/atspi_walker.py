"""Prints the AT-SPI tree of one application as JSON: what a screen reader is told.

Run by Debian's own interpreter (`/usr/bin/python3` with python3-gi and gir1.2-atspi-2.0),
not the venv's, which has no GObject introspection; `tests/a11y/test_atspi_tree.py` runs it
as a subprocess and judges the nodes.

    /usr/bin/python3 tests/a11y/atspi_walker.py PID

Every node is one JSON object: its path of "role 'name'" steps from the application (and of
child indexes, `at`), its role,
name, description, states, interfaces and, for a Value, its current, lowest and highest
value. The items of a list or table are counted, not walked: their names are the data they
show, and a page of the event log holds hundreds of them.
"""

from __future__ import annotations

import json
import sys
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

ITEM_VIEWS = {"list", "table", "tree", "tree table", "list box"}
# A guard against a hang (the app never registering), not a speed limit.
REGISTER_GUARD_S = 120


def application(pid: int) -> Atspi.Accessible:
    deadline = time.monotonic() + REGISTER_GUARD_S
    while True:
        desktop = Atspi.get_desktop(0)
        for i in range(desktop.get_child_count()):
            app = desktop.get_child_at_index(i)
            if app is not None and app.get_process_id() == pid and app.get_child_count() > 0:
                return app
        if time.monotonic() > deadline:
            raise SystemExit(f"no application of process {pid} on the AT-SPI bus")
        time.sleep(0.1)


def describe(
    node: Atspi.Accessible, role: str, name: str, children: int, path: list[str], at: list[int]
) -> dict[str, object]:
    interfaces = sorted(node.get_interfaces())
    found: dict[str, object] = {
        "path": path,
        "at": at,  # the child indexes from the application: which node, where names repeat
        "role": role,
        "name": name,
        "description": node.get_description() or "",
        "states": sorted(Atspi.StateType(s).value_nick for s in node.get_state_set().get_states()),
        "interfaces": interfaces,
        "children": children,
    }
    if "Value" in interfaces:
        found["value"] = {  # an Accessible implements Atspi.Value itself
            "current": node.get_current_value(),
            "minimum": node.get_minimum_value(),
            "maximum": node.get_maximum_value(),
        }
    return found


def walk(
    node: Atspi.Accessible, path: list[str], at: list[int], out: list[dict[str, object]]
) -> None:
    """`node` and what is under it; `path` is the parent's (the application's own is empty).
    Each property is asked once per node: a walk is some 2,000 calls over the bus, and asking
    a child's role and name for its path and again for itself made it a third longer."""
    role, name, children = node.get_role_name(), node.get_name() or "", node.get_child_count()
    here = [*path, f"{role} '{name}'"] if at else path
    out.append(describe(node, role, name, children, here, at))
    if role in ITEM_VIEWS:
        return
    for i in range(children):
        child = node.get_child_at_index(i)
        if child is not None:
            walk(child, here, [*at, i], out)


def main() -> int:
    app = application(int(sys.argv[1]))
    nodes: list[dict[str, object]] = []
    walk(app, [], [], nodes)
    json.dump(nodes, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
