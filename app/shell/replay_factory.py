"""How a replay starts the real app: the factory the recorder is handed (it never imports app)."""

from __future__ import annotations

import shiboken6
from PySide6.QtWidgets import QApplication

from app.platform.i18n import install_translations
from app.shell.bootstrap import bootstrap
from app.shell.main_window import MainWindow
from recorder.capture.looks import Pictures
from recorder.replay.factory import ReplaySetup, ReplayTarget


def make_replay_app(setup: ReplaySetup) -> ReplayTarget:
    """The main window on the throw-away store, fed the recording's clock, ids and checks."""
    ctx = bootstrap(
        setup.db_path,
        setup.db_path.with_suffix(".ini"),
        clock=setup.clock,
        ids=setup.ids,
        context=setup.context,
        passwords=setup.passwords,
        # The app as users run it, recorder included, recording into the throw-away store.
        record=True,
    )
    ctx.answer = setup.answer
    if ctx.recorder is not None:
        ctx.recorder.looks.pictures = Pictures() if setup.pictures else None
    # As start-up does; what the app raises from here on is the replay's evidence, kept until
    # the replayer takes it (ExceptionSource.divert), never a dialog.
    ctx.errors.install()
    ctx.errors.hold()
    if setup.start.taped_clock:  # timers and jobs go off where the recording says they did
        ctx.time.hold()
    setup.start.restore(ctx.settings)  # the page, layout and colours the session began with
    install_translations()  # the replayer set the recording's locale as the default
    app = QApplication.instance()
    if ctx.recorder is not None and isinstance(app, QApplication):
        ctx.recorder.install(app, setup.scope)
    window = MainWindow(ctx)
    if setup.window_size:
        window.resize(*setup.window_size)
    window.show()
    window.start()
    if isinstance(app, QApplication):
        app.setQuitOnLastWindowClosed(False)  # a replayed "close" must not end the replay

    def close() -> None:
        window.close()
        window.shutdown()
        # Deleted now, not with deleteLater: a deferred delete waits for an event loop at the
        # same level, and until then the window's widgets could still be driven or repainted.
        shiboken6.delete(window)
        ctx.errors.uninstall()

    return ReplayTarget(
        window,
        ctx.shop.bus,
        close,
        ctx.recorder,
        ctx.shop.follower.ensure,
        ctx.time,
        ctx.errors,
        window.horizon.replayed,
        lambda: ctx.jobs.active() > 0,
    )
