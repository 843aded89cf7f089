"""What a replay collects for its verdict: the evidence that recorder/replay/judge.py weighs.

The replayed app's bus hands over every domain event it appends, filed by correlation id, and
its recorder what it showed before each step. A step is decided once its events have come
(or the wait for late ones is over). At the end come the read models and the replay's own
recorder, compared with the recording. The exceptions the app raises are noted by the
replayer, which holds the exception hook.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from domain.model.events import RecordedEvent
from recorder.capture.observation import Observation
from recorder.capture.record import Recorder
from recorder.capture.schema import Picture
from recorder.fileformat import validate
from recorder.fileformat.digests import differing_rows, projection_digests
from recorder.fileformat.shoprec import Recording
from recorder.replay import actions
from recorder.replay.compare import actual_facts
from recorder.replay.fidelity import differences, first_difference, replayed_ui_events
from recorder.replay.judge import judge_exception, judge_step
from recorder.replay.machine import ReplayMachine
from recorder.replay.stepping import LATE_EVENTS_MS
from recorder.replay.verdict import Actual, Expected, StepResult, Verdict

if TYPE_CHECKING:  # the replayer owns the collector: a run-time import would be circular
    from recorder.replay.factory import ReplayTarget


class EvidenceCollector:
    """The evidence of one run from the start state (a seek backwards starts it again)."""

    def __init__(
        self,
        recording: Recording,
        expected: Expected,
        machine: ReplayMachine,
        wait_timeout_ms: int,
        rebasing: bool,
    ) -> None:
        self.recording = recording
        self.expected = expected
        self.machine = machine  # since when a step's events are being waited for
        self.wait_timeout_ms = wait_timeout_ms
        self.rebasing = rebasing  # keep going past differences, but not past an exception
        self.actual = Actual()  # the evidence, judged by recorder.replay.judge
        self.appended: dict[str | None, list[RecordedEvent]] = defaultdict(list)
        self.recorder_findings: list[str] | None = None  # None: not checked
        self.recorder_step: int | None = None  # where the first finding is
        # The replayed app's pictures by recorded step, when its recorder keeps them: told on
        # the GUI thread as each is taken, so a step is done only once its picture is here.
        self.pictures: dict[int, Picture] = {}

    def restart(self) -> None:
        self.actual = Actual()
        self.pictures.clear()  # a step not replayed again has no picture of this run
        self.recorder_findings, self.recorder_step = None, None
        self.appended.clear()

    def on_events(self, events: list[RecordedEvent]) -> None:
        for event in events:
            self.appended[event.metadata.get("correlation_id")].append(event)

    def on_observation(self, anchor: int, shown: Observation) -> None:
        """The replay's recorder stored what the replayed app shows before step `anchor`."""
        self.actual.observations[anchor] = shown

    def on_picture(self, picture: Picture) -> None:
        self.pictures[picture.anchor] = picture

    def actual_events(self) -> list[RecordedEvent]:
        """Everything the replayed app appended, in order (what a rebase records)."""
        return sorted(
            (e for events in self.appended.values() for e in events), key=lambda e: e.position
        )

    def check(self, result: StepResult) -> tuple[bool, Verdict | None]:
        """The step's domain events so far against the recorded ones: whether the step is
        decided, and the verdict if it ends the replay. A decided step joins the evidence."""
        event = result.event
        correlation = result.correlation or event.interaction_id
        result.actual = actual_facts(self.appended.get(correlation, []))
        late = self.machine.waited_ms()
        # A worker thread may still be appending: wait a while for the rest.
        result.complete = len(result.actual) >= len(result.expected) or late >= min(
            LATE_EVENTS_MS, self.wait_timeout_ms
        )
        if self.rebasing:  # keep going past differences, but not past an exception
            raised = [e for e in self.actual.exceptions if e.seq == event.seq]
            verdict = judge_exception(self.expected, raised[0]) if raised else None
        else:
            verdict = judge_step(self.expected, self.actual, result)
        if verdict is None and not result.complete:
            return False, None
        self.actual.steps.append(result)
        return True, verdict

    def finish(self, target: ReplayTarget | None, store_path: Path) -> None:
        """After the last step: every domain event by correlation, the read models, and what
        the replay's own recorder made of the same inputs."""
        self.actual.finished = True
        self.actual.by_correlation = {
            key: actual_facts(events) for key, events in self.appended.items()
        }
        if self.expected.projection_digests:
            if target is not None:
                target.caught_up()
            self.actual.projection_digests = projection_digests(store_path)
            self.actual.read_model_rows = self._differing_rows(store_path)
        recorder = target.recorder if target is not None else None
        self.recorder_findings = self._check_recorder(recorder, store_path)

    def note_recorder_findings(self, verdict: Verdict) -> None:
        """The recorder check goes with every verdict; when the app did as recorded, its
        step is where the replay's recorder first departed from the user's."""
        verdict.recorder_findings = self.recorder_findings
        if verdict.exit_code == 0 and self.recorder_findings and verdict.step is None:
            verdict.step = self.recorder_step  # the app did as recorded; the recorder did not

    def _differing_rows(self, store_path: Path) -> list[str]:
        """The rows behind differing digests, against those the recording kept."""
        recorded, replayed = self.expected.projection_digests, self.actual.projection_digests
        names = [n for n, d in recorded.items() if n in replayed and replayed[n] != d]
        if not names:
            return []
        raw = self.recording.meta.get("read_model_rows", "")
        kept = validate.read_model_rows(raw) if raw else {}
        return differing_rows(kept, store_path, names)

    def _check_recorder(self, recorder: Recorder | None, store_path: Path) -> list[str] | None:
        """What the replay's own recorder made of the same inputs, against the recording."""
        if recorder is None:
            return None
        recorder.sink.flush(wait=True)
        replayed = replayed_ui_events(store_path, recorder.session_id)
        # Steps the replay skipped on purpose (a release over a dialog that had closed) are
        # not asked of its recorder.
        applied = [r.event for r in self.actual.steps if r.outcome != actions.Outcome.SKIPPED.value]
        self.recorder_step = first_difference(applied, replayed)
        return differences(applied, replayed)
