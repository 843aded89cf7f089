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
    RESULTS,
    SCALE_END,
    SCALE_START,
    START,
    render,
    render_change,
    render_load,
    render_scale,
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
