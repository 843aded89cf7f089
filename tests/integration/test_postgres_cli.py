"""`replayshop … --db postgresql://…`: every command on a server the test run started, and
clear refusals for a URL that is not a shop."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import replayshop
from tests.pg_server import PgServer

ROOT = Path(__file__).resolve().parents[2]


def test_the_commands_work_on_a_server(pg_url: str) -> None:
    seeded = replayshop("demo-data", "--db", pg_url)
    assert seeded.returncode == 0, seeded.stderr
    assert "Demo shop created in postgresql://postgres@127.0.0.1" in seeded.stdout
    checked = replayshop("verify", "--db", pg_url)
    assert checked.returncode == 0 and checked.stdout.startswith("OK: ")
    log = replayshop("events", "--db", pg_url, "--type", "ProductAdded", "--json")
    assert log.returncode == 0 and log.stdout.count('"type": "ProductAdded"') >= 20
    state = replayshop("state", "--db", pg_url, "--as-of", "5", "--view", "catalog")
    assert state.returncode == 0 and "catalog as of event 5" in state.stdout
    found = replayshop("query", "reviews", "--db", pg_url, "--tag", "daily")
    assert found.returncode == 0 and "#daily" in found.stdout
    listing = replayshop("projections", "list", "--db", pg_url)
    assert listing.returncode == 0 and "IN USE" in listing.stdout and "lag 0" in listing.stdout
    once = replayshop("projector", "--db", pg_url, "--once")
    assert once.returncode == 0 and "caught up" in once.stdout


def test_a_url_that_is_not_a_shop_is_refused_by_name(pg_server: PgServer) -> None:
    foreign = replayshop("verify", "--db", "mysql://root@localhost/shop")
    assert foreign.returncode == 2
    assert "is not a shop database; use a SQLite file path, or postgresql://" in foreign.stderr
    unreachable = replayshop("events", "--db", "postgresql://postgres@127.0.0.1:1/shop")
    assert unreachable.returncode == 2 and "cannot reach postgresql://" in unreachable.stderr
    empty = pg_server.create_database("empty_shop")
    nothing = replayshop("query", "reviews", "--db", empty, "--tag", "tea")
    assert nothing.returncode == 2 and "holds no shop yet (no events table)" in nothing.stderr
    secret = replayshop("events", "--db", "postgresql://ann:s3cret@127.0.0.1:1/shop")
    assert "s3cret" not in secret.stderr and "***" in secret.stderr


def test_without_the_driver_a_server_url_says_how_to_add_it(tmp_path: Path) -> None:
    """psycopg is an extra: a desk that installed only the runtime hears what to install."""
    blocked = tmp_path / "no_psycopg"
    blocked.mkdir()
    # A module that fails to import, first on the path: as if psycopg were not installed.
    (blocked / "psycopg.py").write_text("raise ImportError('psycopg is not installed')\n")
    run = subprocess.run(
        [sys.executable, "-m", "app.cli.main", "events", "--db", "postgresql://ann@127.0.0.1/shop"],
        env={**os.environ, "PYTHONPATH": f"{blocked}{os.pathsep}{ROOT}"},
        capture_output=True, text=True, check=False, timeout=120, cwd=ROOT,
    )  # fmt: skip
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert "needs the psycopg driver" in run.stderr
    assert "pip install 'replayshop[postgres]'" in run.stderr
    assert "or use a SQLite file path" in run.stderr
