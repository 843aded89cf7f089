"""`replayshop recording script`: tests written from recordings pass on the code that made
them, fail naming the step on planted regressions, and survive a developer's edits.

The generated tests run in a pytest of their own (as a developer runs them), on the display
this suite uses. A small conftest plants a regression when PLANT names one.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.main import main
from recorder.fileformat.shoprec import load_recording
from recorder.fileformat.tables import EVENT_COLUMNS
from recorder.writers.script import DEFAULT_FACTORY, script_text
from tests.conftest import HANG_GUARD_MS

RECORDINGS = Path(__file__).resolve().parents[2] / "recordings"
# One worker runs them all: the written tests and the planted run (two subprocess runs of
# pytest, half a minute) are module fixtures, built again by each worker a test goes to.
pytestmark = pytest.mark.xdist_group("recording_script")

PLANTS = """
import os

import pytest


# PLANT=each plants, in each of these written tests, the bug its session would catch.
EACH = {
    "test_bug_quantity_carryover": "carryover",
    "test_cart_add_change_remove": "cart",
    "test_browse_search": "search",
    "test_wallet_deposit_correction": "money",
    "test_bug_keyboard_trapped_in_tables": "trap",
}


@pytest.fixture(autouse=True)
def plant(monkeypatch, request):
    which = os.environ.get("PLANT")
    if which == "each":
        which = EACH.get(request.node.path.stem, "")
    if which == "carryover":  # the quantity bug bug-quantity-carryover was recorded for
        from app.pages.product_detail import ProductDetail

        original = ProductDetail.show_product

        def forgetful(self, product_id):
            kept = self.quantity.value()
            original(self, product_id)
            self.quantity.setValue(kept)

        monkeypatch.setattr(ProductDetail, "show_product", forgetful)
    elif which == "cart":  # the domain adds one more than asked
        from domain.model import cart

        real = cart.Cart.add
        monkeypatch.setattr(
            cart.Cart, "add", lambda self, p, q, u: real(self, p, min(q + 1, 99), u)
        )
    elif which == "search":  # the catalog ignores what was searched for
        from domain.readside.queries.catalog import CatalogQueries

        products = CatalogQueries.products
        monkeypatch.setattr(
            CatalogQueries, "products", lambda self, search="", *a, **k: products(self, "", *a, **k)
        )
    elif which == "money":  # the wallet page shows every amount doubled
        from app.pages import wallet as qt_wallet

        money = qt_wallet.money
        monkeypatch.setattr(qt_wallet, "money", lambda cents: money(cents * 2))
    elif which == "overdraft":  # the wallet pays what it does not hold
        from domain.model.wallet import Wallet

        def overdrawn(self, tx_id, amount_cents, order_id):
            self.balance_cents += amount_cents
            real_debit(self, tx_id, amount_cents, order_id)

        real_debit = Wallet.debit
        monkeypatch.setattr(Wallet, "debit", overdrawn)
    elif which == "removals":  # the removals report stops counting: no screen shows it
        from domain.readside.projections.cart_removals import CartRemovals
        monkeypatch.setattr(CartRemovals, "on_ItemRemovedFromCart", lambda self, r, rows: None)
    elif which == "trap":  # Tab walks a table's cells instead of leaving the table
        from PySide6.QtWidgets import QTableWidget

        from app.shell.main_window import MainWindow

        init = MainWindow.__init__

        def trapping(self, ctx):
            init(self, ctx)
            for table in self.findChildren(QTableWidget):
                table.setTabKeyNavigation(True)

        monkeypatch.setattr(MainWindow, "__init__", trapping)
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


def test_no_written_test_calls_a_widget_by_its_place(written: Path) -> None:
    """Paths name widgets (`…/detail/body/price`), never their place (`…/body/QLabel#0`)."""
    place = re.compile(r"\"[\w/]*[A-Za-z]#\d+")
    found = [
        f"{test.name}: {hit}"
        for test in [*sorted(written.glob("test_*.py")), written / "objects.py"]
        for hit in place.findall(test.read_text())
    ]
    assert len(list(written.glob("test_*.py"))) >= 30 and not found, found


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
    assert 'qtbot.keyClicks(shop.focus(widgets.account_dialog_username), "jon")' in text
    assert 'shop.enter(widgets.account_dialog_password, masked="long")' in text
    assert "from app.shell.replay_factory import make_replay_app" in text
    assert (
        'Fact(\n            "cart-d000011",\n            11,\n            "ItemAddedToCart",'
        in text
    )
    assert 'widgets.status_user: "Signed in as jon"' in text
    compile(text, "generated", "exec")
    # By names from the object map the written tests share (as Squish's), one per widget.
    objects = (written / "objects.py").read_text()
    assert 'status_user = "main/status/user"' in objects
    assert 'detail_price = "main/central/pages/catalog/splitter/detail/body/price"' in objects
    names = re.findall(r"^(\w+) = ", objects, re.M)
    assert len(names) == len(set(names)) >= 100


def test_a_script_from_every_recording_passes_on_the_code_that_made_it(written: Path) -> None:
    out = run_tests(written)
    count = len(list(RECORDINGS.glob("*.shoprec")))
    assert f"{count} passed" in out, out


