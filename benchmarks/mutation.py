"""Mutation testing: do the committed recordings catch planted bugs?

Each `tests/mutation/NN-name.patch` is a small realistic bug. For each, a fresh copy of HEAD
(recordings included) gets the patch applied, and `replayshop check recordings/` runs there
headless. A non-zero exit is a caught bug; the first line of the first failing verdict says
where it was caught. The figures go to benchmarks/results.json under "mutation", which
`python -m benchmarks.readme` puts into the README.

    python -m benchmarks.mutation [--jobs N] [--only NAME]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PATCHES = ROOT / "tests" / "mutation"
RESULTS = ROOT / "benchmarks" / "results.json"
TARGET = 0.9
# A verdict's first line, as recorder/replay/verdict.py (Verdict.report) and
# recorder/regression/check.py write it.
VERDICT = re.compile(
    r"^(DIVERGED|EXCEPTION|COULD NOT REPLAY|IDENTICAL|REPRODUCED|RECORDED DIFFERENTLY|BAD FILE)\b"
)
# A step of the session, or the starting state it began from (a read model its events built).
STEP = re.compile(r"at UI event #\d+|at the starting state")
HEADERS = ("area", "bug", "equivalent")


@dataclass(frozen=True)
class Patch:
    path: Path
    area: str
    bug: str
    equivalent: str  # why no behaviour can differ; "" for a real bug

    @property
    def name(self) -> str:
        return self.path.stem


def read_patch(path: Path) -> Patch:
    """The header lines before the diff (`git apply` ignores them): Area, Bug, Equivalent."""
    fields: dict[str, str] = {}
    key = ""
    for line in path.read_text().partition("diff --git")[0].splitlines():
        name, sep, value = line.partition(":")
        if sep and name.strip().lower() in HEADERS:
            key = name.strip().lower()
            fields[key] = value.strip()
        elif key and line.strip():  # a long reason goes on over several lines
            fields[key] += " " + line.strip()
    return Patch(path, fields.get("area", ""), fields.get("bug", ""), fields.get("equivalent", ""))


def patches() -> list[Patch]:
    return [read_patch(p) for p in sorted(PATCHES.glob("*.patch"))]


@dataclass
class Outcome:
    name: str
    area: str
    bug: str
    equivalent: str  # why it is equivalent; "" for a real bug
    caught: bool
    first_line: str
    names_step: bool
    seconds: float
    error: str = ""  # the patch did not apply, or the check could not start


def _git(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)


def first_verdict_line(output: str) -> str:
    """The first line of the first failing verdict in `check`'s output: the table of
    verdicts comes first, then each failure's report, which starts with its heading."""
    return next((line for line in output.splitlines() if VERDICT.match(line)), "")


def run_one(patch: Patch, commit: str) -> Outcome:
    started = time.monotonic()

    def outcome(caught: bool, first: str = "", error: str = "") -> Outcome:
        return Outcome(
            patch.name,
            patch.area,
            patch.bug,
            patch.equivalent,
            caught,
            first,
            bool(STEP.search(first)),
            round(time.monotonic() - started, 1),
            error,
        )

    with tempfile.TemporaryDirectory(prefix=f"replayshop-mutant-{patch.name[:20]}-") as tmp:
        tree = Path(tmp) / "tree"
        tree.mkdir()
        # `git archive`: exactly that commit's files (recordings/ too), nothing from the
        # working tree, and the same commit for every mutant however long the run takes.
        archive = subprocess.Popen(["git", "archive", commit], cwd=ROOT, stdout=subprocess.PIPE)
        subprocess.run(["tar", "-x", "-C", str(tree)], stdin=archive.stdout, check=True)
        archive.wait()
        # --unidiff-zero off, no fuzz: a patch that no longer applies exactly is an error.
        applied = _git("apply", str(patch.path), cwd=tree)
        if applied.returncode != 0:
            return outcome(False, error=f"does not apply: {applied.stderr.strip()}")
        # The translations as `make` compiles them (the .qm files are not committed): without
        # replayshop_en.qm every count reads "1 product(s)" and each recording diverges, the
        # mutant's bug or not. A patch may plant its bug in a .ts file too.
        lrelease = Path(sys.executable).with_name("pyside6-lrelease")
        for ts in sorted((tree / "app" / "translations").glob("*.ts")):
            built = subprocess.run(
                [str(lrelease), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))],
                capture_output=True,
                text=True,
            )
            if built.returncode != 0:
                return outcome(False, error=f"lrelease {ts.name}: {built.stderr.strip()}")
        env = {
            **os.environ,
            "PYTHONPATH": str(tree),  # the copy first: the venv's editable install is elsewhere
            "QT_QPA_PLATFORM": "offscreen",
            # The mutant's settings, data and logs stay in the temporary folder (the font
            # cache, XDG_CACHE_HOME, is shared: rebuilding it would only cost time).
            "XDG_CONFIG_HOME": f"{tmp}/config",
            "XDG_DATA_HOME": f"{tmp}/data",
            "XDG_STATE_HOME": f"{tmp}/state",
        }
        check = subprocess.run(
            ["nice", "-n", "19", sys.executable, "-m", "app.cli.main", "check", "recordings/"],
            cwd=tree,
            env=env,
            capture_output=True,
            text=True,
        )
        first = first_verdict_line(check.stdout)
        if check.returncode != 0 and not first:
            # Non-zero without a verdict: the app did not even start (an import error, say).
            first = (check.stderr.strip().splitlines() or ["(no output)"])[-1]
        return outcome(check.returncode != 0, first)


