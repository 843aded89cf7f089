"""Feeding mutated recordings to the loader, `recording show` and a replay.

A case fails if anything raises past them (a traceback a user would see) or if it never ends:
a watchdog ends the whole run, naming the case, when one case takes HANG_S (a hang detector,
far beyond any real case, not a speed limit).
"""

from __future__ import annotations

import contextlib
import faulthandler
import io
import json
import os
import sys
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from tests.fuzzing.mutate import HOSTILE_PATHS, cases

HANG_S = 300
REPLAY_WAIT_MS = 300  # a mutated step that cannot be applied gives up quickly


@dataclass
class FuzzReport:
    cases: int = 0
    refused: int = 0  # "not a valid recording" and the like: exit code 2
    loaded: int = 0
    replayed: int = 0
    verdicts: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)  # the case and its traceback
    seconds: float = 0.0
    slowest: tuple[float, str] = (0.0, "")
    refusals: Counter[str] = field(default_factory=Counter)  # the first words of each reason

    def summary(self) -> str:
        reasons = ", ".join(f"{n} {why}" for why, n in self.refusals.most_common(6))
        return (
            f"{self.cases} cases in {self.seconds:.0f} s: {self.refused} refused cleanly, "
            f"{self.loaded} loaded, {self.replayed} replayed "
            f"({', '.join(f'{n} {v}' for v, n in sorted(self.verdicts.items()))}); "
            f"{len(self.failures)} tracebacks, 0 hangs; slowest case {self.slowest[0]:.1f} s "
            f"({self.slowest[1]})\nrefusals: {reasons}"
        )


def fuzz(
    seed: int, count: int, sources: list[Path], folder: Path, replay_every: int = 1
) -> FuzzReport:
    """Run `count` cases; every `replay_every`-th case that loads is also replayed."""
    from PySide6.QtWidgets import QApplication

    from app.cli.main import main as replayshop
    from app.shell.replay_factory import make_replay_app
    from recorder.fileformat.shoprec import RecordingError, load_recording
    from recorder.replay.replayer import Replayer
    from recorder.replay.run import run_to_verdict

    QApplication.instance() or QApplication([])
    report = FuzzReport()
    started = time.perf_counter()
    for what, path in cases(seed, count, sources, folder):
        report.cases += 1
        case_started = time.perf_counter()
        # Named on disk, so a hang that ends the run (the dump says where) says which case.
        (folder / "current-case.txt").write_text(what)
        faulthandler.dump_traceback_later(HANG_S, exit=True)
        try:
            try:
                recording = load_recording(path)
            except RecordingError as error:
                report.refused += 1
                report.refusals[_reason(str(error), path)] += 1
                recording = None
            out, err = io.StringIO(), io.StringIO()
            flag = ["--json"] if report.cases % 2 else []
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = replayshop(["recording", "show", *flag, str(path)])
            if code != (2 if recording is None else 0):
                report.failures.append(f"{what}: `recording show` exited {code}: {err.getvalue()}")
            if recording is not None:
                report.loaded += 1
                if report.loaded % replay_every == 0:
                    replayer = Replayer(recording, make_replay_app, wait_timeout_ms=REPLAY_WAIT_MS)
                    try:
                        verdict = run_to_verdict(replayer)
                    finally:
                        replayer.close()
                    report.replayed += 1
                    report.verdicts[verdict.status] += 1
        except Exception:
            report.failures.append(f"{what}:\n{traceback.format_exc()}")
        finally:
            faulthandler.cancel_dump_traceback_later()
        took = time.perf_counter() - case_started
        if took > report.slowest[0]:
            report.slowest = (took, what)
        path.unlink(missing_ok=True)
    report.seconds = time.perf_counter() - started
    for hostile in HOSTILE_PATHS:
        if "owned" in hostile and (written := (folder / hostile).resolve()).exists():
            report.failures.append(f"a replay wrote outside its folder: {written}")
    return report


def _reason(message: str, path: Path) -> str:
    """What kind of refusal: the message without the file and the details."""
    text = message.replace(str(path), "").strip()
    for marker in (":", "("):
        text = text.split(marker)[0]
    return text.strip()[:60] or "refused"


def main(argv: list[str]) -> int:
    import argparse
    import tempfile

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
    parser = argparse.ArgumentParser(prog="python -m tests.fuzzing")
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=20261130)
    parser.add_argument("--replay-every", type=int, default=1)
    parser.add_argument("--out", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args(argv)
    sources = sorted((Path(__file__).resolve().parents[2] / "recordings").glob("*.shoprec"))
    with tempfile.TemporaryDirectory(prefix="replayshop-fuzz-") as tmp:
        report = fuzz(args.seed, args.cases, sources, Path(tmp), args.replay_every)
    print(report.summary())
    if args.out:
        args.out.write_text(
            json.dumps(
                {
                    "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
                    "seed": args.seed,
                    "cases": report.cases,
                    "refused": report.refused,
                    "loaded": report.loaded,
                    "replayed": report.replayed,
                    "verdicts": dict(report.verdicts),
                    "tracebacks": len(report.failures),
                    "hangs": 0,  # a hang ends the run before this line
                    "seconds": round(report.seconds, 1),
                    "slowest_case_s": round(report.slowest[0], 2),
                    "refusals": dict(report.refusals),
                    "platform": os.environ.get("QT_QPA_PLATFORM", ""),
                    "cores": os.cpu_count(),
                },
                indent=2,
            )
            + "\n"
        )
    for failure in report.failures[:20]:
        print("\n" + failure, file=sys.stderr)
    return 1 if report.failures else 0
