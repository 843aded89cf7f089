"""`replayshop recording script`: a recording written out as a pytest-qt test to keep and edit.

Each input becomes a qtbot click or key on the widget found by its path; after each command
the test checks the domain events the recording expected, and where the user looked it checks
what they saw (the widgets that changed since the last look). The steps are grouped and named
as a person would describe them (`recorder/writers/script_steps.py`). The generated test runs on
`recorder/regression/scripted.py`: the app from the factory a replay uses, on the recording's
starting
state, with its ids and times handed back.
"""

from __future__ import annotations

import importlib.util
import json
import math
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from recorder.capture.observation import Observation, delta
from recorder.capture.observation import apply as apply_change
from recorder.fileformat.schema import UiEvent
from recorder.fileformat.shoprec import Recording, load_recording
from recorder.regression.scripted import VIEWPORT
from recorder.replay.compare import expected_facts
from recorder.replay.stepping import TAB_KEYS, on_error_dialog
from recorder.writers.script_steps import Step, Unit, group, product_names

DEFAULT_FACTORY = "app.shell.replay_factory:make_replay_app"
MODIFIER_KEYS = frozenset(
    k.value
    for k in (
        Qt.Key.Key_Shift,
        Qt.Key.Key_Control,
        Qt.Key.Key_Alt,
        Qt.Key.Key_AltGr,
        Qt.Key.Key_Meta,
        Qt.Key.Key_CapsLock,
    )
)
SHORTCUT_HELD = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
SKIPPED = frozenset({"move", "close", "key_release"})  # consequences, or sent with the press
LEFT = Qt.MouseButton.LeftButton.value
RIGHT = Qt.MouseButton.RightButton.value


def modifiers_code(value: int) -> str:
    names = [m.name for m in Qt.KeyboardModifier if m.value and value & m.value]
    return " | ".join(f"Qt.KeyboardModifier.{n}" for n in names)


def widget_code(event: UiEvent) -> str:
    enabled = "" if event.data.get("enabled", True) else ", enabled=False"
    if event.sub == VIEWPORT and not enabled:  # an item view's rows, where it is enabled
        return f"shop.viewport({literal(event.target)})"
    sub = f", {literal(event.sub)}" if event.sub else ""
    return f"shop.widget({literal(event.target)}{sub}{enabled})"


def point_code(event: UiEvent) -> str:
    item = event.data.get("item")
    if item and event.sub == VIEWPORT:
        key = f", key={literal(item['key'])}" if item.get("key") is not None else ""
        column = f", column={int(item['column'])}" if item.get("column") else ""
        return f"shop.row({literal(event.target)}, {int(item['row'])}{key}{column})"
    return f"QPoint({int(event.data.get('x', 0))}, {int(event.data.get('y', 0))})"


def one_line(text: str | None) -> str | None:
    if text is None:
        return None
    text = text.removesuffix(" [disabled]")
    return text if text and "\n" not in text and len(text) <= 40 else None


def label_of(event: UiEvent, seen: Observation) -> str:
    """How a person names what was clicked: its text on screen, else its name."""
    item = event.data.get("item")
    shown = seen.get(event.target, "")
    if item and event.sub == VIEWPORT:
        rows = shown.split("\n")
        if 0 <= item["row"] < len(rows):
            cell = rows[item["row"]].lstrip(">").strip().split(" | ")[0]
            return f'"{cell}" in {event.target.rsplit("/", 1)[-1]}'
    text = one_line(shown)
    return f'"{text}"' if text else event.target.rsplit("/", 1)[-1].replace("_", " ")


