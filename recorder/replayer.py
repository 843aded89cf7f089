"""The replay engine: drive the real app from a recording and judge what it does.

The app is started through a factory the caller passes in (the recorder never imports `app`),
on a throw-away copy of the starting state, with the recorded clock, ids and password checks
fed back. Each step re-drives one UI event as real Qt input, then the domain events appended
under that step's correlation id are compared with the recorded ones.
"""

from __future__ import annotations

import difflib
import json
import shutil
import sqlite3
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QLocale, QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from domain.bus import CommandBus
from domain.clock import Clock, IdGenerator
from domain.events import RecordedEvent
from domain.passwords import Passwords
from recorder import actions, observe
from recorder.capture import ACTIVITY_KINDS, INPUT_KINDS, Recorder
from recorder.compare import Fact, actual_facts, diff, expected_facts
from recorder.digests import projection_digests
from recorder.fidelity import differences, replayed_ui_events
from recorder.fileformat import Recording
from recorder.replay_store import seed_replay_store
from recorder.schema import UiEvent
from recorder.tape import ReplayTape
from recorder.targets import ignore_existing_windows, known_paths
from recorder.timer import FAST, Pace, StepTimer

WAIT_TIMEOUT_MS = 5000
LATE_EVENTS_MS = 3000  # how long a step may take to produce its events (worker threads)
RETRY_MS = 20
ACTIVATE_MS = 2000  # how long to wait for a window to become active before a key goes anyway


@dataclass(frozen=True)
class ReplaySetup:
    """What the app factory gets: where the throw-away store is, and what to feed back."""

    db_path: Path
    clock: Clock
    ids: IdGenerator
    passwords: Passwords
    context: Callable[[], Mapping[str, Any]]
    window_size: tuple[int, int] | None
    answer: Callable[[str], str]  # the recorded answer of a dialog, by kind ("file_dialog")


@dataclass
class ReplayTarget:
    """What the factory returns: the window being driven, the bus to watch, how to stop."""

    window: QWidget
    bus: CommandBus
    close: Callable[[], None]
    # The replayed app's own recorder (into the throw-away store): it reports the app timers
    # and jobs the replay waits for, and what it records is compared with the recording.
    recorder: Recorder | None = None


AppFactory = Callable[[ReplaySetup], ReplayTarget]

EXIT_CODES = {"identical": 0, "reproduced": 0, "diverged": 1, "exception": 1, "could_not_replay": 2}


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
    screen: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.status]

    @property
    def passed(self) -> bool:
        """What CI asks: the app did as recorded, and so did the replay's own recorder."""
        return self.exit_code == 0 and not self.recorder_findings

    def report(self, name: str = "") -> str:
        head = {
            "identical": "IDENTICAL",
            "reproduced": "REPRODUCED",
            "diverged": "DIVERGED",
            "exception": "EXCEPTION",
            "could_not_replay": "COULD NOT REPLAY",
        }[self.status]
        where = f" at UI event #{self.step}" if self.step is not None else ""
        lines = [f"{head}{where}{': ' + name if name else ''}"]
        if self.message:
            lines.append(self.message)
        if self.diff:
            lines.append(self.diff)
        if self.traceback:
            lines.append(self.traceback)
        if self.recorder_findings == []:
            lines.append("recorder check: the replay recorded the same inputs")
        elif self.recorder_findings:
            lines.append("recorder check, differences (a finding about the recorder):")
            lines.extend(f"  {finding}" for finding in self.recorder_findings)
        return "\n".join(lines)


@dataclass
class StepResult:
    index: int
    event: UiEvent
    outcome: str
    expected: list[Fact] = field(default_factory=list)
    actual: list[Fact] = field(default_factory=list)


TAB_KEYS = frozenset({Qt.Key.Key_Tab.value, Qt.Key.Key_Backtab.value})
ERROR_DIALOG = "error_dialog"  # the app's dialog for an unexpected exception (app/feedback.py)


