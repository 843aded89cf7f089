"""Replaying real recordings: verdicts, determinism, regressions caught, robustness."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.pages.product_detail import ProductDetail
from app.shell.replay_factory import make_replay_app
from recorder.capture.schema import FORMAT_VERSION
from recorder.fileformat.shoprec import load_recording
from recorder.regression.check import check_recordings
from recorder.regression.rebase import rebase_recording
from recorder.replay.run import run_headless
from recorder.replay.timer import Pace
from tests.conftest import HANG_GUARD_MS

RECORDINGS = Path(__file__).resolve().parents[2] / "recordings"


def recording(name: str):  # type: ignore[no-untyped-def]
    return load_recording(RECORDINGS / f"{name}.shoprec")


def test_the_same_recording_gives_the_same_verdict_20_times(qapp: QApplication) -> None:
    verdicts = {
        run_headless(recording("bug-quantity-carryover"), make_replay_app).report()
        for _ in range(20)
    }
    assert len(verdicts) == 1
    assert verdicts.pop().startswith("IDENTICAL")


def test_a_planted_regression_fails_check_naming_recording_and_step(
    qapp: QApplication,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    """Re-introduce the quantity carry-over bug: check catches it in a folder of recordings,
    naming the one recorded for it, and passes the others. A folder of three, not all of
    recordings/: each of those replays in `pytest recordings/` already, and the planted bugs
    of `make mutation` go through all of them."""
    folder = tmp_path / "recordings"
    folder.mkdir()
    for name in ("bug-quantity-carryover", "menu-keys", "signup-signin"):
        shutil.copyfile(RECORDINGS / f"{name}.shoprec", folder / f"{name}.shoprec")
    original = ProductDetail.show_product

    def forgetful(self: ProductDetail, product_id: str | None) -> None:
        kept = self.quantity.value()
        original(self, product_id)
        self.quantity.setValue(kept)  # the bug: the last quantity stays

    monkeypatch.setattr(ProductDetail, "show_product", forgetful)
    assert check_recordings([folder], make_replay_app) == 1
    out = capsys.readouterr().out
    assert "2 passed, 1 failed" in out
    assert "DIVERGED at UI event #" in out
    assert "recordings/bug-quantity-carryover.shoprec" in out
    # What the user saw (quantity 1 after choosing another product) against the replay (2),
    # or, if the screens were not compared, the domain events with their quantities.
    assert ("body/quantity" in out and "-1\n+2" in out) or (
        '"quantity": 2' in out and '"quantity": 1' in out
    )


@pytest.mark.parametrize(
    "name", ["cart-add-change-remove", "reviews-post-edit-delete", "wallet-deposit-correction"]
)
def test_another_window_size_and_font_give_the_same_verdict(qapp: QApplication, name: str) -> None:
    font = qapp.font()
    try:
        bigger = QFont(font)
        bigger.setPointSizeF(font.pointSizeF() * 1.25)
        qapp.setFont(bigger)
        verdict = run_headless(recording(name), make_replay_app, window_size=(1000, 720))
    finally:
        qapp.setFont(font)
    assert verdict.status == "identical", verdict.report()


def test_a_missing_widget_names_the_closest_paths(qapp: QApplication, tmp_path: Path) -> None:
    broken = tmp_path / "renamed.shoprec"
    shutil.copyfile(RECORDINGS / "bug-quantity-carryover.shoprec", broken)
    db = sqlite3.connect(broken)  # as if a later build renamed the button
    db.execute("UPDATE ui_events SET target = replace(target, 'add_to_cart', 'add_to_basket')")
    db.commit()
    db.close()
    verdict = run_headless(load_recording(broken), make_replay_app)
    assert verdict.status == "could_not_replay" and verdict.exit_code == 2
    assert "add_to_basket was not found" in verdict.message
    assert (
        "closest existing paths: main/central/pages/catalog/splitter/detail/body/add_to_cart"
        in verdict.message
    )


def test_cli_replay_exit_codes(tmp_path: Path) -> None:
    run = [sys.executable, "-m", "app.cli.main", "replay", "--headless"]
    good = subprocess.run(
        [*run, str(RECORDINGS / "bug-enter-after-switch.shoprec")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert good.returncode == 0 and good.stdout.startswith("IDENTICAL")
    junk = tmp_path / "junk.shoprec"
    junk.write_text("not a recording")
    bad = subprocess.run([*run, str(junk)], capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and "is not a Replay Shop recording" in bad.stderr


def test_rebase_records_an_intended_change(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "wallet.shoprec"
    shutil.copyfile(RECORDINGS / "wallet-deposit-correction.shoprec", copy)
    from app.pages import wallet as qt_wallet
    from domain.model import commands as c

    original = c.DepositFunds

    def renamed(actor_id: str | None, amount_cents: int, note: str = "Deposit") -> c.Command:
        return original(actor_id, amount_cents, "Store credit")  # the intended change

    monkeypatch.setattr(qt_wallet.c, "DepositFunds", renamed)
    assert run_headless(load_recording(copy), make_replay_app).status == "diverged"
    report = rebase_recording(copy, make_replay_app)
    assert "-FundsDeposited" in report and '"note": "Store credit"' in report
    assert run_headless(load_recording(copy), make_replay_app).status == "identical"


def test_the_viewer_steps_plays_and_seeks_backwards(qtbot: QtBot) -> None:
    from recorder.replay.viewer import ReplayViewer

    rec = recording("cart-add-change-remove")
    viewer = ReplayViewer(rec, make_replay_app, start_paused=True)
    qtbot.addWidget(viewer)
    viewer.show()
    qtbot.mouseClick(viewer.step_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: viewer.replayer.index == 1)
    assert viewer.timeline.currentRow() == 0
    assert viewer.skip_idle.isChecked() and viewer.replayer.pace.skip_idle  # rrweb's default
    viewer.skip_idle.setChecked(False)
    assert viewer.replayer.pace == Pace(1.0, skip_idle=False)
    viewer.speed.setCurrentIndex(viewer.speed.count() - 1)  # as fast as possible
    viewer.replayer.resume()
    qtbot.waitUntil(lambda: viewer.replayer.verdict is not None, timeout=HANG_GUARD_MS)
    assert viewer.verdict.text().startswith("IDENTICAL")
    viewer.replayer.seek(10)  # backwards: restart from the start state, fast-forward
    qtbot.waitUntil(lambda: viewer.replayer.index == 10 and not viewer.replayer.timer.running)
    assert viewer.replayer.verdict is None and viewer.progress.value() == 10
    viewer.close()


def test_a_seek_before_the_replay_started_starts_it_there(qtbot: QtBot) -> None:
    from recorder.replay.machine import State
    from recorder.replay.replayer import Replayer

    replayer = Replayer(recording("cart-add-change-remove"), make_replay_app)
    try:
        replayer.seek(12)  # as the benchmark of seeking does, before any play
        qtbot.waitUntil(lambda: replayer.machine.state is State.PAUSED, timeout=HANG_GUARD_MS)
        assert replayer.index == 12 and replayer.verdict is None
    finally:
        replayer.close()


@pytest.mark.parametrize("name", ["context-menu", "bug-stale-detail-after-search"])
def test_the_viewer_replays_a_desk_recording_identically(qtbot: QtBot, name: str) -> None:
    """Recorded with real input on Xvfb; played in the viewer as fast as possible."""
    from recorder.replay.timer import FAST
    from recorder.replay.viewer import ReplayViewer

    viewer = ReplayViewer(recording(name), make_replay_app, FAST)
    qtbot.addWidget(viewer)
    viewer.show()
    qtbot.waitUntil(lambda: viewer.replayer.verdict is not None, timeout=HANG_GUARD_MS)
    verdict = viewer.replayer.verdict
    assert verdict is not None and verdict.passed, verdict.report()
    assert viewer.verdict.text().startswith("IDENTICAL")
    viewer.close()


def test_every_recording_verifies_what_the_user_saw() -> None:
    """No recording is vacuous: each keeps observations, so a read-side bug shows."""
    for path in sorted(RECORDINGS.glob("*.shoprec")):
        rec = load_recording(path)
        assert rec.observations, f"{path.name} keeps no observation of what the user saw"
        on_disk = sqlite3.connect(path)
        stored = on_disk.execute("SELECT value FROM meta WHERE key = 'format_version'")
        assert int(stored.fetchone()[0]) == FORMAT_VERSION, f"{path.name}: rebase it"
        on_disk.close()


def test_the_viewer_points_at_what_the_user_saw_differently(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-side bug in the viewer: the step is marked, the widgets' texts stand side by
    side, and "First divergence" goes back there with the verdict cleared until it is redone."""
    from app.pages import wallet as qt_wallet
    from recorder.replay.timer import FAST
    from recorder.replay.viewer import ReplayViewer

    real_money = qt_wallet.money
    monkeypatch.setattr(qt_wallet, "money", lambda cents: real_money(cents * 2))
    viewer = ReplayViewer(recording("wallet-deposit-correction"), make_replay_app, FAST)
    qtbot.addWidget(viewer)
    viewer.show()
    qtbot.waitUntil(lambda: viewer.replayer.verdict is not None, timeout=HANG_GUARD_MS)
    assert viewer.verdict.text().startswith("DIVERGED")
    assert "pages/wallet" in viewer.expected.toPlainText()
    assert viewer.expected.toPlainText() != viewer.actual.toPlainText()
    index = viewer.divergence_index()
    assert index is not None and viewer.to_divergence.isEnabled()
    assert "◉" in viewer.timeline.item(index).text()  # it kept what the user saw there
    qtbot.mouseClick(viewer.to_divergence, Qt.MouseButton.LeftButton)
    assert viewer.verdict.text() == "Replaying…"
    qtbot.waitUntil(
        lambda: viewer.replayer.index == index and not viewer.replayer.timer.running,
        timeout=HANG_GUARD_MS,
    )
    assert viewer.replayer.verdict is None
    viewer.replayer.resume()
    qtbot.waitUntil(lambda: viewer.replayer.verdict is not None, timeout=HANG_GUARD_MS)
    assert viewer.verdict.text().startswith("DIVERGED")  # computed again, the same
    viewer.close()