def _commit() -> str:
    """HEAD when the run starts: a commit made while it runs must not change what it tests."""
    return _git("rev-parse", "--short", "HEAD").stdout.strip()


def summarise(outcomes: list[Outcome], load: float, commit: str) -> dict[str, Any]:
    counted = [o for o in outcomes if not o.error]
    equivalent = sum(bool(o.equivalent) for o in counted)
    caught = sum(o.caught for o in counted)
    planted = len(outcomes)
    return {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "commit": commit,
        "cores": os.cpu_count(),
        "load_average_at_start": load,
        "patches": planted,
        "equivalent": equivalent,
        "caught": caught,
        # Patches that failed to apply count as planted and not caught: the rate never gains
        # from a stale patch.
        "rate": round(caught / max(planted - equivalent, 1), 4),
        "seconds": round(sum(o.seconds for o in outcomes), 1),
        "errors": [o.name for o in outcomes if o.error],
        "mutants": [_entry(o) for o in outcomes],
    }


def _entry(o: Outcome) -> dict[str, Any]:
    """One mutant in results.json: "equivalent" is false or the reason it is; "error" only
    where there was one."""
    entry = {**asdict(o), "equivalent": o.equivalent or False}
    if not o.error:
        del entry["error"]
    return entry


def record(figures: dict[str, Any], results_path: Path = RESULTS) -> None:
    """Update only the "mutation" key, keeping the rest of results.json as it is."""
    results = json.loads(results_path.read_text())
    results["mutation"] = figures
    results_path.write_text(json.dumps(results, indent=2) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.mutation", description=__doc__)
    parser.add_argument("--jobs", type=int, default=2, help="checks run side by side")
    parser.add_argument("--only", action="append", help="one patch by name (repeatable)")
    args = parser.parse_args(argv)
    chosen = patches()
    if args.only:
        chosen = [p for p in chosen if any(o in p.name for o in args.only)]
        if not chosen:
            parser.error(f"no patch under {PATCHES} matches {args.only}")
    load = round(os.getloadavg()[0], 2)
    commit = _commit()
    print(f"{len(chosen)} planted bugs, {args.jobs} at a time (load {load})", flush=True)
    wall = time.monotonic()

    def one(patch: Patch) -> Outcome:
        o = run_one(patch, commit)
        mark = (
            "ERROR" if o.error else "caught" if o.caught else "equiv" if o.equivalent else "MISSED"
        )
        print(f"  {mark:<6} {o.name} ({o.seconds:.0f} s) {o.error or o.first_line}", flush=True)
        return o

    with ThreadPoolExecutor(max_workers=max(args.jobs, 1)) as pool:
        outcomes = list(pool.map(one, chosen))
    figures = summarise(outcomes, load, commit)
    figures["wall_seconds"] = round(time.monotonic() - wall)
    if args.only:
        print("(--only: results.json left as it is)")
    else:
        record(figures)
    missed = [o for o in outcomes if not o.caught and not o.error]
    stepless = [o for o in outcomes if o.caught and not o.names_step]
    print(
        f"\ncaught {figures['caught']} of {figures['patches']} planted bugs "
        f"({figures['equivalent']} equivalent): {figures['rate']:.0%} "
        f"in {figures['wall_seconds'] / 60:.1f} min"
    )
    for o in missed:
        print(f"  missed{' (equivalent)' if o.equivalent else ''}: {o.name}: {o.bug}")
    for o in stepless:
        print(f"  caught, but its first line names no step: {o.name}: {o.first_line}")
    for name in figures["errors"]:
        print(f"  ERROR: {name} does not apply to HEAD")
    return 1 if figures["rate"] < TARGET or figures["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
