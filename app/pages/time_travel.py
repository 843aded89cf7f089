"""Time travel: a slider over the log. Any earlier position shows the shop as it was, read-only.

Making the past view runs on a worker thread: it waits until the read side has reached its position.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from app.widgets.format import when
from app.widgets.inputs import Jobs
from app.widgets.names import named
from app.widgets.point_slider import PointSlider
from domain.readside.projector import BuildCancelled
from domain.readside.queries import ReadModel
from domain.readside.retention import HistoryFolded
from recorder.capture.virtual_time import AppClock, AppTimer


class Shown(Protocol):
    """Which moment the screens show (the app's `ViewState`): the bar moves it."""

    @property
    def is_past(self) -> bool: ...

    @property
    def past_label(self) -> str: ...

    def show_past(self, past: ReadModel, label: str) -> None: ...

    def show_now(self) -> None: ...


class TimeTravelBar(QWidget):
    """`live` is the shop's read model now (the past is built from it), `shown` the moment
    the screens show, `jobs` where a past is built, `appended` fires after each command."""

    def __init__(
        self,
        live: ReadModel,
        shown: Shown,
        jobs: Jobs,
        appended: SignalInstance,
        clock: AppClock,
    ) -> None:
        super().__init__()
        self.setObjectName("time_travel")
        self.live, self.shown, self.jobs = live, shown, jobs
        self.slider = PointSlider(Qt.Orientation.Horizontal)  # a click goes where it points
        self.slider.setObjectName("slider")
        self.slider.setAccessibleName(self.tr("Time travel"))
        self.label = named(QLabel(), "position")
        self.label.setMinimumWidth(260)
        self.now = QPushButton(self.tr("Back to now"))
        self.now.setObjectName("now")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 8, 2)
        layout.addWidget(named(QLabel(self.tr("Time travel:")), "caption"))
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.label)
        layout.addWidget(self.now)
        self._ticket = 0
        # How far back the kept history goes (retention.py): read once, not at every command;
        # another process folding more meanwhile shows when a trip is refused (`_on_failed`).
        self._kept_from = live.history_from()
        self._debounce = AppTimer(self, "travel_debounce", 250, self._travel, clock)
        self.slider.valueChanged.connect(self._on_moved)
        self.now.clicked.connect(self.back_to_now)
        appended.connect(self._on_appended)
        self.sync_range()

    def _on_appended(self, _events: object) -> None:
        self.sync_range()

    def sync_range(self) -> None:
        """Follow the head of the log while showing the present."""
        head, kept_from = self.live.head(), self._kept_from
        at_head = self.slider.value() == self.slider.maximum()
        self.slider.blockSignals(True)
        # A shop that keeps only its last days of history (retention.py) shows no further.
        self.slider.setRange(min(kept_from, head), head)
        # Kept up to the head (keep 0 days): nowhere to go, and a handle drawn at the left.
        nowhere = kept_from > 0 and kept_from >= head
        self.slider.setEnabled(not nowhere)
        if nowhere:
            tip = self.tr("This shop keeps no history before event {0}")
        elif kept_from:
            tip = self.tr("Drag left to see the shop as it was, back to event {0}")
        else:
            tip = self.tr("Drag left to see the shop as it was")
        self.slider.setToolTip(tip.format(f"{kept_from:,}"))
        if at_head or not self.shown.is_past:
            self.slider.setValue(head)
        self.slider.blockSignals(False)
        self._show_label()

    def travel_to(self, position: int) -> None:
        if position < self.slider.minimum():  # folded away: say so rather than go elsewhere
            self._say_folded(position)
            return
        self.slider.setValue(position)
        self._debounce.stop()
        self._travel()

    def back_to_now(self) -> None:
        self._ticket += 1  # any past still being built is no longer wanted
        self.slider.blockSignals(True)
        self.slider.setValue(self.slider.maximum())
        self.slider.blockSignals(False)
        self.shown.show_now()
        self._show_label()

    def _on_moved(self, _value: int) -> None:
        self._show_label(pending=True)
        self._debounce.start()

    def _travel(self) -> None:
        position = self.slider.value()
        if position >= self.slider.maximum():
            self.back_to_now()
            return
        self._ticket += 1
        ticket, live, jobs = self._ticket, self.live, self.jobs
        self.label.setText(self.tr("Reading the shop as of event {0}…").format(f"{position:,}"))

        def superseded() -> bool:  # polled on the worker: the app closes, or a newer choice
            return jobs.cancelled() or ticket != self._ticket

        beginning = self.tr("the beginning")  # translated here, not on the worker

        def build() -> tuple[ReadModel, str]:
            past = live.as_of(position=position, cancelled=superseded)
            return past, when(live.event_log.moment_of(position)) if position else beginning

        shown = self._on_built
        jobs.run(build, lambda built: shown(ticket, *built), self._on_failed, "time_travel")

    def _on_built(self, ticket: int, past: ReadModel, label: str) -> None:
        if ticket != self._ticket:
            past.close()
            return
        self.shown.show_past(past, label)
        self._show_label()

    def _on_failed(self, error: BaseException) -> None:
        if isinstance(error, HistoryFolded):  # folded by another process since the start
            self._kept_from = self.live.history_from()
            position = self.slider.value()
            self.back_to_now()
            self.sync_range()
            self._say_folded(position)
        elif not isinstance(error, BuildCancelled):
            raise error

    def _say_folded(self, position: int) -> None:
        self.label.setText(
            self.tr("Event {0} is older than the history kept (from event {1})").format(
                f"{position:,}", f"{self.slider.minimum():,}"
            )
        )

    def _show_label(self, pending: bool = False) -> None:
        position, head = self.slider.value(), self.slider.maximum()
        if position >= head:
            self.label.setText(self.tr("Now · {0} event(s)", "", head).format(f"{head:,}"))
        elif pending:
            self.label.setText(self.tr("Event {0} of {1}…").format(f"{position:,}", f"{head:,}"))
        elif self.shown.is_past:
            self.label.setText(
                self.tr("As of {0} · event {1}").format(self.shown.past_label, f"{position:,}")
            )
        self.now.setEnabled(self.shown.is_past or position < head)
        self.slider.setAccessibleDescription(self.label.text())
