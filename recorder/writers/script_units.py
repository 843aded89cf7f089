"""A recording's UI events as units of test code: each input once, as a person would do it.

`Writer` walks the UI events once. A press and its release at the same place become one
click, typed characters one `keyClicks`, a masked entry a stand-in; after each command the
events it appended are checked, and where the user looked, the widgets that changed since the
last look. Consequences (moves, closes, releases, the error dialog) are left out. The units
are then grouped into steps (`recorder/writers/script_steps.py`) and written out
(`recorder/writers/script.py`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from recorder.capture.observation import Observation, delta
from recorder.capture.observation import apply as apply_change
from recorder.capture.schema import UiEvent
from recorder.fileformat.shoprec import Recording
from recorder.replay.compare import expected_facts
from recorder.replay.stepping import TAB_KEYS, on_error_dialog
from recorder.writers.object_map import WidgetPath
from recorder.writers.script_code import (
    comment,
    fact_code,
    indent,
    literal,
    modifiers_code,
    point_code,
    widget_code,
)
from recorder.writers.script_steps import Unit
from recorder.writers.scripted import VIEWPORT

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
        # Where other instances' events are due (a shared store), not yet brought.
        self.others_due = sorted({seq for seq, _ in recording.other_writes})

    def run(self) -> list[Unit]:
        for index, event in enumerate(self.events):
            self.bring_others(event.seq)
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

    def bring_others(self, seq: int) -> None:
        """Other instances' events the window had taken in, or was about to, by UI event
        `seq`: appended to the test's store where a replay appends them."""
        if self.others_due and self.others_due[0] <= seq:
            self.others_due = [due for due in self.others_due if due > seq]
            self.typing = None
            said = "  # other app instances' events that reached the user's window here"
            self.units.append(Unit([seq], [f"shop.others_before({seq}){said}"], others=True))

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
                whole[WidgetPath(path)] = text
            else:
                rows[WidgetPath(path)] = changed
        args = [literal(whole, 1)] if whole else []
        if rows:
            args.append(f"rows={literal(rows, 1)}")
        if change["gone"]:
            gone = collapse_gone(change["gone"], before, shown)
            named = [p if p.endswith("/*") else WidgetPath(p) for p in gone]  # not a pattern
            args.append(f"gone={literal(named, 1)}")
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
                target = literal(WidgetPath(event.target))
                self.add(event, [f"shop.expect_focus({target}{sub})"])
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
                # The click is one unit: what is due by its release (the button's command
                # finds it) comes before it.
                self.bring_others(release.seq)
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
        """The release that makes this press a click: same place, with only focus between.
        By index: a slice of the rest at every press was quadratic in a long session."""
        for k in range(index + 1, len(self.events)):
            later = self.events[k]
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
        return f"shop.focus({literal(WidgetPath(event.target))}{sub})"

    def other(self, event: UiEvent) -> None:
        data, target = event.data, event.target
        sub = f", sub={literal(event.sub)}" if event.sub else ""
        field = target.rsplit("/", 1)[-1].replace("_", " ")
        if event.kind == "text_entered":
            if data.get("masked"):
                fill = str(data.get("fill", "long"))
                stand_in = "  # stands in for what was typed"
                line = (
                    f"shop.enter({literal(WidgetPath(target))}, masked={literal(fill)}){stand_in}"
                )
                self.add(event, [line], f"enter the {field}", typed=(field, "(masked)"))
            else:
                text = str(data.get("text", ""))
                said = f'type "{text[:30]}" into {field}'
                self.add(
                    event,
                    [f"shop.enter({literal(WidgetPath(target))}, {literal(text)})"],
                    said,
                    typed=(field, text),
                )
        elif event.kind == "combo_select":
            text = str(data.get("text", ""))
            index = int(data.get("index", 0))
            line = f"shop.choose({literal(WidgetPath(target))}, {literal(text)}, {index})"
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
                event,
                [f"shop.context_menu({literal(WidgetPath(target))}, {pos}{sub})"],
                f"right-click {field}",
            )
        elif event.kind == "wheel":
            pos = f"QPoint({int(data.get('x', 0))}, {int(data.get('y', 0))})"
            dx = f", dx={int(data['dx'])}" if data.get("dx") else ""
            where = literal(WidgetPath(target))
            line = f"shop.wheel({where}, {pos}, dy={int(data.get('dy', 0))}{dx}{sub})"
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
