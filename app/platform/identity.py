"""Who the app is to the desktop: one reverse-DNS id for the desktop file, the icons, the
AppStream metainfo and the MIME type's icon (packaging/), and the same id given to Qt, so a
Wayland compositor or a task bar matches the window to its menu entry and icon."""

from __future__ import annotations

from importlib.resources import files

from PySide6.QtGui import QGuiApplication, QIcon

from app.platform.user_dirs import APP_NAME
from app.platform.version import app_version

DESKTOP_ID = "io.github.replayshop.ReplayShop"
ORGANIZATION_DOMAIN = "replayshop.github.io"  # the id's first part, the right way round


def apply_identity(app: QGuiApplication) -> None:
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setOrganizationDomain(ORGANIZATION_DOMAIN)
    app.setApplicationVersion(app_version())
    app.setDesktopFileName(DESKTOP_ID)
    app.setWindowIcon(QIcon(str(files("app.resources") / "replayshop.png")))
