"""The real app, plus a read-only probe a test can ask where a widget is on the screen.

A real-input test drives the app from outside the process with xdotool, as a person would,
and needs to know where to click: this asks the app, like an accessibility tree does. The probe
answers over a local socket; it never sends input and never touches the shop.

    python -m tests.realinput.probe_app SOCKET --db shop.db [app arguments...]
"""

from __future__ import annotations

import json
import sys
from typing import Any

from PySide6.QtCore import QRect
from PySide6.QtNetwork import QLocalServer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMenu, QWidget

from app.cli.main import main as app_main
from recorder.capture.targets import EVERYWHERE
from recorder.capture.widget_paths import descendants


def _rect(widget: QWidget, local: QRect | None = None) -> dict[str, int]:
    area = local if local is not None else widget.rect()
    top_left = widget.mapToGlobal(area.topLeft())
    return {"x": top_left.x(), "y": top_left.y(), "w": area.width(), "h": area.height()}


def _row_rect(view: QAbstractItemView, text: str) -> dict[str, int] | None:
    model = view.model()
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if str(index.data()).startswith(text):
            view.scrollTo(index)
            return _rect(view.viewport(), view.visualRect(index))
    return None


def _describe(widget: QWidget) -> dict[str, Any]:
    text = ""
    for getter in ("text", "toPlainText", "currentText", "windowTitle"):
        if hasattr(widget, getter):
            text = str(getattr(widget, getter)())
            break
    return {
        "visible": widget.isVisible(),
        "enabled": widget.isEnabled(),
        "focused": widget.hasFocus(),
        "text": text,
        "rect": _rect(widget),
    }


def answer(request: dict[str, Any]) -> Any:
    op = request["op"]
    if op == "where":
        widget = EVERYWHERE.resolve(request["path"], request.get("sub", ""))
        if widget is None:
            return None
        found = _describe(widget)
        if "row" in request and isinstance(widget, QAbstractItemView):
            found["rect"] = _row_rect(widget, request["row"])
        if "value" in request:
            found["value"] = widget.property(request["value"])
        return found
    if op == "screenshot":  # the whole X screen, window manager and all, as a person sees it
        screen = QApplication.primaryScreen()
        return bool(screen.grabWindow(0).save(request["path"]))
    if op == "windows":
        return [
            {
                "name": w.objectName(),
                "class": type(w).__name__,
                "title": w.windowTitle(),
                "rect": _rect(w),
                "frame": w.frameGeometry().getRect(),
            }
            for w in QApplication.topLevelWidgets()
            if w.isVisible()
        ]
    if op == "menu":  # the open popup menu: its actions and where they are
        popup = QApplication.activePopupWidget()
        if not isinstance(popup, QMenu):
            return None
        return [
            {
                "text": a.text(),
                "name": a.objectName(),
                "rect": _rect(popup, popup.actionGeometry(a)),
            }
            for a in popup.actions()
            if a.isVisible() and not a.isSeparator()
        ]
    if op == "menubar":
        main = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "main")
        bar = main.menuBar()  # type: ignore[attr-defined]
        return [
            {"text": a.text(), "rect": _rect(bar, bar.actionGeometry(a))}
            for a in bar.actions()
            if a.isVisible()
        ]
    if op == "count":  # rows of an item view
        view = EVERYWHERE.resolve(request["path"])
        return view.model().rowCount() if isinstance(view, QAbstractItemView) else None
    if op == "popup":  # the open combo box list: its rows and where they are
        popup = QApplication.activePopupWidget()
        views = [popup] if isinstance(popup, QAbstractItemView) else []
        views += descendants(popup, QAbstractItemView) if popup is not None else []
        if not views:
            return None
        view = views[0]
        model = view.model()
        return [
            {
                "text": str(model.index(r, 0).data()),
                "rect": _rect(view.viewport(), view.visualRect(model.index(r, 0))),
            }
            for r in range(model.rowCount())
        ]
    if op == "active":  # the window the window manager made active, if any
        window = QApplication.activeWindow()
        return window.objectName() if window is not None else None
    if op == "focus":
        focus = QApplication.focusWidget()
        return focus.objectName() if focus is not None else None
    raise ValueError(f"unknown probe op {op!r}")


def serve(path: str) -> QLocalServer:
    server = QLocalServer()
    QLocalServer.removeServer(path)
    if not server.listen(path):
        raise SystemExit(f"probe: cannot listen on {path}: {server.errorString()}")

    def on_connection() -> None:
        socket = server.nextPendingConnection()
        buffer = bytearray()

        def on_ready() -> None:
            buffer.extend(bytes(socket.readAll().data()))
            while b"\n" in buffer:
                line, _, rest = bytes(buffer).partition(b"\n")
                buffer[:] = rest
                try:
                    reply = {"ok": answer(json.loads(line))}
                except Exception as error:  # the test sees it; the app goes on
                    reply = {"error": f"{type(error).__name__}: {error}"}
                socket.write(json.dumps(reply).encode() + b"\n")
                socket.flush()

        socket.readyRead.connect(on_ready)
        socket.disconnected.connect(socket.deleteLater)

    server.newConnection.connect(on_connection)
    return server


def main() -> int:
    path, argv = sys.argv[1], sys.argv[2:]
    QApplication(sys.argv[:1])
    server = serve(path)  # noqa: F841  (kept alive for the whole run)
    return app_main(argv)


if __name__ == "__main__":
    sys.exit(main())
