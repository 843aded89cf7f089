"""The pure parts of shrinking: which events go together, and ddmin's search."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from recorder.capture.schema import UiEvent
from recorder.regression.shrink import Unit, ddmin, units

SHIFT, T = 16777248, 84


def ev(seq: int, kind: str, target: str = "main/search", **data: object) -> UiEvent:
    return UiEvent(seq, seq * 10, kind, target, data=dict(data))


def test_a_press_stays_with_its_release_and_what_the_app_did_in_answer() -> None:
    events = [
        ev(1, "resize", "main"),  # the window opening: before any input
        ev(2, "key_press", key=SHIFT),
        ev(3, "key_press", key=T, text="T"),
        ev(4, "key_release", key=SHIFT),
        ev(5, "key_release", key=T, text="T"),
        ev(6, "timer", "main/search_debounce"),
        ev(7, "mouse_press", "main/nav"),
        ev(8, "mouse_release", "main/nav"),
        ev(9, "mouse_dblclick", "main/nav"),  # the second click of a double click
        ev(10, "mouse_release", "main/nav"),
        ev(11, "focus_in", "main/cart"),
    ]
    always, groups = units(events)
    assert always == (1,)
    assert groups == [(2, 3, 4, 5, 6), (7, 8, 9, 10, 11)]


def test_ddmin_finds_the_units_the_failure_needs_and_asks_each_subset_once() -> None:
    items: list[Unit] = [(n,) for n in range(1, 101)]
    asked: list[tuple[Unit, ...]] = []

    def fails(candidate: Sequence[Unit]) -> bool:
        asked.append(tuple(candidate))
        return (17,) in candidate and (90,) in candidate

    kept, tests = ddmin(items, fails)
    assert kept == [(17,), (90,)]
    assert tests == len(asked) == len(set(asked))
    assert tests < 60  # far fewer than trying units one by one from the full set


def test_ddmin_keeps_the_last_step_alone_when_that_is_enough() -> None:
    kept, tests = ddmin([(1,), (2,), (3,)], lambda candidate: (3,) in candidate)
    assert (kept, tests) == ([(3,)], 1)


def test_a_spent_budget_keeps_the_smallest_failing_set_found_so_far() -> None:
    from recorder.regression.shrink import Budget, BudgetSpent, ddmin

    budget = Budget(max_replays=4)  # 3 for ddmin, 1 kept for checking the written file
    asked: list[int] = []

    def fails(candidate: Sequence[tuple[int, ...]]) -> bool:
        budget.spend()
        budget.replays.append(1.0)
        asked.append(len(candidate))
        return any(unit == (7,) for unit in candidate)  # unit 7 alone shows the bug

    units = [(n,) for n in range(16)]
    kept, _ = ddmin(units, fails)
    assert len(asked) == 3 and (7,) in kept and len(kept) < len(units)
    assert "at most 1 replays left" in budget.left()
    with pytest.raises(BudgetSpent):
        budget.spend()


def test_the_last_steps_needed_are_found_by_bisection() -> None:
    from recorder.regression.shrink import last_steps_needed

    asked: list[int] = []

    def fails(candidate: Sequence[tuple[int, ...]]) -> bool:
        asked.append(len(candidate))
        return len(candidate) >= 3  # the last three steps show it

    steps = [(n,) for n in range(128)]
    assert last_steps_needed(steps, fails) == 3
    assert len(asked) <= 7  # log2(128)
