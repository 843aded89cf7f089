"""What pictures in recordings cost: `python -m benchmarks.pictures` (also part of `make bench`).

A committed session is replayed with its app's recorder keeping pictures (one at each look, as
a recording made with the setting on keeps them), in a window of 1280x800. From it:

- bytes: per picture, per UI event and per step, and the recording's file and report page
  with those pictures against without (the same session);
- the recorder's cost per picture: drawing the windows on the GUI thread (`looks.picture`),
  against the text observation made at the same look as the baseline of the same run; and
  scaling and compressing on the sink's writer thread (`sink.encode`), WebP against PNG.

Then where that drawing falls, in the app's real main window (the rounds of
benchmarks/measure_recorder.py, recorder on, pictures on as the setting's default): the
recorder takes its look, texts and picture, once the app has settled after a change and
holds it for the next input (recorder/capture/looks.py, `Held`). Every picture drawn while
the inputs are timed is timed and told apart: drawn in a pause, for a look held (`Looks.hold`),
or on an input's path. Those drawn in a pause that no input took (the screen changed again
first) are counted too: they cost the pause, not an input. Both paces of recorder_cost: a
person's (a pause after each input) and back to back.

Medians of the runs; the figures go to benchmarks/results.json ("pictures").
"""

from __future__ import annotations

import json
import os
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results.json"
BASE = ROOT / "recordings" / "checkout-refused-and-paid.shoprec"
WINDOW = (1280, 800)


def _ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 2)


class Drawings:
    """Each picture the recorder of one window draws while the inputs are timed, in seconds:
    in a pause, for a look it holds, or on an input's path; and how many the inputs stored.
    A `Watch` of benchmarks/measure_recorder.py's rounds."""

    def __init__(self) -> None:
        self.pause: list[float] = []
        self.input: list[float] = []
        self.stored = 0
        self._on = False
        self._holding = False

    def attach(self, recorder: Any) -> None:
        looks, sink = recorder.looks, recorder.sink
        hold, store = looks.hold, sink.picture

        def holding() -> None:
            self._holding = True
            try:
                hold()
            finally:
                self._holding = False

        def stored(anchor: int, image: Any, width: int) -> None:
            if self._on:
                self.stored += 1
            store(anchor, image, width)

        looks.hold, sink.picture = holding, stored

    def timing(self, on: bool) -> None:
        self._on = on

    def draw(self, draw: Any) -> Any:
        """`looks.picture`, timed: installed in its module while the rounds run."""

        def timed(*args: Any) -> Any:
            started = time.perf_counter()
            image = draw(*args)
            if self._on:
                took = time.perf_counter() - started
                (self.pause if self._holding else self.input).append(took)
            return image

        return timed


def _where(drawn: Drawings) -> dict[str, Any]:
    """Per picture stored: what its drawing cost, and how much of that fell on an input's path
    and how much in the pauses (held looks, those no input took among them)."""
    taken = drawn.stored - len(drawn.input)  # a stored picture not drawn on the input's path
    every = drawn.pause + drawn.input
    return {
        "pictures_stored": drawn.stored,
        "drawn": len(every),
        "draw_ms": _ms(every) if every else None,
        "drawn_on_inputs_path": len(drawn.input),
        "drawn_in_pauses": len(drawn.pause),
        "drawn_in_pauses_taken_by_the_next_input": taken,
        "drawn_in_pauses_and_dropped": len(drawn.pause) - taken,
        "per_picture_ms": {
            "on_inputs_path": round(sum(drawn.input) * 1000 / max(drawn.stored, 1), 2),
            "in_pauses": round(sum(drawn.pause) * 1000 / max(drawn.stored, 1), 2),
        },
    }


