"""Help → Report a problem: export this session as one `*.shoprec` file with a note."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from app.platform.user_dirs import RECORDING_FILTER
from app.widgets.inner_parts import name_inner_parts
from app.widgets.messages import MessageLine
from app.widgets.names import name_form_labels, named
from recorder.capture.record import Recorder
from recorder.fileformat.export import export_preview, export_session
from recorder.fileformat.shoprec import RecordingError
from recorder.fileformat.validate import is_plain_file_name

CONFIRMATION_MS = 30_000


def default_report_path(now: datetime) -> Path:
    return Path.home() / f"replayshop-report-{now.astimezone():%Y%m%d-%H%M%S}.shoprec"


@dataclass(frozen=True)
class ReportSource:
    """What the report needs of the app: this session's recording and where it is kept."""

    recorder: Recorder | None  # None: recording is off for this session
    db_path: Path | None  # the shop's file, or the desk file of a shop on a server
    # A SQLite file holding the recorded sessions and the log they refer to (AppContext's).
    recorded_sessions: Callable[[], AbstractContextManager[Path]]
    settle: Callable[[], object]  # brings the read models up to the last command
    now: Callable[[], datetime]  # the shop's clock: a replay names the file as recorded
    # During a replay: the recorded answer of a dialog the user answered ("file_dialog").
    answer: Callable[[str], str] | None = None


class ReportDialog(QDialog):
    def __init__(self, source: ReportSource, parent: QWidget | None, problem: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("report_dialog")
        self.setWindowTitle(self.tr("Report a problem"))
        self.source = source
        self.saved: Path | None = None
        self.note = QPlainTextEdit(problem)
        self.note.setProperty("whole_text", True)  # recorded as the final text, not key by key
        self.note.setObjectName("note")
        self.note.setPlaceholderText(self.tr("What did you do, and what went wrong? (optional)"))
        self.note.setTabChangesFocus(True)
        # The injected clock, not datetime.now(): a replay found the name changing each time.
        self.path = QLineEdit(str(default_report_path(source.now())))
        self.path.setObjectName("path")
        # The user's folders are theirs, and another machine's home differs: kept masked.
        self.path.setProperty("sensitive", True)
        self.browse = QPushButton(self.tr("Browse…"))
        self.browse.setObjectName("browse")
        self.message = MessageLine("message")
        buttons = QDialogButtonBox()
        buttons.setObjectName("buttons")
        self.save = buttons.addButton(
            self.tr("Save report"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save.setObjectName("save")
        self.save.setDefault(True)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("cancel")
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(self.browse)
        form = QFormLayout(self)
        intro = QLabel(
            self.tr(
                "This session (your clicks and keys, never your passwords) is saved "
                "as one file to attach to a bug report."
            )
        )
        form.addRow(named(intro, "intro"))
        self.contents = QLabel()
        self.contents.setObjectName("contents")
        self.contents.setWordWrap(True)
        # Counts include window moves and focus changes, which differ from machine to machine:
        # a replay compares that the preview is there, not its numbers.
        self.contents.setProperty("observed", "what the file will hold")
        self._show_contents()
        form.addRow(self.contents)
        form.addRow(self.tr("Note"), self.note)
        form.addRow(self.tr("Save as"), where)
        self.path.setAccessibleName(self.tr("Save as"))  # its label names the row, not it
        form.addRow(self.message)
        form.addRow(buttons)
        name_form_labels(form)
        label = form.labelForField(where)
        if label is not None:
            label.setObjectName("save_as_label")  # its field is a row of two, named by neither
        self.save.clicked.connect(self._on_save)
        cancel.clicked.connect(self.reject)
        self.browse.clicked.connect(self._on_browse)
        self.file_dialog: QFileDialog | None = None
        name_inner_parts(self)  # the note's scroll bars, for screen readers

    def _show_contents(self) -> None:
        recorder, db = self.source.recorder, self.source.db_path
        if recorder is None or db is None:
            self.contents.setText(
                self.tr("Recording is off for this session: there is nothing to save.")
            )
            return
        recorder.sink.flush(wait=True)
        with self.source.recorded_sessions() as sessions:
            preview = export_preview(sessions, recorder.session_id).text()
        pictures = (
            self.tr(
                "Pictures of the window at each step are included, with password and "
                "private fields left blank."
            )
            if recorder.looks.pictures is not None
            else self.tr(
                "No pictures of the window are included: they are turned off in the settings."
            )
        )
        self.contents.setText(f"{preview} {pictures}")

    def _on_browse(self) -> None:
        if self.source.answer is not None:  # a replay: the path the user chose, from the recording
            self._on_file_chosen(self.source.answer("file_dialog"))
            return
        # Qt's own dialog, opened with open(): a native one can be neither driven nor recorded.
        dialog = QFileDialog(
            self, self.tr("Save the report as"), self.path.text(), RECORDING_FILTER
        )
        dialog.setObjectName("file_dialog")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("shoprec")
        dialog.fileSelected.connect(self._on_file_chosen)
        self.file_dialog = dialog
        dialog.open()

    def _on_file_chosen(self, path: str) -> None:
        if self.source.recorder is not None:  # the name only: the user's folders stay theirs
            self.source.recorder.note_value("file_dialog", Path(path).name)
        self.path.setText(path)

    def _on_save(self) -> None:
        recorder, db = self.source.recorder, self.source.db_path
        if recorder is None or db is None:
            self.message.error(
                self.tr(
                    "Recording is off for this session, so there is nothing to "
                    "report. Turn it on in the View menu and try again."
                )
            )
            return
        target = Path(self.path.text()).expanduser()
        if self.source.answer is not None:
            # A replay: the recorded path is the user's, never written to; the report goes to
            # the replay's throw-away folder under the same file name.
            name = target.name if is_plain_file_name(target.name) else "report.shoprec"
            target = db.parent / name
        if target.suffix != ".shoprec":
            target = target.with_suffix(".shoprec")
        recorder.sink.flush(wait=True)
        self.source.settle()  # the file's read models as of the last command
        try:
            with self.source.recorded_sessions() as sessions:
                note = self.note.toPlainText()
                summary = export_session(sessions, target, recorder.session_id, note)
        except (OSError, RecordingError) as error:
            self.message.error(
                self.tr("Could not save the report to {0}: {1}").format(target, error)
            )
            return
        self.saved = summary.path
        confirmation = self.tr(
            "Report saved to {0} ({1} UI event(s), {2} KB). Attach it to your bug report.",
            "",
            summary.ui_events,
        ).format(summary.path, summary.ui_events, f"{summary.bytes / 1024:.0f}")
        self.message.success(confirmation)
        window = self.parentWidget()
        if isinstance(window, QMainWindow):  # the dialog closes: the window says where it went
            window.statusBar().showMessage(confirmation, CONFIRMATION_MS)
        self.accept()
