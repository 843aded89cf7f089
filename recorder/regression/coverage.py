"""`replayshop coverage recordings/`: what the regression recordings exercise, and what none does.

`recordings/` is the release gate; a bug planted where no recording goes passes it unseen.
This walks the recordings once and, for each thing the app has (pages, input widgets,
menu actions and their shortcuts, commands accepted and refused, domain event types, the
errors users are shown, read model versions), names the recordings that exercise it; what
none does is listed, with the reason it is acceptable where `recordings/coverage-gaps.toml`
gives one. What the app has comes from the app (`Universe`, built by app/cli/coverage.py);
this module only reads recordings, so it stays without Qt widgets.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from recorder.fileformat.shoprec import Recording

PAGES = "main/central/pages/"
KINDS = ("page", "widget", "action", "command", "refused", "event", "read model")
PLURALS = {
    "page": "pages",
    "widget": "widgets",
    "action": "actions",
    "command": "commands",
    "refused": "refusals",
    "event": "event types",
    "read model": "read models",
}
INPUTS = frozenset(
    {"mouse_press", "mouse_dblclick", "key_press", "wheel", "combo_select", "context_menu"}
    | {"text_entered"}
)


@dataclass(frozen=True)
class Universe:
    """What the app has, by kind ("page": page names, "action": action names, ...). Actions
    carry their shortcut as (key, modifiers), so a shortcut pressed counts for its action."""

    things: Mapping[str, frozenset[str]]
    shortcuts: Mapping[tuple[int, int], str] = field(default_factory=dict)
    # The pages in the list's order, each with whether only an administrator sees it: Ctrl+1
    # to Ctrl+8 show the page in that place of the list as shown, Ctrl+9 the last
    # (MainWindow._number_pages), so what a digit meant depends on how many pages showed.
    pages: tuple[tuple[str, bool], ...] = ()

    def page_key(self, digit: int, shown: int) -> str | None:
        """The page action Ctrl+`digit` triggered in a window that listed `shown` pages."""
        everyone = [name for name, admin_only in self.pages if not admin_only]
        listed = [name for name, _ in self.pages] if shown > len(everyone) else everyone
        if not listed:
            return None
        if digit == 9:
            return f"page_{listed[-1]}"
        return f"page_{listed[digit - 1]}" if 1 <= digit <= len(listed) else None


@dataclass
class Coverage:
    """For each kind and thing, the recordings (by file stem) that exercise it."""

    universe: Universe
    by: dict[str, dict[str, set[str]]] = field(default_factory=dict)
    gaps: Mapping[str, str] = field(default_factory=dict)  # "kind thing" -> why acceptable

    def add(self, kind: str, thing: str, recording: str) -> None:
        self.by.setdefault(kind, {}).setdefault(thing, set()).add(recording)

    def uncovered(self) -> dict[str, list[str]]:
        return {
            kind: sorted(self.universe.things.get(kind, frozenset()) - set(self.by.get(kind, {})))
            for kind in KINDS
        }

    def unexplained(self) -> list[str]:
        """Gaps with no reason given: a new page or action no recording goes to."""
        return [
            f"{kind} {thing}"
            for kind, things in self.uncovered().items()
            for thing in things
            if f"{kind} {thing}" not in self.gaps
        ]


def measure(
    recordings: Iterable[Recording], universe: Universe, gaps: Mapping[str, str]
) -> Coverage:
    coverage = Coverage(universe, gaps=gaps)
    for recording in recordings:
        name = recording.path.stem
        for kind, thing in exercised(recording, universe):
            coverage.add(kind, thing, name)
    return coverage


CTRL = 0x04000000  # Qt.KeyboardModifier.ControlModifier, as a recording stores it
NAV = "main/central/nav"


def exercised(recording: Recording, universe: Universe) -> Iterable[tuple[str, str]]:
    shown = 0  # pages the list showed at the last look before the key (none yet: a guest's)
    looks, next_look = sorted(recording.observations.items()), 0
    for event in recording.ui_events:
        while next_look < len(looks) and looks[next_look][0] <= event.seq:
            listed = looks[next_look][1].get(NAV)
            shown = listed.count("\n") + 1 if listed else shown
            next_look += 1
        if event.target.startswith(PAGES):
            yield "page", event.target[len(PAGES) :].split("/", 1)[0]
        if event.kind in INPUTS:
            yield "widget", event.target
        if event.kind == "menu_action":
            yield "action", str(event.data.get("action"))
        if event.kind == "key_press" and not event.data.get("masked"):
            key = (int(event.data.get("key", 0)), int(event.data.get("modifiers", 0)))
            digit = key[0] - ord("0")
            if key[1] == CTRL and 1 <= digit <= 9 and universe.pages:
                page = universe.page_key(digit, shown)
                if page is not None:
                    yield "action", page
            elif key in universe.shortcuts:
                yield "action", universe.shortcuts[key]
    for seen in recording.observations.values():
        for path in seen:
            if path.startswith(PAGES):
                yield "page", path[len(PAGES) :].split("/", 1)[0]
    for appended in recording.expected:
        yield "event", appended.type
        command = appended.metadata.get("command")
        if isinstance(command, str):
            yield "command", command
    for _, command, refused in recording.commands:
        yield ("refused", refused) if refused else ("command", command)
    for key in json.loads(recording.meta.get("projection_digests") or "{}"):
        yield "read model", key


def report(coverage: Coverage) -> str:
    """The summary a person reads: counts per kind, then every gap with its reason."""
    lines = []
    uncovered = coverage.uncovered()
    for kind in KINDS:
        total = len(coverage.universe.things.get(kind, ()))
        covered = total - len(uncovered[kind])
        lines.append(f"{PLURALS[kind]:<12} {covered:>4} of {total:<4} exercised by a recording")
    lines.append("")
    for kind in KINDS:
        for thing in uncovered[kind]:
            why = coverage.gaps.get(f"{kind} {thing}")
            lines.append(f"not exercised: {kind} {thing}" + (f"  ({why})" if why else ""))
    unexplained = coverage.unexplained()
    lines.append("")
    lines.append(
        f"{len(unexplained)} gaps without a reason in recordings/coverage-gaps.toml"
        if unexplained
        else "every gap has a reason (recordings/coverage-gaps.toml)"
    )
    return "\n".join(lines)


def as_json(coverage: Coverage) -> dict[str, object]:
    return {
        "exercised": {
            kind: {thing: sorted(names) for thing, names in sorted(things.items())}
            for kind, things in coverage.by.items()
        },
        "uncovered": coverage.uncovered(),
        "reasons": dict(coverage.gaps),
        "unexplained": coverage.unexplained(),
    }


def as_html(coverage: Coverage) -> str:
    """One page: per kind, each thing with the recordings that exercise it, gaps marked."""
    parts = [
        "<!doctype html><meta charset=utf-8><title>Recording coverage</title>",
        "<style>body{font:14px sans-serif;margin:2em}td{padding:2px 8px}"
        ".gap{background:#fdd}.why{background:#ffd}</style><h1>Recording coverage</h1>",
    ]
    for kind in KINDS:
        things = sorted(coverage.universe.things.get(kind, ()))
        parts.append(f"<h2>{html.escape(kind)}s</h2><table>")
        for thing in things:
            names = sorted(coverage.by.get(kind, {}).get(thing, ()))
            why = coverage.gaps.get(f"{kind} {thing}", "")
            style = "" if names else (' class="why"' if why else ' class="gap"')
            said = ", ".join(names) or (f"none: {why}" if why else "none")
            parts.append(f"<tr{style}><td>{html.escape(thing)}<td>{html.escape(said)}")
        parts.append("</table>")
    return "\n".join(parts) + "\n"