def test_check_reports_a_bad_file_as_an_error_and_goes_on(
    qapp: QApplication, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "recordings"
    folder.mkdir()
    shutil.copyfile(RECORDINGS / "menu-keys.shoprec", folder / "a-good.shoprec")
    (folder / "b-bad.shoprec").write_text("Subject: my cart is broken\n")
    junit = tmp_path / "junit.xml"
    assert check_recordings([folder], make_replay_app, junit) == 1
    out = capsys.readouterr().out
    [good_row] = [line for line in out.splitlines() if "a-good.shoprec " in line]
    assert good_row.split()[1] == "identical"  # the good one still ran
    assert "bad file" in out and "BAD FILE: " in out and "is not a Replay Shop recording" in out
    xml = junit.read_text()
    assert 'errors="1"' in xml and 'failures="0"' in xml
    assert '<error type="RecordingError"' in xml


def test_a_step_the_replay_cannot_apply_ends_it_instead_of_stalling(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A timer callback that raised used to stop the replay without a verdict (10 minutes of
    nothing); now it is "could not replay", naming the step and the error."""
    from recorder.replay import actions

    real_apply = actions.apply

    def broken(event, scope):  # type: ignore[no-untyped-def]
        if event.kind == "key_press":
            raise ValueError("a key the recording describes in a way this build cannot type")
        return real_apply(event, scope)

    monkeypatch.setattr(actions, "apply", broken)
    verdict = run_headless(recording("menu-keys"), make_replay_app)
    assert verdict.status == "could_not_replay"
    assert "the step cannot be applied (ValueError: a key the recording" in verdict.message
    assert verdict.step is not None


def test_a_starting_state_the_app_cannot_open_is_could_not_replay(qapp: QApplication) -> None:
    def cannot_start(setup):  # type: ignore[no-untyped-def]
        raise OverflowError("a position beyond what the time-travel slider holds")

    verdict = run_headless(recording("menu-keys"), cannot_start)
    assert verdict.status == "could_not_replay"
    assert "the app did not start on the recorded starting state" in verdict.message


def test_check_replays_each_recording_again_and_again_on_a_busy_machine() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "app.cli.main", "check", str(RECORDINGS / "steady-searches.shoprec"),
         "--repeat", "3", "--stress"],
        capture_output=True, text=True, check=False, timeout=HANG_GUARD_MS / 1000,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "identical 3/3" in done.stdout and "1 passed, 0 failed" in done.stdout
    assert "busy processes load the machine" in done.stderr
    refused = subprocess.run(
        [sys.executable, "-m", "app.cli.main", "check", "recordings", "--repeat", "0"],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert refused.returncode == 2 and "'0' is not a whole number of at least 1" in refused.stderr


def test_a_widget_that_is_there_but_hidden_is_named_as_hidden(
    qapp: QApplication, tmp_path: Path
) -> None:
    """Not "was not found": the Cart page's Checkout button exists while the Catalog shows,
    and a message that says it is missing would send the reader looking for a rename."""
    moved = tmp_path / "hidden.shoprec"
    shutil.copyfile(RECORDINGS / "bug-quantity-carryover.shoprec", moved)
    db = sqlite3.connect(moved)  # as if a later build put the button on a page not shown
    db.execute(
        "UPDATE ui_events SET target = 'main/central/pages/cart/checkout' "
        "WHERE target LIKE '%/add_to_cart'"
    )
    db.commit()
    db.close()
    verdict = run_headless(load_recording(moved), make_replay_app)
    assert verdict.status == "could_not_replay", verdict.report()
    assert "main/central/pages/cart/checkout is there but stayed hidden for 5 s" in verdict.message
    assert "when the user's mouse_press reached it, it was shown" in verdict.message
