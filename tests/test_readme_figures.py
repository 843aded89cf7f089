"""Every figure in the README's performance table comes from benchmarks/results.json."""

from __future__ import annotations

import json
from typing import Any

from benchmarks import profiles
from benchmarks.profiles import where
from benchmarks.readme import (
    CHANGE_END,
    CHANGE_START,
    END,
    LOAD_END,
    LOAD_START,
    MUTATION_END,
    MUTATION_START,
    README,
    REPORT_END,
    REPORT_START,
    RESULTS,
    SCALE_END,
    SCALE_START,
    START,
    SUITE_END,
    SUITE_START,
    render,
    render_change,
    render_load,
    render_mutation,
    render_report_page,
    render_scale,
    render_suite,
)
from benchmarks.readme_why import WHY_END, WHY_START, render_why


def test_the_readme_table_is_what_results_json_says() -> None:
    text = README.read_text()
    assert START in text and END in text
    block = text[text.index(START) : text.index(END) + len(END)]
    assert block == render(json.loads(RESULTS.read_text())), (
        "the README's figures differ from benchmarks/results.json: run python -m benchmarks.readme"
    )


def test_the_read_model_change_figures_are_what_results_json_says() -> None:
    text = README.read_text()
    assert CHANGE_START in text and CHANGE_END in text
    block = text[text.index(CHANGE_START) : text.index(CHANGE_END) + len(CHANGE_END)]
    assert block == render_change(json.loads(RESULTS.read_text()))


def test_the_many_clients_figures_are_what_results_json_says() -> None:
    text = README.read_text()
    assert LOAD_START in text and LOAD_END in text
    block = text[text.index(LOAD_START) : text.index(LOAD_END) + len(LOAD_END)]
    assert block == render_load(json.loads(RESULTS.read_text()))


def test_the_scale_figures_in_the_architecture_are_what_results_json_says() -> None:
    text = (README.parent / "docs" / "architecture.md").read_text()
    assert SCALE_START in text and SCALE_END in text
    block = text[text.index(SCALE_START) : text.index(SCALE_END) + len(SCALE_END)]
    assert block == render_scale(json.loads(RESULTS.read_text()))


def test_the_report_page_figures_are_what_results_json_says() -> None:
    text = README.read_text()
    assert REPORT_START in text and REPORT_END in text
    block = text[text.index(REPORT_START) : text.index(REPORT_END) + len(REPORT_END)]
    figures = json.loads(RESULTS.read_text())
    assert block == render_report_page(figures)
    page = figures["report_page"]  # the steps issue #35 names
    assert {"1000", "100000"} <= set(page["sizes"]) and not page["run"]["quick"]
    assert page["sizes"]["100000"]["steps"] >= 100_000


def test_the_make_test_time_is_what_results_json_says() -> None:
    text = README.read_text()
    assert SUITE_START in text and SUITE_END in text
    block = text[text.index(SUITE_START) : text.index(SUITE_END) + len(SUITE_END)]
    assert block == render_suite(json.loads(RESULTS.read_text()))


def test_the_mutation_figures_are_what_results_json_says() -> None:
    text = README.read_text()
    assert MUTATION_START in text and MUTATION_END in text
    block = text[text.index(MUTATION_START) : text.index(MUTATION_END) + len(MUTATION_END)]
    assert block == render_mutation(json.loads(RESULTS.read_text()))


def test_the_make_test_time_says_whether_it_met_the_aim() -> None:
    run = {
        "seconds": 754,
        "date": "d",
        "cores": 2,
        "commit": "c",
        "load_average_at_start": 0.5,
        "passed": 400,
        "pytest_seconds": 690,
        "busy_processes": 0,
        "green": True,
    }
    figures: dict[str, Any] = {"make_test": run}
    assert "12 min 34 s" in render_suite(figures) and "over the 6 minutes" in render_suite(figures)
    figures["make_test"] = {**run, "seconds": 359}
    assert "5 min 59 s" in render_suite(figures) and "under the 6 minutes" in render_suite(figures)


def test_the_runs_of_the_same_commit_are_told_idle_and_under_stress() -> None:
    run = {
        "seconds": 300,
        "date": "d",
        "cores": 2,
        "commit": "c",
        "load_average_at_start": 0.5,
        "passed": 400,
        "pytest_seconds": 250,
        "busy_processes": 0,
        "green": True,
    }
    stressed = {**run, "busy_processes": 4, "seconds": 600}
    runs = [run, {**run, "seconds": 330}, stressed, {**stressed, "green": False, "seconds": 660}]
    other_commit = {**stressed, "commit": "b", "green": False}
    said = render_suite({"make_test": run, "make_test_runs": [other_commit, *runs]})
    assert "2 of 2 green on an otherwise idle machine (median 5.2 min, slowest 5.5 min)" in said
    assert "1 of 2 green with 4 busy processes loading the machine (median 10.5 min" in said


def test_why_the_targets_are_missed_is_what_results_json_says() -> None:
    text = README.read_text()
    assert WHY_START in text and WHY_END in text
    block = text[text.index(WHY_START) : text.index(WHY_END) + len(WHY_END)]
    assert block == render_why(json.loads(RESULTS.read_text()))


def test_a_profile_is_shared_out_by_where_its_time_went() -> None:
    root = str(profiles.ROOT)
    assert where("~", "<method 'execute' of 'sqlite3.Connection' objects>").endswith(
        "BEGIN (waiting for the lock)"
    )
    assert where("~", "<method 'execute' of 'sqlite3.Cursor' objects>") == "SQLite: the statements"
    assert where("~", "<built-in method _hashlib.openssl_sha256>") == "hashing"
    assert where(f"{root}/domain/writeside/bus.py", "handle").endswith(
        "command bus and unit of work"
    )
    assert where(f"{root}/domain/readside/projections/base.py", "put").endswith("projections")
    assert where("/x/site-packages/sqlalchemy/engine/base.py", "execute") == "SQLAlchemy"
    assert where("/usr/lib/python3.11/json/encoder.py", "encode") == "JSON"
    assert where("/usr/lib/python3.11/abc.py", "x") == "the rest of the standard library"


def test_an_unmeasured_reason_says_which_section_measures_it() -> None:
    said = render_why({})
    assert "`make bench ONLY=profiles`" in said and "`make bench ONLY=load`" in said
    assert "`make bench ONLY=time_travel`" in said and "`make bench ONLY=recorder_cost`" in said
