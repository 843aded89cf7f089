"""`replayshop recording script`: tests written from recordings pass on the code that made
them, fail naming the step on planted regressions, and survive a developer's edits.

The generated tests run in a pytest of their own (as a developer runs them), on the display
this suite uses. A small conftest plants a regression when PLANT names one.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from tests.conftest import HANG_GUARD_MS

RECORDINGS = Path(__file__).resolve().parents[2] / "recordings"

PLANTS = """
import os

import pytest


@pytest.fixture(autouse=True)
def plant(monkeypatch):
    which = os.environ.get("PLANT")
    if which == "carryover":  # the quantity bug bug-quantity-carryover was recorded for
        from app.qt_product_detail import ProductDetail

        original = ProductDetail.show_product

        def forgetful(self, product_id):
            kept = self.quantity.value()
            original(self, product_id)
            self.quantity.setValue(kept)

        monkeypatch.setattr(ProductDetail, "show_product", forgetful)
    elif which == "cart":  # the domain adds one more than asked
        from domain import cart

        real = cart.Cart.add
        monkeypatch.setattr(
            cart.Cart, "add", lambda self, p, q, u: real(self, p, min(q + 1, 99), u)
        )
"""


def run_tests(folder: Path, *files: str, plant: str = "") -> str:
    env = {**os.environ, "PLANT": plant}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rf", *files],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=HANG_GUARD_MS / 1000,
    )
    return done.stdout + done.stderr


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("generated")
    for recording in sorted(RECORDINGS.glob("*.shoprec")):
        out = folder / f"test_{recording.stem.replace('-', '_')}.py"
        assert main(["recording", "script", str(recording), "-o", str(out)]) == 0
    (folder / "conftest.py").write_text(PLANTS)
    return folder


def test_the_written_test_reads_as_steps_by_widget_name(written: Path) -> None:
    text = (written / "test_cart_add_change_remove.py").read_text()
    # Grouped and named as a person tells it, with the product names of the shop.
    titles = re.findall(r'shop\.step\("(.*)"\)', text)
    assert titles[:4] == [
        "the shop opens",
        "sign in as jon",
        "add 2 × Tea Journal to the cart",
        "add 1 × Chai Spice Blend to the cart",
    ]
    assert "go to Cart" in titles and "remove Milk Frother from the cart" in titles
    # Widgets by path, through qtbot; the password as a stand-in, never typed out.
    assert 'qtbot.keyClicks(shop.focus("main/account_dialog/username"), "jon")' in text
    assert 'shop.enter("main/account_dialog/password", masked="long")' in text
    assert "from app.replay_factory import make_replay_app" in text
    assert (
        'Fact(\n            "cart-d000011",\n            11,\n            "ItemAddedToCart",'
        in text
    )
    assert '"main/status/user": "Signed in as jon"' in text
    compile(text, "generated", "exec")


def test_a_script_from_every_recording_passes_on_the_code_that_made_it(written: Path) -> None:
    out = run_tests(written)
    count = len(list(RECORDINGS.glob("*.shoprec")))
    assert f"{count} passed" in out, out


def test_a_planted_screen_regression_fails_naming_the_step(written: Path) -> None:
    out = run_tests(written, "test_bug_quantity_carryover.py", plant="carryover")
    assert "1 failed" in out, out
    # Step 4 of that session: choosing another product after setting a quantity.
    assert re.search(r'StepFailed: step \d+ "[^"]+": what the user saw differs', out), out
    assert "detail/body/quantity: the user saw '1', now '2'" in out


def test_a_planted_domain_regression_fails_naming_the_step(written: Path) -> None:
    out = run_tests(written, "test_cart_add_change_remove.py", plant="cart")
    assert "1 failed" in out, out
    assert 'step 3 "add 2 × Tea Journal to the cart": the domain events differ' in out
    assert '"quantity": 3' in out and '"quantity": 2' in out


def test_a_developer_can_delete_a_step_and_change_a_value(written: Path) -> None:
    source = (written / "test_cart_add_change_remove.py").read_text()
    # Delete the last step: what is left still runs and passes.
    shorter, _, deleted = source.partition("    # 8. remove Milk Frother from the cart\n")
    assert "ItemRemovedFromCart" in deleted, "the step to delete is where it was"
    (written / "test_deleted_step.py").write_text(
        shorter.replace("def test_cart_add_change_remove", "def test_deleted_step")
    )
    # Ask for 3 Tea Journals instead of 2: the edited value is what the test now expects.
    changed = source.replace(
        '"product_id": "d000037",\n                "quantity": 2,',
        '"product_id": "d000037",\n                "quantity": 3,',
    )
    assert changed != source
    (written / "test_changed_value.py").write_text(
        changed.replace("def test_cart_add_change_remove", "def test_changed_value")
    )
    out = run_tests(written, "test_deleted_step.py", "test_changed_value.py")
    assert "1 failed, 1 passed" in out, out
    assert "test_changed_value.py::test_changed_value" in out
    assert 'step 3 "add 2 × Tea Journal to the cart": the domain events differ' in out


def test_script_needs_an_output_and_a_recording(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["recording", "script", str(RECORDINGS / "menu-keys.shoprec")]) == 2
    assert "needs -o tests/test_NAME.py" in capsys.readouterr().err
    broken = tmp_path / "broken.shoprec"
    broken.write_bytes((RECORDINGS / "menu-keys.shoprec").read_bytes()[:3000])
    assert main(["recording", "script", str(broken), "-o", str(tmp_path / "t.py")]) == 2
    assert "broken.shoprec" in capsys.readouterr().err
    assert not (tmp_path / "t.py").exists()


def test_a_written_test_passes_the_projects_linters_as_written(tmp_path: Path) -> None:
    """Kept in tests/, it must not turn `make lint` red: laid out and its imports sorted by
    the project's own ruff settings."""
    root = Path(__file__).resolve().parents[2]
    shutil.copy(root / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "tests").mkdir()
    out = tmp_path / "tests" / "test_time_travel.py"
    assert (
        main(["recording", "script", str(RECORDINGS / "time-travel.shoprec"), "-o", str(out)]) == 0
    )
    for check in (["check", "--no-cache"], ["format", "--check", "--no-cache"]):
        done = subprocess.run(
            [sys.executable, "-m", "ruff", *check, str(out)],
            cwd=tmp_path,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stdout + done.stderr
