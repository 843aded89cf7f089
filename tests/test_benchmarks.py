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

from benchmarks.conditions import conditions_of
from benchmarks.sampling import sized


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
    from benchmarks.__main__ import SECTIONS  # the benchmarks' own dependencies: make bench's

    figures = json.loads((tmp_path / "results-quick.json").read_text())
    assert set(figures) == set(SECTIONS)
    for name, section in figures.items():  # every section keeps its own conditions
        run = conditions_of(section)
        assert run is not None, name
        assert run["quick"] and run["commit"] and len(run["load_average_at_end"]) == 3
    full, normal = figures["throughput"]["FULL"], figures["throughput"]["NORMAL"]
    assert full["producers"]["1"]["commands_per_s"]["runs"] == 3
    assert set(normal["producers"]) == {"1", "4", "16"}
    for p, row in full["producers"].items():  # paired: as many threads, the same durability
        assert row["eventsourcing"]["threads"] == int(p)
        assert row["raw_sqlite3"]["rows_per_transaction"] >= 1
    for level, side in ((full, "FULL"), (normal, "NORMAL")):
        pragmas = level["pragmas"]
        assert pragmas["replay_shop"] == pragmas["raw_sqlite3"]
        assert pragmas["replay_shop"] == {"journal_mode": "WAL", "synchronous": side}
    assert full["pragmas"]["eventsourcing"] == full["pragmas"]["replay_shop"]
    assert set(figures["latency"]["10000"]["lookups"]) == {"tag", "author", "date", "newest"}
    travel = figures["time_travel"]["sizes"]
    assert all(f["any position"]["p99_ratio_to_now"] > 0 for f in travel.values())
    assert all(f["storage"]["history_mb"] > 0 for f in travel.values())
    lag = figures["projector_lag"]
    assert all(lag[rate]["commands"] > 0 for rate in sized(lag))
    rebuild = figures["rebuild"]
    assert rebuild["read_and_json_loads_events_per_s"]["median"] > 0
    cost = figures["recorder_cost"]
    for name in ("page_switch_click", "key_in_catalog_search"):
        assert cost[name]["samples"] > 0 and cost[name]["ratio"] > 0
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
    page = figures["report_page"]  # quick: the small page and 1,000 steps
    thousand = page["sizes"]["1000"]
    assert thousand["steps"] >= 1000 and thousand["open_s"] > 0 < thousand["open_ratio"]
    assert thousand["read_s"] > 0 and thousand["recording_bytes"] > 0 < thousand["bytes_per_step"]
    assert page["small"]["steps"] == 20 and set(page["sizes"]) == {"1000"}
    drawn = figures["pictures"]  # quick: one round at each pace in the app's window
    assert drawn["pictures"] > 0 and drawn["gui_thread_ms"]["draw"] > 0
    window = drawn["in_the_app_window"]
    for pace in (window["back_to_back"], window["paused"]):
        assert pace["pictures_stored"] > 0 and pace["drawn"] > 0
        assert pace["drawn_in_pauses_and_dropped"] >= 0
    assert window["paused"]["drawn_in_pauses"] > 0  # a person's pace leaves time to hold looks
