"""What pictures in recordings cost: `python -m benchmarks.pictures` (also part of `make bench`).

A committed session is replayed with its app's recorder keeping pictures (one at each look, as
a recording made with the setting on keeps them), in a window of 1280x800. From it:

- bytes: per picture, per UI event and per step, and the recording's file and report page
  with those pictures against without (the same session);
- the recorder's cost per picture: drawing the windows on the GUI thread (`looks.picture`,
  the only part on the input path), against the text observation made at the same look as
  the baseline of the same run; and scaling and compressing on the sink's writer thread
  (`sink.encode`), WebP against PNG.

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
