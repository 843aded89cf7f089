"""The colour scheme: the system's, or light or dark chosen in View → Colours.

Qt follows a desktop's dark mode through its platform theme; where there is none (a bare X
session, Xvfb) a user can still choose dark here. Fusion draws both, so nothing is left half-dark.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

SCHEMES = ("system", "light", "dark")


class SystemLook(QObject):
    """The style and palette the application started with, to go back to.

    Held by the QApplication (a child of it), whose look it is: every window of the process
    shares it, and a window that opens after another chose dark still finds the system's.
    """

    NAME = "system_look"

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.setObjectName(self.NAME)
        self.style_name = app.style().name()
        self.palette = app.palette()

    @classmethod
    def of(cls, app: QApplication) -> SystemLook:
        """The one `app` holds, noted now if it holds none yet."""
        found = app.findChild(SystemLook, cls.NAME)
        return found if isinstance(found, SystemLook) else cls(app)


def dark_palette() -> QPalette:
    palette = QPalette()
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    for r, color in {
        role.Window: "#2b2b2b",
        role.WindowText: "#e6e6e6",
        role.Base: "#1e1e1e",
        role.AlternateBase: "#262626",
        role.ToolTipBase: "#3a3a3a",
        role.ToolTipText: "#e6e6e6",
        role.PlaceholderText: "#9a9a9a",
        role.Text: "#e6e6e6",
        role.Button: "#353535",
        role.ButtonText: "#e6e6e6",
        role.BrightText: "#ff8a80",
        role.Light: "#4a4a4a",
        role.Midlight: "#404040",
        role.Mid: "#8a8a8a",
        role.Dark: "#1a1a1a",
        role.Shadow: "#000000",
        role.Highlight: "#3d6fb4",
        role.HighlightedText: "#ffffff",
        role.Link: "#8ab4f8",
        role.LinkVisited: "#c58af9",
    }.items():
        palette.setColor(r, QColor(color))
    for r in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(group.Disabled, r, QColor("#7a7a7a"))
    return palette


def apply_scheme(app: QApplication, scheme: str) -> None:
    if scheme not in SCHEMES:
        scheme = "system"
    system = SystemLook.of(app)  # before the first change: what there is to go back to
    if scheme == "system":
        app.setStyle(system.style_name)
        app.setPalette(system.palette)
    else:
        app.setStyle("Fusion")
        style = app.style()
        app.setPalette(dark_palette() if scheme == "dark" else style.standardPalette())