class Writer:
    """Walks the UI events once, turning each input into a unit of test code."""

    def __init__(self, recording: Recording) -> None:
        self.recording = recording
        self.events = recording.ui_events
        self.expected = recording.caused_by_ui_event()
        self.refusals: dict[int, list[str]] = {}  # by UI event: its commands' refusals
        for seq, _command, refused in recording.commands:
            if refused:
                self.refusals.setdefault(seq, []).append(refused)
        self.seen: Observation = {}  # what the user saw, whole, as of the last look
        self.units: list[Unit] = []
        # The run of typed text still open, and the widget it goes to (as test code).
        self.typing: tuple[Unit, str] | None = None
        self.after_tab = False
        self.activity: dict[tuple[str, str], int] = {}
        self.used: set[int] = set()

    def run(self) -> list[Unit]:
        for index, event in enumerate(self.events):
            if event.seq in self.used:
                continue
            if event.kind == "combo_select":  # recorded once chosen: seen after the choice
                self.visit(index, event)
                self.look(event.seq)
                continue
            self.look(event.seq)
            self.visit(index, event)
        end = max((e.seq for e in self.events), default=0) + 1
        for anchor in sorted(a for a in self.recording.observations if a >= end):
            self.look(anchor)
        self.typing = None
        self.expect_crashes()
        return self.units

    def expect_crashes(self) -> None:
        """A recorded exception is a crash being reported: the test expects it where the
        session had it, and fails once a fix makes it go away."""
        for error in self.recording.exceptions:
            seq, kind = int(error.get("ui_seq") or 0), str(error.get("type", "Exception"))
            inputs = [u for u in self.units if not u.look and min(u.seqs) <= seq]
            if not inputs:
                continue
            unit = inputs[-1]
            said = f"  # the recorded session raised {comment(kind)} here"
            unit.lines = [f"with shop.raises({literal(kind)}):{said}"] + [
                indent(line, 4) for line in unit.lines
            ]
            unit.ends_step = True

    def add(self, event: UiEvent, lines: list[str], said: str = "", **kw: Any) -> Unit:
        self.typing = None
        unit = Unit([event.seq], lines, said, **kw)
        self.units.append(unit)
        self.caused(unit, event.seq)
        return unit

    def caused(self, unit: Unit, seq: int) -> None:
        events = self.expected.get(seq, [])
        refused = self.refusals.get(seq, [])
        if refused and not events:  # a refusal is a step of its own, checked there
            unit.refused = refused[0]
            unit.lines.append(f"shop.expect_refused({literal(refused[0])})")
            unit.ends_step = True
        if not events:
            return
        unit.events += events
        facts = ",\n".join(fact_code(f) for f in expected_facts(events))
        unit.lines.append(f"shop.expect_events(\n{indent(facts, 4)},\n)")
        unit.ends_step = True

    def look(self, anchor: int) -> None:
        """What the user saw before UI event `anchor`: the widgets that changed."""
        shown = self.recording.observations.get(anchor)
        if shown is None:
            return
        before = self.seen
        change = delta(before, shown)
        self.seen = apply_change(before, change)
        # The app's error dialog is not shown to a test: it catches the exception instead.
        change["set"] = {p: t for p, t in change["set"].items() if not on_error_dialog(p)}
        change["gone"] = [p for p in change["gone"] if not on_error_dialog(p)]
        if not change["set"] and not change["gone"]:
            return
        whole, rows = {}, {}
        for path, text in change["set"].items():
            changed = changed_rows(before.get(path), text)
            if changed is None:
                whole[path] = text
            else:
                rows[path] = changed
        args = [literal(whole, 1)] if whole else []
        if rows:
            args.append(f"rows={literal(rows, 1)}")
        if change["gone"]:
            args.append(f"gone={literal(collapse_gone(change['gone'], before, shown), 1)}")
        line = "shop.sees(\n" + ",\n".join("    " + a for a in args) + ",\n)"
        self.typing = None
        self.units.append(Unit([anchor], [line], look=True))

    def visit(self, index: int, event: UiEvent) -> None:
        kind = event.kind
        if on_error_dialog(event.target):
            return  # shop.raises catches the exception that opened it
        if kind in SKIPPED or (kind == "resize" and event.target != "main"):
            # A button clicks on the key's release: what it caused belongs to the key.
            if self.expected.get(event.seq) and self.units:
                self.caused(self.units[-1], event.seq)
                self.typing = None
            return
        if kind == "dialog_finished":
            if self.units:
                self.units[-1].ends_step = True
            return
        if kind == "resize":
            w, h = int(event.data["w"]), int(event.data["h"])
            self.add(event, [f"shop.window.resize({w}, {h})"])
        elif kind.startswith("mouse_"):
            self.mouse(index, event)
        elif kind == "key_press":
            self.key(event)
        elif kind == "focus_in":
            if self.after_tab:
                sub = f", {literal(event.sub)}" if event.sub else ""
                self.add(event, [f"shop.expect_focus({literal(event.target)}{sub})"])
            self.after_tab = False
        else:
            self.other(event)

    def mouse(self, index: int, event: UiEvent) -> None:
        button = event.data.get("button", LEFT) or LEFT
        if button == RIGHT:
            return  # the context_menu step that follows opens the menu, as the press did
        widget, pos = widget_code(event), point_code(event)
        mods = modifiers_code(int(event.data.get("modifiers", 0)))
        mods = f", {mods}" if mods else ""
        where = f"pos={pos}" if not mods else pos
        said = f"click {label_of(event, self.seen)}"
        page = ""
        if event.target.endswith("/nav") and event.sub == VIEWPORT:
            page = label_of(event, self.seen).split(" in ", 1)[0].strip('"')
        if event.kind == "mouse_press":
            release = self.release_for(index, event)
            if release is not None and release.seq not in self.recording.observations:
                self.used.add(release.seq)
                line = f"qtbot.mouseClick({widget}, LEFT{mods}, {where})"
                unit = self.add(event, [line], said, page=page, ends_step=bool(page))
                unit.seqs.append(release.seq)
                self.caused(unit, release.seq)
                self.after_tab = False
                return
            self.add(event, [f"qtbot.mousePress({widget}, LEFT{mods}, {where})"], said)
        elif event.kind == "mouse_release":
            self.add(event, [f"qtbot.mouseRelease({widget}, LEFT{mods}, {where})"], page=page)
        elif event.kind == "mouse_dblclick":
            self.add(event, [f"qtbot.mouseDClick({widget}, LEFT{mods}, {where})"], said)
        else:
            self.add(event, [f"qtbot.mouseMove({widget}, {pos})"])
        self.after_tab = False

    def release_for(self, index: int, press: UiEvent) -> UiEvent | None:
        """The release that makes this press a click: same place, with only focus between."""
        for later in self.events[index + 1 :]:
            if later.kind == "focus_in":
                continue
            same = (later.target, later.sub, later.data.get("x"), later.data.get("y")) == (
                press.target,
                press.sub,
                press.data.get("x"),
                press.data.get("y"),
            )
            return later if later.kind == "mouse_release" and same else None
        return None

    def key(self, event: UiEvent) -> None:
        key = int(event.data.get("key", 0))
        if key in MODIFIER_KEYS:
            return  # held for the keys that follow, which carry it
        text = str(event.data.get("text", ""))
        mods = int(event.data.get("modifiers", 0))
        typed = len(text) == 1 and text.isprintable() and not mods & SHORTCUT_HELD.value
        field = event.target.rsplit("/", 1)[-1]
        if typed and not event.data.get("masked"):
            where = self.focus_code(event)
            if self.typing is not None and self.typing[1] == where:
                run = self.typing[0]
                text = (run.typed[1] if run.typed else "") + text
                run.typed = (field, text)
                run.said = f'type "{text}" into {field.replace("_", " ")}'
                run.lines = [f"qtbot.keyClicks({where}, {literal(text)})"]
                run.seqs.append(event.seq)
                self.caused(run, event.seq)
                return
            unit = self.add(
                event,
                [f"qtbot.keyClicks({where}, {literal(text)})"],
                f'type "{text}" into {field.replace("_", " ")}',
                typed=(field, text),
            )
            self.typing = None if unit.ends_step else (unit, where)
            self.after_tab = False
            return
        try:
            name: str | None = Qt.Key(key).name
        except ValueError:  # a key Qt has no name for: its code
            name = None
        key_code = f"Qt.Key.{name}" if name else str(key)
        mod_code = modifiers_code(mods)
        args = f"{key_code}, {mod_code}" if mod_code else key_code
        pressed = (name or str(key)).removeprefix("Key_")
        held = mod_code.replace("Qt.KeyboardModifier.", "").replace("Modifier", "+")
        self.add(
            event,
            [f"qtbot.keyClick({self.focus_code(event)}, {args})"],
            f"press {held.replace(' | ', '')}{pressed}",
        )
        self.after_tab = key in TAB_KEYS

    @staticmethod
    def focus_code(event: UiEvent) -> str:
        sub = f", {literal(event.sub)}" if event.sub else ""
        return f"shop.focus({literal(event.target)}{sub})"

    def other(self, event: UiEvent) -> None:
        data, target = event.data, event.target
        sub = f", sub={literal(event.sub)}" if event.sub else ""
        field = target.rsplit("/", 1)[-1].replace("_", " ")
        if event.kind == "text_entered":
            if data.get("masked"):
                fill = str(data.get("fill", "long"))
                stand_in = "  # stands in for what was typed"
                line = f"shop.enter({literal(target)}, masked={literal(fill)}){stand_in}"
                self.add(event, [line], f"enter the {field}", typed=(field, "(masked)"))
            else:
                text = str(data.get("text", ""))
                said = f'type "{text[:30]}" into {field}'
                self.add(
                    event,
                    [f"shop.enter({literal(target)}, {literal(text)})"],
                    said,
                    typed=(field, text),
                )
        elif event.kind == "combo_select":
            text = str(data.get("text", ""))
            line = f"shop.choose({literal(target)}, {literal(text)}, {int(data.get('index', 0))})"
            self.add(event, [line], f'choose "{text}" in {field}')
        elif event.kind == "menu_action":
            action = str(data.get("action", ""))
            words = action.removeprefix("action_").replace("_", " ")
            self.add(
                event,
                [f"shop.menu({literal(action)})"],
                f"choose {words}",
                menu=words,
                ends_step=True,
            )
        elif event.kind == "context_menu":
            pos = f"QPoint({int(data.get('x', 0))}, {int(data.get('y', 0))})"
            self.add(
                event, [f"shop.context_menu({literal(target)}, {pos}{sub})"], f"right-click {field}"
            )
        elif event.kind == "wheel":
            pos = f"QPoint({int(data.get('x', 0))}, {int(data.get('y', 0))})"
            dx = f", dx={int(data['dx'])}" if data.get("dx") else ""
            line = f"shop.wheel({literal(target)}, {pos}, dy={int(data.get('dy', 0))}{dx}{sub})"
            self.add(event, [line], f"scroll the wheel over {field}")
        elif event.kind in ("timer", "job_done"):
            key = (event.kind, target)
            self.activity[key] = self.activity.get(key, 0) + 1
            times = self.activity[key]
            line = f"shop.wait_for({literal(event.kind)}, {literal(target)}, times={times})"
            self.add(event, [line], ends_step=True)


