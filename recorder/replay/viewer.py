"""The replay viewer: the app being driven, and beside it a panel to watch and control it."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from recorder.fileformat.describe import describe_event
from recorder.fileformat.shoprec import Recording
from recorder.replay import actions
from recorder.replay.factory import AppFactory
from recorder.replay.replayer import Replayer
from recorder.replay.timeline import (
    DIVERGENCE,
    DOMAIN,
    ERROR,
    MarkedSlider,
    PictureView,
    marks_of,
    picture_before,
)
from recorder.replay.timer import IDLE_GAP_MS, REAL_TIME, Pace
from recorder.replay.verdict import StepResult, Verdict


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate knows
    """Marks text for the translators where it is defined; shown translated with `_tr`."""
    return text


def _tr(text: str) -> str:
    """The viewer's context, as its `self.tr()`: the translator app/platform/i18n.py installs
    for it answers in the user's language (recorder/ cannot import app/)."""
    return QCoreApplication.translate("ReplayViewer", text)


SPEEDS = [
    (QT_TRANSLATE_NOOP("ReplayViewer", "Real time"), 1.0),
    ("×2", 2.0),
    ("×4", 4.0),
    ("×8", 8.0),
    (QT_TRANSLATE_NOOP("ReplayViewer", "As fast as possible"), 0.0),
]


class Highlight(QWidget):
    """A red frame over the widget being driven, transparent to the mouse.

    A child of the driven widget's window rather than a window of its own: Qt paints a child's
    transparency itself, where a translucent top-level window needs a compositor (Xvfb and
    many plain X sessions have none, and it would show as a black box).
    """

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("replay_highlight")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)

    def frame(self, target: QWidget) -> None:
        window = self.window()
        top_left = target.mapTo(window, target.rect().topLeft())
        self.setGeometry(QRect(top_left, target.size()).adjusted(-3, -3, 3, 3))
        self.show()
        self.raise_()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(QPen(QColor("#e53935"), 3))
        painter.drawRect(self.rect().adjusted(1, 1, -2, -2))


