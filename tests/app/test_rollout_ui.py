"""A new read-model version rolls out while the window works: the old version answers until
the new one has caught up, then the screens switch and say so; About lists what is in use."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.pages.reviews import ReviewsPage
from app.shell.bootstrap import bootstrap
from app.shell.main_window import MainWindow
from domain.demo import seed_demo
from domain.model import commands as c
from domain.model.clock import SequentialIds, SteppingClock
from domain.readside.projections.registry import known_versions, projection_set
from domain.readside.projector import Projector
from domain.shop import open_shop
from tests.conftest import HANG_GUARD_MS, START


def test_the_window_switches_to_the_new_version_once_it_caught_up(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "shop.db"
    before = open_shop(  # the release before review_lookups v2
        path,
        SteppingClock(START),
        SequentialIds("old"),
        projector=Projector(projection_set({"review_lookups": 1})),
    )
    seed_demo(before.bus, admin_password="admin-password")
    before.close()

    ctx = bootstrap(path, tmp_path / "settings.ini", clock=SteppingClock(START))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    try:
        page = window.show_page("reviews")
        assert isinstance(page, ReviewsPage)
        assert ctx.shop.read.serves("review_lookups") == 1
        assert not page.popular.isVisibleTo(window)  # v1 has no tag counts
        window.show()
        window.start()  # the rollout runs beside the window from here
        admin = next(a for a in ctx.shop.read.accounts.all() if a.is_admin).account_id
        ctx.handle(c.AddProduct(admin, "Made during the rollout", "", 100))  # the shop works
        newest = max(known_versions("review_lookups"))  # v3 in this release
        qtbot.waitUntil(
            lambda: ctx.shop.read.serves("review_lookups") == newest, timeout=HANG_GUARD_MS
        )
        qtbot.waitUntil(
            lambda: f"review_lookups v{newest} is now in use" in window.statusBar().currentMessage()
        )
        assert page.popular.isVisibleTo(window) and "#gift" in page.popular.text()
        assert "Made during the rollout" in [p.name for p in ctx.shop.read.catalog.products()]

        window._about()
        assert window.info is not None
        text = window.info.informativeText()
        assert f"review_lookups v{newest}, built " in text and "catalog v2" in text
        window.info.close()
    finally:
        window.shutdown()
