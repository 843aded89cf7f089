"""The verdict of a replay, decided from what it collected: pure, so each rule is tested alone.

The replayer drives the app and collects evidence: the domain events each step produced, the
exceptions raised, what the replayed app showed, and where it could not go on. `judge()` says
what that evidence means against the recording. The replayer asks after every step
(`judge_step`, so it stops at the first divergence) and once at the end (`judge_end`); `judge`
is the same rules over the whole evidence at once. The evidence and the verdict are data of
their own (recorder/replay/verdict.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence

from recorder.capture.observation import Observation, differences
from recorder.replay.compare import Fact, diff
from recorder.replay.verdict import (
    Actual,
    Expected,
    Halt,
    Raised,
    ScreenDifference,
    StepResult,
    Verdict,
    screen_diff,
)

SCREEN_DIFFS_SHOWN = 3
TAPE_EXHAUSTED = (
    "TapeExhausted"  # recorder.capture.tape: the replay asked for more than was recorded
)


def judge(expected: Expected, actual: Actual) -> Verdict | None:
    """The verdict, or None while the evidence does not decide one yet."""
    for step in actual.steps:
        verdict = judge_step(expected, actual, step)
        if verdict is not None or not step.complete:
            return verdict
    if actual.halt is not None:
        return judge_halt(expected, actual.halt)
    return judge_end(expected, actual) if actual.finished else None


def judge_step(expected: Expected, actual: Actual, step: StepResult) -> Verdict | None:
    """One step: what was shown before it, then its exception, then its domain events."""
    seq = step.event.seq
    # Compared where the user's recorder looked, and only there: the replay looks at those
    # moments too (Replayer), and where only the replay looked the recording does not say
    # what the user saw (typing changes a field without a look).
    # An exception first: it explains a screen that differs after it. One raised after an
    # earlier step was checked (by a timer that step released, say) is judged here, at the
    # next step, rather than never: any earlier verdict would have ended the replay.
    raised = [e for e in actual.exceptions if e.seq <= seq]
    if raised:
        return judge_exception(expected, raised[0])
    seen = expected.observations.get(seq)
    shown = actual.observations.get(seq)
    if seen is not None and shown is not None and (found := differences(seen, shown)):
        return screen_verdict(expected, seq, found)
    if not step.complete or step.actual == step.expected:
        return None
    missing = len(step.actual) < len(step.expected)
    return Verdict(
        "diverged",
        seq,
        f"step {step.index + 1} of {len(expected.ui_events)} ({step.event.kind} on "
        f"{step.event.target}) "
        + (
            "did not produce all the recorded domain events"
            if missing
            else "produced different domain events"
        ),
        diff(step.expected, step.actual),
    )


def judge_exception(expected: Expected, raised: Raised) -> Verdict:
    recorded = [kind for seq, kind in expected.exceptions if seq == raised.seq]
    seq, kind, text = raised.seq, raised.type, raised.traceback
    last_line = text.strip().splitlines()[-1] if text.strip() else kind
    if recorded and recorded[0] == kind:
        return Verdict(
            "reproduced", seq, f"the recorded {kind} was raised again at the same step", "", text
        )
    if recorded and kind == TAPE_EXHAUSTED:  # it went on where the recording crashed
        message = (
            f"the recorded {recorded[0]} at UI event #{seq} did not happen: the replayed app "
            f"went on, {last_line.split(': ', 1)[-1]}"
        )
        return Verdict("diverged", seq, message, traceback=text)
    if recorded:
        message = f"{kind} was raised where the recording raised {recorded[0]}"
        return Verdict("diverged", seq, message, traceback=text)
    if kind == TAPE_EXHAUSTED:  # it needed more ids or times: it did more than recorded
        message = f"the replayed app {last_line}".replace(
            "recorder.capture.tape.TapeExhausted: ", ""
        )
        return Verdict("diverged", seq, message, traceback=text)
    site = f" {raised.site}" if raised.site else ""
    return Verdict(
        "exception",
        seq,
        f"{last_line} was raised{site}, and the recording had no exception here",
        "",
        text,
    )


def judge_halt(expected: Expected, halt: Halt) -> Verdict:
    if halt.reason == "error_dialog":
        # The error dialog exists only because of an exception: if the recording had one by
        # then, the step shows that exception missing; otherwise the step is just not there.
        earlier = [(seq, kind) for seq, kind in expected.exceptions if seq <= halt.seq]
        if earlier:
            seq, kind = earlier[0]
            return Verdict(
                "diverged",
                seq,
                f"the recorded {kind} at UI event #{seq} did not happen "
                f"(UI event #{halt.seq} was on its error dialog)",
            )
        return Verdict("could_not_replay", halt.seq, halt.message)
    status = "diverged" if halt.reason in ("focus", "enabled") else "could_not_replay"
    return Verdict(status, halt.seq, halt.message)


def judge_end(expected: Expected, actual: Actual) -> Verdict:
    """After the last step: what was shown (including what the replay had no reason to show
    again), the read models, domain events no step explains, and exceptions not raised."""
    if found := screen_difference(expected.observations, actual.observations):
        return screen_verdict(expected, *found)
    differing = sorted(
        name
        for name, digest in expected.projection_digests.items()
        if name in actual.projection_digests and actual.projection_digests[name] != digest
    )
    if differing:
        # Compared only at the end: point at the first step whose domain events touched a
        # row that differs (a review hidden, a cart changed), which is where to look.
        seq = first_step_touching(expected.facts, actual.read_model_rows)
        where = "; the first step whose domain events touch a row that differs" if seq else ""
        if seq is None and touches(expected.start_text, actual.read_model_rows):
            # Rows only the starting state's events made: the projection of those events
            # differs, before any step of the session.
            seq = 0
            where = "; rows the starting state's events made, before any step of the session"
        return Verdict(
            "diverged",
            seq,
            "the read models differ at the end of the session: "
            + ", ".join(differing)
            + " (a projection holds other rows than when the session was exported)"
            + where,
            "\n".join(actual.read_model_rows),
        )
    explained = {e.interaction_id for e in expected.ui_events}
    strays = [
        fact
        for key, facts in actual.by_correlation.items()
        if key not in explained
        for fact in facts
    ]
    if strays or expected.unexplained:
        return Verdict(
            "diverged",
            None,
            "domain events that no UI event explains",
            diff(expected.unexplained, strays),
        )
    if expected.exceptions:
        seq, kind = expected.exceptions[0]
        return Verdict("diverged", seq, f"the recorded {kind} was not raised again")
    matched = sum(len(facts) for facts in expected.facts.values())
    uncompared = not_compared(expected.projection_digests, actual.projection_digests)
    return Verdict(
        "identical",
        None,
        f"{len(expected.ui_events)} UI events replayed, {matched} domain events matched"
        + (f"; not compared: {'; '.join(uncompared)}" if uncompared else ""),
    )


QUOTED = re.compile(r"'([^'\\]{6,})'")  # a string column in a row's repr: ids, names


def _row_values(row_lines: Sequence[str]) -> set[str]:
    """The string values (ids, names) of the "-"/"+" lines of `digests.differing_rows`."""
    return {value for line in row_lines if line[:1] in "-+" for value in QUOTED.findall(line)}


def touches(text: str, row_lines: Sequence[str]) -> bool:
    return any(value in text for value in _row_values(row_lines))


def first_step_touching(facts: Mapping[int, list[Fact]], row_lines: Sequence[str]) -> int | None:
    """The earliest UI event whose domain events name a value of a differing row (its ids,
    a product's name)."""
    values = _row_values(row_lines)
    if not values:
        return None
    for seq in sorted(facts):
        for fact in facts[seq]:
            said = f"{fact.stream_id} {json.dumps(fact.data, ensure_ascii=False)}"
            if any(value in said for value in values):
                return seq
    return None


def not_compared(recorded: Mapping[str, str], replayed: Mapping[str, str]) -> list[str]:
    """Each read model version the replay serves that the recording holds no digest of, said
    by name: a version is never skipped silently. Nothing when the recording kept no digests
    at all (a partial start state, which no replay can rebuild exactly)."""
    if not recorded:
        return []
    held: dict[str, list[str]] = {}
    for key in recorded:
        name, _, version = key.rpartition("_v")
        held.setdefault(name, []).append(version)
    said = []
    for key in sorted(set(replayed) - set(recorded)):
        name, _, version = key.rpartition("_v")
        has = f"holds v{', v'.join(sorted(held[name]))}" if name in held else "holds none"
        said.append(f"{name} v{version} (the recording {has}; `recording rebase` adds it)")
    return said


def latest(views: Mapping[int, Observation], anchor: int) -> Observation | None:
    """The observation in force before UI event `anchor`: the last one taken at or before it."""
    earlier = [a for a in views if a <= anchor]
    return views[max(earlier)] if earlier else None


def screen_difference(
    seen: Mapping[int, Observation], shown: Mapping[int, Observation]
) -> tuple[int, list[ScreenDifference]] | None:
    """The first moment the user looked at which the replay showed something else. Where the
    replay took no look of its own there (it never got that far), its last one stands."""
    for anchor in sorted(seen):
        found = differences(seen[anchor], latest(shown, anchor) or {})
        if found:
            return anchor, found
    return None


def acted_on_first(found: list[ScreenDifference], target: str) -> list[ScreenDifference]:
    """The widgets the step acted on (its target, what is inside it, what holds it) before
    the others, each group in path order: the first lines of a verdict point at the cause."""

    def near(path: str) -> bool:
        return bool(target) and (
            path == target or path.startswith(target + "/") or target.startswith(path + "/")
        )

    return sorted(found, key=lambda difference: not near(difference[0]))


def screen_verdict(expected: Expected, seq: int, found: list[ScreenDifference]) -> Verdict:
    last = expected.last_seq
    where = "at the end of the session" if seq > last else f"before UI event #{seq}"
    target = next((e.target for e in expected.ui_events if e.seq == seq), "")
    found = acted_on_first(found, target)
    more = len(found) - SCREEN_DIFFS_SHOWN
    return Verdict(
        "diverged",
        min(seq, last),
        f"what the user saw differs {where}: "
        f"{', '.join(p for p, _, _ in found[:SCREEN_DIFFS_SHOWN])}"
        + (f" and {more} more (check --verbose lists them all)" if more > 0 else ""),
        screen_diff(found[:SCREEN_DIFFS_SHOWN]),
        screen=found,
    )
