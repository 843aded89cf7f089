"""Bringing UI events of older formats to the current one, in memory, while a file is read.

Format 3 kept typing into a password field as one masked event per key (which gave away the
length of the password) and typing into the bug report's note key by key. Format 4 keeps one
`text_entered` event for each run of such typing (recorder/capture/entered.py). A run becomes one
event with the number and time of its last key, so what follows keeps its numbers. Format 3
also kept a file dialog's answer as a whole path; format 4 keeps its file name.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

from domain.model.account import MIN_PASSWORD_LENGTH
from recorder.capture.entered import PASS_THROUGH
from recorder.capture.observation import Observation
from recorder.capture.schema import UiEvent
from recorder.fileformat import validate
from recorder.fileformat.validate import Invalid

BACKSPACE = 0x01000003
# Format 3 had one whole-text field, the report dialog's note; its path ends with this.
WHOLE_TEXT_SUFFIX = "report_dialog/note"


@dataclass
class _Run:
    target: str
    last: UiEvent
    masked: bool
    typed: int = 0  # masked presses, less Backspaces: the length the field ended with


def collapse_typing(events: list[UiEvent]) -> list[UiEvent]:
    masked = {e.target for e in events if e.kind.startswith("key_") and e.data.get("masked")}
    texts: dict[str, str] = {}  # what each whole-text field holds, key by key
    out: list[UiEvent] = []
    run: _Run | None = None

    def close() -> None:
        nonlocal run
        if run is not None:
            out.append(_entered(run, texts))
            run = None

    for event in events:
        whole = event.target.endswith(WHOLE_TEXT_SUFFIX)
        is_key = event.kind in ("key_press", "key_release")
        absorbed = (
            is_key
            and (event.target in masked or whole)
            and (event.data.get("masked") or event.data.get("key") not in PASS_THROUGH)
        )
        if not absorbed:
            close()
            if whole and event.kind == "key_press" and event.data.get("text") == "\r":
                texts[event.target] = texts.get(event.target, "") + "\n"  # Return, kept
            out.append(event)
            continue
        if run is not None and run.target != event.target:
            close()
        if run is None:
            run = _Run(event.target, event, masked=event.target in masked)
        run.last = event
        if event.kind == "key_press":
            _type(run, event, texts)
    close()
    return out


def reanchor(observations: dict[int, Observation], seqs: list[int]) -> dict[int, Observation]:
    """Observations filed under keys that became part of an entry move to the entry: the
    earliest one wins, as it shows what was there before the typing."""
    moved: dict[int, Observation] = {}
    kept = sorted(seqs)
    for anchor in sorted(observations):
        at = bisect.bisect_left(kept, anchor)
        target = kept[at] if at < len(kept) else anchor  # after the last event: the end
        moved.setdefault(target, observations[anchor])
    return moved


def file_name_of_path(path: str, where: str) -> str:
    """A format-3 file-dialog answer was a path: keep its name; refuse one that climbs."""
    parts = {*PurePosixPath(path).parts, *PureWindowsPath(path).parts}
    if ".." in parts:
        raise Invalid(f"{where}: the file-dialog answer {path!r} climbs out of its folder")
    return validate.file_name_of(path)


def _type(run: _Run, event: UiEvent, texts: dict[str, str]) -> None:
    backspace = event.data.get("key") == BACKSPACE
    if run.masked:
        run.typed = (
            max(0, run.typed - 1) if backspace else run.typed + bool(event.data.get("masked"))
        )
        return
    now = texts.get(run.target, "")
    char = str(event.data.get("text", ""))
    if backspace:
        texts[run.target] = now[:-1]
    elif char.isprintable() and char:
        texts[run.target] = now + char


def _entered(run: _Run, texts: dict[str, str]) -> UiEvent:
    if run.masked:
        fill = "empty" if not run.typed else "short" if run.typed < MIN_PASSWORD_LENGTH else "long"
        data: dict[str, object] = {"masked": True, "fill": fill}
    else:
        data = {"text": texts.get(run.target, "")}
    return UiEvent(run.last.seq, run.last.t_ms, "text_entered", run.target, run.last.sub, data)
