"""Opening a shop database: schema, projections caught up, and a bus and read model on top.

The app's bootstrap adds the UI and the recorder around this; tests, the CLI and benchmarks use
it directly.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine

from domain.eventstore.database import open_engine
from domain.model.clock import Clock, IdGenerator, system_clock, uuid_ids
from domain.model.passwords import Passwords
from domain.readside.builds import ReadModelInUse, read_models_in_use
from domain.readside.follower import Follower
from domain.readside.projections.base import Projection
from domain.readside.projector import Projector
from domain.readside.queries import ReadModel
from domain.readside.retention import fold
from domain.readside.versions import (
    RolloutReport,
    build_beside,
    catch_up_version,
    record_choice,
    serving,
)
from domain.writeside.bus import CommandBus, ContextProvider, no_context


@dataclass
class Shop:
    engine: Engine
    projector: Projector
    follower: Follower
    bus: CommandBus
    read: ReadModel
    built_projections: list[str]
    # Newer projection versions to build beside the ones served, then switch to (roll_out).
    rollouts: list[Projection] = field(default_factory=list)

    def serve(self, projector: Projector) -> None:
        """Read from `projector`'s versions from now on: every screen's next query does."""
        self.follower.switch(projector)
        self.read.projector = projector
        self.projector = projector

    def roll_out(self, projection: Projection) -> RolloutReport:
        """Build `projection` beside the version served, from all history, while the shop
        keeps serving the old one; follow the log to the head; only then switch to it."""
        events, build_s = build_beside(self.engine, projection)
        started = time.perf_counter()
        catch_up_version(self.engine, projection)
        served = [
            projection if p.NAME == projection.NAME else p for p in self.projector.projections
        ]
        switched = Projector(served)
        # The last events between the catch-up and the switch: the new set follows from its
        # own checkpoints, so the follower takes them on its next step.
        self.serve(switched)
        self.follower.ensure(self.follower.written)
        record_choice(self.engine, projection.NAME, projection.VERSION, "rollout")
        self.rollouts = [p for p in self.rollouts if p.NAME != projection.NAME]
        return RolloutReport(
            projection.NAME, projection.VERSION, events, build_s, time.perf_counter() - started
        )

    def read_models_in_use(self) -> list[ReadModelInUse]:
        return read_models_in_use(self.engine, self.projector)

    def catch_up(self) -> list[str]:
        """Bring the read models up to the log's head; the names of those built from the
        whole log (after an update that adds or changes one)."""
        built = self.projector.catch_up(self.engine)
        fold(self.engine, self.projector.stored, datetime.now(UTC))  # the retention setting's
        return built

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
    rollouts: list[Projection] = []
    if projector is None:
        plan = serving(engine)
        projector, rollouts = Projector(plan.projections), plan.rollouts
    built = projector.catch_up(engine) if catch_up else []
    if catch_up:  # versions older than the shop keeps (retention.py): at each start
        fold(engine, projector.stored, datetime.now(UTC))
    follower = Follower(engine, projector)
    bus = CommandBus(engine, follower.notify, clock, ids, context, snapshot_every, passwords)
    read = ReadModel(engine, projector, fresh=follower.ensure, fresh_to=follower.ensure)
    _forget_images(engine)
    return Shop(engine, projector, follower, bus, read, built, rollouts)


def _forget_images(engine: Engine) -> None:
    """Earlier releases kept images of the read models beside a SQLite file (`shop.db.past`,
    hundreds of MB on a long history) to start time travel from. The read models keep their
    own past now, so that file is only space: it goes."""
    database = engine.url.database
    if engine.dialect.name == "sqlite" and database and database != ":memory:":
        Path(f"{database}.past").unlink(missing_ok=True)
