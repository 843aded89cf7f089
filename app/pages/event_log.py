"""Admin event log: the append-only log itself, newest first, filtered, one event in full."""

from __future__ import annotations

import json
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.pages.page import Page, fill_table, heading, make_table, selected_key
from app.platform.i18n import QT_TRANSLATE_NOOP, translate
from app.widgets.format import when
from app.widgets.inputs import Moment, SignedIn
from domain.model.events import EVENT_TYPES, RecordedEvent
from domain.readside.queries.event_log import EventLogQueries

PAGE = 500


def shown_data(event: RecordedEvent) -> dict[str, object]:
    """The event's data as an admin may see it: a password hash never leaves the store."""
    data = event.event.to_data()
    if "password_hash" in data:
        data["password_hash"] = "•••"
    return data


def full_text(event: RecordedEvent) -> str:
    """Everything the log holds of one event, for the detail pane."""
    lines = [
        translate("EventLogPage", "Event #{0}: {1}").format(f"{event.position:,}", event.type),
        translate("EventLogPage", "Stream: {0}, version {1}").format(
            event.stream_id, event.version
        ),
        translate("EventLogPage", "Recorded: {0} ({1} UTC)").format(
            when(event.recorded_at), event.recorded_at
        ),
        "",
        json.dumps(shown_data(event), indent=2, default=str, ensure_ascii=False),
    ]
    return "\n".join(lines)


class EventLogPage(Page):
    TITLE = QT_TRANSLATE_NOOP("Pages", "Event log")
    ADMIN_ONLY = True
    NEEDS_ACCOUNT = True

    travel_requested = Signal(int)  # a log position: show the shop as it was right after it

    def __init__(
        self, event_log: Callable[[], EventLogQueries], who: SignedIn, moment: Moment
    ) -> None:
        super().__init__("event_log", who, moment)
        self._event_log = event_log
        # Built in the order they appear: the order of creation is the order of Tab.
        self._build_filters()
        self._build_table()
        self._build_detail()
        self._lay_out()
        self.rows: list[tuple[object, ...]] = []
        self.events: dict[str, RecordedEvent] = {}
        self.stream.editingFinished.connect(self.refresh)
        self.type.currentIndexChanged.connect(self.refresh)
        self.order.currentIndexChanged.connect(self.refresh)
        self.more.clicked.connect(self._load_more)
        self.table.itemSelectionChanged.connect(self._show_selected)
        self.travel.clicked.connect(self._on_travel)

    def _build_filters(self) -> None:
        self.stream = QLineEdit()
        self.stream.setObjectName("stream")
        self.stream.setPlaceholderText(self.tr("Stream contains, e.g. cart- or an account id"))
        self.stream.setClearButtonEnabled(True)
        self.stream.setAccessibleName(self.tr("Stream filter"))
        self.type = QComboBox()
        self.type.setObjectName("type")
        self.type.setAccessibleName(self.tr("Event type filter"))
        self.type.addItem(self.tr("All event types"), "")
        for name in sorted(EVENT_TYPES):
            self.type.addItem(name, name)
        self.order = QComboBox()
        self.order.setObjectName("order")
        self.order.setAccessibleName(self.tr("Order"))
        self.order.addItem(self.tr("Newest first"), True)
        self.order.addItem(self.tr("Oldest first"), False)

    def _build_table(self) -> None:
        self.table = make_table(
            "events",
            [
                "#",
                self.tr("Recorded"),
                self.tr("Stream"),
                self.tr("Ver"),
                self.tr("Type"),
                self.tr("Data"),
            ],
            # Stream and Data share the spare width: a stream id sized to its contents (two
            # ids for a review) left the Data column "Dat…" at the default window size.
            (2, 5),
        )
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # both ends of an id
        self.table.setAccessibleName(self.tr("Events"))

    def _build_detail(self) -> None:
        self.detail = QPlainTextEdit()
        self.detail.setObjectName("detail")
        self.detail.setReadOnly(True)
        self.detail.setAccessibleName(self.tr("The selected event in full"))
        self.detail.setPlaceholderText(self.tr("Select an event to see all of it."))
        self.travel = QPushButton(self.tr("Travel to this event"))
        self.travel.setObjectName("travel")
        self.travel.setToolTip(
            self.tr("Show the whole shop as it was right after the selected event")
        )
        self.more = QPushButton(self.tr("Load {0} more").format(PAGE))
        self.more.setObjectName("more")
        self.count = QLabel()
        self.count.setObjectName("count")

    def _lay_out(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.stream, 1)
        filters.addWidget(self.type)
        filters.addWidget(self.order)
        side = QWidget()
        side.setObjectName("detail_pane")
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.detail, 1)
        side_layout.addWidget(self.travel)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("splitter")
        splitter.addWidget(self.table)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 2)  # the table's six columns before the event in full
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count)
        bottom.addStretch(1)
        bottom.addWidget(self.more)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Event log")))
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

    def refresh(self) -> None:
        self.rows, self.events = [], {}
        self._load_more()

    def _load_more(self) -> None:
        beyond = int(str(self.rows[-1][0])) if self.rows else None
        event_type = self.type.currentData()
        page = self._event_log().page(
            beyond,
            PAGE,
            self.stream.text().strip(),
            [event_type] if event_type else None,
            newest_first=bool(self.order.currentData()),
        )
        for e in page:
            self.events[str(e.position)] = e
            self.rows.append(
                (
                    e.position,
                    when(e.recorded_at),
                    e.stream_id,
                    e.version,
                    e.type,
                    json.dumps(shown_data(e), default=str, ensure_ascii=False),
                )
            )
        fill_table(self.table, self.rows, [str(r[0]) for r in self.rows], numeric=(0, 3))
        self.more.setEnabled(len(page) == PAGE)
        shown = len(self.rows)
        if shown == 0:
            self.count.setText(self.tr("No event matches these filters."))
        else:
            # {0}, not %n: the number keeps its thousands separator in every locale.
            self.count.setText(self.tr("{0} event(s) shown", "", shown).format(f"{shown:,}"))
        self._show_selected()

    def _show_selected(self) -> None:
        key = selected_key(self.table)
        event = self.events.get(key) if key is not None else None
        self.detail.setPlainText(full_text(event) if event is not None else "")
        self.travel.setEnabled(event is not None)

    def _on_travel(self) -> None:
        key = selected_key(self.table)
        if key is not None:
            self.travel_requested.emit(int(key))
