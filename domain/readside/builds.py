"""What the shop reads from, as the app tells the user (About) and brings up to date (start-up).

The app's shell asks these of the shop (`Shop.read_models_in_use`, `Shop.catch_up`); it never
holds the engine itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from domain.readside.projector import Projector
from domain.readside.versions import built_times


@dataclass(frozen=True)
class ReadModelInUse:
    name: str
    version: int
    built_at: str | None  # ISO UTC; None when built before builds were noted


def read_models_in_use(engine: Engine, projector: Projector) -> list[ReadModelInUse]:
    """Each projection version the shop reads, and when it was last built from the log (one
    small query: the About box asks it on the GUI thread)."""
    built_at = built_times(engine)
    return [ReadModelInUse(p.NAME, p.VERSION, built_at.get(p.key)) for p in projector.projections]
