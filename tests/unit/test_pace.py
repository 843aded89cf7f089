"""Replay pacing: idle gaps are cut at any speed unless asked to keep them (pure logic)."""

from __future__ import annotations

from recorder.replay.timer import EXACT, FAST, IDLE_GAP_MS, REAL_TIME, Pace, pace_for


def test_real_time_skips_inactivity_like_rrweb() -> None:
    assert REAL_TIME.delay(500) == 500  # the user's own rhythm is kept...
    assert REAL_TIME.delay(60_000) == IDLE_GAP_MS  # ...but not a minute of doing nothing


def test_faster_speeds_divide_the_cut_gap() -> None:
    assert Pace(4.0, skip_idle=True).delay(60_000) == IDLE_GAP_MS // 4
    assert Pace(4.0, skip_idle=True).delay(400) == 100


def test_keeping_idle_gaps_plays_every_gap_as_recorded() -> None:
    assert EXACT.delay(60_000) == 60_000
    assert pace_for(None, fast=False, skip_idle=False) == EXACT


def test_the_command_line_defaults() -> None:
    assert pace_for(None, fast=False) == REAL_TIME
    assert pace_for(2.0, fast=False) == Pace(2.0, skip_idle=True)
    assert pace_for(None, fast=True) == FAST and FAST.delay(60_000) == 0
