"""Admin event log: the append-only log itself, filtered by stream and type, page by page."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout

from app.bootstrap import AppContext
from app.format import when
from app.qt_page import Page, fill_table, heading, make_table
from domain.events import EVENT_TYPES

PAGE = 500


class EventLogPage(Page):
    TITLE = "Event log"
    ADMIN_ONLY = True
    NEEDS_ACCOUNT = True

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx, "event_log")
        self.stream = QLineEdit()
        self.stream.setObjectName("stream")
        self.stream.setPlaceholderText("Stream id, e.g. cart-<account id> (empty: all)")
        self.stream.setClearButtonEnabled(True)
        self.type = QComboBox()
        self.type.setObjectName("type")
        self.type.addItem("All event types", "")
        for name in sorted(EVENT_TYPES):
            self.type.addItem(name, name)
        self.table = make_table("events", ["#", "Recorded", "Stream", "Ver", "Type", "Data"], 5)
        self.table.setWordWrap(False)
        self.more = QPushButton(f"Load {PAGE} more")
        self.more.setObjectName("more")
        self.count = QLabel()
        filters = QHBoxLayout()
        filters.addWidget(self.stream, 1)
        filters.addWidget(self.type)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count)
        bottom.addStretch(1)
        bottom.addWidget(self.more)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Event log"))
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.rows: list[tuple[object, ...]] = []
        self.stream.editingFinished.connect(self.refresh)
        self.type.currentIndexChanged.connect(self.refresh)
        self.more.clicked.connect(self._load_more)

    def refresh(self) -> None:
        self.rows = []
        self._load_more()

    def _load_more(self) -> None:
        after = int(str(self.rows[-1][0])) if self.rows else 0
        event_type = self.type.currentData()
        page = self.read.log(
            after, PAGE, self.stream.text().strip() or None, [event_type] if event_type else None
        )
        for e in page:
            data = e.event.to_data()
            if "password_hash" in data:
                data["password_hash"] = "•••"
            self.rows.append(
                (
                    e.position,
                    when(e.recorded_at),
                    e.stream_id,
                    e.version,
                    e.type,
                    json.dumps(data, default=str),
                )
            )
        fill_table(self.table, self.rows, numeric=(0, 3))
        self.more.setEnabled(len(page) == PAGE)
        self.count.setText(f"{len(self.rows):,} events shown")
