"""Where the app keeps its data, settings and logs (platformdirs, per user)."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_path, user_log_path

APP_NAME = "ReplayShop"


def default_db_path() -> Path:
    """Where the shop lives by default. Not created here: `--help` names it, and asking for
    help must leave nothing on disk; whoever opens the shop makes its folder."""
    return user_data_path(APP_NAME, appauthor=False) / "shop.db"


def log_dir() -> Path:
    return user_log_path(APP_NAME, appauthor=False, ensure_exists=True)


RECORDING_FILTER = "Replay Shop recordings (*.shoprec)"
