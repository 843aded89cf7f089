"""Every figure in the README's performance table comes from benchmarks/results.json."""

from __future__ import annotations

import json

from benchmarks.readme import END, README, RESULTS, START, render


def test_the_readme_table_is_what_results_json_says() -> None:
    text = README.read_text()
    assert START in text and END in text
    block = text[text.index(START) : text.index(END) + len(END)]
    assert block == render(json.loads(RESULTS.read_text())), (
        "the README's figures differ from benchmarks/results.json: run python -m benchmarks.readme"
    )
