"""Reviews across the shop: the newest first, or found by author, #tag and days."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout

from app.pages.page import Page, accessible, fill_table, heading, make_table
from app.platform.i18n import QT_TRANSLATE_NOOP
from app.widgets.format import when
from app.widgets.inputs import Moment, SignedIn
from app.widgets.messages import MessageLine, attempt
from app.widgets.names import named
from domain.readside.periods import time_range
from domain.readside.queries.reviews import ReviewQueries
from domain.readside.views import FoundReview
from recorder.capture.virtual_time import AppClock, AppTimer

SHOWN = 200  # rows: the newest of a lookup; narrowing it is what the filters are for


class ReviewsPage(Page):
    TITLE = QT_TRANSLATE_NOOP("Pages", "Reviews")

    def __init__(
        self, reviews: Callable[[], ReviewQueries], who: SignedIn, moment: Moment, clock: AppClock
    ) -> None:
        super().__init__("reviews", who, moment)
        self._reviews = reviews
        self.author = self._field("author", self.tr("Author, e.g. ann"))
        self.tag = self._field("tag", "#tag, e.g. #gift")
        self.since = self._field("since", self.tr("From day"))
        self.until = self._field("until", self.tr("To day (included)"))
        for field in (self.since, self.until):
            field.setMaximumWidth(180)
            field.setToolTip(self.tr("A day such as 2026-11-02, or a time with its zone"))
        self.table = make_table(
            "found",
            [
                self.tr("Posted"),
                self.tr("Product"),
                self.tr("Author"),
                self.tr("Rating"),
                self.tr("Review"),
            ],
            4,
            self.tr("Reviews found"),
        )
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.popular = QLabel()
        self.popular.setObjectName("popular")  # from review_lookups v2 on
        self.message = MessageLine("message")

        filters = QHBoxLayout()
        for field in (self.author, self.tag, self.since, self.until):
            filters.addWidget(field, 1 if field in (self.author, self.tag) else 0)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Reviews")))
        layout.addWidget(
            named(
                QLabel(
                    self.tr("The newest reviews in the shop. Narrow them by author, #tag or days.")
                ),
                "intro",
            )
        )
        layout.addWidget(self.popular)
        layout.addLayout(filters)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)

        self._debounce = AppTimer(self, "search_debounce", 250, self.refresh, clock)
        for field in (self.author, self.tag, self.since, self.until):
            field.textChanged.connect(self._debounce.start)

    def _field(self, name: str, hint: str) -> QLineEdit:
        field = QLineEdit()
        field.setObjectName(name)
        field.setPlaceholderText(hint)
        field.setClearButtonEnabled(True)
        field.setMaxLength(100)
        accessible(field, hint.split(",")[0].split(" e.g.")[0])
        return field

    def refresh(self) -> None:
        def look_up() -> list[FoundReview]:
            since, until = time_range(self.since.text(), self.until.text())
            return self._reviews().find(
                self.author.text(), self.tag.text(), since, until, limit=SHOWN
            )

        ok, found = attempt(self.message, look_up)
        if not ok:
            return  # the message says what to type; the last good list stays
        rows = [
            (
                when(r.posted_at),
                r.product_name,
                r.author_name,
                "★" * r.rating + "☆" * (5 - r.rating),
                r.text + (self.tr("  (edited)") if r.edited else ""),
            )
            for r in found
        ]
        fill_table(self.table, rows, [r.review_id for r in found])
        popular = self._reviews().popular_tags()
        tags = " · ".join(f"#{tag} ({n})" for tag, n in popular)
        self.popular.setText(self.tr("Popular tags: {0}").format(tags))
        self.popular.setVisible(bool(popular))
        filtered = any(f.text().strip() for f in (self.author, self.tag, self.since, self.until))
        count = f"{len(found)}{'+' if len(found) == SHOWN else ''}"
        # Qt's numerus forms pick the grammar from the number (replayshop_en.ts holds English's);
        # {0} rather than %n because the number shown may end in "+".
        if filtered:
            found_text = self.tr("{0} review(s) found", "", len(found))
        else:
            found_text = self.tr("The {0} newest review(s)", "", len(found))
        self.summary.setText(found_text.format(count))
