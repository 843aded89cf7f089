"""How big a recording's report page is, how fast it is written and opens: 1,000 and 100,000 steps.

`python -m benchmarks.report_page` (also part of `make bench`) makes sessions of about 1,000
and 100,000 steps from a real one (recordings/checkout-refused-and-paid.shoprec, 20 steps in
153 UI events, repeated and renumbered, saved as `.shoprec` files) and times, for each and
for that session alone (the small page, measured in the same run), its page as
`replayshop recording html FILE` makes it: reading the recording, then rendering and writing
the page. Then it opens each page's file in Debian's Chromium, headless, through playwright:
from navigation until the page says it is ready (timeline built, first step shown). Medians
of interleaved runs, each open in a fresh page (fewer runs at 100,000 steps, each takes
minutes; the smaller pages, whose opening is mostly noise, opened three times a run);
the page's size, bytes per step and UI event and what its data is made of (the table of
texts, the steps) are measured once. The figures go to benchmarks/results.json
("report_page", with the conditions of the run) and the README.
"""

from __future__ import annotations

import json
import shutil
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from benchmarks.conditions import measured, record
from recorder.fileformat.shoprec import Recording, load_recording, write_recording
from recorder.writers.web_page import report_data, write_html
from recorder.writers.web_page_data import page_data

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results.json"
# A session of many short steps (20 in 153 UI events), each with screens and events to show.
BASE = ROOT / "recordings" / "checkout-refused-and-paid.shoprec"
STEPS = (1_000, 100_000)
QUICK_STEPS = (1_000,)  # `make bench-check`: that it works, in seconds
BIG_RUNS = 3  # at 100,000 steps a run takes minutes: fewer of them
SMALL_OPENS = 3  # the pages of all runs but the fewer: opened this often in each run
# A browser that reaches nothing outside the page: no updates, no sync, no QUIC probes.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def long_recording(base: Recording, at_least: int) -> Recording:
    """The same session over and over, its UI events, observations, commands and domain events
    renumbered (positions and correlation ids too, so it is a valid file): a long session made
    of real events."""
    events, expected, observations, commands = [], [], {}, []
    rounds = -(-at_least // len(base.ui_events))
    last = max(e.seq for e in base.ui_events)
    span = base.ui_events[-1].t_ms + 1000
    positions = [e.position for e in base.expected]
    stride = max(positions) - min(positions) + 1 if positions else 0
    for n in range(rounds):
        shift = n * (last + 1)
        events += [replace(e, seq=e.seq + shift, t_ms=e.t_ms + n * span) for e in base.ui_events]
        for e in base.expected:
            seq = int((e.correlation_id or "ui-0")[3:])
            correlation = f"ui-{seq + shift}"
            expected.append(
                replace(
                    e,
                    position=e.position + n * stride,
                    correlation_id=correlation,
                    metadata={**e.metadata, "correlation_id": correlation},
                )
            )
        observations.update({a + shift: o for a, o in base.observations.items()})
        commands += [(seq + shift, name, refused) for seq, name, refused in base.commands]
    return replace(
        base, ui_events=events, expected=expected, observations=observations, commands=commands
    )


def rounds_for(base: Recording, steps: int) -> int:
    """How many times to repeat `base` for at least `steps` steps: a repeat adds fewer steps
    than the session alone has (its first step joins the step before), so it is counted."""
    once = len(report_data(base)["steps"])
    twice = len(report_data(long_recording(base, 2 * len(base.ui_events)))["steps"])
    each = twice - once
    return 1 + max(0, -(-(steps - once) // each))


def _median(samples: list[float]) -> float:
    return round(statistics.median(samples), 4)


def _shape(recording: Recording) -> dict[str, Any]:
    """Its steps and UI events, and its page's data by part, in bytes: the table of texts,
    the steps, the rest (counted once, outside the timed runs)."""
    report = report_data(recording)
    data = page_data(report)
    sizes = {
        k: len(json.dumps(v, ensure_ascii=False, separators=(",", ":")).encode())
        for k, v in data.items()
    }
    parts = {"strings": sizes.pop("strings"), "steps": sizes.pop("steps")}
    return {
        "steps": len(report["steps"]),
        "ui_events": len(recording.ui_events),
        "data_bytes": {**parts, "rest": sum(sizes.values())},
    }


def _time_one(
    browser: Any, source: Path, page_file: Path, opens: int
) -> tuple[float, float, list[float], list[float]]:
    """(read s, write s with the reading, open s and the page's own script ms of each open)
    of one page, opened `opens` times, each in a fresh page."""
    started = time.perf_counter()
    recording = load_recording(source)
    loaded = time.perf_counter()
    write_html(recording, page_file)
    written = time.perf_counter()
    del recording
    opened, script = [], []
    for _ in range(opens):
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        started_open = time.perf_counter()
        page.goto(page_file.as_uri(), timeout=600_000)
        page.wait_for_selector("body[data-ready=yes]", timeout=600_000)
        opened.append(time.perf_counter() - started_open)
        script.append(float(page.get_attribute("body", "data-render-ms") or 0))
        page.close()
    return loaded - started, written - started, opened, script


def measure(
    runs: int = 5, steps: tuple[int, ...] = STEPS, big_runs: int = BIG_RUNS
) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if chromium is None:
        raise SystemExit("chromium is missing: scripts/system-deps installs it")
    base = load_recording(BASE)
    names = ["small", *map(str, steps)]
    runs_of = {n: runs if n == "small" or int(n) < 10_000 else min(runs, big_runs) for n in names}
    samples: dict[str, dict[str, list[float]]] = {
        n: {"read_s": [], "write_s": [], "open_s": [], "script_ms": []} for n in names
    }
    # A small page opens in a few tenths of a second, much of it noise on a busy machine:
    # opened more often, so its median (the ratio's denominator) is steadier.
    opens_of = {n: 1 if runs_of[n] < runs else SMALL_OPENS for n in names}
    figures: dict[str, Any] = {
        "session": BASE.stem,
        "runs": runs_of,
        "opens_per_run": opens_of,
        "sizes": {},
    }
    with tempfile.TemporaryDirectory(prefix="replayshop-report-") as tmp:
        files = {"small": BASE}
        figures["small"] = _shape(base)
        for n in names[1:]:
            started = time.perf_counter()
            rounds = rounds_for(base, int(n))
            files[n] = Path(tmp) / f"{n}.shoprec"
            long = long_recording(base, rounds * len(base.ui_events))
            write_recording(long, files[n])
            generated = time.perf_counter() - started
            figures["sizes"][n] = {"rounds": rounds, "generated_s": round(generated, 1)}
            figures["sizes"][n].update(_shape(long))
            del long
        pages = {n: Path(tmp) / f"{n}.html" for n in names}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=FLAGS)
            for run in range(runs):
                for n in names:  # interleaved: noise hits every size
                    if run >= runs_of[n]:
                        continue
                    read, write, opened, script = _time_one(
                        browser, files[n], pages[n], opens_of[n]
                    )
                    samples[n]["read_s"].append(read)
                    samples[n]["write_s"].append(write)
                    samples[n]["open_s"] += opened
                    samples[n]["script_ms"] += script
            figures["browser"] = f"Chromium {browser.version}, headless"
            browser.close()
        for n in names:
            shape = figures["small"] if n == "small" else figures["sizes"][n]
            shape["recording_bytes"] = files[n].stat().st_size
            shape["bytes"] = pages[n].stat().st_size
            shape["bytes_per_step"] = round(shape["bytes"] / shape["steps"])
            shape["bytes_per_ui_event"] = round(shape["bytes"] / shape["ui_events"])
            shape.update({key: _median(values) for key, values in samples[n].items()})
    small = figures["small"]["open_s"]
    for shape in figures["sizes"].values():
        shape["open_ratio"] = round(shape["open_s"] / small, 2)
    return figures


def main() -> int:
    figures = measured(False, measure)
    record(RESULTS, "report_page", figures)
    for n, shape in figures["sizes"].items():
        print(
            f"report page, {shape['steps']:,} steps ({n} asked, {shape['ui_events']:,} UI "
            f"events): {shape['bytes'] / 1e6:.1f} MB, {shape['bytes_per_step']} bytes per "
            f"step, written in {shape['write_s']:.2f} s, opens in {shape['open_s']:.2f} s "
            f"({shape['open_ratio']}x the {figures['small']['steps']}-step page)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
