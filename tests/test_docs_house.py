"""docs/architecture.md names the house as it is: each folder's modules listed, every file it
points to present. The file once named a deleted module and figures the results no longer
held; a newcomer who trusts it should not be sent to a file that is not there."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARCHITECTURE = ROOT / "docs" / "architecture.md"
PACKAGES = ("app", "recorder", "domain")
# "- `app/pages/` (what they are): admin_products, analytics, cart, …"
FOLDER_LINE = re.compile(
    r"^- `(?P<folder>(?:app|recorder|domain)[\w/]*)/`(?: \([^)]*\))?: (?P<modules>.+)$"
)
FILE_MENTION = re.compile(
    r"(?<![\w./-])((?:app|recorder|domain|tests|benchmarks|packaging|scripts|docs)"
    r"/[\w/.-]*\w\.(?:py|md|toml|json|sh|spec|xml|desktop))\b"
)


def _tree() -> dict[str, list[str]]:
    folders: dict[str, list[str]] = {}
    for package in PACKAGES:
        for module in (ROOT / package).rglob("*.py"):
            if module.name in ("__init__.py", "__main__.py"):
                continue
            folder = module.parent.relative_to(ROOT).as_posix()
            folders.setdefault(folder, []).append(module.stem)
    return {folder: sorted(modules) for folder, modules in folders.items()}


def _listed(text: str) -> dict[str, list[str]]:
    listed = {}
    for line in text.splitlines():
        if match := FOLDER_LINE.match(line):
            modules = [m.strip() for m in match["modules"].split(",")]
            listed[match["folder"]] = sorted(modules)
    return listed


def test_the_house_list_names_every_module_of_every_folder() -> None:
    assert _listed(ARCHITECTURE.read_text(encoding="utf-8")) == _tree()


@pytest.mark.parametrize("document", ["docs/architecture.md", "README.md", "packaging/README.md"])
def test_every_file_a_document_names_exists(document: str) -> None:
    text = (ROOT / document).read_text(encoding="utf-8")
    # A file a command is told to write (`-o tests/test_NAME.py`) is an example, not a pointer.
    mentioned = {m[1] for m in FILE_MENTION.finditer(text) if text[: m.start()][-3:] != "-o "}
    missing = sorted(m for m in mentioned if not (ROOT / m).exists())
    assert not missing, f"{document} names files that are not there: {missing}"


def test_the_checks_see_a_drifted_list() -> None:
    """A line missing a module, or naming a gone one, is a difference the first test sees."""
    drifted = "- `app/pages/` (pages): cart, catalog, qt_gone\n"
    assert _listed(drifted) == {"app/pages": ["cart", "catalog", "qt_gone"]}
    assert _listed(drifted)["app/pages"] != _tree()["app/pages"]
    assert FILE_MENTION.findall("see `recorder/rewrite.py` and app/shell/main.py.") == [
        "recorder/rewrite.py",
        "app/shell/main.py",
    ]
