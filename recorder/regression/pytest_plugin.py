"""A pytest plugin: every `*.shoprec` file is a test that replays it (`pytest recordings/`),
its replay's recorder drawing pictures as a user's does (one at every look, or it fails).

The app is started through the factory named by the `replay_factory` ini option
("module:function"), so the recorder still never imports `app`. A failure shows the verdict:
where it diverged, and the expected against the actual domain events.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:  # Qt and the replayer load only when a recording is collected and run:
    # every pytest start in an environment with this project installed loads this plugin.
    from recorder.replay.factory import AppFactory
    from recorder.replay.verdict import Verdict


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(
        "replay_factory",
        "module:function that starts the app for a replay",
        default="app.shell.replay_factory:make_replay_app",
    )
    parser.addini(
        "replay_pictures",
        "whether each recording's replay draws its pictures and must draw one at every look",
        type="bool",
        default=True,
    )


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    if file_path.suffix == ".shoprec":
        return RecordingFile.from_parent(parent, path=file_path)
    return None


class RecordingFile(pytest.File):
    def collect(self) -> Iterator[pytest.Item]:
        yield RecordingItem.from_parent(self, name=self.path.stem)


class ReplayFailed(Exception):
    def __init__(self, verdict: Verdict) -> None:
        super().__init__(verdict.status)
        self.verdict = verdict


def load_factory(spec: str) -> AppFactory:
    module, _, name = spec.partition(":")
    factory: AppFactory = getattr(importlib.import_module(module), name)
    return factory


class RecordingItem(pytest.Item):
    def runtest(self) -> None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtWidgets import QApplication

        from recorder.regression.check import replay_file, replay_file_pictured

        QApplication.instance() or QApplication([])
        factory = load_factory(str(self.config.getini("replay_factory")))
        if self.config.getini("replay_pictures"):
            verdict, unpictured = replay_file_pictured(self.path, factory)
        else:
            verdict, unpictured = replay_file(self.path, factory), []
        if not verdict.passed:  # a recorder finding fails too: the recorder is under test
            raise ReplayFailed(verdict)
        # The replay's recorder draws a picture at every look, as a user's does.
        assert not unpictured, f"no picture at the looks before UI events {unpictured}"

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, ReplayFailed):
            return excinfo.value.verdict.report(str(self.path))
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"replay {self.path.name}"
