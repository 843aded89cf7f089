"""Admin moderation: every version of every review, edited, deleted and hidden ones marked."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
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

from app.pages.page import Page, accessible, fill_table, heading, make_table, selected_key
from app.platform.i18n import QT_TRANSLATE_NOOP, translate
from app.widgets.colors import tint
from app.widgets.format import when
from app.widgets.inputs import Moment, Send, SignedIn
from app.widgets.messages import MessageLine, attempt
from app.widgets.names import named
from domain.model import commands as c
from domain.readside.queries.reviews import ReviewQueries
from recorder.capture.virtual_time import AppClock, AppTimer

TINTED = ("hidden", "deleted", "edited")
# Statuses and actions as the read model names them, shown in the user's language.
WORDS = (
    QT_TRANSLATE_NOOP("Moderation", "posted"),
    QT_TRANSLATE_NOOP("Moderation", "edited"),
    QT_TRANSLATE_NOOP("Moderation", "deleted"),
    QT_TRANSLATE_NOOP("Moderation", "hidden"),
    QT_TRANSLATE_NOOP("Moderation", "unhidden"),
)  # statuses whose rows are tinted (app/widgets/colors.py)


class ModerationPage(Page):
    TITLE = QT_TRANSLATE_NOOP("Pages", "Moderation")
    ADMIN_ONLY = True
    NEEDS_ACCOUNT = True

    def __init__(
        self,
        send: Send,
        reviews: Callable[[], ReviewQueries],
        who: SignedIn,
        moment: Moment,
        clock: AppClock,
    ) -> None:
        super().__init__("moderation", who, moment)
        self._send, self._reviews = send, reviews
        # Built in the order they appear: the order of creation is the order of Tab.
        self._build_filters()
        self._build_tables()
        self._build_moderation()
        self.command_widgets = [self.reason, self.hide_button, self.unhide_button]
        self._status: dict[str, str] = {}
        self._lay_out()
        self._debounce = AppTimer(self, "search_debounce", 200, self.refresh, clock)
        self.search.textChanged.connect(self._debounce.start)
        self.status.currentIndexChanged.connect(self.refresh)
        self.table.itemSelectionChanged.connect(self._show_revisions)
        self.hide_button.clicked.connect(self._on_hide)
        self.unhide_button.clicked.connect(self._on_unhide)
        self.reason.returnPressed.connect(self._on_reason_entered)

    def _build_filters(self) -> None:
        self.status = QComboBox()
        self.status.setObjectName("status")
        for label, value in [
            (self.tr("All reviews"), ""),
            (self.tr("Live (posted)"), "posted"),
            (self.tr("Edited"), "edited"),
            (self.tr("Deleted"), "deleted"),
            (self.tr("Hidden"), "hidden"),
        ]:
            self.status.addItem(label, value)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Search text, author or product…"))
        self.search.setClearButtonEnabled(True)
        accessible(self.search, self.tr("Search reviews"))
        accessible(self.status, self.tr("Review status filter"))

    def _build_tables(self) -> None:
        self.table = make_table(
            "reviews",
            [
                self.tr("Product"),
                self.tr("Author"),
                self.tr("Status"),
                self.tr("Rating"),
                self.tr("Text"),
                self.tr("Versions"),
                self.tr("Last change"),
            ],
            4,
            self.tr("Every review"),
        )
        self.revisions = make_table(
            "revisions",
            [
                "#",
                self.tr("When"),
                self.tr("Action"),
                self.tr("By"),
                self.tr("Rating"),
                self.tr("Text"),
                self.tr("Reason"),
            ],
            5,
            self.tr("Versions of the selected review"),
        )

    def _build_moderation(self) -> None:
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        accessible(self.reason, self.tr("Reason for the moderation"))
        self.reason.setPlaceholderText(self.tr("Reason for hiding (required)"))
        self.hide_button = QPushButton(self.tr("Hide review"))
        self.hide_button.setObjectName("hide")
        # In the hide button's place when the selected review is hidden: a hide can be undone,
        # with a reason of its own, and both stay in the review's history.
        self.unhide_button = QPushButton(self.tr("Show again"))
        self.unhide_button.setObjectName("unhide")
        self.unhide_button.setToolTip(self.tr("Show the hidden review in the shop again"))
        self.unhide_button.hide()
        self.message = MessageLine("message")

    def _lay_out(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.status)
        filters.addWidget(self.search, 1)
        lower = QWidget()
        lower.setObjectName("history")
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(
            named(QLabel(self.tr("Every version of the selected review, oldest first")), "intro")
        )
        lower_layout.addWidget(self.revisions, 1)
        hide_row = QHBoxLayout()
        hide_row.addWidget(self.reason, 1)
        hide_row.addWidget(self.hide_button)
        hide_row.addWidget(self.unhide_button)
        lower_layout.addLayout(hide_row)
        lower_layout.addWidget(self.message)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("splitter")
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Moderation")))
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)

    def refresh(self) -> None:
        reviews = self._reviews().moderation(self.status.currentData() or None, self.search.text())
        rows = [
            (
                m.product_name,
                m.author_name,
                translate("Moderation", m.status),
                m.rating or "",
                m.text,
                m.revisions,
                when(m.last_at),
            )
            for m in reviews
        ]
        fill_table(self.table, rows, [m.review_id for m in reviews], numeric=(3, 5))
        self._status = {m.review_id: m.status for m in reviews}
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
        hidden = key is not None and self._status.get(key) == "hidden"
        self.hide_button.setVisible(not hidden)
        self.unhide_button.setVisible(hidden)
        self.reason.setPlaceholderText(
            self.tr("Reason for showing it again (required)")
            if hidden
            else self.tr("Reason for hiding (required)")
        )
        revisions = self._reviews().revisions(key) if key else []
        rows = [
            (
                r.revision,
                when(r.at),
                translate("Moderation", r.action),
                r.actor_name,
                r.rating or "",
                r.text,
                r.reason or "",
            )
            for r in revisions
        ]
        fill_table(self.revisions, rows, numeric=(0, 4))

    def _on_hide(self) -> None:
        key = selected_key(self.table)
        if key is None:
            self.message.error(self.tr("Select the review to hide first."))
            return
        command = c.HideReview(self.who.actor_id, key, self.reason.text())
        ok, _ = attempt(self.message, lambda: self._send(command), self.tr("Review hidden."))
        if ok:
            self.reason.clear()

    def _on_unhide(self) -> None:
        key = selected_key(self.table)
        if key is None:
            return
        command = c.UnhideReview(self.who.actor_id, key, self.reason.text())
        done = self.tr("Review shown again.")
        ok, _ = attempt(self.message, lambda: self._send(command), done)
        if ok:
            self.reason.clear()

    def _on_reason_entered(self) -> None:
        if self.unhide_button.isVisible():
            self._on_unhide()
        else:
            self._on_hide()
