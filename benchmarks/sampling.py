"""What every section shares: medians with their spread, percentiles, the generated histories,
and the sizes and counts of a full or a quick run."""

from __future__ import annotations

import statistics
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from benchmarks.history import generate


def summary(samples: list[float]) -> dict[str, float]:
    return {
        "median": statistics.median(samples),
        "min": min(samples),
        "max": max(samples),
        "runs": len(samples),
    }


def repeat(runs: int, fn: Callable[[], float]) -> dict[str, float]:
    return summary([fn() for _ in range(runs)])


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def sized(section: dict[str, object]) -> list[str]:
    """The keys of a section measured at several sizes, smallest first (its "run" left out)."""
    return sorted((k for k in section if k.isdigit()), key=int)


def history_db(out: Path, events: int) -> Path:
    """A generated store of about `events` events, kept between runs (it takes a while)."""
    path = out / f"history-{events}.db"
    if not path.exists():
        print(f"  generating a {events:,}-event history ...", flush=True)
        generate(path, events)
    return path


@dataclass(frozen=True)
class Bench:
    """One invocation's settings, handed to every section."""

    quick: bool
    out: Path

    @property
    def runs(self) -> int:
        return 3 if self.quick else 5

    @property
    def n_commands(self) -> int:
        return 300 if self.quick else 2000

    @property
    def sizes(self) -> list[int]:
        return [10_000] if self.quick else [10_000, 100_000, 1_000_000]

    def biggest(self) -> Path:
        return history_db(self.out, self.sizes[-1])

    @contextmanager
    def scratch(self) -> Iterator[Callable[[], Path]]:
        """A function naming a fresh database file in a folder removed afterwards."""
        with tempfile.TemporaryDirectory(dir=self.out) as tmp_dir:
            counter = iter(range(10**6))
            yield lambda: Path(tmp_dir) / f"run-{next(counter)}.db"
