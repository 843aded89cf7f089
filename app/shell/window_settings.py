"""What the main window keeps between runs (geometry, page, splitters), and fitting on screen.

Only the user's layout lives here, in the user's settings file; a recording keeps the same
keys as its start state (recorder/capture/start_state.py).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

from app.pages.page import Page


def splitters(pages: list[Page]) -> dict[str, QSplitter]:
    """Every page's splitters, by the settings key they are kept under."""
    found: dict[str, QSplitter] = {}
    for page in pages:
        for splitter in page.findChildren(QSplitter):
            found[f"{page.objectName()}_{splitter.objectName()}"] = splitter
    return found


def restore(window: QMainWindow, settings: QSettings, pages: list[Page]) -> str | None:
    """Geometry and splitters as saved; returns the page that was shown, if it still exists."""
    geometry = settings.value("window/geometry")
    if isinstance(geometry, QByteArray):
        window.restoreGeometry(geometry)
    for key, splitter in splitters(pages).items():
        state = settings.value(f"splitters/{key}")
        if isinstance(state, QByteArray):
            splitter.restoreState(state)
    page = settings.value("window/page")
    if isinstance(page, str) and page in {p.objectName() for p in pages}:
        return page
    return None


def save(window: QMainWindow, settings: QSettings, pages: list[Page], shown: Page) -> None:
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/page", shown.objectName())
    for key, splitter in splitters(pages).items():
        settings.setValue(f"splitters/{key}", splitter.saveState())
    settings.sync()


def fit_on_screen(window: QMainWindow) -> None:
    """Inside the screen's free area, title bar included: at 1280x800 a 800 px tall window
    put the status bar (REC, Sign in) below the bottom of the screen."""
    screen = window.screen().availableGeometry()
    # The frame is only known once shown; these cover the title bars and borders of
    # common desktops.
    title_bar, border = 32, 4
    width = min(window.width(), screen.width() - 2 * border)
    height = min(window.height(), screen.height() - title_bar - border)
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    frame = window.geometry().adjusted(-border, -title_bar, border, border)
    if not screen.contains(frame):
        window.move(
            screen.left() + (screen.width() - width) // 2 - border,
            screen.top() + (screen.height() - height - title_bar - border) // 2,
        )
