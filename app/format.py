"""Display formats shared by the views."""

from __future__ import annotations

from datetime import datetime


def money(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    return f"{sign}${abs(cents) / 100:,.2f}"


def stars(average: float | None) -> str:
    if average is None:
        return "no ratings"
    full = round(average)
    return "★" * full + "☆" * (5 - full) + f"  {average:.1f}"


def when(iso: str | None) -> str:
    """A stored UTC time in the user's local time zone, to the minute."""
    if not iso:
        return ""
    return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
