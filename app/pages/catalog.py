"""The catalog: search, sort, and the selected product's detail beside the list."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.pages.page import Page, accessible, fill_table, make_table, selected_key
from app.pages.product_detail import ProductDetail
from app.platform.i18n import QT_TRANSLATE_NOOP, translate
from app.widgets.format import money, stars
from app.widgets.inputs import Moment, Send, SignedIn
from app.widgets.names import named
from domain.readside.queries import MAX_SEARCH
from domain.readside.queries.catalog import CatalogQueries
from recorder.capture.virtual_time import AppClock, AppTimer

SORTS = [
    (QT_TRANSLATE_NOOP("Sorts", "Name"), "name"),
    (QT_TRANSLATE_NOOP("Sorts", "Price"), "price"),
    (QT_TRANSLATE_NOOP("Sorts", "Best rated"), "rating"),
    (QT_TRANSLATE_NOOP("Sorts", "Most reviewed"), "reviews"),
]


class CatalogPage(Page):
    TITLE = QT_TRANSLATE_NOOP("Pages", "Catalog")

    def __init__(
        self,
        send: Send,
        catalog: Callable[[], CatalogQueries],
        who: SignedIn,
        moment: Moment,
        clock: AppClock,
    ) -> None:
        super().__init__("catalog", who, moment)
        self._catalog = catalog
        self.search = QLineEdit()
        self.search.setObjectName("search")
        accessible(self.search, self.tr("Search products"))
        self.search.setPlaceholderText(self.tr("Search products by name…"))
        self.search.setMaxLength(MAX_SEARCH)  # the read model refuses longer ones
        self.search.setClearButtonEnabled(True)
        self.sort = QComboBox()
        self.sort.setObjectName("sort")
        accessible(self.sort, self.tr("Sort products"))
        for label, key in SORTS:
            self.sort.addItem(self.tr("Sort: {0}").format(translate("Sorts", label)), key)
        self.table = make_table(
            "products",
            [self.tr("Product"), self.tr("Price"), self.tr("Rating"), self.tr("Reviews")],
            label=self.tr("Products"),
        )
        self.count = named(QLabel(), "count")  # list/QLabel#0 in recordings before format 8
        self.detail = ProductDetail(send, catalog, who, moment)

        left = QWidget()
        left.setObjectName("list")
        controls = QHBoxLayout()
        controls.addWidget(self.search, 1)
        controls.addWidget(self.sort)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(controls)
        column.addWidget(self.table, 1)
        column.addWidget(self.count)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("splitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

        # Typing refreshes after a short pause, not on every key.
        self._debounce = AppTimer(self, "search_debounce", 150, self.refresh, clock)
        self.search.textChanged.connect(self._debounce.start)
        self.sort.currentIndexChanged.connect(self.refresh)
        self.table.itemSelectionChanged.connect(self._on_selection)

    def refresh(self) -> None:
        products = self._catalog().products(self.search.text(), self.sort.currentData())
        rows = [
            (p.name, money(p.price_cents), stars(p.average_rating), p.review_count)
            for p in products
        ]
        fill_table(self.table, rows, [p.product_id for p in products], numeric=(1, 3))
        shown, search = len(products), self.search.text().strip()
        if shown:
            self.count.setText(self.tr("%n product(s)", "", shown))
        elif search:
            self.count.setText(
                self.tr("No product matches “{0}”. Try a shorter or other word.").format(search)
            )
        else:
            self.count.setText(self.tr("No products yet: an administrator adds them."))
        if selected_key(self.table) is None and products:
            self.table.selectRow(0)
        # The detail always shows the selected row, whatever the refresh did to the rows.
        self.detail.show_product(selected_key(self.table))

    def update_enabled(self) -> None:
        self.detail.update_enabled()

    def _on_selection(self) -> None:
        self.detail.show_product(selected_key(self.table))
