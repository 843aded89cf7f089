"""Starting the desktop app."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QEventLoop, QLocale, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from app.platform.i18n import install_translations, translate
from app.platform.identity import apply_identity
from app.platform.instance_link import ask_to_raise, listen_for_raise
from app.platform.logs import configure_logging
from app.platform.shop_location import Location, on_server
from app.platform.single_instance import AlreadyOpen, lock_database
from app.platform.user_dirs import APP_NAME, log_dir
from app.shell.bootstrap import AppContext, bootstrap
from app.shell.error_reporter import ErrorReporter
from app.shell.main_window import MainWindow
from app.widgets.accessibility import install_accessibility

log = logging.getLogger("replayshop")


def catch_up_with_progress(ctx: AppContext) -> None:
    """Bring the read models up to date on a worker thread.

    Usually instant; after an update that adds or changes a projection it replays the whole
    log once, which takes seconds on a long history, so the user sees why they wait.
    """
    progress = QProgressDialog(
        translate("Startup", "Updating the shop's read models (once after an update)…"), "", 0, 0
    )
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

    ctx.jobs.run(ctx.shop.catch_up, done, failed)
    loop.exec()
    progress.close()
    if errors:
        raise errors[0]
    if built:
        log.info("built projections from the whole log: %s", ", ".join(built))
    ctx.shop.built_projections = built
    ctx.shop.follower.start()


def run_app(db: Location, record: bool = True, quit_after_show: bool = False) -> int:
    configure_logging(log_dir())
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    apply_identity(app)
    install_accessibility()  # the painted widgets, as a screen reader should hear them
    loaded = install_translations()  # Qt's and the app's, for the user's locale
    log.info("translations for %s: %s", QLocale().name(), ", ".join(loaded) or "none (English)")
    errors = ErrorReporter()  # from here on: the window's context owns it
    errors.install()
    if on_server(db):
        # Any number of instances share a server; only a SQLite file is one app's at a time.
        # Each records into its desk file (recorder/capture/desk.py).
        return _run_window(app, db, errors, record, quit_after_show)
    path = Path(db)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        lock = lock_database(path)
    except AlreadyOpen as refusal:
        log.warning("%s", refusal)
        print(f"replayshop: {refusal}", file=sys.stderr)
        if ask_to_raise(path):
            print("replayshop: brought its window to the front", file=sys.stderr)
            return 3
        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, str(refusal))
        box.setObjectName("already_open")
        # The other instance's window has the focus: without this the message opened behind it.
        box.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        if not quit_after_show:
            box.exec()  # nothing else runs yet: a blocking box is fine here
        return 3
    try:
        return _run_window(app, path, errors, record, quit_after_show, raise_on_request=True)
    finally:
        lock.unlock()


def _run_window(
    app: QApplication,
    db: Location,
    errors: ErrorReporter,
    record: bool,
    quit_after_show: bool,
    raise_on_request: bool = False,
) -> int:
    ctx = bootstrap(db, catch_up=False, record=record, errors=errors)
    if ctx.recorder is not None:
        ctx.recorder.install(app)
    catch_up_with_progress(ctx)
    window = MainWindow(ctx)
    if raise_on_request:  # the file's lock is ours: a second instance asks us instead
        listen_for_raise(Path(db), window)
    window.show()
    if quit_after_show:  # for smoke tests of a build: report the first paint, then leave
        QTimer.singleShot(
            0, lambda: (print("main window shown", flush=True), window.close(), app.quit())
        )
    else:
        window.start()
    code = app.exec()
    window.shutdown()  # timers, workers, the store and the recorder, before the lock goes
    return code
