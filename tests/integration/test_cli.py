"""The `replayshop` maintenance commands, run as a user would: a real process on a real file."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest


def replayshop(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("cli") / "demo.db"
    result = replayshop("demo-data", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "Admin login: username 'admin'" in result.stdout
    return db


def test_verify_reports_an_intact_chain_with_its_count(demo_db: Path) -> None:
    result = replayshop("verify", "--db", str(demo_db))
    count = sqlite3.connect(demo_db).execute("SELECT count(*) FROM events").fetchone()[0]
    assert result.returncode == 0
    assert result.stdout.strip() == f"OK: {count} events, hash chain intact"


def test_verify_exits_1_naming_the_altered_position(demo_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "tampered.db"
    copy.write_bytes(demo_db.read_bytes())
    db = sqlite3.connect(copy)
    db.execute("DROP TRIGGER events_no_update")
    db.execute(
        "UPDATE events SET data = replace(data, 'price_cents\":', 'price_cents\":1') "
        "WHERE position = 40"
    )
    db.commit()
    db.close()
    result = replayshop("verify", "--db", str(copy))
    assert result.returncode == 1
    assert "position 40" in result.stdout


def test_events_lists_json_filtered_by_stream_and_hides_password_hashes(demo_db: Path) -> None:
    result = replayshop("events", "--db", str(demo_db), "--json")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.returncode == 0 and len(lines) > 100
    assert "scrypt$" not in result.stdout
    stream = lines[-1]["stream_id"]
    only = replayshop("events", "--db", str(demo_db), "--stream", stream, "--json")
    assert {json.loads(x)["stream_id"] for x in only.stdout.splitlines()} == {stream}


def test_events_filters_by_type(demo_db: Path) -> None:
    result = replayshop(
        "events",
        "--db",
        str(demo_db),
        "--type",
        "ReviewHidden",
        "--type",
        "ProductRetired",
        "--json",
    )
    types = [json.loads(line)["type"] for line in result.stdout.splitlines()]
    assert result.returncode == 0 and sorted(types) == ["ProductRetired", "ReviewHidden"]


def test_events_as_of_cuts_the_log_and_rejects_a_bad_time(demo_db: Path) -> None:
    assert replayshop("events", "--db", str(demo_db), "--as-of", "2000-01-01").stdout == ""
    bad = replayshop("events", "--db", str(demo_db), "--as-of", "yesterday")
    assert bad.returncode == 2 and "not an ISO time" in bad.stderr


def test_projections_list_and_rebuild(demo_db: Path) -> None:
    listed = replayshop("projections", "list", "--db", str(demo_db))
    assert listed.returncode == 0 and "cart_removals" in listed.stdout
    rebuilt = replayshop("projections", "rebuild", "catalog", "--db", str(demo_db))
    assert rebuilt.returncode == 0 and "rebuilt catalog from" in rebuilt.stdout
    unknown = replayshop("projections", "rebuild", "nope", "--db", str(demo_db))
    assert unknown.returncode == 2 and "Unknown projection(s) ['nope']" in unknown.stderr


def test_a_missing_database_is_a_clear_error(tmp_path: Path) -> None:
    result = replayshop("verify", "--db", str(tmp_path / "none.db"))
    assert result.returncode == 2 and "no database at" in result.stderr


def test_demo_data_refuses_a_database_that_already_has_a_shop(demo_db: Path) -> None:
    result = replayshop("demo-data", "--db", str(demo_db))
    assert result.returncode == 2 and "already holds a shop" in result.stderr
