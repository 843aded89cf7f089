"""PNG plots of a results.json: throughput bars, latency against history, load times."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # files only, no display
import matplotlib.pyplot as plt

from benchmarks.sampling import sized


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
    """The plots whose sections the results hold, in the shape this code draws."""
    out.mkdir(parents=True, exist_ok=True)
    plots = {
        "throughput": (_throughput, "throughput.png"),
        "latency": (_latency, "latency.png"),
        "cart_load": (_loads, "load.png"),
        "time_travel": (_travel, "time_travel.png"),
    }
    drawn = []
    for section, (draw, name) in plots.items():
        if section not in results:
            continue
        try:
            drawn.append(draw(results, out / name))
        except (KeyError, TypeError, ValueError):  # a section from an older run's shape
            plt.close("all")
            print(f"   no {name}: the {section} figures are in an older shape")
    return drawn


def _travel(results: dict[str, Any], path: Path) -> Path:
    """Every screen as of the past against now (median and p99), by the history's length."""
    sizes = sorted(results["time_travel"]["sizes"].values(), key=lambda f: f["events"])
    events = [f["events"] for f in sizes]
    fig, ax = plt.subplots(figsize=(7, 4))
    for n, name in enumerate(("now", "one step back", "any position")):
        colour = f"C{n}"
        ax.plot(
            events, [f[name]["p99_ms"] for f in sizes], "o-", color=colour, label=f"{name}, p99"
        )
        ax.plot(
            events,
            [f[name]["median_ms"] for f in sizes],
            "s--",
            color=colour,
            label=f"{name}, median",
        )
    ax.set_xscale("log")
    return _save(
        fig,
        ax,
        path,
        "Every screen now and as of the past",
        "events in the log (log scale)",
        "milliseconds for all screens' queries",
    )


def _throughput(results: dict[str, Any], path: Path) -> Path:
    """Under FULL, at each producer count: raw sqlite3 with as many rows per transaction as
    our commands per group, Replay Shop, and eventsourcing with as many threads."""
    full = results["throughput"]["FULL"]["producers"]
    counts = sorted(full, key=int)
    series = [
        (
            "raw sqlite3, same rows per transaction",
            "#9e9e9e",
            lambda r: r["raw_sqlite3"]["rows_per_s"],
        ),
        ("Replay Shop, full command path", "#2f6fb3", lambda r: r["commands_per_s"]),
        ("eventsourcing, same threads", "#e08a2c", lambda r: r["eventsourcing"]["commands_per_s"]),
    ]
    fig, ax = plt.subplots(figsize=(8, 4.5))
    width = 0.27
    for n, (label, color, pick) in enumerate(series):
        xs = [k + (n - 1) * width for k in range(len(counts))]
        figures = [pick(full[c]) for c in counts]
        ax.bar(
            xs,
            [f["median"] for f in figures],
            width,
            yerr=[
                [f["median"] - f["min"] for f in figures],
                [f["max"] - f["median"] for f in figures],
            ],
            capsize=4,
            color=color,
            label=label,
        )
        for x, f in zip(xs, figures, strict=True):
            ax.text(x, f["median"], f"{f['median']:,.0f}", ha="center", va="bottom", fontsize=7)
    ax.set_xticks(range(len(counts)), [f"{c} producer(s) / thread(s)" for c in counts])
    ax.set_ylabel("commands (or rows) per second, median")
    ax.set_title("WAL, synchronous=FULL on every side (median, min-max)")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def _latency(results: dict[str, Any], path: Path) -> Path:
    sizes = [int(k) for k in sized(results["latency"])]
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
    sizes = [int(k) for k in sized(results["cart_load"])]
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
        sizes_w = [int(k) for k in sized(wallets)]
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
