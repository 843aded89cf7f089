"""A recorded session on a real shop file, with the real window and the recorder installed."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.shell.bootstrap import AppContext, bootstrap
from app.shell.main_window import MainWindow
from domain.demo import DemoShop
from recorder.capture.record import Recorder
from tests.seeded import SeededShop

ANN_PASSWORD = "shopper-pass"


@dataclass
class Recorded:
    ctx: AppContext
    window: MainWindow
    recorder: Recorder
    demo: DemoShop
    db: Path


@pytest.fixture
def shop_db(tmp_path: Path, live_demo_template: SeededShop) -> Path:
    """A demo shop seeded without recording (the starting state of the sessions)."""
    return live_demo_template.copy_to(tmp_path)


@pytest.fixture
def recorded(qtbot: QtBot, qapp: QApplication, shop_db: Path) -> Iterator[Recorded]:
    ctx = bootstrap(shop_db, shop_db.with_suffix(".ini"), record=True)
    assert ctx.recorder is not None
    ctx.recorder.install(qapp)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    demo_ids = ctx.shop.read.accounts.all()
    demo = DemoShop(
        next(a.account_id for a in demo_ids if a.username == "admin"),
        "admin-password",
        {a.username: a.account_id for a in demo_ids if a.username != "admin"},
        [p.product_id for p in ctx.shop.read.catalog.products(include_retired=True)],
    )
    yield Recorded(ctx, window, ctx.recorder, demo, shop_db)
    window.close()
    window.shutdown()
