"""What a #tag is, and how a user's dates become bounds: pure rules."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from domain.model.errors import DatesReversed, InvalidDate
from domain.model.tags import normal_tag, tags_in
from domain.readside.periods import time_range


def test_tags_are_found_once_case_folded_in_order() -> None:
    assert tags_in("Great #Tea pot. #tea again, #Green-tea and #über!") == [
        "tea",
        "green",
        "über",
    ]


@pytest.mark.parametrize("text", ["C# is fine", "rank #1", "a#b", "&#39;", "##", "# space"])
def test_what_is_not_a_tag(text: str) -> None:
    assert tags_in(text) == []


def test_a_tag_longer_than_fifty_characters_is_not_kept() -> None:
    assert tags_in("#" + "a" * 51 + " #ok") == ["ok"]


def test_a_typed_tag_is_spelled_as_stored() -> None:
    assert normal_tag("  #Tea ") == normal_tag("tea") == "tea"


@pytest.fixture
def in_paris(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_days_are_the_users_local_days_whole(in_paris: None) -> None:
    since, until = time_range("2026-11-02", "2026-11-03")
    assert since == "2026-11-01T23:00:00.000000+00:00"  # local midnight, stored in UTC
    assert until == "2026-11-03T23:00:00.000000+00:00"  # exclusive: all of the 3rd is in
    assert time_range("2026-11-02T14:30+01:00") == ("2026-11-02T13:30:00.000000+00:00", None)


@pytest.mark.parametrize("bad", ["yesterday", "2026-13-01", "2026-11-02T10:00"])
def test_a_bad_date_is_named_with_what_is_accepted(bad: str) -> None:
    with pytest.raises(InvalidDate, match="use a day such as 2026-11-02"):
        time_range(bad)


def test_reversed_dates_are_refused() -> None:
    with pytest.raises(DatesReversed, match="swap them"):
        time_range("2026-11-05", "2026-11-01")