@pytest.fixture(scope="module")
def planted(written: Path) -> str:
    """One run of the five written tests, each with the bug its session catches planted."""
    files = [f"test_{name.replace('-', '_')}.py" for name in PLANTED]
    return run_tests(written, *files, plant="each")


PLANTED = (
    "bug-quantity-carryover",
    "cart-add-change-remove",
    "browse-search",
    "wallet-deposit-correction",
    "bug-keyboard-trapped-in-tables",
)


def failure_of(out: str, recording: str) -> str:
    """The failure report of one written test in a run's output."""
    name = f"test_{recording.replace('-', '_')}"
    head = re.search(rf"_+ {name} _+\n", out)
    assert head, f"{name} did not fail:\n{out}"
    rest = out[head.end() :]
    end = re.search(r"\n_{3,} test_|\n=+ short test summary", rest)
    return rest[: end.start()] if end else rest


def test_every_planted_regression_fails_its_written_test(planted: str) -> None:
    assert f"{len(PLANTED)} failed" in planted, planted


def test_a_planted_screen_regression_fails_naming_the_step(planted: str) -> None:
    out = failure_of(planted, "bug-quantity-carryover")
    # Choosing another product after setting a quantity: the quantity stayed.
    assert re.search(r'StepFailed: step \d+ "[^\n]+": what the user saw differs', out), out
    assert "detail/body/quantity: the user saw '1', now '2'" in out


def test_a_planted_domain_regression_fails_naming_the_step(planted: str) -> None:
    out = failure_of(planted, "cart-add-change-remove")
    assert 'step 3 "add 2 × Tea Journal to the cart": the domain events differ' in out
    assert '"quantity": 3' in out and '"quantity": 2' in out


@pytest.mark.parametrize(
    ("recording", "found", "where"),
    [
        ("browse-search", "what the user saw differs", "pages/catalog/splitter/list"),
        ("wallet-deposit-correction", "what the user saw differs", "pages/wallet/"),
        (
            "bug-keyboard-trapped-in-tables",
            "the focus went to main/central/pages/catalog/splitter/list/products; the user's "
            "went to main/central/pages/catalog/splitter/detail",
            "",
        ),
    ],
)
def test_planted_read_side_and_focus_regressions_fail_naming_the_step(
    planted: str, recording: str, found: str, where: str
) -> None:
    """Bugs that issue no command, which `check` catches (tests/replay/test_planted_read_side.py,
    test_planted_desk_bugs.py): the screens and the focus the written test checks catch them."""
    out = failure_of(planted, recording)
    assert re.search(r'StepFailed: step \d+ "[^\n]+": ' + re.escape(found), out), out
    assert where in out


def test_a_refused_command_is_a_step_of_its_own(written: Path) -> None:
    """The checkout the wallet refused is checked where it happened: a wallet that stops
    refusing fails that step, by the refusal's name, not the step after it."""
    text = (written / "test_checkout_refused_and_paid.py").read_text()
    assert 'shop.expect_refused("InsufficientFunds")' in text
    assert re.search(r"shop\.step\(['\"].*, refused: InsufficientFunds['\"]\)", text), text
    out = run_tests(written, "test_checkout_refused_and_paid.py", plant="overdraft")
    assert re.search(
        r'StepFailed: step \d+ ".*, refused: InsufficientFunds": the recorded refusal '
        r"InsufficientFunds did not happen; appended:\n.*CartCheckedOut",
        out,
    ), out


def test_a_read_model_no_screen_shows_fails_at_the_end_naming_its_rows(written: Path) -> None:
    out = run_tests(written, "test_cart_add_change_remove.py", plant="removals")
    assert "1 failed" in out, out
    assert (
        'step 9 "the end of the session": the read models differ at the end of the session: '
        "cart_removals_v1" in out
    ), out
    assert "cart_removals_v1 table " in out


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


def test_script_writes_beside_you_by_default_and_needs_a_recording(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["recording", "script", str(RECORDINGS / "menu-keys.shoprec")]) == 0
    assert "wrote test_menu_keys.py" in capsys.readouterr().out
    assert "def test_menu_keys" in (tmp_path / "test_menu_keys.py").read_text()
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
            [sys.executable, "-m", "ruff", *check, str(out), str(out.parent / "objects.py")],
            cwd=tmp_path,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stdout + done.stderr


def test_a_hostile_recording_cannot_put_code_into_the_test() -> None:
    """A recording is untrusted: its texts reach the test as string literals, and its titles
    and note as comments that cannot be ended early."""
    recording = load_recording(RECORDINGS / "cart-add-change-remove.shoprec")
    evil = 'x"""\nimport os\nos.system("touch /tmp/pwned")  # \\\n"""'
    recording.meta["note"] = evil
    at = EVENT_COLUMNS.index("data")
    rows = []
    for row in recording.start_events:
        if row[EVENT_COLUMNS.index("event_type")] == "ProductAdded":
            data = json.loads(row[at])
            data["name"] = evil  # the product names step titles use
            row = (*row[:at], json.dumps(data), *row[at + 1 :])
        rows.append(row)
    recording.start_events = rows
    text, steps = script_text(recording, "r.shoprec", DEFAULT_FACTORY, "test_hostile")
    assert any("os.system" in step.title for step in steps)  # the title did carry it
    tree = ast.parse(text)
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in node.names
    }
    assert "os" not in imported
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
    assert not any(getattr(c.func, "attr", "") == "system" for c in calls)
