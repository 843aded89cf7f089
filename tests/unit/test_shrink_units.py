"""The pure parts of shrinking: which events go together, and ddmin's search."""

from __future__ import annotations

from collections.abc import Sequence

from recorder.schema import UiEvent
from recorder.shrink import Unit, ddmin, units

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
