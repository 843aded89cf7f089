"""How fast a recording's report page is written and opens, for a 5,000-event session.

`python -m benchmarks.report_page` (also part of `make bench`) writes the page of a session of
5,000+ UI events (a real recording repeated, renumbered) and of that recording alone (the
baseline, measured in the same run), then opens each in Debian's Chromium, headless, through
playwright: from navigation until the page says it is ready (timeline built, first step
shown). Medians of interleaved runs, each in a fresh page; the figures go to
benchmarks/results.json ("report_page") and the README.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from recorder.fileformat.shoprec import Recording, load_recording
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
    """The same session over and over, its UI events, observations and domain events
    renumbered: a long session made of real events."""
    events, expected, observations = [], [], {}
    rounds = -(-at_least // len(base.ui_events))
    last = max(e.seq for e in base.ui_events)
    span = base.ui_events[-1].t_ms + 1000
    for n in range(rounds):
        shift = n * (last + 1)
        events += [replace(e, seq=e.seq + shift, t_ms=e.t_ms + n * span) for e in base.ui_events]
        for e in base.expected:
            seq = int((e.correlation_id or "ui-0")[3:])
            expected.append(replace(e, correlation_id=f"ui-{seq + shift}"))
        observations.update({a + shift: o for a, o in base.observations.items()})
    return replace(base, ui_events=events, expected=expected, observations=observations)


def _median(samples: list[float]) -> float:
    return round(statistics.median(samples), 4)


def measure(runs: int = 5) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if chromium is None:
        raise SystemExit("chromium is missing: scripts/system-deps installs it")
    base = load_recording(BASE)
    sessions = {"baseline": base, "long": long_recording(base, LONG_EVENTS)}
    write: dict[str, list[float]] = {k: [] for k in sessions}
    opened: dict[str, list[float]] = {k: [] for k in sessions}
    script: dict[str, list[float]] = {k: [] for k in sessions}
    with tempfile.TemporaryDirectory(prefix="replayshop-report-") as tmp:
        pages = {k: Path(tmp) / f"{k}.html" for k in sessions}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=FLAGS)
            for _ in range(runs):
                for name, recording in sessions.items():  # interleaved: noise hits both
                    started = time.perf_counter()
                    write_html(recording, pages[name])
                    write[name].append(time.perf_counter() - started)
                    page = browser.new_page(viewport={"width": 1400, "height": 900})
                    started = time.perf_counter()
                    page.goto(pages[name].as_uri())
                    page.wait_for_selector("body[data-ready=yes]")
                    opened[name].append(time.perf_counter() - started)
                    script[name].append(float(page.get_attribute("body", "data-render-ms") or 0))
                    page.close()
            version = browser.version
            browser.close()
        sizes = {k: pages[k].stat().st_size for k in sessions}
    figures: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "cores": os.cpu_count(),
        "load_average_at_start": round(os.getloadavg()[0], 2),
        "browser": f"Chromium {version}, headless",
        "runs": runs,
    }
    for name, recording in sessions.items():
        figures[name] = {
            "ui_events": len(recording.ui_events),
            "bytes": sizes[name],
            "write_s": _median(write[name]),
            "open_s": _median(opened[name]),
            "script_ms": _median(script[name]),
        }
    figures["open_ratio"] = round(figures["long"]["open_s"] / figures["baseline"]["open_s"], 2)
    return figures


def main() -> int:
    figures = measure()
    results = json.loads(RESULTS.read_text())
    results["report_page"] = figures
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    long = figures["long"]
    print(
        f"report page, {long['ui_events']} UI events: written in {long['write_s']:.2f} s, "
        f"opens in {long['open_s']:.2f} s ({figures['open_ratio']}x the "
        f"{figures['baseline']['ui_events']}-event page)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
