"""Starting the desktop app."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from app.bootstrap import bootstrap
from app.feedback import install_exception_hook
from app.main_window import MainWindow
from app.paths import APP_NAME, log_dir


def configure_logging() -> None:
    logging.basicConfig(
        filename=log_dir() / "replayshop.log",
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )


def run_app(db: Path) -> int:
    configure_logging()
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    install_exception_hook()
    ctx = bootstrap(db)
    window = MainWindow(ctx)
    window.show()
    window.start()
    code = app.exec()
    ctx.close()
    return code
