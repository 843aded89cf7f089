"""The verdict rules, alone: evidence in, verdict out (recorder/replay/judge.py is pure logic)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from xml.etree import ElementTree as ET

from recorder.capture.schema import UiEvent
from recorder.regression.check import Checked, write_junit
from recorder.replay.compare import Fact
from recorder.replay.fidelity import first_difference
from recorder.replay.judge import judge
from recorder.replay.verdict import Actual, Expected, Halt, Raised, StepResult, Verdict

CLICK = UiEvent(1, 0, "mouse_release", "main/catalog/add")
SEARCH = UiEvent(2, 100, "key_press", "main/catalog/search", data={"key": 65})
ADDED = Fact("cart-1", 1, "ItemAdded", {"qty": 1}, "2026-01-01T00:00:00+00:00")


def expected(**changes: object) -> Expected:
    values: dict[str, object] = {
        "ui_events": [CLICK, SEARCH],
        "facts": {1: [ADDED], 2: []},
        "unexplained": [],
        "observations": {2: {"main/catalog/count": "5 products"}},
        "exceptions": [],
        "projection_digests": {},
    }
    values.update(changes)
    return Expected(**values)  # type: ignore[arg-type]


def step(event: UiEvent, facts: list[Fact], wanted: list[Fact]) -> StepResult:
    return StepResult(0 if event is CLICK else 1, event, "applied", wanted, facts, complete=True)


def replayed(**changes: object) -> Actual:
    actual = Actual(
        steps=[step(CLICK, [ADDED], [ADDED]), step(SEARCH, [], [])],
        observations={2: {"main/catalog/count": "5 products"}},
        finished=True,
    )
    for name, value in changes.items():
        setattr(actual, name, value)
    return actual


def test_the_same_evidence_is_identical() -> None:
    verdict = judge(expected(), replayed())
    assert verdict is not None
    assert (verdict.status, verdict.passed) == ("identical", True)
    assert "2 UI events replayed, 1 domain events matched" in verdict.message


def test_no_verdict_while_a_step_still_waits_for_its_events() -> None:
    waiting = StepResult(0, CLICK, "applied", [ADDED], [], complete=False)
    assert judge(expected(), replayed(steps=[waiting], finished=False)) is None


def test_a_step_missing_its_domain_event_diverges_there_with_a_diff() -> None:
    verdict = judge(expected(), replayed(steps=[step(CLICK, [], [ADDED])]))
    assert verdict is not None
    assert (verdict.status, verdict.step) == ("diverged", 1)
    assert "did not produce all the recorded domain events" in verdict.message
    assert "-ItemAdded cart-1@1" in verdict.diff


def test_what_the_user_saw_differing_names_the_widget_and_shows_both_texts() -> None:
    shown = {2: {"main/catalog/count": "10 products"}}
    verdict = judge(expected(), replayed(observations=shown))
    assert verdict is not None
    assert (verdict.status, verdict.step) == ("diverged", 2)
    assert "what the user saw differs before UI event #2: main/catalog/count" in verdict.message
    assert "-5 products" in verdict.diff and "+10 products" in verdict.diff


def test_an_observation_the_replay_did_not_repeat_is_compared_at_the_end() -> None:
    # The replay saw no reason to observe before #2; the last thing it showed (before #1) is
    # what was on the screen then.
    verdict = judge(expected(), replayed(observations={1: {"main/catalog/count": "0 products"}}))
    assert verdict is not None
    assert verdict.status == "diverged"
    assert verdict.screen == [("main/catalog/count", "5 products", "0 products")]


def test_a_look_only_the_replay_took_is_not_compared() -> None:
    # Before #2 the user's recorder did not look (typing alone does not make it look), the
    # replay's did: the recording does not say what the user saw there (its look before #1
    # is older than the typing), so nothing differs.
    seen = {1: {"main/catalog/search": ""}}
    shown = {1: {"main/catalog/search": ""}, 2: {"main/catalog/search": "t"}}
    verdict = judge(expected(observations=seen), replayed(observations=shown))
    assert verdict is not None and verdict.status == "identical"


def test_the_recorded_exception_raised_again_is_reproduced() -> None:
    raised = [Raised(1, "ZeroDivisionError", "Traceback...\nZeroDivisionError: x")]
    verdict = judge(expected(exceptions=[(1, "ZeroDivisionError")]), replayed(exceptions=raised))
    assert verdict is not None
    assert (verdict.status, verdict.exit_code) == ("reproduced", 0)


def test_a_new_exception_is_reported_as_such() -> None:
    raised = [Raised(2, "KeyError", "Traceback...\nKeyError: 'x'")]
    verdict = judge(expected(), replayed(exceptions=raised))
    assert verdict is not None
    assert (verdict.status, verdict.step, verdict.exit_code) == ("exception", 2, 1)


def test_a_recorded_exception_that_never_came_is_a_divergence() -> None:
    verdict = judge(expected(exceptions=[(2, "KeyError")]), replayed())
    assert verdict is not None
    assert verdict.status == "diverged"
    assert "the recorded KeyError was not raised again" in verdict.message


def test_a_step_on_the_error_dialog_of_a_missing_exception_says_so() -> None:
    halt = Halt(2, "error_dialog", "widget error_dialog/ok was not found")
    verdict = judge(expected(exceptions=[(1, "KeyError")]), replayed(halt=halt))
    assert verdict is not None
    assert (verdict.status, verdict.step) == ("diverged", 1)
    assert "did not happen (UI event #2 was on its error dialog)" in verdict.message


def test_a_step_that_cannot_be_applied_cannot_be_replayed() -> None:
    halt = Halt(2, "stuck", "widget main/catalog/search was not found")
    verdict = judge(expected(), replayed(halt=halt))
    assert verdict is not None
    assert (verdict.status, verdict.exit_code) == ("could_not_replay", 2)


def test_read_models_that_differ_at_the_end_are_named() -> None:
    verdict = judge(
        expected(projection_digests={"catalog": "aaa", "carts": "bbb"}),
        replayed(projection_digests={"catalog": "aaa", "carts": "ccc"}),
    )
    assert verdict is not None
    assert verdict.status == "diverged"
    assert "the read models differ at the end of the session: carts" in verdict.message


def test_differing_read_model_rows_point_at_the_first_step_that_touched_them() -> None:
    rows = ["carts_v1 table cart_lines:", "-('cart-1', 'p-tea', 1)", "+('cart-1', 'p-tea', 2)"]
    verdict = judge(
        expected(projection_digests={"carts": "bbb"}),
        replayed(projection_digests={"carts": "ccc"}, read_model_rows=rows),
    )
    assert verdict is not None and verdict.status == "diverged"
    assert verdict.step == CLICK.seq  # its ItemAdded went to stream cart-1
    assert verdict.report().startswith("DIVERGED at UI event #1")
    assert "the first step whose domain events touch a row that differs" in verdict.message


def test_differing_rows_no_step_touched_are_said_to_differ_at_the_end() -> None:
    rows = ["catalog_v2 table products:", "-('p-unknown', 'Kettle')"]
    verdict = judge(
        expected(projection_digests={"catalog": "aaa"}),
        replayed(projection_digests={"catalog": "zzz"}, read_model_rows=rows),
    )
    assert verdict is not None and verdict.step is None
    assert verdict.report().startswith("DIVERGED at the end of the session")


def test_differing_rows_only_the_starting_state_made_are_said_to_come_from_it() -> None:
    rows = ["reviews_v2 table reviews:", "-('review-9', 'hidden')", "+('review-9', 'shown')"]
    verdict = judge(
        expected(projection_digests={"reviews": "aaa"}, start_text="ReviewHidden review-9 {}"),
        replayed(projection_digests={"reviews": "zzz"}, read_model_rows=rows),
    )
    assert verdict is not None and verdict.step == 0
    assert verdict.report().startswith("DIVERGED at the starting state (before UI event #1)")
    assert "rows the starting state's events made" in verdict.message


def test_a_replay_whose_recorder_differs_does_not_read_as_identical() -> None:
    verdict = Verdict("identical", 2, "2 UI events replayed", action="key_press 'a'")
    verdict.recorder_findings = ["#2 key_press 65 was recorded again as key_press 66 (input 2)"]
    assert not verdict.passed
    assert verdict.report().splitlines()[0] == (
        "RECORDED DIFFERENTLY at UI event #2 (key_press 'a')"
    )


def test_the_first_difference_of_the_replays_recorder_is_the_users_step() -> None:
    typed = UiEvent(3, 200, "key_press", "main/catalog/search", data={"key": 66})
    assert first_difference([CLICK, SEARCH], [CLICK, typed]) == SEARCH.seq
    assert first_difference([CLICK, SEARCH], [CLICK]) == SEARCH.seq  # a step went missing
    assert first_difference([CLICK], [CLICK, SEARCH]) == CLICK.seq  # one more after the last
    assert first_difference([CLICK, SEARCH], [CLICK, SEARCH]) is None


def test_a_read_model_version_the_replay_does_not_keep_is_not_compared() -> None:
    """The recording's store also kept review_lookups v1 for a rollback; the replaying
    build serves v2 only. Only what both hold is compared."""
    kept = {"catalog_v2": "aaa", "review_lookups_v1": "old", "review_lookups_v2": "new"}
    verdict = judge(
        expected(projection_digests=kept),
        replayed(projection_digests={"catalog_v2": "aaa", "review_lookups_v2": "new"}),
    )
    assert verdict is not None and verdict.status == "identical", verdict.message


def test_domain_events_no_step_explains_are_a_divergence() -> None:
    stray = Fact("wallet-1", 1, "Deposited", {"cents": 5}, "2026-01-01T00:00:00+00:00")
    verdict = judge(expected(), replayed(by_correlation={None: [stray]}))
    assert verdict is not None
    assert verdict.message == "domain events that no UI event explains"
    assert "+Deposited wallet-1@1" in verdict.diff


def test_junit_has_a_testsuites_root_counts_and_could_not_replay_as_an_error(
    tmp_path: Path,
) -> None:
    results = [
        Checked(Path("a.shoprec"), Verdict("identical"), "", 1.0),
        Checked(Path("b.shoprec"), Verdict("diverged", 4, "the cart differs"), "", 2.0),
        Checked(Path("c.shoprec"), Verdict("could_not_replay", 7, "no widget cart/qty"), "", 0.5),
        Checked(Path("d.shoprec"), None, "d.shoprec is not a Replay Shop recording", 0.0),
    ]
    out = tmp_path / "junit.xml"
    write_junit(out, results, datetime(2026, 11, 30, 12, 0, tzinfo=UTC))
    root = ET.parse(out).getroot()
    assert root.tag == "testsuites"
    [suite] = list(root)
    for element in (root, suite):
        assert element.get("tests") == "4" and element.get("skipped") == "0"
        assert element.get("failures") == "1" and element.get("errors") == "2"
    assert suite.get("timestamp") == "2026-11-30T12:00:00+00:00"
    cases = {case.get("name"): case for case in suite}
    assert cases["b"].find("failure") is not None
    could_not = cases["c"].find("error")
    assert could_not is not None and could_not.get("type") == "CouldNotReplay"
    assert "no widget cart/qty" in (could_not.get("message") or "")
    bad = cases["d"].find("error")
    assert bad is not None and bad.get("type") == "RecordingError"
    assert list(cases["a"]) == []


def test_the_widgets_the_step_acted_on_come_first_and_verbose_lists_them_all(
    tmp_path: Path,
) -> None:
    seen = {f"main/catalog/label{n}": "old" for n in range(6)} | {"main/catalog/search": "t"}
    shown = {f"main/catalog/label{n}": "new" for n in range(6)} | {"main/catalog/search": "T"}
    verdict = judge(expected(observations={2: seen}), replayed(observations={2: shown}))
    assert verdict is not None and verdict.status == "diverged"
    assert verdict.message.startswith(
        "what the user saw differs before UI event #2: main/catalog/search, "
    )  # SEARCH acts on it: it comes first, before the labels in path order
    assert "and 4 more (check --verbose lists them all)" in verdict.message
    verdict.action = "key_press 'A' on main/catalog/search"
    short, full = verdict.report("x.shoprec"), verdict.report("x.shoprec", verbose=True)
    assert short.splitlines()[0] == (
        "DIVERGED at UI event #2 (key_press 'A' on main/catalog/search): x.shoprec"
    )
    assert "label5" not in short and all(f"label{n}:" in full for n in range(6))
    out = tmp_path / "junit.xml"
    write_junit(out, [Checked(Path("x.shoprec"), verdict, "", 1.0)])
    failure = ET.parse(out).getroot().find(".//failure")
    assert failure is not None and "main/catalog/label5:" in (failure.text or "")
