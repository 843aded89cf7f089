"""What a desktop user expects of the window: menus with shortcuts and tips, names a screen
reader can say, and colours that stay readable on a dark theme."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAction, QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QSlider,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.pages.catalog import CatalogPage
from app.platform.theme import apply_scheme, dark_palette
from app.shell.bootstrap import AppContext
from app.shell.main_window import MainWindow
from app.shell.open_recording import viewer_command
from app.widgets import colors
from app.widgets.accessibility import install_accessibility
from app.widgets.stars import STAR_SIZE, StarRating
from domain.demo import DemoShop
from recorder.regression.coverage import Universe
from tests.app.conftest import signed_in

INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QSlider,
    QPlainTextEdit,
)
# Parts Qt builds inside a composite control whose name the control carries (a header is
# read as the table's columns). A line edit's clear button and a combo box's list are not
# such parts: a screen reader announced them as an unnamed button and list
# (app/widgets/inner_parts).
QT_PARTS = ("QHeaderView", "QTableCornerButton")


def spoken_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface is not None else ""


def test_every_control_of_every_page_has_a_name_a_screen_reader_can_say(
    qtbot: QtBot, window: MainWindow, demo: DemoShop
) -> None:
    signed_in(qtbot, window, "admin", "admin-password")  # every page, admin ones too
    controls = [
        w
        for w in window.findChildren(QWidget)
        if isinstance(w, INTERACTIVE)
        and not w.objectName().startswith("qt_")
        and w.metaObject().className() not in QT_PARTS
    ]
    unnamed = [
        f"{w.metaObject().className()} {w.objectName()}" for w in controls if not spoken_name(w)
    ]
    assert len(controls) > 50 and unnamed == []
    kinds = {w.metaObject().className() for w in controls}
    assert {"QLineEditIconButton", "QComboBoxListView"} <= kinds  # checked, not skipped
    search = window.findChild(QLineEdit, "search")
    assert spoken_name(search.findChild(QAbstractButton)) == f"Clear {search.accessibleName()}"


def test_the_star_rating_and_the_charts_say_their_values(
    qtbot: QtBot, window: MainWindow, demo: DemoShop
) -> None:
    catalog = window.show_page("catalog")
    assert isinstance(catalog, CatalogPage)
    detail = catalog.detail
    detail.rating.setValue(4)
    assert detail.rating.accessibleName() == "Rating"
    assert detail.rating.accessibleDescription() == "4 of 5 stars"
    install_accessibility()  # as the app's start does: painted widgets described to Qt
    stars = QAccessible.queryAccessibleInterface(detail.rating)
    assert stars.role() == QAccessible.Role.Slider
    value = stars.valueInterface()
    assert (value.minimumValue(), value.currentValue(), value.maximumValue()) == (0, 4, 5)
    assert QAccessible.queryAccessibleInterface(detail.histogram).role() == QAccessible.Role.Chart
    counts = window.ctx.view.read.catalog.rating_histogram(detail.product_id or "")
    if any(counts.values()):
        assert detail.histogram.accessibleDescription().startswith(
            f"5 stars: {counts.get(5, 0)}; 4 stars: {counts.get(4, 0)}"
        )
    assert window.time_bar.slider.accessibleName() == "Time travel"
    assert window.time_bar.slider.accessibleDescription().startswith("Now · ")


def test_file_and_view_menus_with_shortcuts_and_status_tips(
    qtbot: QtBot, window: MainWindow, demo: DemoShop
) -> None:
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&File", "&Account", "&View", "&Help"]
    file_menu = window.menuBar().actions()[0].menu()
    assert [a.objectName() for a in file_menu.actions() if not a.isSeparator()] == [
        "open_recording",
        "report_a_problem",
        "quit",
    ]
    actions = [a for a in window.findChildren(type(file_menu.actions()[0])) if a.text()]
    untipped = [a.objectName() for a in actions if not a.statusTip() and not a.menu()]
    assert untipped == []

    # Ctrl+N is the page in the Nth place of the list as it is, Ctrl+9 the last (as browser
    # tabs): a shopper's five pages are Ctrl+1 to 5; admin pages have no shortcut for them.
    window.page_actions["cart"].trigger()
    assert window.current_page().objectName() == "cart"
    assert window.page_actions["cart"].shortcut().toString() == "Ctrl+2"
    assert not window.page_actions["event_log"].isVisible()

    def keys(page: str) -> list[str]:
        return [k.toString() for k in window.page_actions[page].shortcuts()]

    assert [keys(p) for p in ("catalog", "orders", "reviews", "event_log")] == [
        ["Ctrl+1"],
        ["Ctrl+4"],
        ["Ctrl+5", "Ctrl+9"],
        [],
    ]
    for key, page in ((Qt.Key.Key_5, "reviews"), (Qt.Key.Key_3, "wallet")):
        qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
        assert window.current_page().objectName() == page
    qtbot.keyClick(window, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page().objectName() == "reviews"
    order = tuple((page.objectName(), page.ADMIN_ONLY) for page in window.pages)
    counted = Universe({}, {}, order)  # how `replayshop coverage` reads a pressed digit

    def agree(shown: int) -> None:
        for digit in range(1, 10):
            page = counted.page_key(digit, shown)
            action = window.findChild(QAction, page) if page else None
            pressed = f"Ctrl+{digit}"
            assert (action is not None and pressed in keys(page[5:])) or not any(
                pressed in keys(p.objectName()) for p in window.pages
            ), (digit, page)

    agree(shown=5)
    signed_in(qtbot, window, "admin", "admin-password")
    assert window.page_actions["event_log"].isVisible()
    assert (keys("admin_products"), keys("reviews")) == (["Ctrl+5"], ["Ctrl+9"])
    agree(shown=9)
    qtbot.keyClick(window, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page().objectName() == "event_log"


def test_open_recording_starts_the_viewer_on_the_file_in_its_own_process() -> None:
    command = viewer_command("/tmp/a b.shoprec")
    assert command == [sys.executable, "-m", "app.cli.main", "/tmp/a b.shoprec"]


@pytest.mark.parametrize("role", sorted(colors.TEXT))
def test_message_colours_are_readable_on_light_and_dark(qapp: QApplication, role: str) -> None:
    # qapp: without it the test passed only after another had made the application (it failed
    # when run first on its worker, QApplication.style() being None).
    for palette in (qapp.style().standardPalette(), dark_palette()):
        background = palette.color(QPalette.ColorRole.Window)
        shown = QColor(colors.text_color(role, palette))
        assert colors.contrast(shown, background) >= 4.5, (role, background.name())


@pytest.mark.parametrize("role", sorted(colors.TINT))
def test_tinted_rows_keep_the_text_readable_on_light_and_dark(
    qapp: QApplication, role: str
) -> None:
    for palette in (qapp.style().standardPalette(), dark_palette()):
        text = palette.color(QPalette.ColorRole.Text)
        assert colors.contrast(text, QColor(colors.tint(role, palette))) >= 4.5


def test_the_old_fixed_colours_failed_on_dark_which_is_why_they_went() -> None:
    dark = dark_palette().color(QPalette.ColorRole.Window)
    assert colors.contrast(QColor("#b00020"), dark) < 3  # the red the message line used


def test_dark_colours_are_chosen_in_the_view_menu_and_kept(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, tmp_path: Path
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    try:
        window.findChild(type(window.page_actions["cart"]), "colours_dark").trigger()
        assert colors.is_dark(app.palette())
        assert ctx.settings.value("view/colours") == "dark"
        wallet = window.show_page("wallet")
        wallet.message.error("Refused")  # type: ignore[attr-defined]
        sheet = wallet.message.styleSheet()  # type: ignore[attr-defined]
        assert colors.TEXT["error"][1] in sheet
    finally:
        apply_scheme(app, "system")
    assert not colors.is_dark(app.palette())


def test_file_open_on_a_file_that_is_not_a_recording_says_why_and_starts_nothing(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The viewer's process has no terminal: a bad file's reason was lost on its stderr."""
    from PySide6.QtCore import QProcess
    from PySide6.QtWidgets import QMessageBox, QWidget

    from app.shell.open_recording import start_viewer

    started: list[str] = []
    monkeypatch.setattr(QProcess, "startDetached", lambda *a: started.append(str(a)) or (True, 1))
    parent = QWidget()
    qtbot.addWidget(parent)
    cut = tmp_path / "cut.shoprec"
    whole = (Path(__file__).resolve().parents[2] / "recordings" / "menu-keys.shoprec").read_bytes()
    cut.write_bytes(whole[: len(whole) // 3])
    assert start_viewer(parent, str(cut)) is False
    box = parent.findChild(QMessageBox, "recording_refused")
    assert box is not None and box.isVisible()
    assert "cut.shoprec" in box.text() and "export it again" in box.text()
    assert started == []
    box.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_an_empty_star_is_an_outline_and_a_chosen_one_is_filled(qtbot: QtBot, scheme: str) -> None:
    """On a dark background the empty stars' grey fill read as five filled grey stars."""
    stars = StarRating("rating")
    qtbot.addWidget(stars)
    palette = dark_palette() if scheme == "dark" else QApplication.style().standardPalette()
    stars.setPalette(palette)
    stars.setAutoFillBackground(True)
    stars.setValue(2)
    picture = stars.grab().toImage()
    scale = picture.width() / stars.width()  # a high-density screen grabs more pixels

    def at(star: int, dy: float = 0.0) -> QColor:
        x = (star * STAR_SIZE + STAR_SIZE / 2) * scale
        return picture.pixelColor(int(x), int((3 + (STAR_SIZE - 4) / 2 + dy) * scale))

    background = palette.color(QPalette.ColorRole.Window)
    assert at(0).name() == "#f5a623" and at(1).name() == "#f5a623"  # chosen: gold
    for empty in (2, 3, 4):
        assert at(empty).name() == background.name()  # inside the outline: no fill
    # and the outline is there, drawn in the text's colour: the star's top point
    top = [at(4, dy) for dy in (-9.0, -8.0, -7.0)]
    assert any(colors.contrast(c, background) > 3 for c in top), [c.name() for c in top]
