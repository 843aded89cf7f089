"""How fast a recording's report page is written and opens, for a 5,000-event session.

`python -m benchmarks.report_page` (also part of `make bench`) times the page of a session of
5,000+ UI events (a real recording repeated, renumbered, and saved as a `.shoprec` file) and of
that recording alone (the baseline, measured in the same run), each from its file, as
`replayshop recording html FILE` makes it: reading the recording, then rendering and writing
the page. Then it opens each page's file in Debian's Chromium, headless, through playwright:
from navigation until the page says it is ready (timeline built, first step shown). Medians
of interleaved runs, each in a fresh page; the figures go to benchmarks/results.json
("report_page", with the conditions of the run) and the README.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from benchmarks.conditions import measured, record
from recorder.fileformat.shoprec import Recording, load_recording, write_recording
from recorder.writers.web_page import write_html

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results.json"
# A session of many short steps (19 in 153 UI events), each with screens and events to show.
BASE = ROOT / "recordings" / "checkout-refused-and-paid.shoprec"
LONG_EVENTS = 5000
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


def _median(samples: list[float]) -> float:
    return round(statistics.median(samples), 4)


def measure(runs: int = 5) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if chromium is None:
        raise SystemExit("chromium is missing: scripts/system-deps installs it")
    base = load_recording(BASE)
    names = ("baseline", "long")
    read: dict[str, list[float]] = {k: [] for k in names}
    write: dict[str, list[float]] = {k: [] for k in names}
    opened: dict[str, list[float]] = {k: [] for k in names}
    script: dict[str, list[float]] = {k: [] for k in names}
    counts: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="replayshop-report-") as tmp:
        files = {"baseline": BASE, "long": Path(tmp) / "long.shoprec"}
        write_recording(long_recording(base, LONG_EVENTS), files["long"])
        pages = {k: Path(tmp) / f"{k}.html" for k in names}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=FLAGS)
            for _ in range(runs):
                for name in names:  # interleaved: noise hits both
                    started = time.perf_counter()
                    recording = load_recording(files[name])
                    loaded = time.perf_counter()
                    write_html(recording, pages[name])
                    write[name].append(time.perf_counter() - started)
                    read[name].append(loaded - started)
                    counts[name] = len(recording.ui_events)
                    page = browser.new_page(viewport={"width": 1400, "height": 900})
                    started = time.perf_counter()
                    page.goto(pages[name].as_uri())
                    page.wait_for_selector("body[data-ready=yes]")
                    opened[name].append(time.perf_counter() - started)
                    script[name].append(float(page.get_attribute("body", "data-render-ms") or 0))
                    page.close()
            version = browser.version
            browser.close()
        sizes = {k: pages[k].stat().st_size for k in names}
        file_sizes = {k: files[k].stat().st_size for k in names}
    figures: dict[str, Any] = {"browser": f"Chromium {version}, headless", "runs": runs}
    for name in names:
        figures[name] = {
            "ui_events": counts[name],
            "recording_bytes": file_sizes[name],
            "bytes": sizes[name],
            "read_s": _median(read[name]),
            "write_s": _median(write[name]),
            "open_s": _median(opened[name]),
            "script_ms": _median(script[name]),
        }
    figures["open_ratio"] = round(figures["long"]["open_s"] / figures["baseline"]["open_s"], 2)
    return figures


def main() -> int:
    figures = measured(False, measure)
    record(RESULTS, "report_page", figures)
    long = figures["long"]
    print(
        f"report page, {long['ui_events']} UI events: written in {long['write_s']:.2f} s, "
        f"opens in {long['open_s']:.2f} s ({figures['open_ratio']}x the "
        f"{figures['baseline']['ui_events']}-event page)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
