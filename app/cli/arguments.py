"""argparse types shared by the sub-commands: counts and speeds, refused with a message."""

from __future__ import annotations

import argparse


def positive_int(text: str) -> int:
    """argparse's type for a count of at least 1."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return value


MAX_DEMO_EVENTS = 10_000_000


def event_count(text: str) -> int:
    """argparse's type for `demo-data --events`: 1 to 10,000,000 (about an hour's seeding)."""
    value = positive_int(text)
    if value > MAX_DEMO_EVENTS:
        raise argparse.ArgumentTypeError(f"{text!r} is more than {MAX_DEMO_EVENTS:,} events")
    return value


def positive_number(text: str) -> float:
    """argparse's type for a speed: a finite number above 0."""
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not (0 < value < float("inf")):
        raise argparse.ArgumentTypeError(f"{text!r} is not a number above 0 (1, 2, 0.5...)")
    return value
