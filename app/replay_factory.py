"""How a replay starts the real app: the factory the recorder is handed (it never imports app)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from app.bootstrap import bootstrap
from app.main_window import MainWindow
from recorder.replayer import ReplaySetup, ReplayTarget


def make_replay_app(setup: ReplaySetup) -> ReplayTarget:
    """The main window on the throw-away store, fed the recording's clock, ids and checks."""
    ctx = bootstrap(
        setup.db_path,
        setup.db_path.with_suffix(".ini"),
        clock=setup.clock,
        ids=setup.ids,
        context=setup.context,
        passwords=setup.passwords,
    )
    ctx.answer = setup.answer
    window = MainWindow(ctx)
    if setup.window_size:
        window.resize(*setup.window_size)
    window.show()
    window.start()
    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.setQuitOnLastWindowClosed(False)  # a replayed "close" must not end the replay

    def close() -> None:
        for dialog in (window.dialog, window.report_dialog, window.info):
            if dialog is not None:
                dialog.close()
        window.close()
        window.deleteLater()
        ctx.close()

    return ReplayTarget(window, ctx.shop.bus, close)
