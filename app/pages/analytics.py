"""Admin analytics: items removed from carts before checkout, over all history."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QSplitter, QVBoxLayout

from app.pages.page import Page, accessible, fill_table, heading, make_table
from app.platform.i18n import QT_TRANSLATE_NOOP
from app.widgets.charts import BarChart
from app.widgets.format import when
from app.widgets.inputs import Moment, SignedIn
from app.widgets.names import named
from domain.readside.queries.analytics import AnalyticsQueries


class AnalyticsPage(Page):
    TITLE = QT_TRANSLATE_NOOP("Pages", "Analytics")
    ADMIN_ONLY = True
    NEEDS_ACCOUNT = True

    def __init__(
        self, analytics: Callable[[], AnalyticsQueries], who: SignedIn, moment: Moment
    ) -> None:
        super().__init__("analytics", who, moment)
        self._analytics = analytics
        self.chart = BarChart("chart", "#d9534f")
        self.chart.setAccessibleName(self.tr("Units removed from carts, by product"))
        self.chart.set_empty_text(self.tr("Nobody has removed anything from a cart yet."))
        scroller = QScrollArea()
        scroller.setObjectName("chart_scroll")
        accessible(scroller, self.tr("Removals, as a chart"))  # a Tab stop: the arrows scroll it
        scroller.setWidgetResizable(True)
        scroller.setWidget(self.chart)
        self.table = make_table(
            "table",
            [
                self.tr("Product"),
                self.tr("Lines removed"),
                self.tr("Units removed"),
                self.tr("Last removal"),
            ],
            label=self.tr("Removals by product"),
        )
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("splitter")
        splitter.addWidget(scroller)
        splitter.addWidget(self.table)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Items removed from carts before checkout")))
        layout.addWidget(
            named(
                QLabel(
                    self.tr(
                        "Units taken out of carts (whole lines and lowered quantities), "
                        "per product, counted over the shop's entire history."
                    )
                ),
                "intro",
            )
        )
        layout.addWidget(splitter, 1)

    def refresh(self) -> None:
        stats = self._analytics().removals()
        removed = [s for s in stats if s.units_removed]
        self.chart.set_bars([(s.name, s.units_removed) for s in removed[:25]])
        rows = [(s.name, s.lines_removed, s.units_removed, when(s.last_removed_at)) for s in stats]
        fill_table(self.table, rows, [s.product_id for s in stats], numeric=(1, 2))