def where_drawing_falls(rounds: int, clicks: int, keys: int) -> dict[str, Any]:
    """benchmarks/measure_recorder.py's rounds, recorder on, at both paces: where the
    pictures were drawn."""
    from benchmarks.measure_recorder import PAUSE_MS, one_arm, seed_shop
    from recorder.capture import looks

    paces = {0: Drawings(), PAUSE_MS: Drawings()}
    real = looks.picture
    with tempfile.TemporaryDirectory(prefix="replayshop-pictures-window-") as tmp_dir:
        tmp = Path(tmp_dir)
        seeded = seed_shop(tmp)
        try:
            for n in range(rounds):
                for pause, drawn in paces.items():
                    looks.picture = drawn.draw(real)
                    one_arm(seeded, tmp / f"round{n}-{pause}", True, clicks, keys, pause, drawn)
        finally:
            looks.picture = real
    return {
        "window": "the app's main window (1280x800) on the demo shop",
        "rounds": rounds,
        "inputs_per_round": clicks + clicks % 2 + keys,
        "back_to_back": _where(paces[0]),
        "paused": {
            "pace": f"with a pause of {PAUSE_MS} ms after each input",
            **_where(paces[PAUSE_MS]),
        },
    }


def measure(runs: int = 5) -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication

    QApplication.instance() or QApplication([])
    from app.shell.replay_factory import make_replay_app
    from recorder.capture.entered import is_masked
    from recorder.capture.looks import PICTURE_WIDTH, observe, picture
    from recorder.capture.sink import encode
    from recorder.fileformat.shoprec import load_recording, write_recording
    from recorder.replay.replayer import Replayer
    from recorder.replay.run import run_to_verdict
    from recorder.replay.timer import FAST
    from recorder.writers.web_page import write_html

    recording = load_recording(BASE)
    replayer = Replayer(recording, make_replay_app, FAST, WINDOW, pictures=True)
    timings: dict[str, list[float]] = {"draw": [], "observe": [], "webp": [], "png": []}
    sizes: dict[str, int] = {}
    try:
        verdict = run_to_verdict(replayer)
        assert replayer.target is not None and replayer.target.recorder is not None
        replayer.target.recorder.sink.flush(wait=True)
        pictures = dict(replayer.collector.pictures)
        windows = replayer.scope.windows()
        drawn = None
        for _ in range(runs * 4):
            started = time.perf_counter()
            drawn = picture(windows, is_masked)
            timings["draw"].append(time.perf_counter() - started)
            started = time.perf_counter()
            observe(windows, is_masked)
            timings["observe"].append(time.perf_counter() - started)
            assert drawn is not None
            for kind in ("webp", "png"):
                started = time.perf_counter()
                made = encode(1, drawn, PICTURE_WIDTH, kind)
                timings[kind].append(time.perf_counter() - started)
                sizes[kind] = len(made.image)
        drawn_size = (drawn.width(), drawn.height()) if drawn is not None else (0, 0)
    finally:
        replayer.close()
    with tempfile.TemporaryDirectory(prefix="replayshop-pictures-") as tmp:
        files: dict[str, int] = {}
        for name, shown in (("without", {}), ("with", pictures)):
            version = replace(recording, pictures=shown)
            write_recording(version, Path(tmp) / f"{name}.shoprec")
            write_html(version, Path(tmp) / f"{name}.html")
            files[f"file_{name}"] = (Path(tmp) / f"{name}.shoprec").stat().st_size
            files[f"page_{name}"] = (Path(tmp) / f"{name}.html").stat().st_size
    total = sum(len(p.image) for p in pictures.values())
    steps = len({e.seq for e in recording.ui_events})
    return {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "cores": os.cpu_count(),
        "load_average_at_start": round(os.getloadavg()[0], 2),
        "runs": runs * 4,
        "session": BASE.name,
        "verdict": verdict.status,
        "ui_events": steps,
        "pictures": len(pictures),
        "window": f"{drawn_size[0]}x{drawn_size[1]}",
        "bytes": {
            "per_picture": round(total / max(len(pictures), 1)),
            "per_ui_event": round(total / max(steps, 1)),
            **files,
        },
        "gui_thread_ms": {"draw": _ms(timings["draw"]), "observe_texts": _ms(timings["observe"])},
        "writer_thread_ms": {"webp": _ms(timings["webp"]), "png": _ms(timings["png"])},
        "encoded_bytes": sizes,
        "in_the_app_window": where_drawing_falls(
            1 if runs < 5 else 3, 20 if runs < 5 else 60, 20 if runs < 5 else 60
        ),
    }


def main() -> int:
    figures = measure()
    results = json.loads(RESULTS.read_text())
    results["pictures"] = figures
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
