"""The command line fuzzed: every subcommand with its options, hostile values, junk and empty
files, foreign databases, folders and missing paths (`make fuzz`, and 300 cases in the suite).

A case fails when anything but an exit code comes out of `replayshop` (a traceback a user
would see), when it exits with a code other than 0, 1 or 2, or when an escape character
reaches the terminal. Commands that open a window or replay (`run`, a replay of a valid
recording) are left out: they are not the command line's own paths, and their own tests and
the recording fuzz cover them.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
import traceback
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

RECORDINGS = Path(__file__).resolve().parents[2] / "recordings"

HOSTILE_TEXT = [
    "",
    " ",
    "-1",
    "0",
    "1",
    "5",
    "99999999999999999999999",
    "-99999999999999999999999",
    "1e309",
    "nan",
    "inf",
    "0x10",
    "²",
    "2026-13-45",
    "2026-11-02",
    "2026-11-02T10:00:00+00:00",
    "9999-12-31T23:59:59",
    "\x1b]0;pwned\x07\x1b[2J",
    "\udcff\udcfe",  # bytes that are not UTF-8, as Python hands them over
    "' OR 1=1 --",
    "ann",
    "#tag",
    "cart-x",
    "catalog",
    "catalog_v2",
    "ä" * 3000,
    "--json",
    "-",
]


@dataclass
class Files:
    """The paths a case may name: one of each kind a user could hand over."""

    folder: Path
    demo: Path  # a real shop, which some cases change (that is their right)
    recording: Path  # a real recording whose note holds escape sequences

    @property
    def databases(self) -> list[str]:
        damaged = sorted(self.folder.glob("damaged-*.db"))
        return [str(p) for p in (self.demo, self.demo, *damaged, *self._junk())] + [
            "postgresql://nobody@127.0.0.1:1/none",
            "postgresql://",
            "sqlite:///x",
        ]

    @property
    def bad_recordings(self) -> list[str]:
        return [str(p) for p in self._junk()]

    @property
    def outputs(self) -> list[str]:
        return [
            str(self.folder / "out" / "written"),
            str(self.folder / "missing" / "x.html"),
            str(self.folder / "adir"),
        ]

    def _junk(self) -> list[Path]:
        return [self.folder / n for n in JUNK] + [self.folder / "missing.db", self.folder / "adir"]


JUNK = {
    "junk.db": b"not a database\n",
    "empty.db": b"",
    "foreign.db": None,  # SQLite, someone else's tables
    "truncated.shoprec": None,  # the first half of a real recording
    "binary.shoprec": bytes(range(256)) * 4,
}


def make_files(folder: Path) -> Files:
    from app.cli.main import main as replayshop

    folder.mkdir(parents=True, exist_ok=True)
    for sub in ("out", "adir", "good"):  # adir stays empty: a folder where a file belongs
        (folder / sub).mkdir(exist_ok=True)
    source = RECORDINGS / "menu-keys.shoprec"
    for name, data in JUNK.items():
        path = folder / name
        if data is not None:
            path.write_bytes(data)
    foreign = sqlite3.connect(folder / "foreign.db")
    foreign.execute("CREATE TABLE IF NOT EXISTS events (x)")
    foreign.execute("CREATE TABLE IF NOT EXISTS meta (key, value)")
    foreign.commit()
    foreign.close()
    whole = source.read_bytes()
    (folder / "truncated.shoprec").write_bytes(whole[: len(whole) // 2])
    evil = folder / "good" / "evil.shoprec"  # apart: `check FOLDER` must not replay it
    shutil.copyfile(source, evil)
    db = sqlite3.connect(evil)
    db.execute("UPDATE meta SET value = ? WHERE key = 'note'", ("x\x1b]0;pwned\x07\x1b[2J",))
    db.commit()
    db.close()
    demo = folder / "demo.db"
    with contextlib.redirect_stdout(io.StringIO()):
        assert replayshop(["demo-data", "--db", str(demo)]) == 0
    _damage(demo, folder)
    return Files(folder, demo, evil)


DAMAGED_COPIES = 12


def _damage(demo: Path, folder: Path) -> None:
    """Copies of the shop, each with one bit flipped somewhere past the header: a disk's or a
    copy's damage, which `verify --deep` and every reading command must take calmly."""
    whole = demo.read_bytes()
    for n in range(DAMAGED_COPIES):
        offset = 100 + (len(whole) - 100) * n // DAMAGED_COPIES + 37 * n
        flipped = bytearray(whole)
        flipped[offset] ^= 1 << (n % 8)
        (folder / f"damaged-{n}.db").write_bytes(bytes(flipped))


