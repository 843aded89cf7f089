"""Admin moderation: every version of every review, edited, deleted and hidden ones marked."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import AppContext
from app.colors import tint
from app.feedback import MessageLine, attempt
from app.format import when
from app.qt_page import Page, accessible, fill_table, heading, make_table, selected_key
from domain import commands as c

TINTED = ("hidden", "deleted", "edited")  # statuses whose rows are tinted (app/colors.py)


class ModerationPage(Page):
    TITLE = "Moderation"
    ADMIN_ONLY = True
    NEEDS_ACCOUNT = True

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx, "moderation")
        self.status = QComboBox()
        self.status.setObjectName("status")
        for label, value in [
            ("All reviews", ""),
            ("Live (posted)", "posted"),
            ("Edited", "edited"),
            ("Deleted", "deleted"),
            ("Hidden", "hidden"),
        ]:
            self.status.addItem(label, value)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText("Search text, author or product…")
        self.search.setClearButtonEnabled(True)
        accessible(self.search, "Search reviews")
        accessible(self.status, "Review status filter")
        self.table = make_table(
            "reviews",
            ["Product", "Author", "Status", "Rating", "Text", "Versions", "Last change"],
            4,
            "Every review",
        )
        self.revisions = make_table(
            "revisions",
            ["#", "When", "Action", "By", "Rating", "Text", "Reason"],
            5,
            "Versions of the selected review",
        )
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        accessible(self.reason, "Reason for hiding")
        self.reason.setPlaceholderText("Reason for hiding (required)")
        self.hide_button = QPushButton("Hide review")
        self.hide_button.setObjectName("hide")
        self.message = MessageLine("message")
        self.command_widgets = [self.reason, self.hide_button]

        filters = QHBoxLayout()
        filters.addWidget(self.status)
        filters.addWidget(self.search, 1)
        lower = QWidget()
        lower.setObjectName("history")
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(QLabel("Every version of the selected review, oldest first"))
        lower_layout.addWidget(self.revisions, 1)
        hide_row = QHBoxLayout()
        hide_row.addWidget(self.reason, 1)
        hide_row.addWidget(self.hide_button)
        lower_layout.addLayout(hide_row)
        lower_layout.addWidget(self.message)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("splitter")
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Moderation"))
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)

        self._debounce = QTimer(self, singleShot=True, interval=200)
        self._debounce.setObjectName("search_debounce")  # named: a replay waits for it
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)
        self.status.currentIndexChanged.connect(self.refresh)
        self.table.itemSelectionChanged.connect(self._show_revisions)
        self.hide_button.clicked.connect(self._on_hide)
        self.reason.returnPressed.connect(self._on_hide)

    def refresh(self) -> None:
        reviews = self.read.moderation(self.status.currentData() or None, self.search.text())
        rows = [
            (
                m.product_name,
                m.author_name,
                m.status,
                m.rating or "",
                m.text,
                m.revisions,
                when(m.last_at),
            )
            for m in reviews
        ]
        fill_table(self.table, rows, [m.review_id for m in reviews], numeric=(3, 5))
        for r, m in enumerate(reviews):
            if m.status in TINTED:
                color = tint(m.status)
                for col in range(self.table.columnCount()):
                    item = self.table.item(r, col)
                    if item is not None:
                        item.setBackground(QColor(color))
        self._show_revisions()

    def _show_revisions(self) -> None:
        key = selected_key(self.table)
        revisions = self.read.revisions(key) if key else []
        rows = [
            (r.revision, when(r.at), r.action, r.actor_name, r.rating or "", r.text, r.reason or "")
            for r in revisions
        ]
        fill_table(self.revisions, rows, numeric=(0, 4))

    def _on_hide(self) -> None:
        key = selected_key(self.table)
        if key is None:
            self.message.error("Select the review to hide first.")
            return
        command = c.HideReview(self.ctx.session.actor_id, key, self.reason.text())
        ok, _ = attempt(self.message, lambda: self.ctx.handle(command), "Review hidden.")
        if ok:
            self.reason.clear()
