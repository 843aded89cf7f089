"""What the user saw, as data: one line of text per widget path, and the arithmetic on it.

Kept apart from `recorder/capture/looks.py` (which reads the widgets) so the file format and the
verdict can use it without Qt.
"""

from __future__ import annotations

from typing import Any

Observation = dict[str, str]  # widget path -> what it showed


def delta(before: Observation, after: Observation) -> dict[str, Any]:
    """What to store: the widgets whose text changed or appeared, and those gone."""
    changed = {path: text for path, text in after.items() if before.get(path) != text}
    gone = sorted(path for path in before if path not in after)
    return {"set": changed, "gone": gone}


def apply(before: Observation, change: dict[str, Any]) -> Observation:
    after = {p: t for p, t in before.items() if p not in set(change.get("gone", []))}
    after.update(change.get("set", {}))
    return after


def differences(expected: Observation, actual: Observation) -> list[tuple[str, str, str]]:
    """(path, what the user saw, what the replay shows), for each widget that differs."""
    paths = sorted(set(expected) | set(actual))
    return [
        (p, expected.get(p, "(not shown)"), actual.get(p, "(not shown)"))
        for p in paths
        if expected.get(p) != actual.get(p)
    ]