def collapse_gone(gone: list[str], before: Observation, after: Observation) -> list[str]:
    """A dialog or page that went away whole as one `path/*` instead of each of its widgets."""
    gone_set, kept = set(gone), []
    for path in gone:
        parts = path.split("/")
        for k in range(1, len(parts)):
            prefix = "/".join(parts[:k]) + "/"
            under = [p for p in before if p.startswith(prefix)]
            still = any(p.startswith(prefix) for p in after)
            if len(under) >= 2 and gone_set.issuperset(under) and not still:
                kept.append(prefix + "*")
                break
        else:
            kept.append(path)
    return list(dict.fromkeys(kept))


def changed_rows(before: str | None, after: str) -> dict[int, str] | None:
    """The rows of a list or table that changed, when only a few did (a selection moved);
    None when the whole text reads better."""
    if before is None or "\n" not in before:
        return None
    old, new = before.split("\n"), after.split("\n")
    if len(old) != len(new):
        return None
    changed = {n: line for n, line in enumerate(new) if line != old[n]}
    return changed if len(changed) <= 3 and len(new) > 4 else None


def comment(text: str) -> str:
    """A recording's text, safe inside a comment or docstring of the test: one line, no
    quotes or backslashes that could end it (a recording is untrusted input)."""
    return re.sub(r"\s+", " ", text).replace("\\", "/").replace('"', "'").strip()


