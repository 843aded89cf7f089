"""The planted bugs of `make mutation` stay usable: each says what it plants and still applies.

Cheap (no replay, no display): `git apply --check` against this checkout, so a change to the
code that a patch touches fails here, not an hour into `make mutation`.
"""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter

import pytest

from benchmarks.mutation import PATCHES, ROOT, Patch, patches

AREAS = {"domain", "read side", "UI", "recorder"}
PLANTED = patches()


def test_there_are_enough_planted_bugs_in_every_area() -> None:
    areas = Counter(p.area for p in PLANTED)
    assert len(PLANTED) >= 30, f"only {len(PLANTED)} patches under {PATCHES}"
    assert set(areas) == AREAS, f"areas: {dict(areas)}"


@pytest.mark.parametrize("patch", PLANTED, ids=[p.name for p in PLANTED])
def test_each_patch_says_what_it_plants(patch: Patch) -> None:
    head = patch.path.read_text().partition("diff --git")[0]
    assert head.startswith("Area: "), "the first line is `Area: domain|read side|UI|recorder`"
    assert patch.area in AREAS
    assert patch.bug, "a `Bug: <one sentence>` line"
    assert patch.name[:3].rstrip("-").isdigit(), "named NN-short-name.patch"


@pytest.mark.skipif(
    shutil.which("git") is None or not (ROOT / ".git").exists(), reason="needs a git checkout"
)
@pytest.mark.parametrize("patch", PLANTED, ids=[p.name for p in PLANTED])
def test_each_patch_applies_to_this_checkout(patch: Patch) -> None:
    checked = subprocess.run(
        ["git", "apply", "--check", str(patch.path)], cwd=ROOT, capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stderr