def _on_error_dialog(event: UiEvent) -> bool:
    return event.target.split("/", 1)[0] == ERROR_DIALOG


def _latest(views: dict[int, observe.Observation], anchor: int) -> observe.Observation | None:
    """The observation in force before UI event `anchor`: the last one taken at or before it."""
    earlier = [a for a in views if a <= anchor]
    return views[max(earlier)] if earlier else None


def _activity_needed(events: list[UiEvent]) -> list[int]:
    """For each step, how often its timer or job had run by then in the recording."""
    seen: Counter[tuple[str, str]] = Counter()
    needed = []
    for event in events:
        if event.kind in ACTIVITY_KINDS:
            seen[(event.kind, event.target)] += 1
        needed.append(seen[(event.kind, event.target)])
    return needed


class Replayer(QObject):
    step_started = Signal(int)
    step_done = Signal(object)  # StepResult
    finished = Signal(object)  # Verdict

    def __init__(
        self,
        recording: Recording,
        factory: AppFactory,
        pace: Pace = FAST,
        window_size: tuple[int, int] | None = None,
        wait_timeout_ms: int = WAIT_TIMEOUT_MS,
        rebasing: bool = False,
    ) -> None:
        super().__init__()
        self.recording = recording
        self.factory = factory
        self.pace = pace
        self.window_size = window_size
        self.rebasing = rebasing  # keep going past differences, collecting what happens now
        self.tape: ReplayTape | None = None
        self._pace_after_seek: Pace | None = None
        self.wait_timeout_ms = wait_timeout_ms
        self.events = [e for e in recording.ui_events]
        self.index = 0
        self.verdict: Verdict | None = None
        self.target: ReplayTarget | None = None
        self.timer = StepTimer(self._tick)
        self.results: list[StepResult] = []
        self.stop_at: int | None = None  # pause before this index (stepping and seeking)
        self.timings: list[tuple[int, float]] = []  # (recorded ms, replayed ms) per step
        self._actual: dict[str | None, list[RecordedEvent]] = defaultdict(list)
        self._current_seq = 0
        self._waiting_since: float | None = None
        self._checking: StepResult | None = None
        self._exceptions: list[tuple[int, str, str]] = []
        self._activity: Counter[tuple[str, str]] = Counter()  # timers fired, jobs done, now
        self._after_tab = False  # the last input was Tab: the next focus_in is its result
        self._activating_since: float | None = None
        self._activation_given_up = False
        self._step_seq = 0  # the recorded step being replayed: the anchor of observations
        self._replayed_views: dict[int, observe.Observation] = {}
        self._screen_mismatch: tuple[int, list[tuple[str, str, str]]] | None = None
        self._needed = _activity_needed(self.events)
        self._db = Path()  # the throw-away store of the current run
        self.recorder_findings: list[str] | None = None  # None: not checked
        self._workdir = Path(tempfile.mkdtemp(prefix="replayshop-replay-"))
        self._pristine = seed_replay_store(recording, self._workdir / "start")
        self._previous_hook = sys.excepthook
        self._started_at = 0.0

    # --- control ----------------------------------------------------------------------------

    def start(self) -> None:
        self._launch()
        self.timer.start(0)

    def pause(self) -> None:
        self.timer.pause()

    def resume(self) -> None:
        if self.verdict is None:
            self.stop_at = None
            self.timer.start(0)

    def step(self) -> None:
        """Run exactly one more UI event, then pause."""
        if self.verdict is None:
            self.stop_at = self.index + 1
            self.timer.start(0)

    def seek(self, index: int) -> None:
        """Go to just before event `index`: backwards restarts from the start state."""
        index = max(0, min(index, len(self.events)))
        if index < self.index or self.verdict is not None:
            self._shutdown_app()
            self._reset()
            self._launch()
        # Fast-forward, then play on at the chosen pace.
        self._pace_after_seek, self.pace = self.pace, FAST
        self.stop_at = index
        self.timer.start(0)

    def close(self) -> None:
        self.timer.pause()
        self._shutdown_app()
        shutil.rmtree(self._workdir, ignore_errors=True)

    # --- running ----------------------------------------------------------------------------

    def _reset(self) -> None:
        self.index, self.verdict, self.results = 0, None, []
        self._actual.clear()
        self._current_seq, self._waiting_since, self._checking = 0, None, None
        self._exceptions = []
        self._activity.clear()
        self._after_tab = False
        self._replayed_views, self._screen_mismatch = {}, None
        self.timings = []

    def _launch(self) -> None:
        run_dir = Path(tempfile.mkdtemp(dir=self._workdir))
        db = self._db = run_dir / "shop.db"
        shutil.copyfile(self._pristine, db)
        tape = self.tape = ReplayTape(self.recording.inputs, lenient=self.rebasing)
        locale = self.recording.meta.get("locale")
        if locale:
            QLocale.setDefault(QLocale(locale))
        setup = ReplaySetup(
            db,
            tape.clock,
            tape.ids,
            tape.passwords(),
            self._context,
            self.window_size,
            tape.take,
        )
        sys.excepthook = self._on_exception
        ignore_existing_windows()
        self.target = self.factory(setup)
        self.target.bus.subscribers.append(self._on_events)
        if self.target.recorder is not None:
            self.target.recorder.activity_listeners.append(self._on_activity)
            # Its observations are filed under the recorded steps (what a rebase keeps).
            self.target.recorder.anchor_for = lambda _seq: self._step_seq
            self.target.recorder.observation_listeners.append(self._on_observation)
        self._started_at = time.monotonic()

    def _shutdown_app(self) -> None:
        sys.excepthook = self._previous_hook
        if self.target is not None:
            self.target.close()
            self.target = None

    def _context(self) -> Mapping[str, Any]:
        return {
            "correlation_id": f"ui-{self._current_seq}" if self._current_seq else None,
            "session": "replay",
        }

    def _on_activity(self, kind: str, target: str) -> None:
        self._activity[(kind, target)] += 1

    def _on_events(self, events: list[RecordedEvent]) -> None:
        for event in events:
            self._actual[event.metadata.get("correlation_id")].append(event)

    def _on_exception(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        import traceback

        text = "".join(traceback.format_exception(kind, error, tb))
        self._exceptions.append((self._current_seq, kind.__name__, text))

    def _tick(self) -> int | None:
        if self._checking is not None:
            return self._check_step()
        if self.index >= len(self.events):
            self._step_seq = max((e.seq for e in self.events), default=0) + 1
            return self._finish_all()
        if self.stop_at is not None and self.index >= self.stop_at:
            self.timer.pause()
            if self._pace_after_seek is not None:
                self.pace, self._pace_after_seek = self._pace_after_seek, None
            return None
        event = self.events[self.index]
        if self._waiting_since is None:
            self.step_started.emit(self.index)
        if event.kind in INPUT_KINDS:  # as the recorder does: commands belong to an input
            self._current_seq = event.seq
        if event.kind == "focus_in" and self._after_tab:
            # Where Tab took the focus is the app's doing, not the user's: check it before the
            # step puts the focus where the user's went (a trapped focus would go unseen).
            elsewhere = actions.focus_elsewhere(event)
            if elsewhere is not None:
                return self._end(
                    Verdict(
                        "diverged",
                        event.seq,
                        f"Tab moved the focus to {elsewhere}; in the recording it moved to "
                        f"{event.target}{' [' + event.sub + ']' if event.sub else ''}",
                    )
                )
        if event.kind in INPUT_KINDS:
            self._after_tab = event.kind == "key_press" and event.data.get("key") in TAB_KEYS
        self._step_seq = event.seq
        if not self._activation_given_up and actions.activate_for(event):
            now = time.monotonic()
            self._activating_since = self._activating_since or now
            if (now - self._activating_since) * 1000 < ACTIVATE_MS:
                return RETRY_MS  # the window manager has not activated the window yet
            self._activation_given_up = True  # it never will here: do not wait at every key
        self._activating_since = None
        if event.kind in ACTIVITY_KINDS:
            key = (event.kind, event.target)
            ready = self._activity[key] >= self._needed[self.index]
            outcome = actions.Outcome.READY if ready else actions.Outcome.WAIT
        else:
            outcome = actions.apply(event)
        if outcome is actions.Outcome.WAIT and _on_error_dialog(event):
            return self._recorded_exception_missing(event)
        if outcome is actions.Outcome.WAIT:
            now = time.monotonic()
            self._waiting_since = self._waiting_since or now
            if (now - self._waiting_since) * 1000 < self.wait_timeout_ms:
                return RETRY_MS
            return self._could_not_replay(event)
        self._waiting_since = None
        recorder = self.target.recorder if self.target is not None else None
        skipped = outcome is actions.Outcome.SKIPPED
        if skipped and recorder is not None and event.seq in self.recording.observations:
            # Not replayed (a release over a dialog that had closed), so the replay's recorder
            # would not look now: what the user saw here is compared all the same.
            recorder.observe(event.seq)
        self.timings.append((event.t_ms, (time.monotonic() - self._started_at) * 1000))
        expected = expected_facts(self.recording.expected_for(event.seq))
        self._checking = StepResult(self.index, event, outcome.value, expected)
        self._check_started = time.monotonic()
        return self._check_step()

    def _check_step(self) -> int | None:
        result = self._checking
        assert result is not None
        if self._screen_mismatch is not None:
            return self._screen_differs(*self._screen_mismatch)
        event = result.event
        result.actual = actual_facts(self._actual.get(event.interaction_id, []))
        late = (time.monotonic() - self._check_started) * 1000
        errors = [e for e in self._exceptions if e[0] == event.seq]
        if errors:
            return self._judge_exception(result, errors[0])
        if len(result.actual) < len(result.expected) and late < LATE_EVENTS_MS:
            return RETRY_MS  # a worker thread may still be appending
        self._checking = None
        self.results.append(result)
        self.step_done.emit(result)
        if result.actual != result.expected and not self.rebasing:
            missing = len(result.actual) < len(result.expected)
            return self._end(
                Verdict(
                    "diverged",
                    event.seq,
                    f"step {result.index + 1} of {len(self.events)} ({event.kind} on "
                    f"{event.target}) "
                    + (
                        "did not produce all the recorded domain events"
                        if missing
                        else "produced different domain events"
                    ),
                    diff(result.expected, result.actual),
                )
            )
        self.index += 1
        if self.index >= len(self.events):
            return 0
        gap = self.events[self.index].t_ms - event.t_ms
        return self.pace.delay(gap)

    def _judge_exception(self, result: StepResult, error: tuple[int, str, str]) -> int | None:
        seq, kind, text = error
        recorded = [e for e in self.recording.exceptions if e["ui_seq"] == seq]
        self._checking = None
        self.results.append(result)
        self.step_done.emit(result)
        if recorded and recorded[0]["type"] == kind:
            return self._end(
                Verdict(
                    "reproduced",
                    seq,
                    f"the recorded {kind} was raised again at the same step",
                    traceback=text,
                )
            )
        if recorded and kind == "TapeExhausted":  # it went on where the recording crashed
            message = (
                f"the recorded {recorded[0]['type']} at UI event #{seq} did not happen: the "
                f"replayed app went on, {text.splitlines()[-1].split(': ', 1)[-1]}"
            )
            return self._end(Verdict("diverged", seq, message, traceback=text))
        if recorded:
            message = f"{kind} was raised where the recording raised {recorded[0]['type']}"
            return self._end(Verdict("diverged", seq, message, traceback=text))
        if kind == "TapeExhausted":  # it needed more ids or times: it did more than recorded
            return self._end(
                Verdict(
                    "diverged",
                    seq,
                    f"the replayed app {text.splitlines()[-1]}".replace(
                        "recorder.tape.TapeExhausted: ", ""
                    ),
                    traceback=text,
                )
            )
        return self._end(
            Verdict(
                "exception",
                seq,
                f"{kind} was raised, and the recording had no exception here",
                traceback=text,
            )
        )

    def replayed_observations(self) -> list[tuple[int, str]]:
        """(anchor, change) as the replay's own recorder stored them (what a rebase keeps)."""
        recorder = self.target.recorder if self.target is not None else None
        if recorder is None:
            return []
        recorder.sink.flush(wait=True)
        conn = sqlite3.connect(self._db)
        try:
            rows = conn.execute(
                "SELECT anchor, change FROM ui_observations WHERE session_id = ? ORDER BY anchor",
                (recorder.session_id,),
            ).fetchall()
        finally:
            conn.close()
        return [(int(a), str(c)) for a, c in rows]

    def actual_events(self) -> list[RecordedEvent]:
        """Everything the replayed app appended, in order (what a rebase records)."""
        return sorted(
            (e for events in self._actual.values() for e in events), key=lambda e: e.position
        )

    def _finish_all(self) -> int | None:
        if self.target is not None and self.target.recorder is not None:
            self.target.recorder.observe_end()
        if self._screen_mismatch is None and not self.rebasing:
            self._screen_mismatch = self._unseen_differences()
        if self._screen_mismatch is not None:
            return self._screen_differs(*self._screen_mismatch)
        if not self.rebasing and (differing := self._read_models_differ()):
            return self._end(
                Verdict(
                    "diverged",
                    None,
                    "the read models differ at the end of the session: "
                    + ", ".join(differing)
                    + " (a projection holds other rows than when the session was exported)",
                )
            )
        if self.rebasing:
            return self._end(Verdict("identical", None, "rebased"))
        expected_ids = {e.interaction_id for e in self.events}
        strays = [
            e for key, events in self._actual.items() if key not in expected_ids for e in events
        ]
        unreplayed = [e for e in self.recording.expected if e.correlation_id not in expected_ids]
        if strays or unreplayed:
            return self._end(
                Verdict(
                    "diverged",
                    None,
                    "domain events that no UI event explains",
                    diff(expected_facts(unreplayed), actual_facts(strays)),
                )
            )
        self.recorder_findings = self._check_recorder()
        if self.recording.exceptions:
            first = self.recording.exceptions[0]
            return self._end(
                Verdict(
                    "diverged",
                    first["ui_seq"],
                    f"the recorded {first['type']} was not raised again",
                )
            )
        return self._end(
            Verdict(
                "identical",
                None,
                f"{len(self.events)} UI events replayed, "
                f"{len(self.recording.expected)} domain events matched",
            )
        )

    def _recorded_exception_missing(self, event: UiEvent) -> int | None:
        """A step on the error dialog of a recorded exception that the replay did not raise:
        the dialog exists only because of the exception, so this is that exception missing."""
        earlier = [e for e in self.recording.exceptions if e["ui_seq"] <= event.seq]
        if not earlier:
            return self._could_not_replay(event)
        first = earlier[0]
        return self._end(
            Verdict(
                "diverged",
                first["ui_seq"],
                f"the recorded {first['type']} at UI event #{first['ui_seq']} did not happen "
                f"(UI event #{event.seq} was on its error dialog)",
            )
        )

    def _check_recorder(self) -> list[str] | None:
        """What the replay's own recorder made of the same inputs, against the recording."""
        recorder = self.target.recorder if self.target is not None else None
        if recorder is None:
            return None
        recorder.sink.flush(wait=True)
        replayed = replayed_ui_events(self._db, recorder.session_id)
        # Steps the replay skipped on purpose (a release over a dialog that had closed) are
        # not asked of its recorder.
        applied = [r.event for r in self.results if r.outcome != actions.Outcome.SKIPPED.value]
        return differences(applied, replayed)

    def _on_observation(self, anchor: int, shown: observe.Observation) -> None:
        """The replay's recorder stored what the replayed app shows before step `anchor`."""
        self._replayed_views[anchor] = shown
        if self.rebasing or self._screen_mismatch is not None:
            return
        expected = _latest(self.recording.observations, anchor)
        if expected is not None:
            found = observe.differences(expected, shown)
            if found:
                self._screen_mismatch = (anchor, found)

    def _unseen_differences(self) -> tuple[int, list[tuple[str, str, str]]] | None:
        """Recorded observations the replay's recorder had no reason to repeat (nothing had
        changed for it): compared with what it showed last before them."""
        for anchor, expected in sorted(self.recording.observations.items()):
            if anchor in self._replayed_views:
                continue
            shown = _latest(self._replayed_views, anchor)
            found = observe.differences(expected, shown or {})
            if found:
                return anchor, found
        return None

    def _screen_differs(self, seq: int, found: list[tuple[str, str, str]]) -> int | None:
        last = max((e.seq for e in self.events), default=0)
        where = "at the end of the session" if seq > last else f"before UI event #{seq}"
        shown = []
        for path, seen, now in found[:3]:
            lines = difflib.unified_diff(
                seen.splitlines(),
                now.splitlines(),
                "seen by the user",
                "replayed",
                lineterm="",
                n=1,
            )
            shown.append(f"{path}:\n" + "\n".join(list(lines)[2:]))
        more = len(found) - 3
        return self._end(
            Verdict(
                "diverged",
                min(seq, last),
                f"what the user saw differs {where}: "
                f"{', '.join(p for p, _, _ in found[:3])}"
                + (f" and {more} more" if more > 0 else ""),
                "\n".join(shown),
                screen=found,
            )
        )

    def _read_models_differ(self) -> list[str]:
        recorded = self.recording.meta.get("projection_digests") or ""
        if not recorded:
            return []
        expected: dict[str, str] = json.loads(recorded)
        actual = projection_digests(self._db)
        return sorted(name for name, digest in expected.items() if actual.get(name) != digest)

    def _could_not_replay(self, event: UiEvent) -> int | None:
        if event.kind in ACTIVITY_KINDS:
            what = "timer" if event.kind == "timer" else "background job"
            done = "fired" if event.kind == "timer" else "finished"
            return self._end(
                Verdict(
                    "could_not_replay",
                    event.seq,
                    f"the app's {what} {event.target} {done} "
                    f"{self._activity[(event.kind, event.target)]} times within "
                    f"{self.wait_timeout_ms / 1000:g} s; the recording needs "
                    f"{self._needed[self.index]} by this step",
                )
            )
        name = f"{event.target}{' [' + event.sub + ']' if event.sub else ''}"
        widget = actions.target_of(event)
        wanted = bool(event.data.get("enabled", True))
        if widget is not None and widget.isVisible() and widget.isEnabled() != wanted:
            # It is there and shown, but the app left it in another state than the user saw:
            # that is the app behaving differently, not a recording that cannot be followed.
            state = ("disabled", "enabled") if wanted else ("enabled", "disabled")
            return self._end(
                Verdict(
                    "diverged",
                    event.seq,
                    f"{name} stayed {state[0]} for {self.wait_timeout_ms / 1000:g} s; when the "
                    f"user's {event.kind} reached it, it was {state[1]}",
                )
            )
        closest = difflib.get_close_matches(event.target, known_paths(), n=3, cutoff=0.4)
        hint = f"; closest existing paths: {', '.join(closest)}" if closest else ""
        return self._end(
            Verdict(
                "could_not_replay",
                event.seq,
                f"widget {event.target}{' [' + event.sub + ']' if event.sub else ''} was not "
                "found, "
                f"visible and enabled within {self.wait_timeout_ms / 1000:g} s{hint}",
            )
        )

    def _end(self, verdict: Verdict) -> int | None:
        verdict.recorder_findings = self.recorder_findings
        self.verdict = verdict
        self.timer.pause()
        sys.excepthook = self._previous_hook
        self.finished.emit(verdict)
        return None
