"""File → Open recording…: a recording opens in the replay viewer, in a process of its own.

Its own process: a replay builds a throw-away shop and re-drives widgets, and neither may touch
the shop open in this window (replays never write into the user's database).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QProcess, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.platform.i18n import translate
from app.platform.user_dirs import RECORDING_FILTER
from app.widgets.names import name_box_buttons


def viewer_command(path: str) -> list[str]:
    """The program and arguments that open `path` in the viewer, frozen bundle or not."""
    if getattr(sys, "frozen", False):
        return [sys.executable, path]
    return [sys.executable, "-m", "app.cli.main", path]


def open_recording(parent: QWidget) -> QFileDialog:
    dialog = QFileDialog(
        parent, translate("OpenRecording", "Open a recording"), "", RECORDING_FILTER
    )
    dialog.setObjectName("open_recording")
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.fileSelected.connect(lambda path: start_viewer(parent, path))
    dialog.open()  # not exec(): a nested event loop would block a replay of this window
    return dialog


def start_viewer(parent: QWidget, path: str) -> bool:
    """The viewer on `path`, once the file is known to be a recording: the viewer's own
    process has no terminal to say why it could not open one, so the reason is said here."""
    from recorder.fileformat.shoprec import RecordingError, load_recording

    try:
        load_recording(Path(path))  # read-only, from a private copy: the file is untrusted
    except RecordingError as error:
        show_refusal(parent, str(error))
        return False
    program, *args = viewer_command(path)
    started, _pid = QProcess.startDetached(program, args)
    if not started:
        QMessageBox.warning(
            parent,
            translate("OpenRecording", "Could not open the recording"),
            translate(
                "OpenRecording",
                'The replay viewer did not start for {0}. Try `replayshop "{0}"` in a '
                "terminal to see why.",
            ).format(path),
        )
    return bool(started)


def show_refusal(parent: QWidget | None, reason: str) -> QMessageBox:
    """Why a file is not a recording this app can open, in a window of its own."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        translate("OpenRecording", "Could not open the recording"),
        translate("OpenRecording", "This file cannot be replayed:\n\n{0}").format(reason),
        QMessageBox.StandardButton.Close,
        parent,
    )
    box.setObjectName("recording_refused")
    name_box_buttons(box)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()  # not exec(): a nested event loop would block a replay of this window
    return box
