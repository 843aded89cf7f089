"""`replayshop recording script`: a recording written out as a pytest-qt test to keep and edit.

Each input becomes a qtbot click or key on the widget found by its path; after each command
the test checks the domain events the recording expected, and where the user looked it checks
what they saw (the widgets that changed since the last look). The steps are grouped and named
as a person would describe them (`recorder/writers/script_steps.py`). The generated test runs on
`recorder/writers/scripted.py`: the app from the factory a replay uses, on the recording's
starting state, with its ids and times handed back. The inputs become units of test code in
`recorder/writers/script_units.py`, written as Python source by `script_code.py`.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

from recorder.fileformat.shoprec import Recording, load_recording
from recorder.writers.object_map import MODULE, OBJECTS, ObjectMap, mapping
from recorder.writers.script_code import comment, indent, literal
from recorder.writers.script_steps import Step, group, product_names
from recorder.writers.script_units import Writer

DEFAULT_FACTORY = "app.shell.replay_factory:make_replay_app"


def test_name(recording: Path) -> str:
    return "test_" + re.sub(r"\W+", "_", recording.stem).strip("_").lower()


def render(recording: Recording, steps: list[Step], source: str, factory: str, name: str) -> str:
    module, _, function = factory.partition(":")
    note = recording.meta.get("note", "").strip() or recording.path.stem
    body = []
    for number, step in enumerate(steps, 1):
        body.append(f"    # {number}. {comment(step.title)}")
        body.append(f"    shop.step({literal(step.title)})")
        body += [indent(line, 4) for unit in step.units for line in unit.lines]
        body.append("")
    body.append("    shop.done()")
    text = "\n".join(body)
    qt = [
        n
        for n, used in (("QPoint", "QPoint(" in text), ("Qt", "Qt." in text or "LEFT" in text))
        if used
    ]
    qt_import = f"from PySide6.QtCore import {', '.join(qt)}\n" if qt else ""
    fact_import = "from recorder.replay.compare import Fact\n" if "Fact(" in text else ""
    mapped = mapping()
    shop_import = "ScriptedShop, object_map" if mapped else "ScriptedShop"
    objects = f'{OBJECTS} = object_map(Path(__file__).parent / "{MODULE}")\n' if mapped else ""
    left = "LEFT = Qt.MouseButton.LeftButton\n" if "LEFT" in text else ""
    code = f'''# What the user saw is kept as they saw it, long lines and typographic signs too:
# ruff: noqa: E501, RUF001, RUF003
"""{comment(note.splitlines()[0])}

Written from {comment(source)} by `replayshop recording script` on {date.today().isoformat()}.
Edit it as any test: delete a step, change a value. The app starts through the factory a
replay uses, on the recording's starting state, with the recorded ids and times handed back in
the order they were taken. Each failure names its step.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
{qt_import}from pytestqt.qtbot import QtBot

from {module} import {function}
{fact_import}from recorder.writers.scripted import {shop_import}

RECORDING = Path(__file__).parent / {literal(source)}
{objects}{left}

@pytest.fixture
def shop(qtbot: QtBot) -> Iterator[ScriptedShop]:
    with ScriptedShop(RECORDING, {function}, qtbot) as shop:
        yield shop


def {name}(shop: ScriptedShop, qtbot: QtBot) -> None:
'''
    return code + text.rstrip() + "\n"


def script_text(
    recording: Recording, source: str, factory: str, name: str
) -> tuple[str, list[Step]]:
    """The test's source, and its steps."""
    steps = group(Writer(recording).run(), product_names(recording))
    return render(recording, steps, source, factory, name), steps


def write_script(path: Path, output: Path, factory: str = DEFAULT_FACTORY) -> list[Step]:
    """Write the test for the recording at `path` to `output`; return its steps."""
    recording = load_recording(path)
    # Found from the test's own folder, so the two can move together (tests/, recordings/).
    relative = os.path.relpath(Path(path).resolve(), Path(output).resolve().parent)
    objects = ObjectMap.beside(Path(output))  # shared by the tests in that folder
    with objects.writing():
        name = test_name(Path(path))
        text, steps = script_text(recording, Path(relative).as_posix(), factory, name)
    module = Path(output).parent / MODULE
    module.write_text(objects.source(), encoding="utf-8")
    Path(output).write_text(text, encoding="utf-8")
    _format(module)
    _format(Path(output))
    return steps


def _format(path: Path) -> None:
    """Lay the test out as the project's formatter would, where it is installed (a checkout,
    not the desktop bundle), so a test kept in tests/ passes `make lint` as written."""
    if importlib.util.find_spec("ruff") is None:
        return
    ruff = [sys.executable, "-m", "ruff"]
    # --fix drops the noqa codes the file does not need once laid out (a long line wrapped
    # needs none), and sorts the imports as configured.
    check = [*ruff, "check", "-q", "--fix", "--exit-zero", "--no-cache", str(path)]
    layout = [*ruff, "format", "-q", "--no-cache", str(path)]
    for command in (layout, check, layout):
        subprocess.run(command, check=False)