def indent(text: str, spaces: int) -> str:
    return "\n".join(" " * spaces + line if line else line for line in text.split("\n"))


def literal(value: Any, level: int = 0) -> str:
    """`value` as Python source a person reads: short values on one line, a dict or list
    one entry per line, a text of several lines as one string literal per line."""
    pad, inner = "    " * level, "    " * (level + 1)
    if isinstance(value, str):
        lines = value.split("\n")
        if len(lines) == 1:
            return json.dumps(value, ensure_ascii=False)  # a JSON string is a Python literal
        parts = [json.dumps(s + "\n", ensure_ascii=False) for s in lines[:-1]]
        parts.append(json.dumps(lines[-1], ensure_ascii=False))
        return "(\n" + "".join(f"{inner}{p}\n" for p in parts if p != '""') + f"{pad})"
    if isinstance(value, dict):
        items = [f"{literal(k)}: {literal(v, level + 1)}" for k, v in value.items()]
        brackets = "{}"
    elif isinstance(value, (list, tuple)):
        items = [literal(v, level + 1) for v in value]
        brackets = "[]"
    elif isinstance(value, float) and not math.isfinite(value):
        return f'float("{value}")'  # JSON lets NaN and Infinity in; Python needs them spelled
    else:
        return repr(value)
    flat = brackets[0] + ", ".join(items) + brackets[1]
    if len(flat) <= 72 and "\n" not in flat:
        return flat
    return brackets[0] + "\n" + "".join(f"{inner}{i},\n" for i in items) + pad + brackets[1]


