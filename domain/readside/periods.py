"""A range of days or times as a user gives it, turned into bounds on stored ISO times."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from domain.model.clock import to_iso
from domain.model.errors import DatesReversed, InvalidDate


def time_range(since: str = "", until: str = "") -> tuple[str | None, str | None]:
    """(since inclusive, until exclusive) as stored times. A day given for `until` includes
    that whole day; an empty bound is open."""
    low = _bound(since, end_of_day=False) if since.strip() else None
    high = _bound(until, end_of_day=True) if until.strip() else None
    if low is not None and high is not None and high <= low:
        raise DatesReversed(since.strip(), until.strip())
    return low, high


def _bound(text: str, end_of_day: bool) -> str:
    given = text.strip()
    try:
        day = date.fromisoformat(given)
    except ValueError:
        pass
    else:  # a whole day as the user lives it: from local midnight to the next
        if end_of_day:
            day += timedelta(days=1)
        return to_iso(datetime.combine(day, time()).astimezone())
    try:
        moment = datetime.fromisoformat(given)
    except ValueError:
        raise InvalidDate(given) from None
    if moment.tzinfo is None:
        raise InvalidDate(given)
    return to_iso(moment)
