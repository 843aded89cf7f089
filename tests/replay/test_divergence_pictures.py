"""`check` and `replay --headless` with `--pictures DIR`: the diverging step's pictures, as the
user saw it and as the replay drew it, the regions that differ framed in red on both."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QApplication

from app.cli.main import main
from app.shell.replay_factory import make_replay_app
from recorder.capture.sink import encode
from recorder.fileformat.pictures import decoded
from recorder.fileformat.shoprec import load_recording, write_recording
from recorder.regression.pictures import FRAME, differing_regions
from recorder.replay.run import run_with_pictures

RECORDINGS = Path(__file__).resolve().parents[2] / "recordings"


def page_with(text: str) -> QImage:
    image = QImage(400, 200, QImage.Format.Format_RGB32)
    image.fill(QColor("#f6f5f4"))
    painter = QPainter(image)
    painter.setFont(QFont("DejaVu Sans", 12))
    painter.drawText(QRect(20, 20, 360, 30), Qt.AlignmentFlag.AlignLeft, "Balance: " + text)
    painter.drawText(QRect(20, 120, 360, 30), Qt.AlignmentFlag.AlignLeft, "Unchanged line")
    painter.end()
    return image


def test_the_regions_are_where_the_text_changed_and_noise_is_not_one(qapp: QApplication) -> None:
    before, after = page_with("$100.00"), page_with("$200.00")
    assert differing_regions(before, before) == []
    # The same picture through WebP's loss: thousands of pixels move a little, none counts.
    lossy = decoded(encode(1, before, 400, "webp"))
    assert lossy is not None and lossy != before
    assert differing_regions(before, lossy) == []
    regions = differing_regions(before, after)
    assert regions and all(r.top() >= 16 and r.bottom() <= 56 for r in regions)
    assert all(not r.intersects(QRect(0, 110, 400, 50)) for r in regions)


@pytest.fixture
def with_pictures(qapp: QApplication, tmp_path: Path) -> Path:
    """A committed session as a recording made with pictures on: its clean replay's."""
    recording = load_recording(RECORDINGS / "wallet-deposit-correction.shoprec")
    verdict, pictures = run_with_pictures(recording, make_replay_app)
    assert verdict.passed and pictures
    recording.pictures = pictures
    folder = tmp_path / "recordings"
    write_recording(recording, folder / "wallet.shoprec")
    return folder / "wallet.shoprec"


def framed_pixels(image: QImage) -> int:
    red = FRAME.rgb()
    return sum(
        1 for y in range(image.height()) for x in range(image.width()) if image.pixel(x, y) == red
    )


def test_check_writes_the_diverging_steps_pictures_framed(
    with_pictures: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from app.pages import wallet as qt_wallet

    real_money = qt_wallet.money
    monkeypatch.setattr(qt_wallet, "money", lambda cents: real_money(cents * 2))
    out = tmp_path / "pictures"
    assert main(["check", str(with_pictures.parent), "--pictures", str(out)]) == 1
    printed = capsys.readouterr().err
    written = sorted(p.name for p in out.iterdir())
    assert len(written) == 2 and written[0].endswith("-actual.png"), written
    assert written[1].endswith("-expected.png") and "region(s) differ" in printed
    expected, actual = (QImage(str(out / name)) for name in reversed(written))
    assert expected.size() == actual.size() and framed_pixels(actual) > 20
    # The frames are where the balance was drawn: on the same places of both pictures.
    assert framed_pixels(expected) == framed_pixels(actual)


def test_a_recording_without_pictures_gives_the_replays_alone(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.pages import wallet as qt_wallet

    real_money = qt_wallet.money
    monkeypatch.setattr(qt_wallet, "money", lambda cents: real_money(cents * 2))
    out = tmp_path / "pictures"
    source = RECORDINGS / "wallet-deposit-correction.shoprec"
    assert main(["replay", "--headless", str(source), "--pictures", str(out)]) == 1
    [written] = list(out.iterdir())
    assert written.name.startswith("wallet-deposit-correction-step-")
    assert written.name.endswith("-actual.png") and QImage(str(written)).width() > 100
