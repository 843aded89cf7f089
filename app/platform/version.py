"""The one version number, read from the installed package metadata (pyproject.toml)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version


def app_version() -> str:
    try:
        return version("replayshop")
    except PackageNotFoundError:  # a source tree that was never installed
        return "0+unknown"
