"""`replayshop coverage`: what the committed recordings exercise of the app, and the reason
for each gap; a new page or action no recording goes to shows up."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from app.cli.coverage import universe
from recorder.fileformat.shoprec import load_recording
from recorder.regression.coverage import Universe, measure

ROOT = Path(__file__).resolve().parents[2]
RECORDINGS = ROOT / "recordings"


def replayshop(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.cli.main", *args],
        cwd=ROOT, capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip


def test_every_gap_of_the_committed_recordings_has_a_reason(tmp_path: Path) -> None:
    done = replayshop("coverage", "recordings", "--html", str(tmp_path / "coverage.html"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "every gap has a reason (recordings/coverage-gaps.toml)" in done.stdout
    for kind in ("pages", "commands", "event types", "read models"):
        line = next(x for x in done.stdout.splitlines() if x.startswith(kind))
        covered, total = line.split()[-7], line.split()[-5]
        if kind != "event types":  # FirstAdminAppointed: the first run only, with a reason
            assert covered == total, line
    page = (tmp_path / "coverage.html").read_text()
    assert "Reviews" in page or ("reviews" in page and "page_reviews" in page)
    as_json = json.loads(replayshop("coverage", "recordings", "--json").stdout)
    assert "reviews-page" in as_json["exercised"]["page"]["reviews"]
    assert "retired-product-refused" in as_json["exercised"]["refused"]["ProductRetired"]
    assert as_json["unexplained"] == []


def test_a_new_action_no_recording_goes_to_is_a_gap_without_a_reason(qapp: QApplication) -> None:
    app = universe()
    grown = Universe(
        {**app.things, "action": app.things["action"] | {"export_as_pdf"}},
        app.shortcuts,
        app.pages,
    )
    recordings = [load_recording(p) for p in sorted(RECORDINGS.glob("*.shoprec"))]
    gaps = {"action colours_dark": "a reason"}
    coverage = measure(recordings, grown, gaps)
    assert "action export_as_pdf" in coverage.unexplained()
    assert "action colours_dark" not in coverage.unexplained()
    assert coverage.by["action"]["page_reviews"]  # Ctrl+9 pressed counts for its action
    # Ctrl+5 to 8 mean the admin pages in a window that lists all nine (an administrator's):
    for page in ("admin_products", "moderation", "analytics", "event_log"):
        assert coverage.by["action"][f"page_{page}"] == {"admin-pages-by-keys"}, page


def test_bad_input_is_named(tmp_path: Path) -> None:
    missing = replayshop("coverage", str(tmp_path / "nowhere"))
    assert missing.returncode == 2 and "no such file or folder" in missing.stderr
    bad = tmp_path / "gaps.toml"
    bad.write_text("[gaps]\n'page x' = ''\n")
    refused = replayshop("coverage", "recordings", "--gaps", str(bad))
    assert refused.returncode == 2 and "each gap needs a reason" in refused.stderr
    bad.write_text("not toml = = =")
    assert "is not TOML" in replayshop("coverage", "recordings", "--gaps", str(bad)).stderr
