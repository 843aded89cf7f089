"""A replay's verdict, and the evidence it is decided from (recorder/replay/judge.py decides).

Plain data, without Qt or I/O: the replayer fills `Actual` as it goes, `Expected` is what the
recording says, and the `Verdict` is what `replayshop check`, the pytest plugin, the viewer
and the written reports show.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from recorder.capture.observation import Observation
from recorder.capture.schema import UiEvent
from recorder.fileformat.shoprec import Recording
from recorder.replay.compare import Fact, expected_facts

EXIT_CODES = {"identical": 0, "reproduced": 0, "diverged": 1, "exception": 1, "could_not_replay": 2}
HEADS = {
    "identical": "IDENTICAL",
    "reproduced": "REPRODUCED",
    "diverged": "DIVERGED",
    "exception": "EXCEPTION",
    "could_not_replay": "COULD NOT REPLAY",
}
RECORDER_DIFFERS = "RECORDED DIFFERENTLY"

ScreenDifference = tuple[str, str, str]  # (widget path, what the user saw, what the replay shows)


@dataclass
class Verdict:
    status: str  # identical | reproduced | diverged | exception | could_not_replay
    step: int | None = None  # the UI event's seq
    message: str = ""
    diff: str = ""
    traceback: str = ""
    # The replay's own recorder against the recording: [] all matched, None not checked.
    recorder_findings: list[str] | None = None
    # What the user saw against what the replay showed, per widget, when that differed.
    screen: list[ScreenDifference] = field(default_factory=list)
    # The step's input as a person reads it ("key_press 't' on main/…/search"): the replay
    # fills it in (naming a key needs Qt, which this module does without).
    action: str = ""

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.status]

    @property
    def passed(self) -> bool:
        """What CI asks: the app did as recorded, and so did the replay's own recorder."""
        return self.exit_code == 0 and not self.recorder_findings

    def report(self, name: str = "", verbose: bool = False) -> str:
        """The verdict as people read it: the first line names the step and what the user did
        there; `verbose` (check --verbose, JUnit) shows every widget that differs."""
        where = f" at UI event #{self.step}" if self.step is not None else ""
        if self.step == 0:
            where = " at the starting state (before UI event #1)"
        if self.step is None and self.exit_code:
            where = " at the end of the session"
        action = f" ({self.action})" if self.action and self.step is not None else ""
        # The app did as recorded but the replay's own recorder did not: not a pass, and its
        # heading must not read as one.
        head = RECORDER_DIFFERS if self.exit_code == 0 and self.recorder_findings else None
        lines = [f"{head or HEADS[self.status]}{where}{action}{': ' + name if name else ''}"]
        diff = screen_diff(self.screen) if verbose and self.screen else self.diff
        lines.extend(text for text in (self.message, diff, self.traceback) if text)
        if self.recorder_findings == []:
            lines.append("recorder check: the replay recorded the same inputs")
        elif self.recorder_findings:
            lines.append("recorder check, differences (a finding about the recorder):")
            lines.extend(f"  {finding}" for finding in self.recorder_findings)
        return "\n".join(lines)


@dataclass(frozen=True)
class Expected:
    """What the recording says should happen."""

    ui_events: Sequence[UiEvent]
    facts: Mapping[int, list[Fact]]  # by UI event seq: the domain events it caused
    unexplained: list[Fact]  # recorded domain events that no UI event caused
    observations: Mapping[int, Observation]  # what the user saw before UI event `anchor`
    exceptions: Sequence[tuple[int, str]]  # (UI event seq, exception type), in order
    projection_digests: Mapping[str, str]  # empty: not kept (a partial start state)
    # The starting state's events as text (stream and data), to tell a read model that
    # differs in rows only they made from one a step of the session changed.
    start_text: str = ""

    @classmethod
    def of(cls, recording: Recording, projection_digests: Mapping[str, str]) -> Expected:
        seqs = {e.interaction_id: e.seq for e in recording.ui_events}
        facts: dict[int, list[Fact]] = {seq: [] for seq in seqs.values()}
        unexplained = []
        for event in recording.expected:
            seq = seqs.get(event.correlation_id or "")
            if seq is None:
                unexplained.append(event)
            else:
                facts[seq].extend(expected_facts([event]))
        return cls(
            recording.ui_events,
            facts,
            expected_facts(unexplained),
            recording.observations,
            [(int(e["ui_seq"]), str(e["type"])) for e in recording.exceptions],
            projection_digests,
            "\n".join(" ".join(map(str, row)) for row in recording.start_events),
        )

    @property
    def last_seq(self) -> int:
        return max((e.seq for e in self.ui_events), default=0)


@dataclass
class StepResult:
    index: int
    event: UiEvent
    outcome: str
    expected: list[Fact] = field(default_factory=list)
    actual: list[Fact] = field(default_factory=list)
    complete: bool = False  # every domain event it will produce has arrived (or time is up)
    # The input whose commands made its domain events: its own, or for the end of a job whose
    # work began there, that input's (StepApplier.facts_for).
    correlation: str = ""


@dataclass(frozen=True)
class Raised:
    seq: int  # the UI event being handled
    type: str
    traceback: str
    site: str = ""  # the shop's code that raised and the widget that asked (crash_site)


@dataclass(frozen=True)
class Halt:
    """The replay could not go on at a step. `reason`: "focus" (Tab went elsewhere),
    "enabled" (the widget stayed in another state), "error_dialog" (a step on the error
    dialog of an exception that was not raised), or "stuck" (not found, or a timer or job
    that never came)."""

    seq: int
    reason: str
    message: str


@dataclass
class Actual:
    """What the replay collected so far."""

    steps: list[StepResult] = field(default_factory=list)
    exceptions: list[Raised] = field(default_factory=list)
    observations: dict[int, Observation] = field(default_factory=dict)
    halt: Halt | None = None
    finished: bool = False
    # Filled at the end: domain events by correlation id, and the read models' digests.
    by_correlation: Mapping[str | None, list[Fact]] = field(default_factory=dict)
    projection_digests: Mapping[str, str] = field(default_factory=dict)
    # Where digests differ: the rows that differ, "-" as recorded, "+" as replayed.
    read_model_rows: list[str] = field(default_factory=list)


def screen_diff(found: Sequence[ScreenDifference]) -> str:
    """Each widget's text as the user saw it against the replay's, as a unified diff."""
    shown = []
    for path, seen, now in found:
        lines = difflib.unified_diff(
            seen.splitlines(), now.splitlines(), "seen by the user", "replayed", lineterm="", n=1
        )
        shown.append(f"{path}:\n" + "\n".join(list(lines)[2:]))
    return "\n".join(shown)
