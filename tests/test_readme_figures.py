"""Every figure in the README's performance table comes from benchmarks/results.json."""

from __future__ import annotations

import json

from benchmarks.readme import (
    CHANGE_END,
    CHANGE_START,
    END,
    LOAD_END,
    LOAD_START,
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
    render_report_page,
    render_scale,
    render_suite,
)


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
    assert figures["report_page"]["long"]["ui_events"] >= 5000  # the session the issue names


def test_the_make_test_time_is_what_results_json_says() -> None:
    text = README.read_text()
    assert SUITE_START in text and SUITE_END in text
    block = text[text.index(SUITE_START) : text.index(SUITE_END) + len(SUITE_END)]
    assert block == render_suite(json.loads(RESULTS.read_text()))


def test_the_make_test_time_says_whether_it_met_the_aim() -> None:
    figures = {
        "make_test": {
            "seconds": 754,
            "date": "d",
            "cores": 2,
            "commit": "c",
            "load_average_at_start": 0.5,
            "passed": 400,
            "pytest_seconds": 690,
        }
    }
    assert "12 min 34 s" in render_suite(figures) and "over the 10 minutes" in render_suite(figures)
    figures["make_test"]["seconds"] = 599
    assert "9 min 59 s" in render_suite(figures) and "under the 10 minutes" in render_suite(figures)
