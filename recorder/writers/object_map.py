"""The object map that the tests written from recordings share, as Squish's does: each widget
a test names, under a short name of its own (`detail_price` for
`main/central/pages/catalog/splitter/detail/body/price`), in one module beside the tests,
`objects.py`. A widget the app moves or renames is mended there once, for every test.

Writing a test adds the names it needs and keeps every name given before with its path; a
path's name is its last step after the nearest step that says where it is
(`detail_price`, `cart_heading`), or more of its steps where that name is taken. The paths come
from a recording, which is untrusted: a name is made of letters, digits and underscores only,
and a path is written as a string literal.
"""

from __future__ import annotations

import ast
import json
import keyword
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from types import SimpleNamespace

MODULE = "objects.py"
OBJECTS = "widgets"  # what a written test calls the map
# Steps that hold a page's parts without saying which page or part: left out of a name.
CONTAINERS = frozenset({"main", "central", "pages", "splitter", "body", "buttons", "list"})
NOT_A_NAME = re.compile(r"[^0-9A-Za-z_]+")
HEADER = '''"""The widgets the tests in this folder name, by a short name each (an object map).

Written by `replayshop recording script`, which adds the names a new test needs and keeps
every name given before. When the app moves or renames a widget, change its path here: every
test that names it follows.
"""

# One widget a line: a long path reads better whole.
# ruff: noqa: E501

'''


class WidgetPath(str):
    """A widget's path in a test being written: the test names it through the object map
    when one is being written (`ObjectMap.writing`), else spells it out."""

    __slots__ = ()


_active: ContextVar[ObjectMap | None] = ContextVar("object_map", default=None)


def path_code(path: WidgetPath) -> str | None:
    """`widgets.name` for `path` when an object map is being written, else None."""
    objects = _active.get()
    return f"{OBJECTS}.{objects.name_for(path)}" if objects is not None else None


def mapping() -> bool:
    """Whether the test being written names its widgets through an object map."""
    return _active.get() is not None


class ObjectMap:
    def __init__(self, paths: dict[str, str] | None = None) -> None:
        self.paths: dict[str, str] = dict(paths or {})  # name -> path
        self._names = {path: name for name, path in self.paths.items()}

    @classmethod
    def beside(cls, test: Path) -> ObjectMap:
        """The map in the folder of `test`, or a new one."""
        module = Path(test).parent / MODULE
        return cls.read(module) if module.exists() else cls()

    @classmethod
    def read(cls, module: Path) -> ObjectMap:
        """Only `name = "path"` lines count: the module is read, never run."""
        paths = {}
        for node in ast.parse(module.read_text(encoding="utf-8")).body:
            if (
                isinstance(node, ast.Assign)
                and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name)
                and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)
            ):
                paths[node.targets[0].id] = node.value.value
        return cls(paths)

    def name_for(self, path: str) -> str:
        known = self._names.get(path)
        if known is not None:
            return known
        steps = [
            NOT_A_NAME.sub("_", step).strip("_").lower() or "widget" for step in path.split("/")
        ]
        # The widget's own step after the nearest one that says where it is (`detail_price`,
        # `cart_heading`), then more of the path while that name is taken.
        places = [step for step in steps[:-1] if step not in CONTAINERS]
        candidates = ["_".join([*places[-1:], steps[-1]])]
        candidates += ["_".join(steps[-n:]) for n in range(2, len(steps) + 1)]
        name = ""
        for candidate in candidates:
            unsafe = candidate[0].isdigit() or keyword.iskeyword(candidate)
            name = f"w_{candidate}" if unsafe else candidate
            if name not in self.paths:
                break
        base, number = name, 2
        while name in self.paths:  # every suffix taken: paths that differ only in signs
            name, number = f"{base}_{number}", number + 1
        self.paths[name] = path
        self._names[path] = name
        return name

    @contextmanager
    def writing(self) -> Iterator[ObjectMap]:
        """While a test is written, its widget paths go through this map."""
        token = _active.set(self)
        try:
            yield self
        finally:
            _active.reset(token)

    def source(self) -> str:
        # A JSON string is a Python string literal: a path cannot end it early.
        lines = [
            f"{name} = {json.dumps(self.paths[name], ensure_ascii=False)}"
            for name in sorted(self.paths)
        ]
        return HEADER + "\n".join(lines) + "\n"


def object_map(module: Path) -> SimpleNamespace:
    """The map a written test uses:
    `widgets = object_map(Path(__file__).parent / "objects.py")`."""
    return SimpleNamespace(**ObjectMap.read(module).paths)