def argvs(files: Files) -> st.SearchStrategy[list[str]]:
    """A command line: a subcommand, some of its options, each with a hostile or usual value."""
    text = st.sampled_from(HOSTILE_TEXT)
    db = st.sampled_from(files.databases)
    bad = st.sampled_from(files.bad_recordings)
    any_recording = st.sampled_from([*files.bad_recordings, str(files.recording)])
    out = st.sampled_from(files.outputs)

    def options(**choices: st.SearchStrategy[str] | None) -> st.SearchStrategy[list[str]]:
        """Each option present or not; a None strategy is a flag."""
        parts = [
            st.one_of(
                st.just([]),
                st.just([name]) if value is None else value.map(lambda v, n=name: [n, v]),
            )
            for name, value in choices.items()
        ]
        return st.tuples(*parts).map(lambda chosen: [a for part in chosen for a in part])

    def command(head: list[str], rest: st.SearchStrategy[list[str]]) -> st.SearchStrategy:
        return rest.map(lambda tail: [*head, *tail])

    rec = ["recording"]
    commands = [
        command(["sessions"], options(**{"--db": db, "--json": None})),
        command(["report"], options(**{"--db": db, "--session": text, "-o": out, "--note": text})),
        command(
            ["verify"],
            options(**{"--db": db, "--deep": None, "--expect-head": text, "--json": None}),
        ),
        command(
            ["events"],
            options(
                **{"--db": db, "--stream": text, "--type": text, "--as-of": text, "--json": None}
            ),
        ),
        st.tuples(
            st.sampled_from(["list", "rebuild", "images", "use", "drop", "nope"]),
            st.sampled_from(["", "catalog", "catalog_v2", "reviews", "x"]),
            text,
            options(**{"--db": db, "--json": None}),
        ).map(lambda t: ["projections", t[0], *([t[1]] if t[1] else []), t[2], *t[3]]),
        command(["projector", "--once"], options(**{"--db": db, "--only": text})),
        command(
            ["state"], options(**{"--db": db, "--as-of": text, "--view": text, "--json": None})
        ),
        command(
            ["query", "reviews"],
            options(
                **{
                    "--db": db,
                    "--author": text,
                    "--tag": text,
                    "--since": text,
                    "--until": text,
                    "--limit": text,
                    "--json": None,
                }
            ),
        ),
        command(["demo-data"], options(**{"--db": db, "--events": text})),
        st.tuples(
            st.sampled_from(["show", "script", "html"]),
            any_recording,
            options(**{"-o": out, "--json": None}),
        ).map(lambda t: [*rec, t[0], t[1], *t[2]]),
        st.tuples(st.sampled_from(["rebase", "shrink"]), bad, options(**{"-o": out})).map(
            lambda t: [*rec, t[0], t[1], *t[2]]
        ),
        command(
            ["replay", "--headless"],
            st.tuples(bad, options(**{"--speed": text})).map(lambda t: [t[0], *t[1]]),
        ),
        command(
            ["check"],
            st.tuples(
                st.lists(bad, min_size=1, max_size=3), options(**{"--repeat": text, "--json": None})
            ).map(lambda t: [*t[0], *t[1]]),
        ),
        command(
            ["coverage"],
            st.tuples(
                st.lists(any_recording, min_size=1, max_size=2),
                options(**{"--json": None, "--gaps": bad}),
            ).map(lambda t: [*t[0], *t[1]]),
        ),
        # A made-up subcommand (never none at all: that starts the app's window).
        st.lists(text, min_size=1, max_size=3),
    ]
    return st.one_of(commands)


