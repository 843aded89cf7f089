"""The rule for recordings older than a background job: sign-in's check once ran inside the
input that started it, so those recordings have no `job_done` for it. Their replay delivers
such a job's result before the next step, as it was delivered then; a recording that saw the
job end has its end replayed where it was, and any other job stays held (AppClock)."""

from __future__ import annotations

from recorder.capture.schema import UiEvent
from recorder.capture.virtual_time import JOB_DONE, AppClock
from recorder.replay.compare import Fact
from recorder.replay.fidelity import differences
from recorder.replay.machine import ReplayMachine
from recorder.replay.stepping import StepApplier


def held_clock() -> tuple[AppClock, list[str]]:
    clock = AppClock()
    clock.hold()
    return clock, []


def test_a_once_inline_job_an_older_recording_never_saw_end_is_delivered_before_the_next_step() -> (
    None
):
    clock, delivered = held_clock()
    clock.job_started("sign_in", lambda: None, once_inline=True)
    assert clock.settle_inline(recorded=set()) == ["sign_in"]  # running: the next step waits
    clock.job_finished("sign_in", lambda: delivered.append("sign_in"))
    assert delivered == []  # held, as every job's result in a replay
    assert clock.settle_inline(recorded=set()) == []  # delivered now, nothing left to wait for
    assert delivered == ["sign_in"] and clock.pending() == []


def test_a_recording_that_saw_the_job_end_begins_and_releases_it_where_it_ended() -> None:
    """Its command shows on the screens once written: written where the user's end came, not
    earlier (the user's scrypt took its time, the replay's none)."""
    clock, delivered = held_clock()
    clock.ended_in_recording = frozenset({"sign_in"})
    begun: list[str] = []
    clock.job_started("sign_in", lambda: begun.append("sign_in"), once_inline=True)
    assert clock.settle_inline(recorded={"sign_in"}) == []  # no wait: its job_done step will
    assert begun == [] and clock.pending() == ["job sign_in (not begun)"]
    assert not clock.release(JOB_DONE, "sign_in")  # the job_done step begins it...
    assert not clock.release(JOB_DONE, "sign_in") and begun == ["sign_in"]  # ...once
    clock.job_finished("sign_in", lambda: delivered.append("sign_in"))
    assert clock.settle_inline(recorded={"sign_in"}) == [] and delivered == []
    assert clock.release(JOB_DONE, "sign_in") and delivered == ["sign_in"]  # ...and ends it


def test_the_rule_is_per_job_name() -> None:
    clock, delivered = held_clock()
    clock.job_started("sign_up", lambda: None, once_inline=True)
    clock.job_finished("sign_up", lambda: delivered.append("sign_up"))
    clock.job_started("sign_in", lambda: None, once_inline=True)
    clock.job_finished("sign_in", lambda: delivered.append("sign_in"))
    clock.settle_inline(recorded={"sign_in"})
    assert delivered == ["sign_up"] and clock.pending() == ["job sign_in"]


def test_any_other_job_the_recording_never_saw_end_stays_held() -> None:
    clock, delivered = held_clock()
    clock.job_started("time_travel", lambda: None)
    clock.job_finished("time_travel", lambda: delivered.append("time_travel"))
    assert clock.settle_inline(recorded=set()) == []
    assert delivered == [] and clock.pending() == ["job time_travel"]


def test_a_live_clock_delivers_at_once_and_leaves_nothing_to_settle() -> None:
    clock, delivered = AppClock(), []
    clock.job_started("sign_in", lambda: None, once_inline=True)
    clock.job_finished("sign_in", lambda: delivered.append("sign_in"))
    assert delivered == ["sign_in"] and clock.settle_inline(recorded=set()) == []


def event(seq: int, kind: str, target: str) -> UiEvent:
    return UiEvent(seq, seq * 10, kind, target, "", {"button": 1})


def test_the_recorder_check_passes_the_end_an_older_recording_could_not_have() -> None:
    recorded = [event(1, "mouse_press", "main/account_dialog/submit"), event(2, "timer", "t")]
    replayed = [recorded[0], event(2, JOB_DONE, "sign_in"), event(3, "timer", "t")]
    assert differences(recorded, replayed) == []
    # ...but not one of a job the recording saw end: that one must end where it did.
    recorded_new = [*recorded, event(4, JOB_DONE, "sign_in")]
    assert differences(recorded_new, replayed) != []


def test_a_deferred_jobs_events_are_checked_at_its_end_under_the_input_that_began_it() -> None:
    events = [
        event(1, "key_press", "main/account_dialog/confirm"),
        event(2, "key_release", "main/account_dialog/confirm"),
        event(3, JOB_DONE, "sign_up"),
    ]
    registered = Fact("account-1", 1, "AccountRegistered", {}, "2026-12-06T00:00:00+00:00")
    facts = {1: [registered], 2: [], 3: []}
    applier = StepApplier(events, (), ReplayMachine(), 5000)
    assert applier.recorded_jobs == {"sign_up"}
    applier.begun = ["sign_up"]  # what applying step 1 deferred (AppClock.deferrals)
    assert applier.facts_for(0, facts) == ([], "ui-1")
    assert applier.facts_for(1, facts) == ([], "ui-2")
    assert applier.facts_for(2, facts) == ([registered], "ui-1")


def test_without_a_deferred_job_each_step_has_its_own_events() -> None:
    events = [event(1, "key_press", "main/account_dialog/password"), event(2, JOB_DONE, "x")]
    facts = {1: [Fact("s", 1, "T", {}, "t")], 2: []}
    applier = StepApplier(events, (), ReplayMachine(), 5000)
    assert applier.facts_for(0, facts) == (facts[1], "ui-1")
    assert applier.facts_for(1, facts) == ([], "ui-2")
