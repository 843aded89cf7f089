"""Pictures of the windows in a recording (format 6): taken at each look, private fields left
out of the drawing, stored small, checked when read, and off when the setting says so."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QMenu, QWidget
from pytestqt.qtbot import QtBot

from app.shell.bootstrap import PICTURES_SETTING, bootstrap
from recorder.capture.entered import is_masked
from recorder.capture.looks import BLANK, Pictures, picture
from recorder.capture.schema import Picture
from recorder.capture.sink import encode
from recorder.fileformat.export import export_session
from recorder.fileformat.pictures import decoded, png_size, webp_size
from recorder.fileformat.shoprec import RecordingError, load_recording, write_recording
from tests.recorder.conftest import Recorded

SECRET = "Tr0ub4dor&3-zebra"
RECORDINGS = Path(__file__).resolve().parents[2] / "recordings"


def windows() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if w.isVisible()]


def place(widget: QWidget, shown: list[QWidget]) -> QRect:
    """Where `widget` is in a picture of `shown`, as `picture` lays the windows out."""
    rects = [
        QRect(w.mapToGlobal(QPoint(0, 0)), w.size())
        for w in shown
        if not isinstance(w, QMenu) and w.width()
    ]
    area = rects[0]
    for rect in rects[1:]:
        area = area.united(rect)
    return QRect(widget.mapToGlobal(QPoint(0, 0)) - area.topLeft(), widget.size())


def colours(image: QImage, rect: QRect) -> set[tuple[int, int, int]]:
    found = set()
    for y in range(rect.top(), rect.bottom() + 1):
        for x in range(rect.left(), rect.right() + 1):
            c = image.pixelColor(x, y)
            found.add((c.red(), c.green(), c.blue()))
    return found


def blank(c: tuple[int, int, int], tolerance: int = 0) -> bool:
    return all(abs(v - b) <= tolerance for v, b in zip(c, BLANK.getRgb()[:3], strict=True))


def scaled(rect: QRect, factor: float, margin: int) -> QRect:
    return QRect(
        round(rect.left() * factor) + margin,
        round(rect.top() * factor) + margin,
        int(rect.width() * factor) - 2 * margin,
        int(rect.height() * factor) - 2 * margin,
    )


def test_a_typed_password_is_in_no_picture(
    qtbot: QtBot, recorded: Recorded, tmp_path: Path
) -> None:
    assert recorded.recorder.looks.pictures is not None  # on by default
    dialog = recorded.window.open_sign_in(sign_up=True)
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.username, "secretive")
    qtbot.keyClicks(dialog.password, SECRET)
    qtbot.keyClicks(dialog.confirm, SECRET)
    shown = windows()
    field = place(dialog.password, shown)
    # The field's pixels were never drawn: every one of them is BLANK, exactly.
    raw = picture(shown, is_masked)
    assert raw is not None
    assert colours(raw, field) == {BLANK.getRgb()[:3]}
    # What the check would see if the field were drawn: the echo's dots, so it can fail.
    drawn = picture(shown, lambda _w: False)
    assert drawn is not None and len(colours(drawn, field)) > 1
    # The username beside it is drawn.
    assert len(colours(raw, place(dialog.username, shown))) > 1

    anchor = recorded.recorder.seq + 1
    recorded.recorder.observe(anchor)  # a look with the password typed, as before an input
    qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    recorded.recorder.observe(recorded.recorder.seq + 1)
    recorded.recorder.sink.flush(wait=True)
    out = tmp_path / "report.shoprec"
    export_session(recorded.db, out, recorded.recorder.session_id)
    assert SECRET.encode() not in out.read_bytes()
    recording = load_recording(out)
    assert anchor in recording.pictures and len(recording.pictures) >= 2
    stored = recording.pictures[anchor]
    image = decoded(stored)
    assert image is not None and stored.width <= 800
    # Scaled and compressed, the field is still BLANK inside (a lossy format blurs its edges).
    inside = scaled(field, stored.width / raw.width(), margin=2)
    assert inside.width() > 10
    assert all(blank(c, tolerance=10) for c in colours(image, inside))
    assert not all(blank(c, tolerance=10) for c in colours(image, image.rect()))


def test_a_private_path_is_left_out_and_the_report_says_pictures_are_in(
    qtbot: QtBot, recorded: Recorded
) -> None:
    dialog = recorded.window.open_report()
    qtbot.waitExposed(dialog)
    assert "Pictures of the window at each step are included" in dialog.contents.text()
    shown = windows()
    raw = picture(shown, is_masked)
    assert raw is not None
    assert colours(raw, place(dialog.path, shown)) == {BLANK.getRgb()[:3]}
    dialog.reject()


def test_the_setting_turns_pictures_off(qtbot: QtBot, qapp: QApplication, shop_db: Path) -> None:
    ini = shop_db.with_suffix(".ini")
    settings = QSettings(str(ini), QSettings.Format.IniFormat)
    settings.setValue(PICTURES_SETTING, False)
    settings.sync()
    ctx = bootstrap(shop_db, ini, record=True)
    try:
        assert ctx.recorder is not None and ctx.recorder.looks.pictures is None
        from app.shell.main_window import MainWindow

        window = MainWindow(ctx)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        ctx.recorder.observe(1)
        ctx.recorder.sink.flush(wait=True)
        dialog = window.open_report()
        assert "No pictures of the window" in dialog.contents.text()
        with sqlite3.connect(shop_db) as db:
            assert db.execute("SELECT count(*) FROM ui_pictures").fetchone()[0] == 0
            assert db.execute("SELECT count(*) FROM ui_observations").fetchone()[0] == 1
        window.close()
        window.shutdown()
    finally:
        ctx.recorder.close() if ctx.recorder else None


def test_past_the_budget_pictures_get_smaller_then_stop(recorded: Recorded) -> None:
    pictures = Pictures(width=800, budget=1000)
    assert pictures.width_after(0) == 800
    assert pictures.width_after(600) == 400
    assert pictures.width_after(1000) is None
    # A session's: the first picture spends the budget, the next looks keep texts alone.
    recorder = recorded.recorder
    recorder.looks.pictures = pictures
    for anchor in (1, 2, 3):
        recorder.observe(anchor)
        recorder.sink.flush(wait=True)
    assert (pictures.taken, pictures.skipped) == (1, 2)
    assert recorder.sink.picture_bytes > 1000
    with sqlite3.connect(recorded.db) as db:
        assert db.execute("SELECT anchor FROM ui_pictures").fetchall() == [(1,)]
        assert db.execute("SELECT count(*) FROM ui_observations").fetchone()[0] == 3


def a_picture(kind: str, anchor: int = 1) -> Picture:
    image = QImage(300, 200, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkCyan)
    return encode(anchor, image, 150, kind)


@pytest.mark.parametrize("kind", ["png", "webp"])
def test_both_formats_read_back_from_their_own_headers(kind: str) -> None:
    made = a_picture(kind)
    assert (made.width, made.height) == (150, 100)
    size = png_size(made.image) if kind == "png" else webp_size(made.image)
    assert size == (150, 100)
    image = decoded(made)
    assert image is not None and image.width() == 150


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ({"format": "gif"}, "format 'gif'"),
        ({"width": 151}, "header says 150x100, the row says 151x100"),
        ({"width": 5000}, "width is 5000"),
        ({"image": b"RIFF\x00\x00\x00\x00WEBPVP8 " + bytes(30)}, "not a webp file"),
        ({"image": b"<svg onload=alert(1)>" + bytes(40)}, "not a webp file"),
        ({"image": bytes(5 * 1024**2)}, "at most"),
    ],
)
def test_a_picture_that_is_not_what_its_row_says_is_refused(
    tmp_path: Path, change: dict[str, object], said: str
) -> None:
    recording = load_recording(RECORDINGS / "menu-keys.shoprec")
    assert recording.pictures == {}  # recorded without pictures: it still loads
    good = a_picture("webp")
    fields = {**good.__dict__, **change}
    recording.pictures = {1: Picture(**fields)}  # type: ignore[arg-type]
    out = tmp_path / "bad.shoprec"
    write_recording(recording, out)
    with pytest.raises(RecordingError, match="ui_pictures row 1") as error:
        load_recording(out)
    assert said in str(error.value)
    recording.pictures = {1: good}
    write_recording(recording, out)
    assert load_recording(out).pictures[1].image == good.image
