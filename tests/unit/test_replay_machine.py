"""The replay's states and moves (recorder/replay/machine.py), without Qt."""

from __future__ import annotations

import pytest

from recorder.replay.machine import (
    ANYWHERE,
    TRANSITIONS,
    Happened,
    IdleClock,
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


def test_the_idle_clock_counts_a_stall_as_one_turn_and_a_working_app_not_at_all() -> None:
    wall = FakeClock()
    clock = IdleClock(wall, stall_s=0.05)
    readings = []
    for step in (0.02, 0.02, 3.0, 0.02):  # turns on time, one 3 s stall, one on time again
        wall.now += step
        readings.append(clock())
    assert readings == pytest.approx([0.02, 0.04, 0.09, 0.11])
    working = True
    clock.working = lambda: working
    wall.now += 0.02
    assert clock() == pytest.approx(0.11)  # the app's worker thread ran: not counted
    working = False
    wall.now += 0.02
    assert clock() == pytest.approx(0.13)


def test_a_wait_on_a_stalled_machine_lasts_as_many_turns_as_on_a_quiet_one() -> None:
    """The limit is reached after the same number of turns however late each turn came."""

    def turns_until_timed_out(turn_s: float) -> int:
        wall = FakeClock()
        machine = ReplayMachine(IdleClock(wall, stall_s=0.05))
        walk(machine, Happened.LAUNCHED, Happened.BEGUN, Happened.TARGET_MISSING)
        turns = 0
        while machine.waited_ms() < 5000:
            wall.now += turn_s
            turns += 1
        return turns

    quiet = turns_until_timed_out(0.05)
    assert turns_until_timed_out(2.0) == quiet and quiet in (100, 101)  # 101: float rounding


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
