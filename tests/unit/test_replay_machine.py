"""The replay's states and moves (recorder/replay/machine.py), without Qt."""

from __future__ import annotations

import pytest

from recorder.replay.machine import (
    ANYWHERE,
    TRANSITIONS,
    Happened,
    IllegalMove,
    ReplayMachine,
    State,
)


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def walk(machine: ReplayMachine, *moves: Happened) -> State:
    for happened in moves:
        machine.fire(happened)
    return machine.state


def test_a_step_that_goes_through_ends_ready_for_the_next() -> None:
    machine = ReplayMachine()
    moves = (Happened.LAUNCHED, Happened.BEGUN, Happened.APPLIED, Happened.STEP_DONE)
    assert walk(machine, *moves) is State.READY
    assert [to for _, _, to in machine.trail] == [
        State.READY,
        State.APPLYING,
        State.CHECKING,
        State.READY,
    ]


def test_a_key_waits_for_activation_then_for_its_widget_then_for_late_events() -> None:
    machine = ReplayMachine()
    walk(machine, Happened.LAUNCHED, Happened.BEGUN, Happened.NOT_ACTIVE)
    assert machine.state is State.ACTIVATING and machine.waiting
    walk(machine, Happened.ACTIVE, Happened.TARGET_MISSING, Happened.TARGET_MISSING)
    assert machine.state is State.WAITING_FOR_TARGET
    walk(machine, Happened.APPLIED, Happened.EVENTS_PENDING)
    assert machine.state is State.CHECKING
    assert walk(machine, Happened.VERDICT) is State.FINISHED and machine.finished


def test_a_wait_counts_from_when_it_began_not_from_each_retry() -> None:
    clock = FakeClock()
    machine = ReplayMachine(clock)
    walk(machine, Happened.LAUNCHED, Happened.BEGUN)
    clock.now = 1.0
    machine.fire(Happened.ACTIVITY_PENDING)
    clock.now = 3.5
    machine.fire(Happened.ACTIVITY_PENDING)  # still waiting for the same timer
    assert machine.state is State.WAITING_FOR_ACTIVITY and machine.waited_ms() == 2500
    assert walk(machine, Happened.TIMED_OUT) is State.FINISHED


def test_a_stop_point_pauses_before_the_step_and_resuming_goes_on_from_there() -> None:
    machine = ReplayMachine()
    walk(machine, Happened.LAUNCHED, Happened.STOP_POINT)
    assert machine.state is State.PAUSED and not machine.waiting
    assert walk(machine, Happened.RESUMED) is State.READY


def test_a_restart_and_a_broken_step_are_possible_from_anywhere() -> None:
    for state in State:
        for happened, target in ANYWHERE.items():
            machine = ReplayMachine()
            machine.state = state
            assert machine.fire(happened) is target


@pytest.mark.parametrize(
    ("moves", "illegal"),
    [
        ((), Happened.BEGUN),  # nothing is tried before the app has started
        ((Happened.LAUNCHED,), Happened.APPLIED),  # a step is begun before it is applied
        ((Happened.LAUNCHED, Happened.BEGUN), Happened.STEP_DONE),  # checked before done
        ((Happened.LAUNCHED, Happened.BEGUN, Happened.APPLIED), Happened.TARGET_MISSING),
        ((Happened.LAUNCHED, Happened.STOP_POINT), Happened.BEGUN),  # paused: resume first
        ((Happened.LAUNCH_FAILED,), Happened.LAUNCHED),  # finished stays finished
    ],
)
def test_anything_else_is_refused_naming_what_and_where(
    moves: tuple[Happened, ...], illegal: Happened
) -> None:
    machine = ReplayMachine()
    walk(machine, *moves)
    where = machine.state
    with pytest.raises(IllegalMove, match=f"{illegal.value!r} cannot happen while {where.value}"):
        machine.fire(illegal)
    assert machine.state is where  # a refused move changes nothing


def test_every_state_is_reachable_and_only_finished_is_final() -> None:
    reachable, frontier = {State.LAUNCHING}, [State.LAUNCHING]
    while frontier:
        here = frontier.pop()
        for (source, _), target in TRANSITIONS.items():
            if source is here and target not in reachable:
                reachable.add(target)
                frontier.append(target)
    assert reachable == set(State)
    leaving = {source for source, _ in TRANSITIONS}
    assert set(State) - leaving == {State.FINISHED}