class ReplayViewer(QWidget):
    def __init__(
        self,
        recording: Recording,
        factory: AppFactory,
        pace: Pace = REAL_TIME,
        start_paused: bool = False,
    ) -> None:
        super().__init__()
        self.setObjectName("replay_viewer")
        self.setWindowTitle(self.tr("Replay: {0}").format(recording.path.name))
        self.recording = recording
        # Its app draws pictures too: shown where the recording has none of its own.
        self.replayer = Replayer(recording, factory, pace, pictures=not recording.pictures)
        # Lives in the app's window, so it goes when a seek restarts the app: check before use.
        self.highlight: Highlight | None = None
        self.timeline = self._timeline(recording)
        self._panes()
        self._controls(pace, len(recording.ui_events))
        self._lay_out()
        self._connect()
        self.replayer.start()
        if start_paused:
            self.replayer.pause()
        self._place_beside_app()

    def _timeline(self, recording: Recording) -> QListWidget:
        timeline = QListWidget()
        timeline.setObjectName("timeline")
        raised = {e["ui_seq"]: e["type"] for e in recording.exceptions}
        for event in recording.ui_events:
            # Markers: ◆ domain events it caused, ◉ what the user saw was kept before it,
            # ✖ the exception it raised.
            caused = len(recording.expected_for(event.seq))
            marks = (
                (f"  ◆{caused}" if caused else "")
                + ("  ◉" if event.seq in recording.observations else "")
                + (f"  ✖ {raised[event.seq]}" if event.seq in raised else "")
            )
            timeline.addItem(
                f"#{event.seq}  {event.t_ms / 1000:7.2f}s  {describe_event(event)}{marks}"
            )
            if event.seq in raised:
                timeline.item(timeline.count() - 1).setForeground(QColor("#b00020"))
        return timeline

    def _panes(self) -> None:
        """The step's expected and actual events, the verdict, and its diff or traceback."""
        self.expected = QPlainTextEdit()
        self.expected.setObjectName("expected")
        self.expected.setReadOnly(True)
        self.actual = QPlainTextEdit()
        self.actual.setObjectName("actual")
        self.actual.setReadOnly(True)
        self.verdict = QLabel(self.tr("Ready."))
        self.verdict.setObjectName("verdict")
        self.verdict.setWordWrap(True)
        self.detail = QPlainTextEdit()
        self.detail.setObjectName("detail")
        self.detail.setReadOnly(True)
        self.detail.hide()
        self.picture = PictureView()
        self.picture.setObjectName("picture")
        self.picture_caption = QLabel()
        self.picture_caption.setObjectName("picture_caption")

    def _controls(self, pace: Pace, steps: int) -> None:
        self.play = QPushButton(self.tr("Play"))
        self.play.setObjectName("play")
        self.pause_button = QPushButton(self.tr("Pause"))
        self.pause_button.setObjectName("pause")
        self.step_button = QPushButton(self.tr("Step"))
        self.step_button.setObjectName("step")
        self.to_divergence = QPushButton(self.tr("First divergence"))
        self.to_divergence.setObjectName("to_divergence")
        self.to_divergence.setToolTip(self.tr("Go back to just before the step that diverged"))
        self.to_divergence.setEnabled(False)
        self.speed = QComboBox()
        self.speed.setObjectName("speed")
        for label, choice in SPEEDS:
            self.speed.addItem(_tr(label), choice)
        self.speed.setCurrentIndex(
            next((n for n, (_, s) in enumerate(SPEEDS) if s == pace.speed), 0)
        )
        self.skip_idle = QCheckBox(self.tr("Skip inactivity"))
        self.skip_idle.setObjectName("skip_idle")
        self.skip_idle.setToolTip(
            self.tr("Cut pauses longer than {0} s to that").format(f"{IDLE_GAP_MS / 1000:g}")
        )
        self.skip_idle.setChecked(pace.skip_idle)
        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.progress.setRange(0, steps)
        self.seek_slider = MarkedSlider()
        self.seek_slider.setObjectName("seek")
        self.seek_slider.setRange(0, steps)
        self.seek_slider.setToolTip(
            self.tr(
                "Drag to jump to any step, backwards too. Marks: blue, domain events; "
                "red, an exception; tall red, the divergence"
            )
        )
        self.seek_slider.set_marks(marks_of(self.recording))
        self._describe_marks()

    def _lay_out(self) -> None:
        controls = QHBoxLayout()
        for widget in (
            self.play,
            self.pause_button,
            self.step_button,
            self.to_divergence,
            self.speed,
            self.skip_idle,
        ):
            controls.addWidget(widget)
        compare = QSplitter(Qt.Orientation.Horizontal)
        compare.setObjectName("compare")
        for title, box in (
            (self.tr("Expected (recorded)"), self.expected),
            (self.tr("Actual (replayed)"), self.actual),
        ):
            pane = QWidget()
            pane_layout = QVBoxLayout(pane)
            pane_layout.setContentsMargins(0, 0, 0, 0)
            pane_layout.addWidget(QLabel(title))
            pane_layout.addWidget(box)
            compare.addWidget(pane)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.progress)
        layout.addWidget(self.seek_slider)
        layout.addWidget(self.picture, 2)
        layout.addWidget(self.picture_caption)
        layout.addWidget(self.timeline, 2)
        layout.addWidget(compare, 1)
        layout.addWidget(self.verdict)
        layout.addWidget(self.detail, 1)
        self.resize(520, 900)

    def _connect(self) -> None:
        self.play.clicked.connect(self.replayer.resume)
        self.pause_button.clicked.connect(self.replayer.pause)
        self.step_button.clicked.connect(self.replayer.step)
        self.speed.currentIndexChanged.connect(self._set_pace)
        self.skip_idle.toggled.connect(self._set_pace)
        self.seek_slider.sliderReleased.connect(lambda: self.seek(self.seek_slider.value()))
        self.to_divergence.clicked.connect(self._go_to_divergence)
        self.replayer.step_started.connect(self._on_step_started)
        self.replayer.step_done.connect(self._on_step_done)
        self.replayer.finished.connect(self._on_finished)

    def _place_beside_app(self) -> None:
        """Beside the replayed app when the screen has room, else over its right edge; always
        inside the screen's free area, and kept above the app it drives."""
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        screen = self.screen().availableGeometry()
        title_bar = 32  # what a window manager adds above the window, on most desktops
        # move() places the frame, title bar included; resize() sizes what is below it.
        wanted = max(self.width(), self.minimumSizeHint().width())  # the controls' row
        self.resize(min(wanted, screen.width()), min(800, screen.height() - title_bar - 8))
        x = screen.right() - self.width()
        target = self.replayer.target
        if target is not None:
            x = min(target.window.frameGeometry().right() + 8, x)
        self.move(max(screen.left(), x), screen.top())

    def _on_step_started(self, index: int) -> None:
        self.timeline.setCurrentRow(index)
        self.progress.setValue(index)
        self.seek_slider.blockSignals(True)
        self.seek_slider.setValue(index)
        self.seek_slider.blockSignals(False)
        self._frame(actions.target_of(self.recording.ui_events[index], self.replayer.scope))
        self._show_picture(index)

    def _show_picture(self, index: int) -> None:
        """What the user saw as step `index` came (past the last step: at the end): the
        recording's picture, else the one the replay drew there (it was made without)."""
        events = self.recording.ui_events
        end = index >= len(events)
        seq = events[-1].seq + 1 if end and events else events[index].seq if events else 1
        own = bool(self.recording.pictures)
        shown = picture_before(
            self.recording.pictures if own else self.replayer.collector.pictures, seq
        )
        self.picture.show_picture(shown)
        if shown is None:
            text = self.tr("No picture yet.")
        elif end:
            text = self.tr("What the user saw at the end")
        else:
            text = self.tr("What the user saw before #{0}").format(seq)
        if shown is not None and not own:
            text = self.tr("{0} (drawn by the replay: the recording has no pictures)").format(text)
        self.picture_caption.setText(text)

    def _describe_marks(self) -> None:
        """The marks as words, for a screen reader (the slider draws them as colours)."""
        kinds = list(self.seek_slider.marks.values())
        self.seek_slider.setAccessibleDescription(
            self.tr("%n step(s) with domain events", "", kinds.count(DOMAIN))
            + "; "
            + self.tr("%n exception(s)", "", kinds.count(ERROR))
            + ("; " + self.tr("a divergence") if DIVERGENCE in kinds else "")
        )

    def _frame(self, target: QWidget | None) -> None:
        current = self.highlight if self.highlight and shiboken6.isValid(self.highlight) else None
        if target is None or not target.isVisible():
            if current is not None:
                current.hide()
            return
        if current is None or current.window() is not target.window():
            if current is not None:
                current.deleteLater()
            current = self.highlight = Highlight(target.window())
        current.frame(target)

    def _on_step_done(self, result: StepResult) -> None:
        none = self.tr("(none)")
        self.expected.setPlainText("\n".join(f.line() for f in result.expected) or none)
        self.actual.setPlainText("\n".join(f.line() for f in result.actual) or none)
        self.progress.setValue(result.index + 1)
        self._show_picture(result.index + 1)  # the screen now, as the next step comes

    def seek(self, index: int) -> None:
        """Go to just before step `index`; the verdict is cleared and comes again at the end."""
        self.verdict.setText(self.tr("Replaying…"))
        self.verdict.setStyleSheet("")
        self.detail.hide()
        self.replayer.seek(index)

    def divergence_index(self) -> int | None:
        verdict = self.replayer.verdict
        if verdict is None or verdict.step is None or verdict.exit_code == 0:
            return None
        return next(
            (n for n, e in enumerate(self.recording.ui_events) if e.seq == verdict.step), None
        )

    def _set_pace(self) -> None:
        self.replayer.pace = Pace(self.speed.currentData(), self.skip_idle.isChecked())

    def _go_to_divergence(self) -> None:
        index = self.divergence_index()
        if index is not None:
            self.seek(index)
            self.timeline.setCurrentRow(index)

    def _on_finished(self, verdict: Verdict) -> None:
        self._frame(None)
        if verdict.screen:  # what the user saw against what the replay shows, side by side
            self.expected.setPlainText(
                "\n\n".join(f"{p}:\n{seen}" for p, seen, _ in verdict.screen)
            )
            self.actual.setPlainText("\n\n".join(f"{p}:\n{now}" for p, _, now in verdict.screen))
        self.verdict.setText(
            verdict.report().splitlines()[0] + ("\n" + verdict.message if verdict.message else "")
        )
        color = "#1b5e20" if verdict.exit_code == 0 else "#b00020"
        self.verdict.setStyleSheet(f"color: {color}; font-weight: bold;")
        if verdict.diff or verdict.traceback:
            self.detail.setPlainText(verdict.diff or verdict.traceback)
            self.detail.show()
        if verdict.step is not None:
            index = next(
                (n for n, e in enumerate(self.recording.ui_events) if e.seq == verdict.step), None
            )
            if index is not None:
                self.timeline.setCurrentRow(index)
                if verdict.exit_code != 0:
                    self.timeline.item(index).setBackground(QColor("#fde2e1"))
                    self.to_divergence.setEnabled(True)
                    self.seek_slider.mark(index, DIVERGENCE)
                    self._describe_marks()
                    self._show_picture(index)
        if verdict.passed:
            self._show_picture(len(self.recording.ui_events))

    def closeEvent(self, event):  # type: ignore[no-untyped-def]
        self._frame(None)
        self.replayer.close()
        super().closeEvent(event)