def fact_code(fact: Any) -> str:
    fields = [literal(fact.stream_id), str(fact.version), literal(fact.type)]
    data, at = literal(fact.data, 1), literal(fact.recorded_at)
    flat = f"Fact({', '.join(fields)}, {data}, {at})"
    if len(flat) <= 84 and "\n" not in flat:
        return flat
    return "Fact(\n" + "".join(f"    {f},\n" for f in [*fields, data, at]) + ")"


def test_name(recording: Path) -> str:
    return "test_" + re.sub(r"\W+", "_", recording.stem).strip("_").lower()


def render(recording: Recording, steps: list[Step], source: str, factory: str, name: str) -> str:
    module, _, function = factory.partition(":")
    note = recording.meta.get("note", "").strip() or recording.path.stem
    body = []
    for number, step in enumerate(steps, 1):
        body.append(f"    # {number}. {comment(step.title)}")
        body.append(f"    shop.step({literal(step.title)})")
        body += [indent(line, 4) for unit in step.units for line in unit.lines]
        body.append("")
    body.append("    shop.done()")
    text = "\n".join(body)
    qt = [
        n
        for n, used in (("QPoint", "QPoint(" in text), ("Qt", "Qt." in text or "LEFT" in text))
        if used
    ]
    qt_import = f"from PySide6.QtCore import {', '.join(qt)}\n" if qt else ""
    fact_import = "from recorder.replay.compare import Fact\n" if "Fact(" in text else ""
    left = "LEFT = Qt.MouseButton.LeftButton\n" if "LEFT" in text else ""
    code = f'''# What the user saw is kept as they saw it, long lines and typographic signs too:
# ruff: noqa: E501, RUF001, RUF003
"""{comment(note.splitlines()[0])}

Written from {comment(source)} by `replayshop recording script` on {date.today().isoformat()}.
Edit it as any test: delete a step, change a value. The app starts through the factory a
replay uses, on the recording's starting state, with the recorded ids and times handed back in
the order they were taken. Each failure names its step.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
{qt_import}from pytestqt.qtbot import QtBot

from {module} import {function}
{fact_import}from recorder.regression.scripted import ScriptedShop

RECORDING = Path(__file__).parent / {literal(source)}
{left}

@pytest.fixture
def shop(qtbot: QtBot) -> Iterator[ScriptedShop]:
    with ScriptedShop(RECORDING, {function}, qtbot) as shop:
        yield shop


def {name}(shop: ScriptedShop, qtbot: QtBot) -> None:
'''
    return code + text.rstrip() + "\n"


def script_text(
    recording: Recording, source: str, factory: str, name: str
) -> tuple[str, list[Step]]:
    """The test's source, and its steps."""
    steps = group(Writer(recording).run(), product_names(recording))
    return render(recording, steps, source, factory, name), steps


def write_script(path: Path, output: Path, factory: str = DEFAULT_FACTORY) -> list[Step]:
    """Write the test for the recording at `path` to `output`; return its steps."""
    recording = load_recording(path)
    # Found from the test's own folder, so the two can move together (tests/, recordings/).
    relative = os.path.relpath(Path(path).resolve(), Path(output).resolve().parent)
    text, steps = script_text(recording, Path(relative).as_posix(), factory, test_name(Path(path)))
    Path(output).write_text(text, encoding="utf-8")
    _format(Path(output))
    return steps


def _format(path: Path) -> None:
    """Lay the test out as the project's formatter would, where it is installed (a checkout,
    not the desktop bundle), so a test kept in tests/ passes `make lint` as written."""
    if importlib.util.find_spec("ruff") is None:
        return
    ruff = [sys.executable, "-m", "ruff"]
    # --fix drops the noqa codes this test does not need, and sorts the imports as configured.
    subprocess.run([*ruff, "check", "-q", "--fix", "--exit-zero", "--no-cache", str(path)])
    subprocess.run([*ruff, "format", "-q", "--no-cache", str(path)], check=False)
