"""`replayshop recording shrink FILE -o SMALL`: the fewest UI events that still fail the same way.

A user's recording of a bug is long: minutes of browsing before the one search that shows it.
Shrinking replays subsets of it and keeps the smallest one that gives the same failure, by
Zeller's delta debugging (ddmin), as property-based testing shrinks a failing example.

- **Units.** Events that only make sense together are kept or dropped together: a press with
  its release (and a double click with its first click), and whatever the app did in between
  (focus changes, timers, finished jobs). What happens before the first input (the window
  opening) is always kept.
- **The tape.** Clock readings and new ids are handed out in order, so dropping a step that
  took some would shift every later one. The first replay notes which values each step took;
  a subset gets exactly the values of its own steps.
- **The same failure** means the same verdict status, on the same widget, with the same
  message and diff (step numbers aside), or, for what the user saw, the same widgets showing
  the same texts.
- Steps after the failing one are dropped at once: the replay never gets past it.
- **Whole steps first.** Units are grouped into the steps a person would name (a step ends
  where a command changed the shop, a page or a menu item was chosen, a dialog closed, or
  the app's timer or job went off); ddmin first drops whole steps, then single units of the
  steps that stay. A long session of wandering before the failure goes in a few replays.
- **A budget.** `max_replays` and `max_seconds` bound the work; when it is spent, the smallest
  recording found so far that fails the same way is written. Each replay reports how many
  are left at most and, from the replays so far, about how long they take.
"""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from recorder.capture.inputs import INPUT_KINDS
from recorder.capture.schema import UiEvent
from recorder.capture.virtual_time import ACTIVITY_KINDS
from recorder.fileformat.shoprec import Recording, RecordingError, load_recording, write_recording
from recorder.replay.factory import AppFactory
from recorder.replay.replayer import Replayer
from recorder.replay.run import run_to_verdict
from recorder.replay.verdict import Verdict

# A step that cannot be applied means the subset makes no sense: say so quickly, not after the
# 5 s a user's recording is given. Too short only costs a smaller result, never a wrong one.
SHRINK_WAIT_MS = 1500
MIN_REPLAYS = 3
DEFAULT_MAX_REPLAYS = 40  # enough for a few hundred UI events; --max-replays for more
PRESSES = {"key_press": "key_release", "mouse_press": "mouse_release"}
Unit = tuple[int, ...]  # the seqs of events kept or dropped together
Failure = Hashable


@dataclass(frozen=True)
class ShrinkResult:
    before: int  # UI events
    after: int
    replays: int
    seconds: float
    failure: str  # the verdict, as the shrunk recording gives it


def units(events: Sequence[UiEvent]) -> tuple[Unit, list[Unit]]:
    """(what is always kept, the units in order)."""
    prefix: list[int] = []
    groups: list[list[int]] = []
    held: set[tuple[str, object]] = set()
    for event in events:
        if event.kind in INPUT_KINDS:
            joins = bool(held) or event.kind == "mouse_dblclick"
            if groups and joins:
                groups[-1].append(event.seq)
            else:
                groups.append([event.seq])
            _track(held, event)
        elif groups:
            groups[-1].append(event.seq)  # what the app did in answer to the last input
        else:
            prefix.append(event.seq)
    return tuple(prefix), [tuple(group) for group in groups]


def _track(held: set[tuple[str, object]], event: UiEvent) -> None:
    key = ("key", event.data.get("key")) if event.kind.startswith("key") else ("mouse", None)
    if event.kind in PRESSES or event.kind == "mouse_dblclick":
        held.add(key)
    elif event.kind in PRESSES.values():
        held.discard(key)


class BudgetSpent(Exception):
    """No replay is left in the shrink's budget: keep what was found so far."""


@dataclass
class Budget:
    """How many replays (and seconds) a shrink may spend, and what it spent."""

    max_replays: int | None = DEFAULT_MAX_REPLAYS
    max_seconds: float | None = None
    started: float = field(default_factory=time.perf_counter)
    replays: list[float] = field(default_factory=list)  # each replay's seconds

    def spend(self) -> None:
        """Before a replay: raise BudgetSpent when none is left (one is kept for checking the
        file written, so `max_replays` holds for the whole shrink)."""
        over_count = self.max_replays is not None and len(self.replays) >= self.max_replays - 1
        elapsed = time.perf_counter() - self.started
        if over_count or (self.max_seconds is not None and elapsed >= self.max_seconds):
            raise BudgetSpent

    def left(self) -> str:
        """'at most 31 replays left, about 50 s': the estimate a progress line shows."""
        if self.max_replays is None:
            return f"{len(self.replays)} replays so far"
        remaining = max(self.max_replays - len(self.replays), 0)  # the last one included
        each = statistics.median(self.replays) if self.replays else 0.0
        seconds = remaining * each
        if self.max_seconds is not None:
            seconds = min(seconds, self.max_seconds - (time.perf_counter() - self.started))
        return f"at most {remaining} replays left, about {max(seconds, 0):.0f} s"


