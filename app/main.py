"""Starting the desktop app."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import QApplication, QProgressDialog

from app.background import run_in_background
from app.bootstrap import AppContext, bootstrap
from app.feedback import install_exception_hook
from app.main_window import MainWindow
from app.paths import APP_NAME, log_dir

log = logging.getLogger("replayshop")


def configure_logging() -> None:
    logging.basicConfig(
        filename=log_dir() / "replayshop.log",
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )


def catch_up_with_progress(ctx: AppContext) -> None:
    """Bring the read models up to date on a worker thread.

    Usually instant; after an update that adds or changes a projection it replays the whole
    log once, which takes seconds on a long history, so the user sees why they wait.
    """
    progress = QProgressDialog("Updating the shop's read models (once after an update)…", "", 0, 0)
    progress.setObjectName("catch_up")
    progress.setWindowTitle(APP_NAME)
    progress.setCancelButton(None)
    progress.setWindowModality(Qt.WindowModality.ApplicationModal)
    progress.setMinimumDuration(300)  # only shown when it is not instant
    loop = QEventLoop()
    built: list[str] = []
    errors: list[BaseException] = []

    def done(names: list[str]) -> None:
        built.extend(names)
        loop.quit()

    def failed(error: BaseException) -> None:
        errors.append(error)
        loop.quit()

    run_in_background(lambda: ctx.shop.projector.catch_up(ctx.shop.engine), done, failed)
    loop.exec()
    progress.close()
    if errors:
        raise errors[0]
    if built:
        log.info("built projections from the whole log: %s", ", ".join(built))
    ctx.shop.built_projections = built


def run_app(db: Path, record: bool = True) -> int:
    configure_logging()
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    install_exception_hook()
    ctx = bootstrap(db, catch_up=False, record=record)
    if ctx.recorder is not None:
        ctx.recorder.install(app)
    catch_up_with_progress(ctx)
    window = MainWindow(ctx)
    window.show()
    window.start()
    code = app.exec()
    ctx.close()
    return code
