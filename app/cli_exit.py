"""What every `replayshop` command exits with, and how it refuses bad input."""

from __future__ import annotations

import sys

EXIT_OK, EXIT_PROBLEM, EXIT_BAD_INPUT = 0, 1, 2


def fail(message: str) -> int:
    """Say what was wrong (and what is accepted) on stderr; exit code 2."""
    print(f"replayshop: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT
