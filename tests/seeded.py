"""Demo shops seeded once per test run and copied for each test that wants one.

Seeding a demo shop runs about 600 commands; a widget test only needs the result. Each test
process (each pytest-xdist worker) seeds a template once, closes it, and every test gets a
byte copy of the file, with a clock and ids that carry on where the seeding stopped, so the
shop is exactly the one a fresh `seed_demo` would have made in that test.
"""

from __future__ import annotations

import copy
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.shell.bootstrap import bootstrap
from domain.demo import DemoShop, seed_demo
from domain.model.clock import (
    Clock,
    IdGenerator,
    SequentialIds,
    SteppingClock,
    system_clock,
    uuid_ids,
)

ADMIN_PASSWORD = "admin-password"


@dataclass(frozen=True)
class SeededShop:
    """A closed store holding a seeded demo shop: copy it with `copy_to`."""

    db: Path
    demo: DemoShop
    clock_at: datetime | None  # where a stepping clock stood after seeding; None: the system's
    ids_issued: int | None  # how many sequential ids seeding used; None: random ids

    def copy_to(self, folder: Path, name: str = "shop.db") -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / name
        shutil.copyfile(self.db, target)
        return target

    def clock(self) -> Clock | None:
        return None if self.clock_at is None else SteppingClock(self.clock_at)

    def ids(self) -> IdGenerator | None:
        return None if self.ids_issued is None else SequentialIds(after=self.ids_issued)

    def fresh_demo(self) -> DemoShop:
        return copy.deepcopy(self.demo)  # a test may change its lists


def seed_template(folder: Path, start: datetime | None) -> SeededShop:
    """Seed a demo shop into `folder/shop.db` and close it. With `start`, time steps from
    there and ids are sequential (as the widget tests' shops have them); without, the system
    clock and random ids (as a recorded session's starting state has them)."""
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "shop.db"
    clock, ids = (SteppingClock(start), SequentialIds()) if start else (system_clock, uuid_ids)
    ctx = bootstrap(db, folder / "settings.ini", clock=clock, ids=ids)
    try:
        demo = seed_demo(ctx.shop.bus, admin_password=ADMIN_PASSWORD)
    finally:
        ctx.close()  # checkpoints the WAL: the file alone is the whole shop
    if isinstance(clock, SteppingClock) and isinstance(ids, SequentialIds):
        return SeededShop(db, demo, clock.now, ids.issued)
    return SeededShop(db, demo, None, None)