def ddmin(items: Sequence[Unit], fails: Callable[[Sequence[Unit]], bool]) -> tuple[list[Unit], int]:
    """A 1-minimal subsequence of `items` for which `fails` holds (it holds for all of them),
    and how many times `fails` was asked. Answers are remembered, so no subset runs twice.
    When `fails` raises BudgetSpent, the smallest failing subsequence found so far."""
    answers: dict[tuple[Unit, ...], bool] = {}

    def test(candidate: Sequence[Unit]) -> bool:
        key = tuple(candidate)
        if key not in answers:
            answers[key] = fails(candidate)
        return answers[key]

    current = list(items)
    try:
        if len(current) > 1 and test(current[-1:]):  # often the last step alone shows it
            return current[-1:], len(answers)
        n = 2
        while len(current) >= 2:
            size = -(-len(current) // n)
            chunks = [current[i : i + size] for i in range(0, len(current), size)]
            reduced = False
            for chunk in chunks:
                if test(chunk):
                    current, n, reduced = chunk, 2, True
                    break
            if not reduced and len(chunks) > 2:
                for i in range(len(chunks)):
                    rest = [u for j, chunk in enumerate(chunks) if j != i for u in chunk]
                    if test(rest):
                        current, n, reduced = rest, max(n - 1, 2), True
                        break
            if not reduced:
                if n >= len(current):
                    break
                n = min(2 * n, len(current))
    except BudgetSpent:
        pass  # `current` always fails the same way: it is the best so far
    return current, len(answers)


def last_steps_needed(steps: Sequence[Unit], fails: Callable[[Sequence[Unit]], bool]) -> int:
    """How many of the last steps are enough to fail (all of them do), by bisection: about
    log2(len(steps)) replays. Spent budget: all of them."""
    enough, too_few = len(steps), 0
    try:
        while enough - too_few > 1:
            middle = (enough + too_few) // 2
            if fails(steps[-middle:]):
                enough = middle
            else:
                too_few = middle
    except BudgetSpent:
        pass
    return enough


# Where a person would say a step ended (besides a command that changed the shop).
STEP_ENDS = frozenset({"menu_action", "dialog_finished", "close", "combo_select", *ACTIVITY_KINDS})


def steps_of(recording: Recording, groups: Sequence[Unit]) -> list[Unit]:
    """The units joined into the steps a person would name: a step ends after a unit that
    changed the shop, chose a page or a menu item, closed a dialog, or after which the app's
    own timer or job went off."""
    by_seq = {e.seq: e for e in recording.ui_events}
    caused = recording.caused_by_ui_event()
    steps: list[list[int]] = []
    open_step = False
    for unit in groups:
        if not open_step:
            steps.append([])
        steps[-1].extend(unit)
        events = [by_seq[seq] for seq in unit if seq in by_seq]
        open_step = not any(
            seq in caused or e.kind in STEP_ENDS or e.target.endswith("/nav")
            for seq, e in zip(unit, events, strict=False)
        )
    return [tuple(step) for step in steps]


def failure_of(verdict: Verdict, events: Sequence[UiEvent]) -> Failure | None:
    """What makes two failures the same; None when the verdict is not a failure to keep."""
    if verdict.status in ("identical", "could_not_replay"):
        return None
    if verdict.screen:
        return ("screen", tuple(verdict.screen))
    target = next((e.target for e in events if e.seq == verdict.step), "")
    message = re.sub(r"step \d+ of \d+|#\d+", "#", verdict.message)
    return (verdict.status, target, message, verdict.diff)


@dataclass(frozen=True)
class Tape:
    """Which recorded values each step took in the full replay."""

    before: list[tuple[str, str]]  # taken while the app started
    by_step: dict[int, list[tuple[str, str]]]
    after: list[tuple[str, str]]  # never taken (the replay stopped at the failure)

    @classmethod
    def of(cls, recording: Recording, replayer: Replayer) -> Tape:
        consumed = replayer.tape.consumed if replayer.tape else []
        marks = sorted(replayer.tape_marks.items(), key=lambda mark: mark[1])
        by_step = {}
        for n, (seq, start) in enumerate(marks):
            end = marks[n + 1][1] if n + 1 < len(marks) else len(consumed)
            by_step[seq] = consumed[start:end]
        first = marks[0][1] if marks else len(consumed)
        taken: dict[str, int] = {}
        for kind, _ in consumed:
            taken[kind] = taken.get(kind, 0) + 1
        after, seen = [], dict.fromkeys(taken, 0)
        for kind, value in recording.inputs:
            seen[kind] = seen.get(kind, 0) + 1
            if seen[kind] > taken.get(kind, 0):
                after.append((kind, value))
        return cls(consumed[:first], by_step, after)

    def values_for(self, kept: Sequence[int]) -> list[tuple[str, str]]:
        return [
            *self.before,
            *(value for seq in kept for value in self.by_step.get(seq, [])),
            *self.after,
        ]


def subset(recording: Recording, kept: Sequence[int], tape: Tape, keep_end: bool) -> Recording:
    """The recording with only the UI events `kept` (original numbers, so a developer can
    find them in the original), their domain events, exceptions, observations and values."""
    keep = set(kept)
    ours = {e.interaction_id for e in recording.ui_events}
    last = max((e.seq for e in recording.ui_events), default=0)
    meta = {k: v for k, v in recording.meta.items() if k != "projection_digests"}
    return replace(
        recording,
        meta=meta,
        ui_events=[e for e in recording.ui_events if e.seq in keep],
        inputs=tape.values_for(sorted(keep)),
        expected=[
            e
            for e in recording.expected
            if e.correlation_id not in ours or int(str(e.correlation_id)[3:]) in keep
        ],
        exceptions=[e for e in recording.exceptions if e["ui_seq"] in keep],
        observations={
            anchor: seen
            for anchor, seen in recording.observations.items()
            if anchor in keep or (keep_end and anchor > last)
        },
    )


def _replay(recording: Recording, factory: AppFactory) -> tuple[Verdict, Replayer]:
    replayer = Replayer(recording, factory, wait_timeout_ms=SHRINK_WAIT_MS)
    try:
        return run_to_verdict(replayer), replayer
    finally:
        replayer.close()


def shrink_recording(
    path: Path,
    out: Path,
    factory: AppFactory,
    progress: Callable[[str], None] = print,
    budget: Budget | None = None,
) -> ShrinkResult:
    if out.resolve() == Path(path).resolve():
        raise RecordingError(f"shrink writes a new file: give -o another path than {path}")
    budget = budget or Budget()
    if budget.max_replays is not None and budget.max_replays < MIN_REPLAYS:
        raise RecordingError(
            f"a shrink needs at least {MIN_REPLAYS} replays (the recording, it cut after the "
            f"failure, the file written), not {budget.max_replays}"
        )
    recording = load_recording(path)
    verdict, replayer = _replay(recording, factory)
    budget.replays.append(time.perf_counter() - budget.started)  # it counts, as all do
    wanted = failure_of(verdict, recording.ui_events)
    if wanted is None:
        raise RecordingError(
            f"{path} does not fail ({verdict.status}): shrinking keeps a failure, so there is "
            "nothing to keep. Replay it to see."
        )
    tape = Tape.of(recording, replayer)
    progress(f"failure to keep: {verdict.report().splitlines()[0]}")
    always, groups = units(recording.ui_events)
    last = max(e.seq for e in recording.ui_events)
    cut = verdict.step if verdict.step is not None and verdict.step < last else last
    groups = [g for g in groups if g[0] <= cut]  # the replay never gets past the failure
    keep_end = cut == last

    def fails(candidate: Sequence[Unit]) -> bool:
        budget.spend()
        kept = [*always, *(seq for unit in candidate for seq in unit)]
        started = time.perf_counter()
        result, _ = _replay(subset(recording, kept, tape, keep_end), factory)
        budget.replays.append(time.perf_counter() - started)
        same = failure_of(result, recording.ui_events) == wanted
        said = "same failure" if same else result.status
        progress(f"  {len(kept):>5} UI events: {said} ({budget.left()})")
        return same

    if not fails(groups):
        raise RecordingError(
            f"{path}: the failure does not come back when the steps after it are cut; "
            "it depends on timing, so it cannot be shrunk reliably"
        )
    # Whole steps first: the shortest run of last steps that fails (a bisection: a long
    # wander before the failure goes in a few replays), then ddmin over those steps, then
    # over the units inside them.
    every_step = steps_of(recording, groups)
    steps, _ = ddmin(every_step[-last_steps_needed(every_step, fails) :], fails)
    inside = {seq for step in steps for seq in step}
    kept_units, _ = ddmin([g for g in groups if g[0] in inside], fails)
    kept = [*always, *(seq for unit in kept_units for seq in unit)]
    small = subset(recording, kept, tape, keep_end)
    note = f"shrunk from {len(recording.ui_events)} to {len(small.ui_events)} UI events"
    small.meta["note"] = f"{small.meta.get('note', '')}\n\n{note} by replayshop recording shrink"
    small.meta["note"] = small.meta["note"].strip()
    write_recording(small, out)
    final, _ = _replay(load_recording(out), factory)  # the replay the budget kept for this
    if failure_of(final, recording.ui_events) != wanted:
        raise RecordingError(f"the shrunk file {out} no longer fails the same way; keep {path}")
    return ShrinkResult(
        len(recording.ui_events),
        len(small.ui_events),
        len(budget.replays) + 1,  # the original, the cut, ddmin's, the written file
        time.perf_counter() - budget.started,
        final.report(str(out)).splitlines()[0],
    )
