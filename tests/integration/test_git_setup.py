"""`make git-setup`: `git diff` shows recordings as their timeline, outside an activated venv."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

ROOT = Path(__file__).parents[2]


def test_git_diff_shows_a_recording_as_text_without_the_venv_on_path(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    shutil.copyfile(ROOT / ".gitattributes", repo / ".gitattributes")
    shutil.copyfile(ROOT / "recordings" / "menu-keys.shoprec", repo / "bug.shoprec")
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "first"], check=True)
    shutil.copyfile(ROOT / "recordings" / "browse-search.shoprec", repo / "bug.shoprec")
    # A recording is untrusted: its note must not retitle or clear the terminal of a reviewer.
    with closing(sqlite3.connect(repo / "bug.shoprec")) as db, db:
        db.execute("UPDATE meta SET value = ? WHERE key = 'note'", ("x\x1b]0;pwned\x07\x1b[2J",))
    # The target writes into whichever repository GIT_DIR names: here, the throw-away one.
    env = {**os.environ, "GIT_DIR": str(repo / ".git")}
    subprocess.run(["make", "-s", "-C", str(ROOT), "git-setup"], check=True, env=env)
    bare_path = {**os.environ, "PATH": "/usr/bin:/bin"}  # no venv, no replayshop on PATH
    diff = subprocess.run(
        [*git, "diff"], capture_output=True, text=True, env=bare_path, check=True
    ).stdout
    assert "-#1 " in diff and "+#1 " in diff  # timelines on both sides, not "Binary files"
    assert "+note: x\\x1b]0;pwned\\x07\\x1b[2J" in diff and "\x1b" not in diff
    assert "format_version: 4" in diff or "key_press" in diff
    config = subprocess.run(
        [*git, "config", "--get", "diff.shoprec.cachetextconv"], capture_output=True, text=True
    )
    assert config.stdout.strip() == "true"
