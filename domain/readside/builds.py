"""What the shop reads from, as the app tells the user (About) and brings up to date (start-up).

The app's shell asks these of the shop; it never holds the engine itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from domain.readside.versions import built_times

if TYPE_CHECKING:
    from domain.shop import Shop


@dataclass(frozen=True)
class ReadModelInUse:
    name: str
    version: int
    built_at: str | None  # ISO UTC; None when built before builds were noted


def read_models_in_use(shop: Shop) -> list[ReadModelInUse]:
    """Each projection version the shop reads, and when it was last built from the log (one
    small query: the About box asks it on the GUI thread)."""
    built_at = built_times(shop.engine)
    return [
        ReadModelInUse(p.NAME, p.VERSION, built_at.get(p.key)) for p in shop.projector.projections
    ]


def catch_up(shop: Shop) -> list[str]:
    """Bring the shop's read models up to the log's head; the names of those built from the
    whole log (after an update that adds or changes one)."""
    return shop.projector.catch_up(shop.engine)
