"""A session recorded against a PostgreSQL server, while another app process and two projector
processes work on the same server, exports to one file and replays identically on a
throw-away SQLite store: the format does not care where the log lived.

Another desk's writes before the session are part of its start state. Writes from elsewhere
during the session are not in the file (they are other people's), so a screen that showed
them (the log's event count) would differ in a replay: this session has none."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.pages.catalog import CatalogPage
from app.shell.bootstrap import bootstrap
from app.shell.replay_factory import make_replay_app
from domain.demo import seed_demo
from domain.eventstore.database import open_engine
from domain.model import commands as c
from domain.shop import open_shop
from domain.writeside.bus import CommandBus
from recorder.fileformat.export import export_session
from recorder.fileformat.shoprec import load_recording
from recorder.replay.run import run_headless
from tests.app.conftest import click_row, recorded_window, settle, sign_in_by_button

PASSWORD = "shopper-pass"  # the demo shoppers'


def app_process(config: Path, *args: str) -> subprocess.Popen[bytes]:
    """A real `replayshop` process on the test run's display, with settings of its own."""
    return subprocess.Popen(
        [sys.executable, "-m", "app.cli.main", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "XDG_CONFIG_HOME": str(config)},
    )


def test_a_session_on_a_server_with_other_processes_replays_identically_on_sqlite(
    qtbot: QtBot, qapp: QApplication, pg_url: str, tmp_path: Path
) -> None:
    seeding = open_shop(pg_url)
    demo = seed_demo(seeding.bus, admin_password="admin-password")
    names = [p.NAME for p in seeding.projector.projections]
    seeding.close()
    others = [
        app_process(tmp_path / "config", "run", "--db", pg_url, "--no-record"),
        app_process(tmp_path / "config", "projector", "--db", pg_url, "--only", *names[:4]),
        app_process(tmp_path / "config", "projector", "--db", pg_url, "--only", *names[4:]),
    ]
    # Another desk wrote before this session began: its events are in the start state.
    engine = open_engine(pg_url)
    elsewhere = CommandBus(engine)
    elsewhere.handle(c.DepositFunds(demo.shopper_ids["bob"], 2500))
    elsewhere.writer.close()
    engine.dispose()
    ctx = bootstrap(pg_url, tmp_path / "settings.ini", record=True, desk=tmp_path / "desk.db")
    try:
        recorder, window = recorded_window(qtbot, qapp, ctx)

        sign_in_by_button(qtbot, window, "carla", PASSWORD)
        catalog = window.show_page("catalog")
        assert isinstance(catalog, CatalogPage)
        click_row(qtbot, catalog.table, "Tea Journal")
        qtbot.mouseClick(catalog.detail.add_to_cart, Qt.MouseButton.LeftButton)
        settle()
        recorder.observe_end()  # as when the app closes: what she saw last
        recorder.sink.flush(wait=True)
        out = tmp_path / "carla-on-server.shoprec"
        with ctx.recorded_sessions() as sessions:
            summary = export_session(sessions, out, recorder.session_id)
        window.close()
        window.shutdown()
    finally:
        for proc in others:
            proc.send_signal(signal.SIGTERM)
        for proc in others:
            proc.wait(timeout=60)
        ctx.close()

    assert summary.expected_events > 0  # carla's own cart change, linked to her click
    assert summary.full_start_state  # the whole log before her session, bob's deposit too
    recording = load_recording(out)
    assert recording.meta["scope"] == "shopper"
    assert b"shopper-pass" not in out.read_bytes()
    verdict = run_headless(recording, make_replay_app)
    assert verdict.passed, verdict.report()
