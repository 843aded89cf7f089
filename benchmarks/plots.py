"""PNG plots of a results.json: throughput bars, latency against history, load times."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # files only, no display
import matplotlib.pyplot as plt


def _save(fig: Any, ax: Any, path: Path, title: str, xlabel: str, ylabel: str) -> Path:
    """The finish every plot shares: labels, legend, grid, one PNG."""
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.legend()
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def _err(figure: dict[str, float]) -> list[list[float]]:
    return [[figure["median"] - figure["min"]], [figure["max"] - figure["median"]]]


def draw_plots(results: dict[str, Any], out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    drawn = [
        _throughput(results, out / "throughput.png"),
        _latency(results, out / "latency.png"),
        _loads(results, out / "load.png"),
    ]
    if "sizes" in results.get("time_travel", {}):
        drawn.append(_travel(results, out / "time_travel.png"))
    return drawn


def _travel(results: dict[str, Any], path: Path) -> Path:
    """Every screen as of the past against now (p99), by the length of the history."""
    sizes = sorted(results["time_travel"]["sizes"].values(), key=lambda f: f["events"])
    events = [f["events"] for f in sizes]
    fig, ax = plt.subplots(figsize=(7, 4))
    for name in ("now", "one step back", "any position"):
        ax.plot(events, [f[name]["p99_ms"] for f in sizes], marker="o", label=name)
    ax.set_xscale("log")
    return _save(
        fig,
        ax,
        path,
        "Every screen now and as of the past (p99)",
        "events in the log (log scale)",
        "milliseconds for all screens' queries",
    )


def _throughput(results: dict[str, Any], path: Path) -> Path:
    full = results["throughput"]["FULL"]
    bars = [
        ("raw sqlite3 inserts\n(the limit)", full["raw_sqlite_inserts_per_s"]),
        ("Replay Shop\nfull command path", full["commands_per_s"]),
        ("eventsourcing 9.x\nSQLite module", full["eventsourcing_commands_per_s"]),
    ]
    fig, ax = plt.subplots(figsize=(7, 4))
    for n, (_label, figure) in enumerate(bars):
        ax.bar(
            n,
            figure["median"],
            yerr=_err(figure),
            capsize=6,
            color=["#9e9e9e", "#2f6fb3", "#e08a2c"][n],
        )
        ax.text(n, figure["median"], f"{figure['median']:,.0f}/s", ha="center", va="bottom")
    ax.set_xticks(range(len(bars)), [label for label, _ in bars])
    ax.set_ylabel("commands (or inserts) per second, median")
    ax.set_title("One transaction each, WAL, synchronous=FULL (median, min-max)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def _latency(results: dict[str, Any], path: Path) -> Path:
    sizes = sorted(int(k) for k in results["latency"])
    fig, ax = plt.subplots(figsize=(7, 4))
    for key, label in [
        ("reviews_query_p50_ms", "reviews of one product, p50"),
        ("reviews_query_p99_ms", "reviews of one product, p99"),
        ("product_page_p99_ms", "whole product page, p99"),
    ]:
        ax.plot(sizes, [results["latency"][str(s)][key] for s in sizes], marker="o", label=label)
    ax.set_xscale("log")
    return _save(
        fig,
        ax,
        path,
        "Read latency as history grows",
        "events in the store (log scale)",
        "milliseconds",
    )


def _loads(results: dict[str, Any], path: Path) -> Path:
    sizes = sorted(int(k) for k in results["cart_load"])
    fig, ax = plt.subplots(figsize=(7, 4))
    styles = {
        "ours_without_snapshot_s": ("Replay Shop, no snapshot", "#2f6fb3", "--"),
        "ours_with_snapshot_s": ("Replay Shop, snapshot", "#2f6fb3", "-"),
        "eventsourcing_without_snapshot_s": ("eventsourcing, no snapshot", "#e08a2c", "--"),
        "eventsourcing_with_snapshot_s": ("eventsourcing, snapshot", "#e08a2c", "-"),
    }
    for key, (label, color, line) in styles.items():
        ax.plot(
            sizes,
            [results["cart_load"][str(s)][key]["median"] * 1000 for s in sizes],
            marker="o",
            color=color,
            linestyle=line,
            label=label,
        )
    wallets = results.get("wallet_load", {})
    if isinstance(wallets, dict) and "events" not in wallets:
        sizes_w = sorted(int(k) for k in wallets)
        for key, (label, line) in {
            "without_snapshot_s": ("Replay Shop wallet, no snapshot", "--"),
            "with_snapshot_s": ("Replay Shop wallet, snapshot", "-"),
        }.items():
            ax.plot(
                sizes_w,
                [wallets[str(s)][key]["median"] * 1000 for s in sizes_w],
                marker="s",
                color="#3a9a5b",
                linestyle=line,
                label=label,
            )
    ax.set_xscale("log")
    ax.set_yscale("log")
    return _save(
        fig,
        ax,
        path,
        "Loading a long-lived aggregate: carts and wallets",
        "events in the aggregate's stream (log scale)",
        "load time, ms (log scale), median",
    )
