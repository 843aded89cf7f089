"""The house's size rules (issue 31), checked on every run so they hold after the move:
no module over 400 lines, no class over 300, no function over 80, no folder of more than 15
modules. A newcomer reads a module in one sitting and finds a concept's folder at a glance;
a rule that only a review enforces drifts back, as the flat folders once did."""

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("app", "recorder", "domain")
MODULE_LINES, CLASS_LINES, FUNCTION_LINES, FOLDER_MODULES = 400, 300, 80, 15


def _modules() -> Iterator[Path]:
    for package in PACKAGES:
        yield from sorted((ROOT / package).rglob("*.py"))


def _span(node: ast.AST) -> int:
    assert isinstance(node, ast.stmt) and node.end_lineno is not None
    return node.end_lineno - node.lineno + 1


def _oversized(path: Path, root: Path = ROOT) -> list[str]:
    text = path.read_text(encoding="utf-8")
    where = path.relative_to(root).as_posix()
    found = []
    if (lines := len(text.splitlines())) > MODULE_LINES:
        found.append(f"{where}: {lines} lines (at most {MODULE_LINES})")
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.ClassDef) and _span(node) > CLASS_LINES:
            found.append(f"{where}: class {node.name} {_span(node)} lines (at most {CLASS_LINES})")
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and (
            _span(node) > FUNCTION_LINES
        ):
            found.append(
                f"{where}:{node.lineno}: {node.name}() {_span(node)} lines "
                f"(at most {FUNCTION_LINES})"
            )
    return found


def test_no_module_class_or_function_is_over_its_size() -> None:
    found = [line for path in _modules() for line in _oversized(path)]
    assert not found, "too big to read in one sitting:\n" + "\n".join(found)


def test_no_folder_holds_more_than_15_modules() -> None:
    folders: dict[Path, int] = {}
    for path in _modules():
        if path.name not in ("__init__.py", "__main__.py"):
            folders[path.parent] = folders.get(path.parent, 0) + 1
    crowded = {
        folder.relative_to(ROOT).as_posix(): count
        for folder, count in folders.items()
        if count > FOLDER_MODULES
    }
    assert not crowded, f"split by concept (at most {FOLDER_MODULES} modules each): {crowded}"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("x = 1\n" * 401, "401 lines"),
        ("class Big:\n" + "    x = 1\n" * 300, "class Big 301 lines"),
        ("def long():\n" + "    x = 1\n" * 80, "long() 81 lines"),
    ],
)
def test_the_rules_catch_what_they_name(tmp_path: Path, source: str, expected: str) -> None:
    """The checks above pass on this checkout; this shows that they can fail."""
    module = tmp_path / "probe.py"
    module.write_text(source, encoding="utf-8")
    assert any(expected in line for line in _oversized(module, tmp_path))
