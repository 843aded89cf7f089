"""Checking the recorder against itself: a replay runs the recorder too, and what it records
must match the recording one for one. A difference is a finding about the recorder (an input
recorded twice, lost, or named differently), not about the app.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from recorder.capture.inputs import INPUT_KINDS
from recorder.capture.schema import UiEvent
from recorder.capture.virtual_time import ACTIVITY_KINDS, JOB_DONE

# What is compared: the inputs and the app's own timers and jobs. Window moves and focus are
# the window manager's doing, and differ between a desk and a replay without being wrong.
COMPARED = INPUT_KINDS | ACTIVITY_KINDS
# For each kind, the data that must agree (positions do not: a replay clicks the middle of
# an item wherever it is drawn now).
SALIENT = {
    "key_press": ("key", "text", "masked"),
    "key_release": ("key", "text", "masked"),
    "mouse_press": ("button",),
    "mouse_release": ("button",),
    "mouse_dblclick": ("button",),
    "wheel": ("dy", "dx"),
    "combo_select": ("index",),
    "menu_action": ("action",),
    "context_menu": ("reason",),
    "text_entered": ("fill", "text"),
}


def signature(event: UiEvent) -> tuple[Any, ...]:
    keys = SALIENT.get(event.kind, ())
    return (event.kind, event.target, event.sub, *(event.data.get(k) for k in keys))


def replayed_ui_events(db: Path, session_id: str) -> list[UiEvent]:
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(
            "SELECT seq, t_ms, kind, target, sub, data FROM ui_events WHERE session_id = ? "
            "ORDER BY seq",
            (session_id,),
        ).fetchall()
    finally:
        conn.close()
    return [UiEvent(s, t, k, tg, sb, json.loads(d)) for s, t, k, tg, sb, d in rows]


def _compared(
    recorded: list[UiEvent], replayed: list[UiEvent]
) -> tuple[list[UiEvent], list[UiEvent]]:
    """The events of each side that must agree, one for one."""
    compared = COMPARED
    if not any(e.kind in ACTIVITY_KINDS for e in recorded):
        compared = COMPARED - ACTIVITY_KINDS  # recorded before timers and jobs were noted
    ended = {e.target for e in recorded if e.kind == JOB_DONE}
    expected = [e for e in recorded if e.kind in compared]
    # A job that never ends in the recording and ends in its replay ran inside its input when
    # it was recorded (AppClock.settle_inline): the replay delivers it there, unrecorded then.
    # Any other job the recording never saw end stays held in a replay, and never ends there.
    actual = [
        e
        for e in replayed
        if e.kind in compared and not (e.kind == JOB_DONE and e.target not in ended)
    ]
    return expected, actual


def first_difference(recorded: list[UiEvent], replayed: list[UiEvent]) -> int | None:
    """The user's UI event where the replay's recording first departs from theirs: the step
    a recorder finding names."""
    expected, actual = _compared(recorded, replayed)
    for want, got in zip(expected, actual, strict=False):
        if signature(want) != signature(got):
            return want.seq
    if len(expected) > len(actual):
        return expected[len(actual)].seq
    if len(actual) > len(expected) and expected:
        return expected[-1].seq  # the replay's recorder noted more after the user's last
    return None


def differences(recorded: list[UiEvent], replayed: list[UiEvent], limit: int = 5) -> list[str]:
    """Where the replay's recording departs from the user's, first differences first."""
    expected, actual = _compared(recorded, replayed)
    found: list[str] = []
    for n, (want, got) in enumerate(zip(expected, actual, strict=False)):
        if signature(want) != signature(got):
            found.append(
                f"#{want.seq} {' '.join(map(str, signature(want)))} was recorded again as "
                f"{' '.join(map(str, signature(got)))} (input {n + 1})"
            )
            break  # after the first difference the two sequences are out of step
    if not found and len(expected) != len(actual):
        longer, what = (
            (expected, "missing from") if len(expected) > len(actual) else (actual, "extra in")
        )
        extra = longer[min(len(expected), len(actual))]
        found.append(
            f"{abs(len(expected) - len(actual))} inputs {what} the replay's recording, from "
            f"{' '.join(map(str, signature(extra)))}"
        )
    return found[:limit]
