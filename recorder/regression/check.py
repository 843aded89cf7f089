"""`replayshop check`: replay every recording under some paths; a summary, optional JUnit XML."""

from __future__ import annotations

import json
import platform
import sys
import time
from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from recorder.fileformat.shoprec import RecordingError, load_recording
from recorder.regression.pictures import write_divergence_pictures
from recorder.regression.progress import progress
from recorder.regression.stress import busy_machine
from recorder.replay.factory import AppFactory
from recorder.replay.run import run_headless, run_with_pictures
from recorder.replay.verdict import Verdict


def find_recordings(paths: Sequence[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(path.rglob("*.shoprec")))
        elif path.exists():
            found.append(path)
    return found


@dataclass(frozen=True)
class Checked:
    """One file's outcome: a verdict about the app, or why the file itself was refused. Of
    several replays of it (`--repeat`), the first that did not pass, else the last."""

    path: Path
    verdict: Verdict | None  # None: the file could not be trusted or read
    refusal: str
    seconds: float
    runs: int = 1
    passed_runs: int | None = None  # None: one replay, whose verdict says it

    @property
    def passed(self) -> bool:
        every_run = self.passed_runs is None or self.passed_runs == self.runs
        return self.verdict is not None and self.verdict.passed and every_run

    @property
    def status(self) -> str:
        status = "bad file" if self.verdict is None else self.verdict.status
        return status if self.runs == 1 else f"{status} {self.passed_runs}/{self.runs}"


def replay_file(path: Path, factory: AppFactory) -> Verdict:
    """A verdict either way (the pytest plugin's view): a refused file cannot be replayed."""
    checked = _check(path, factory)
    return checked.verdict or Verdict("could_not_replay", None, checked.refusal)


def replay_file_pictured(path: Path, factory: AppFactory) -> tuple[Verdict, list[int]]:
    """As `replay_file`, the replay's recorder drawing pictures: the verdict, and the looks
    of the recording the replay drew no picture at (none, when all is well: the report page
    and the viewer show a picture at every step of every committed recording from these)."""
    try:
        recording = load_recording(path)
    except RecordingError as error:
        return Verdict("could_not_replay", None, str(error)), []
    verdict, drawn = run_with_pictures(recording, factory)
    return verdict, sorted(set(recording.observations) - set(drawn))


def _check(
    path: Path, factory: AppFactory, repeat: int = 1, pictures: Path | None = None
) -> Checked:
    """Replay `path` `repeat` times: the same verdict every time, or it did not pass. With
    `pictures`, a replay that does not pass writes its diverging step's pictures there."""
    started = time.perf_counter()
    try:
        recording = load_recording(path)
    except RecordingError as error:
        return Checked(path, None, str(error), time.perf_counter() - started, repeat)
    kept, passed = None, 0
    for _ in range(repeat):
        if pictures is None:
            verdict = run_headless(recording, factory)
        else:
            verdict, drawn = run_with_pictures(recording, factory)
            for line in write_divergence_pictures(recording, verdict, drawn, pictures):
                print(line, file=sys.stderr)
        passed += verdict.passed
        if kept is None or (kept.passed and not verdict.passed):
            kept = verdict
    assert kept is not None
    return Checked(path, kept, "", time.perf_counter() - started, repeat, passed)


def check_recordings(
    paths: Sequence[Path],
    factory: AppFactory,
    junit: Path | None = None,
    repeat: int = 1,
    stress: bool = False,
    verbose: bool = False,
    as_json: bool = False,
    pictures: Path | None = None,
) -> int:
    """Replay every recording under `paths`, each `repeat` times; with `stress`, while busy
    processes (two per core) load the machine. 0 when all passed every time. `verbose`: every
    widget that differs, not the first three (the JUnit file always has them all).
    `pictures`: a folder for the diverging step's pictures of each replay that fails."""
    missing = [str(p) for p in paths if not p.exists()]
    if missing:  # a typo in CI must not quietly leave a test out
        print(
            f"no such file or folder: {', '.join(missing)}; check takes *.shoprec files and "
            "folders that hold them",
            file=sys.stderr,
        )
        return 2
    files = find_recordings(paths)
    if not files:
        print(f"no *.shoprec files under {', '.join(map(str, paths))}", file=sys.stderr)
        return 2
    started_at = datetime.now(UTC)
    with busy_machine() if stress else nullcontext(0) as spinners:
        if spinners:
            print(f"{spinners} busy processes load the machine", file=sys.stderr)
        results = _check_all(files, factory, repeat, pictures)
    failed = [r for r in results if not r.passed]
    if junit is not None:
        write_junit(junit, results, started_at)
    if as_json:
        print(json.dumps(_as_json(results)))
        return 1 if failed else 0
    width = max(len(str(r.path)) for r in results)
    print(f"{'recording':<{width}}  {'verdict':<16} {'seconds':>7}")
    for r in results:
        print(f"{r.path!s:<{width}}  {r.status:<16} {r.seconds:>7.2f}")
    for r in failed:
        print()
        if r.verdict is None:
            print(f"BAD FILE: {r.refusal}")  # one line, and the others still ran
        else:
            print(r.verdict.report(str(r.path), verbose))
    print(f"\n{len(results) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


def _as_json(results: list[Checked]) -> dict[str, Any]:
    return {
        "passed": sum(r.passed for r in results),
        "failed": sum(not r.passed for r in results),
        "recordings": [
            {
                "path": str(r.path),
                "status": r.status,
                "passed": r.passed,
                "seconds": round(r.seconds, 2),
                "runs": r.runs,
                "passed_runs": r.runs if r.passed_runs is None and r.passed else r.passed_runs,
                "report": None
                if r.passed
                else (r.refusal if r.verdict is None else r.verdict.report(str(r.path), True)),
            }
            for r in results
        ],
    }


def _check_all(
    files: list[Path], factory: AppFactory, repeat: int, pictures: Path | None
) -> list[Checked]:
    results: list[Checked] = []
    with progress(len(files), "replaying", "recordings") as reached:
        for n, path in enumerate(files):
            reached(n, path.name)
            results.append(_check(path, factory, repeat, pictures))
        reached(len(files))
    return results


def _is_error(r: Checked) -> bool:
    """The recording could not be checked at all (a refused file, a step the app could not
    take): an error in JUnit's terms, not a failure of the app under test."""
    return r.verdict is None or r.verdict.status == "could_not_replay"


def write_junit(path: Path, results: list[Checked], started_at: datetime | None = None) -> None:
    """JUnit XML as CI servers read it: a <testsuites> root with one suite, counts of tests,
    failures, errors and skipped on both, and when the run started."""
    errors = sum(1 for r in results if _is_error(r))
    failures = sum(1 for r in results if not r.passed) - errors
    counts = {
        "tests": str(len(results)),
        "failures": str(failures),
        "errors": str(errors),
        "skipped": "0",
        "time": f"{sum(r.seconds for r in results):.3f}",
    }
    root = ET.Element("testsuites", {"name": "replayshop check", **counts})
    when = (started_at or datetime.now(UTC)).isoformat(timespec="seconds")
    attributes = {"name": "recordings", "timestamp": when, "hostname": platform.node()}
    suite = ET.SubElement(root, "testsuite", {**attributes, **counts})
    for r in results:
        case = ET.SubElement(
            suite,
            "testcase",
            classname="recordings",
            name=r.path.stem,
            file=str(r.path),
            time=f"{r.seconds:.3f}",
        )
        if r.verdict is None:
            error = ET.SubElement(case, "error", type="RecordingError", message=r.refusal)
            error.text = r.refusal
        elif r.verdict.status == "could_not_replay":
            error = ET.SubElement(case, "error", type="CouldNotReplay", message=r.verdict.message)
            error.text = r.verdict.report(str(r.path), verbose=True)
        elif not r.passed:
            failure = ET.SubElement(case, "failure", message=r.verdict.status)
            failure.text = r.verdict.report(str(r.path), verbose=True)
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)