@dataclass
class CliReport:
    cases: int = 0
    exits: dict[int, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        codes = ", ".join(f"{n} exit {code}" for code, n in sorted(self.exits.items()))
        failed = len(self.failures)
        return f"{self.cases} command lines in {self.seconds:.0f} s: {codes}; {failed} failures"


def run_case(argv: list[str], report: CliReport) -> None:
    """One command line, in this process; whatever goes wrong is kept in `report`."""
    from app.cli.main import main as replayshop

    out, err = io.StringIO(), io.StringIO()
    if os.environ.get("REPLAYSHOP_FUZZ_TRACE"):
        print(repr(argv)[:200], file=sys.__stderr__, flush=True)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = replayshop(argv)
            except SystemExit as exit_:  # argparse: --help, or a usage error
                code = exit_.code if isinstance(exit_.code, int) else 2
    except Exception:
        report.failures.append(f"{argv!r}\n{traceback.format_exc()}")
        return
    report.cases += 1
    report.exits[code] = report.exits.get(code, 0) + 1
    if code not in (0, 1, 2):
        report.failures.append(f"{argv!r}: exit code {code}")
    for name, stream in (("stdout", out), ("stderr", err)):
        if "\x1b" in stream.getvalue():
            report.failures.append(f"{argv!r}: an escape character reached {name}")


def fuzz(files: Files, cases: int, seed: int) -> CliReport:
    """Run `cases` command lines in `files.folder`: a command's default output (`recording
    html FILE` writes NAME.html here) lands there, never in the checkout it was started in."""
    report = CliReport()
    started = time.monotonic()
    with contextlib.chdir(files.folder / "out"):
        _fuzz_here(files, cases, seed, report)
    report.seconds = time.monotonic() - started
    return report


def _fuzz_here(files: Files, cases: int, seed: int, report: CliReport) -> None:

    @settings(
        max_examples=cases,
        database=None,
        deadline=None,
        derandomize=False,
        suppress_health_check=list(HealthCheck),
    )
    @given(argv=argvs(files))
    def one(argv: list[str]) -> None:
        run_case(argv, report)

    # The seed makes a run repeatable: `python -m tests.fuzzing.cli --seed S`.
    from hypothesis import seed as with_seed

    with_seed(seed)(one)()


def _commit() -> str:
    return subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=Path(__file__).parent, capture_output=True, text=True, check=False,
    ).stdout.strip()  # fmt: skip


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzzing.cli")
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=int(datetime.now(UTC).strftime("%Y%m%d")))
    parser.add_argument("--out", type=Path, help="add the figures to this JSON file")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # The suite's cheap scrypt: seeding shops is not what is being fuzzed.
    os.environ.setdefault("REPLAYSHOP_SCRYPT_COST", "1024,8,1")
    from PySide6.QtWidgets import QApplication

    QApplication.instance() or QApplication(sys.argv[:1])
    import tempfile

    load_at_start, commit = round(os.getloadavg()[0], 2), _commit()  # the code that runs

    with tempfile.TemporaryDirectory(prefix="replayshop-cli-fuzz-") as folder:
        # A command without --db opens the default shop: this run's own, never the user's.
        for kind in ("DATA", "CONFIG", "STATE", "CACHE"):
            os.environ[f"XDG_{kind}_HOME"] = str(Path(folder) / "home" / kind.lower())
        report = fuzz(make_files(Path(folder)), args.cases, args.seed)
    print(report.summary())
    for failure in report.failures[:10]:
        print(f"\n{failure}")
    if args.out is not None:
        figures = json.loads(args.out.read_text()) if args.out.exists() else {}
        figures["command_line"] = {
            "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            # The time depends on the machine's load: the conditions go with it.
            "commit": commit,
            "cores": os.cpu_count(),
            "load_average_at_start": load_at_start,
            "seed": args.seed,
            "cases": report.cases,
            "exits": {str(k): v for k, v in sorted(report.exits.items())},
            "failures": len(report.failures),
            "seconds": round(report.seconds, 1),
        }
        args.out.write_text(json.dumps(figures, indent=2) + "\n")
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
