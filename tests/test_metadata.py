"""The installed package says what it is: an MIT licence as an SPDX expression (PEP 639), the
licence file shipped with it, classifiers and URLs for an index or a software centre."""

from __future__ import annotations

from importlib.metadata import metadata
from pathlib import Path


def test_the_package_metadata_names_its_licence_and_kind() -> None:
    meta = metadata("replayshop")
    assert meta["License-Expression"] == "MIT"
    assert "LICENSE" in (meta.get_all("License-File") or [])
    classifiers = meta.get_all("Classifier") or []
    assert "Environment :: X11 Applications :: Qt" in classifiers
    urls = dict(u.split(", ", 1) for u in meta.get_all("Project-URL") or [])
    assert urls["Homepage"] == "https://github.com/replayshop/replayshop"
    assert urls["Issues"].endswith("/issues")  # the same bug tracker the metainfo names
    licence = Path(__file__).parents[1] / "LICENSE"
    assert licence.read_text().startswith("MIT License")
