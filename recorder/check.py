"""`replayshop check`: replay every recording under some paths; a summary, optional JUnit XML."""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path
from xml.etree import ElementTree as ET

from recorder.fileformat import RecordingError, load_recording
from recorder.judge import Verdict
from recorder.replayer import AppFactory
from recorder.run import run_headless


def find_recordings(paths: Sequence[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(path.rglob("*.shoprec")))
        elif path.exists():
            found.append(path)
    return found


BAD_FILE = "bad file"  # not a verdict about the app: the file could not be trusted or read


def replay_file(path: Path, factory: AppFactory) -> Verdict:
    try:
        recording = load_recording(path)
    except RecordingError as error:
        return Verdict("could_not_replay", None, str(error), diff=BAD_FILE)
    return run_headless(recording, factory)


def _shown_status(verdict: Verdict) -> str:
    return BAD_FILE if verdict.diff == BAD_FILE else verdict.status


def _bar(done: int, total: int, width: int = 30) -> str:
    filled = width * done // max(total, 1)
    return f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total}"


def check_recordings(paths: Sequence[Path], factory: AppFactory, junit: Path | None = None) -> int:
    files = find_recordings(paths)
    if not files:
        print(f"no *.shoprec files under {', '.join(map(str, paths))}", file=sys.stderr)
        return 2
    results: list[tuple[Path, Verdict, float]] = []
    for n, path in enumerate(files):
        print(f"\r{_bar(n, len(files))} {path.name:<40}", end="", file=sys.stderr, flush=True)
        started = time.perf_counter()
        verdict = replay_file(path, factory)
        results.append((path, verdict, time.perf_counter() - started))
    print(f"\r{_bar(len(files), len(files))} {'':<40}", file=sys.stderr)
    width = max(len(str(p)) for p, _, _ in results)
    print(f"{'recording':<{width}}  {'verdict':<16} {'seconds':>7}")
    for path, verdict, took in results:
        print(f"{path!s:<{width}}  {_shown_status(verdict):<16} {took:>7.2f}")
    failed = [(p, v) for p, v, _ in results if not v.passed]
    for path, verdict in failed:
        print()
        if verdict.diff == BAD_FILE:
            print(f"BAD FILE: {verdict.message}")  # one line, and the others still ran
        else:
            print(verdict.report(str(path)))
    print(f"\n{len(results) - len(failed)} passed, {len(failed)} failed")
    if junit is not None:
        write_junit(junit, results)
    return 1 if failed else 0


def write_junit(path: Path, results: list[tuple[Path, Verdict, float]]) -> None:
    errors = sum(1 for _, v, _ in results if v.diff == BAD_FILE)
    failures = sum(1 for _, v, _ in results if not v.passed) - errors
    suite = ET.Element(
        "testsuite",
        name="recordings",
        tests=str(len(results)),
        failures=str(failures),
        errors=str(errors),
        time=f"{sum(t for *_, t in results):.3f}",
    )
    for recording, verdict, took in results:
        case = ET.SubElement(
            suite,
            "testcase",
            classname="recordings",
            name=recording.stem,
            file=str(recording),
            time=f"{took:.3f}",
        )
        if verdict.diff == BAD_FILE:
            error = ET.SubElement(case, "error", type="RecordingError", message=verdict.message)
            error.text = verdict.message
        elif not verdict.passed:
            failure = ET.SubElement(case, "failure", message=verdict.status)
            failure.text = verdict.report(str(recording))
    ET.ElementTree(suite).write(path, encoding="utf-8", xml_declaration=True)
