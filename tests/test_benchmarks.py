"""The benchmark runner's quick mode runs end to end, so it cannot rot unnoticed.

It asserts that every figure was produced, not how fast anything was: speed is measured by
`make bench`, never in tests. Two minutes of benchmarks are not part of a developer's
`make test`: `make bench-check` runs them, and so does CI (.ci/run), before every release.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.bench
def test_quick_benchmarks_produce_every_figure(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    figures = json.loads((tmp_path / "results-quick.json").read_text())
    assert set(figures) >= {
        "throughput",
        "wallet_load",
        "wallet_commands",
        "latency",
        "rebuild",
        "recorder_and_replay",
        "time_travel",
        "projector_lag",
    }
    assert figures["throughput"]["FULL"]["commands_per_s"]["runs"] == 3
    assert set(figures["throughput"]["NORMAL"]["producers"]) == {"1", "4", "16"}
    assert set(figures["latency"]["10000"]["lookups"]) == {"tag", "author", "date", "newest"}
    travel = figures["time_travel"]["sizes"]
    assert all(f["any position"]["p99_ratio_to_now"] > 0 for f in travel.values())
    assert all(f["storage"]["history_mb"] > 0 for f in travel.values())
    assert all(v["commands"] > 0 for v in figures["projector_lag"].values())
    ui = figures["recorder_and_replay"]
    assert ui["export"]["bytes_per_ui_event"] > 0 and ui["seek_s"]["ui_events"] > 300
    stressed = figures["replays_identical_under_stress"]
    committed = len(list((Path(__file__).parents[1] / "recordings").glob("*.shoprec")))
    assert stressed["of"] == 1 and len(stressed["identical"]) == committed
    assert stressed["busy_processes"] == 2 * (os.cpu_count() or 1) and 0 <= stressed["rate"] <= 1
    load = figures["load"]["runs"]
    assert set(load) == {f"{s}/{n}" for s in ("sqlite", "postgresql") for n in (1, 4, 16)}
    assert all(r["lost"] == 0 and r["chain_intact"] for r in load.values())
    assert figures["load"]["diagnosis"]["backends_at_16_clients"]
    scale = figures["scale"]
    assert all(scale[s]["rebuild_events_per_s"] > 0 for s in ("sqlite", "postgresql"))
    page = figures["report_page"]
    assert page["long"]["ui_events"] >= 5000 and page["long"]["open_s"] > 0 < page["open_ratio"]
