"""The `replayshop` maintenance commands, run as a user would: a real process on a real file."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.cli.main import main, opened_file
from tests.conftest import replayshop


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
    first, head = result.stdout.splitlines()
    assert first == f"OK: {count} events, hash chain intact"
    position, digest = head.removeprefix("head ").split(":")
    last = sqlite3.connect(demo_db).execute("SELECT position, hash FROM events ORDER BY 1 DESC")
    assert (int(position), digest) == last.fetchone()


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
    early = replayshop("events", "--db", str(demo_db), "--as-of", "2000-01-01").stdout
    assert early.splitlines() == ["head 0:" + "0" * 64]  # no event yet
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


def head_of(db: Path) -> str:
    result = replayshop("verify", "--db", str(db))
    return result.stdout.splitlines()[1].removeprefix("head ")


def test_verify_changes_nothing_in_the_file(demo_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "evidence.db"
    db = sqlite3.connect(demo_db)
    db.execute("VACUUM INTO ?", (str(copy),))  # a copy in the rollback-journal mode
    db.close()
    before = copy.read_bytes()
    assert replayshop("verify", "--db", str(copy)).returncode == 0
    assert copy.read_bytes() == before  # not even switched to WAL
    assert not Path(f"{copy}-wal").exists()


@pytest.mark.parametrize("name", ["shop.db", "odd #name?.db"])
def test_verify_deep_leaves_nothing_beside_a_store_in_wal_mode(
    demo_db: Path, tmp_path: Path, name: str
) -> None:
    """A read-only connection cannot remove the -wal and -shm it made: a cleanly closed
    store is read as immutable, so none are made (and a "#" or "?" in its name is kept)."""
    copy = tmp_path / name
    copy.write_bytes(demo_db.read_bytes())
    assert copy.read_bytes()[18:20] == b"\x02\x02"  # the header's mark of WAL mode
    before = copy.read_bytes()
    result = replayshop("verify", "--deep", "--db", str(copy))
    assert result.returncode == 0, result.stdout + result.stderr
    assert copy.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_verify_reads_what_an_open_app_has_not_checkpointed_yet(
    demo_db: Path, tmp_path: Path
) -> None:
    """A store with a -wal is open somewhere: its newest commits are in the WAL, and verify
    reads them (it does not read such a store as immutable)."""
    copy = tmp_path / "open.db"
    copy.write_bytes(demo_db.read_bytes())
    count = sqlite3.connect(copy).execute("SELECT count(*) FROM events").fetchone()[0]
    writer = sqlite3.connect(copy)
    writer.execute("PRAGMA wal_autocheckpoint = 0")  # the app's commit stays in the WAL
    writer.execute("DROP TRIGGER events_no_update")  # a change the chain check will name
    writer.execute("UPDATE events SET data = replace(data, '\"', '\"') WHERE position = 1")
    writer.execute(
        "UPDATE events SET recorded_at = '2000-01-01T00:00:00.000000+00:00' WHERE position = 5"
    )
    writer.commit()
    try:
        assert Path(f"{copy}-wal").stat().st_size > 0
        result = replayshop("verify", "--db", str(copy))
        assert result.returncode == 1 and "position 5" in result.stdout, result.stdout
        assert f"{count} events" not in result.stdout  # ALTERED, not OK
    finally:
        writer.close()


def test_a_kept_head_shows_a_cut_or_rewritten_history(demo_db: Path, tmp_path: Path) -> None:
    head = head_of(demo_db)
    assert replayshop("verify", "--db", str(demo_db), "--expect-head", head).returncode == 0
    cut = tmp_path / "cut.db"
    cut.write_bytes(demo_db.read_bytes())
    db = sqlite3.connect(cut)
    db.execute("DROP TRIGGER events_no_delete")
    db.execute("DELETE FROM events WHERE position > (SELECT max(position) - 5 FROM events)")
    db.commit()
    db.close()
    alone = replayshop("verify", "--db", str(cut))
    assert alone.returncode == 0  # a shorter chain is still a chain: this is what heads are for
    checked = replayshop("verify", "--db", str(cut), "--expect-head", head)
    assert checked.returncode == 1 and "HEAD NOT FOUND" in checked.stdout
    bad = replayshop("verify", "--db", str(cut), "--expect-head", "12:nothex")
    assert bad.returncode == 2 and "expected POSITION:HASH" in bad.stderr


def test_a_changed_stream_type_is_found(demo_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "moved.db"
    copy.write_bytes(demo_db.read_bytes())
    db = sqlite3.connect(copy)
    db.execute("DROP TRIGGER events_no_update")
    db.execute("UPDATE events SET stream_type = 'forged' WHERE position = 30")
    db.commit()
    db.close()
    result = replayshop("verify", "--db", str(copy))
    assert result.returncode == 1 and "position 30" in result.stdout


def test_three_hundred_bit_flips_are_each_found_or_harmless_never_a_traceback(
    demo_db: Path, tmp_path: Path
) -> None:
    """Each flip either changes nothing the log holds, or `verify` (with the head kept from
    before) exits 1 naming a position or calling the file damaged, in one line."""
    import contextlib
    import io
    import random
    from argparse import Namespace

    from app.cli.verify import verify

    head = head_of(demo_db)
    pristine = demo_db.read_bytes()
    rows_before = sqlite3.connect(demo_db).execute("SELECT * FROM events ORDER BY 1").fetchall()
    rng = random.Random(20261130)
    outcomes: dict[str, int] = {"found": 0, "harmless": 0}
    for n in range(300):
        raw = bytearray(pristine)
        at = rng.randrange(len(raw))
        raw[at] ^= 1 << rng.randrange(8)
        flipped = tmp_path / f"flip-{n}.db"
        flipped.write_bytes(bytes(raw))
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            # Every tenth flip also --deep, whose rebuild once read damage outside the handler.
            deep = n % 10 == 0
            code = verify(flipped, Namespace(expect_head=head, deep=deep, json=False))
        try:
            conn = sqlite3.connect(f"file:{flipped}?mode=ro", uri=True)
            rows = conn.execute("SELECT * FROM events ORDER BY 1").fetchall()
            conn.close()
            changed = rows != rows_before
        except (sqlite3.Error, UnicodeDecodeError):  # a row's text is no longer text
            changed = True
        said = out.getvalue()
        assert "Traceback" not in said
        if changed:
            assert code == 1, f"flip {n} at byte {at} changed the log, verify said: {said}"
            assert said.startswith(("ALTERED: event at position", "DAMAGED:", "OK:")), said
            if said.startswith("DAMAGED:"):  # the README: an unreadable file in one line
                assert said.count("\n") == 1, said
            outcomes["found"] += 1
        else:
            assert code in (0, 1), said
            outcomes["harmless"] += 1
        flipped.unlink()
    assert outcomes["found"] > 0


def test_events_carry_the_head_of_what_they_show(demo_db: Path) -> None:
    lines = replayshop("events", "--db", str(demo_db), "--json").stdout.splitlines()
    last = json.loads(lines[-1])
    assert f"{last['position']}:{last['hash']}" == head_of(demo_db)
    text = replayshop("events", "--db", str(demo_db)).stdout.splitlines()
    assert text[-1] == f"head {head_of(demo_db)}"
    early = replayshop("events", "--db", str(demo_db), "--as-of", "2000-01-01T00:00:00+00:00")
    assert early.stdout.strip() == "head 0:" + "0" * 64  # nothing yet: the genesis


def test_verify_deep_names_a_read_model_or_snapshot_that_disagrees(
    demo_db: Path, tmp_path: Path
) -> None:
    ok = replayshop("verify", "--db", str(demo_db), "--deep")
    assert ok.returncode == 0 and "read models equal a rebuild" in ok.stdout
    bent = tmp_path / "bent.db"
    bent.write_bytes(demo_db.read_bytes())
    db = sqlite3.connect(bent)
    db.execute(
        "UPDATE catalog_v2_products SET price_cents = 1 "
        "WHERE product_id = (SELECT min(product_id) FROM catalog_v2_products)"
    )
    db.commit()
    db.close()
    read_model = replayshop("verify", "--db", str(bent), "--deep")
    assert read_model.returncode == 1
    assert "READ MODEL DISAGREES: catalog_v2" in read_model.stdout
    stale = tmp_path / "stale.db"
    stale.write_bytes(demo_db.read_bytes())
    db = sqlite3.connect(stale)
    wallet, version = db.execute(
        "SELECT stream_id, max(version) FROM events WHERE stream_type = 'wallet' GROUP BY 1"
    ).fetchone()
    db.execute(
        "INSERT OR REPLACE INTO snapshots VALUES (?, ?, 'Wallet', 2, '{\"balance_cents\": 1}')",
        (wallet, version),
    )
    db.commit()
    db.close()
    snapshot = replayshop("verify", "--db", str(stale), "--deep")
    assert snapshot.returncode == 1 and f"SNAPSHOT DISAGREES: {wallet}" in snapshot.stdout


def test_help_and_version_create_nothing_on_disk(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {
        **os.environ,
        "HOME": str(home),
        **{f"XDG_{kind}_HOME": str(home / kind.lower()) for kind in ("DATA", "CONFIG", "STATE")},
        "XDG_CACHE_HOME": str(home / "cache"),
    }
    for flag in ("--help", "--version"):
        done = subprocess.run(
            [sys.executable, "-m", "app.cli.main", flag], capture_output=True, text=True, env=env
        )
        assert done.returncode == 0, done.stderr
    assert list(home.iterdir()) == []  # no data, config, state or cache folder was made


def test_a_recording_given_alone_opens_in_the_replay_viewer() -> None:
    assert opened_file(["bug.shoprec"]) == ["replay", "bug.shoprec"]
    assert opened_file(["/home/ann/Downloads/Bug.SHOPREC"])[0] == "replay"
    assert opened_file(["--db", "x.db"]) == ["--db", "x.db"]  # the app, as before
    assert opened_file(["verify", "--db", "x.db"]) == ["verify", "--db", "x.db"]


def test_opening_a_file_that_is_not_a_recording_says_so_in_a_window(
    tmp_path: Path, qapp: QApplication, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file manager runs `replayshop FILE` with no terminal to read stderr: the reason is
    said in a window too, which stays until it is closed."""
    fake = tmp_path / "holiday.shoprec"
    fake.write_text("Subject: my cart is broken\n")
    shown: list[str] = []

    def read_and_close() -> None:
        boxes = [w for w in qapp.topLevelWidgets() if w.objectName() == "recording_refused"]
        for box in boxes:  # made before the wait begins: closing it always ends the wait
            assert isinstance(box, QMessageBox)
            shown.append(box.text() if box.isVisible() else "(not shown)")
            box.button(QMessageBox.StandardButton.Close).click()

    QTimer.singleShot(200, read_and_close)
    assert main([str(fake)]) == 2  # as the file manager runs it: Exec=replayshop %f
    assert "is not a Replay Shop recording" in capsys.readouterr().err
    assert len(shown) == 1 and "holiday.shoprec" in shown[0], shown
    assert "is not a Replay Shop recording" in shown[0]
