"""Every path of the command line ends in a message and exit code 2, never in a traceback;
nothing a file or a store holds reaches the terminal as a control sequence."""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.main import main as replayshop
from tests.conftest import HANG_GUARD_S
from tests.fuzzing.cli import make_files

RECORDINGS = Path(__file__).resolve().parents[2] / "recordings"
HEAD_HASH = "a" * 64


@pytest.fixture
def junk(tmp_path: Path) -> Path:
    path = tmp_path / "junk.db"
    path.write_text("not a database\n")
    return path


@pytest.mark.parametrize(
    "command",
    [
        ["events"],
        ["sessions"],
        ["report", "-o", "x.shoprec"],
        ["demo-data"],
        ["projector", "--once"],
    ],
)
def test_a_file_that_is_not_a_store_is_named_and_refused(
    junk: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert replayshop([*command, "--db", str(junk)]) == 2
    err = capsys.readouterr().err
    assert f"{junk} cannot be used as a shop store (file is not a database)" in err
    assert "expected a store made by replayshop" in err


def test_an_empty_database_is_refused_not_queried(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).close()
    assert replayshop(["events", "--db", str(empty), "--json"]) == 2
    assert "no such table: events" in capsys.readouterr().err


def test_an_output_path_that_cannot_be_written_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = str(RECORDINGS / "menu-keys.shoprec")
    missing = tmp_path / "missing" / "x.html"
    assert replayshop(["recording", "html", source, "-o", str(missing)]) == 2
    assert f"No such file or directory: {missing}" in capsys.readouterr().err
    assert replayshop(["recording", "script", source, "-o", str(tmp_path)]) == 2
    assert f"Is a directory: {tmp_path}" in capsys.readouterr().err


def test_an_argument_that_is_not_utf8_is_named_with_its_bytes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # What Python hands over for the bytes ff fe of `events --stream $'\xff\xfe'`.
    assert replayshop(["events", "--stream", "\udcff\udcfe"]) == 2
    assert r"the argument '\xff\xfe' is not UTF-8 text" in capsys.readouterr().err


def test_a_head_position_past_64_bits_is_refused_with_the_range(
    capsys: pytest.CaptureFixture[str],
) -> None:
    head = f"99999999999999999999999:{HEAD_HASH}"
    assert replayshop(["verify", "--expect-head", head]) == 2
    assert "a number from 0 to 9223372036854775807" in capsys.readouterr().err


@pytest.mark.parametrize("when", ["²", "١٢"])  # digits to str.isdigit(), not to int()
def test_a_position_in_other_digits_is_refused(
    tmp_path: Path, when: str, capsys: pytest.CaptureFixture[str]
) -> None:
    demo = make_files(tmp_path).demo
    assert replayshop(["state", "--db", str(demo), "--as-of", when, "--view", "catalog"]) == 2
    assert "is neither a log position nor an ISO time" in capsys.readouterr().err


def test_check_fails_on_a_path_that_does_not_exist(capsys: pytest.CaptureFixture[str]) -> None:
    """A typo in CI must not quietly leave a recording out ("1 passed, 0 failed")."""
    assert replayshop(["check", str(RECORDINGS / "menu-keys.shoprec"), "/nope.shoprec"]) == 2
    err = capsys.readouterr().err
    assert "no such file or folder: /nope.shoprec" in err


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["replay", "x.shoprec", "--speed", "-1"], "'-1' is not a number above 0"),
        (["replay", "x.shoprec", "--speed", "0"], "'0' is not a number above 0"),
        (["replay", "x.shoprec", "--speed", "inf"], "'inf' is not a number above 0"),
        (["demo-data", "--events", "-5"], "'-5' is not a whole number of at least 1"),
        (["demo-data", "--events", "99999999999"], "is more than 10,000,000 events"),
    ],
)
def test_numbers_out_of_range_are_refused(
    argv: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        replayshop(argv)
    assert exit_.value.code == 2
    assert said in capsys.readouterr().err


def test_recording_show_prints_escape_sequences_visibly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A note that would retitle the terminal, clear it and fake a line is shown as text."""
    evil = tmp_path / "evil.shoprec"
    shutil.copyfile(RECORDINGS / "menu-keys.shoprec", evil)
    db = sqlite3.connect(evil)
    note = "x\x1b]0;pwned\x07\x1b[2J\rOK: all fine\u202e"
    db.execute("UPDATE meta SET value = ? WHERE key = 'note'", (note,))
    db.commit()
    db.close()
    assert replayshop(["recording", "show", str(evil)]) == 0
    out = capsys.readouterr().out
    assert "note: x\\x1b]0;pwned\\x07\\x1b[2J\\rOK: all fine\\u202e" in out
    assert "\x1b" not in out and "\r" not in out and "\u202e" not in out


def test_a_damaged_event_row_is_named_by_its_position(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    demo = make_files(tmp_path).demo
    db = sqlite3.connect(demo)
    db.execute("DROP TRIGGER events_no_update")
    db.execute("UPDATE events SET data = '{\"broken' WHERE position = 7")
    db.commit()
    db.close()
    assert replayshop(["events", "--db", str(demo)]) == 2
    assert "the event at position 7 cannot be read" in capsys.readouterr().err


def _parsers(
    parser: argparse.ArgumentParser, name: str
) -> list[tuple[str, argparse.ArgumentParser]]:
    found = [(name, parser)]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub_name, sub in action.choices.items():
                found += _parsers(sub, f"{name} {sub_name}")
    return found


def test_every_option_and_argument_of_every_command_says_what_it_is() -> None:
    from app.cli.main import build_parser

    silent = [
        f"{name}: {action.dest}"
        for name, parser in _parsers(build_parser(), "replayshop")
        for action in parser._actions
        if not isinstance(action, (argparse._HelpAction, argparse._SubParsersAction))
        and not action.help
    ]
    assert silent == []


def test_verify_check_and_projections_speak_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    demo = make_files(tmp_path).demo
    capsys.readouterr()
    assert replayshop(["verify", "--db", str(demo), "--json"]) == 0
    verified = json.loads(capsys.readouterr().out)
    assert verified["status"] == "ok" and verified["exit_code"] == 0
    assert verified["head"].startswith(f"{verified['events']}:")

    assert replayshop(["projections", "list", "--db", str(demo), "--json"]) == 0
    held = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {"catalog", "reviews", "wallets"} <= {v["name"] for v in held}
    assert all(v["lag"] == 0 and v["in_use"] for v in held)

    junk = tmp_path / "junk.db"
    assert replayshop(["verify", "--db", str(junk), "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["status"] == "damaged"

    cut = tmp_path / "truncated.shoprec"
    assert replayshop(["check", "--json", str(cut)]) == 1
    checked = json.loads(capsys.readouterr().out)
    assert checked["failed"] == 1 and checked["recordings"][0]["status"] == "bad file"
    assert "truncated" in checked["recordings"][0]["report"]


@pytest.mark.parametrize(
    "column", ["event_type", "data"], ids=["an unknown type", "undecodable data"]
)
def test_an_error_that_quotes_a_damaged_column_escapes_what_it_quotes(
    tmp_path: Path, column: str
) -> None:
    """A store is a file from anywhere: a message that quotes what a column holds must not
    let it retitle the terminal or clear it. Run as a user runs it, in its own process."""
    demo = make_files(tmp_path).demo
    db = sqlite3.connect(demo)
    db.execute("DROP TRIGGER events_no_update")
    hostile = "x\x1b]0;pwned\x07\x1b[2J"
    db.execute(f"UPDATE events SET {column} = ? WHERE position = 7", (hostile,))
    db.commit()
    db.close()
    run = subprocess.run(
        [sys.executable, "-m", "app.cli.main", "events", "--db", str(demo)],
        capture_output=True, text=True, check=False, timeout=HANG_GUARD_S,
    )  # fmt: skip
    assert run.returncode == 2, run.stderr
    assert "position 7" in run.stderr and "Traceback" not in run.stderr
    assert "\x1b" not in run.stdout + run.stderr and "\x07" not in run.stdout + run.stderr


@pytest.mark.parametrize("option", [["-o", "out.txt"], ["--replay"]])
def test_recording_show_takes_no_option_of_the_other_subcommands(
    option: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """`show` once ignored `-o` and `--replay` without a word: now they are refused."""
    with pytest.raises(SystemExit) as exit_:
        replayshop(["recording", "show", str(RECORDINGS / "menu-keys.shoprec"), *option])
    assert exit_.value.code == 2
    assert f"unrecognized arguments: {option[0]}" in capsys.readouterr().err
