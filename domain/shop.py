"""Opening a shop database: schema, projections caught up, and a bus and read model on top.

The app's bootstrap adds the UI and the recorder around this; tests, the CLI and benchmarks use
it directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from domain.bus import CommandBus, ContextProvider, no_context
from domain.clock import Clock, IdGenerator, system_clock, uuid_ids
from domain.database import open_engine
from domain.passwords import Passwords
from domain.projections.follower import Follower
from domain.projections.images import PastImages
from domain.projections.projector import Projector
from domain.projections.registry import all_projections
from domain.queries import ReadModel


@dataclass
class Shop:
    engine: Engine
    projector: Projector
    follower: Follower
    bus: CommandBus
    read: ReadModel
    built_projections: list[str]

    def close(self) -> None:
        # Left at rest with the read models current: an export, a digest or another build of
        # the app opening the file next finds them there.
        self.follower.stop()
        self.follower.ensure()
        self.bus.writer.close()
        self.read.close()
        self.engine.dispose()


def open_shop(
    path_or_url: str | Path,
    clock: Clock = system_clock,
    ids: IdGenerator = uuid_ids,
    context: ContextProvider = no_context,
    synchronous: str = "FULL",
    snapshot_every: int = 100,
    projector: Projector | None = None,
    catch_up: bool = True,
    passwords: Passwords | None = None,
) -> Shop:
    """Open the shop; `catch_up=False` leaves bringing the read models up to date to the caller
    (the app does it on a worker thread, with progress shown)."""
    engine = open_engine(path_or_url, synchronous)
    projector = projector or Projector(all_projections())
    built = projector.catch_up(engine) if catch_up else []
    images = _images_for(engine, projector)
    follower = Follower(engine, projector, images)
    bus = CommandBus(engine, follower.notify, clock, ids, context, snapshot_every, passwords)
    read = ReadModel(engine, projector, fresh=follower.ensure, images=images)
    return Shop(engine, projector, follower, bus, read, built)


def _images_for(engine: Engine, projector: Projector) -> PastImages | None:
    """Images for time travel live beside a SQLite file; an in-memory store has none."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        return None
    return PastImages(Path(database), projector)
