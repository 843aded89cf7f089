"""Admin: add products, change their prices, retire them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from app.pages.page import Page, accessible, fill_table, heading, make_table, selected_key
from app.pages.wallet import money_box
from app.platform.i18n import QT_TRANSLATE_NOOP
from app.widgets.format import money, stars
from app.widgets.inputs import Moment, Send, SignedIn
from app.widgets.messages import MessageLine, attempt
from app.widgets.names import name_form_labels, named
from domain.model import commands as c
from domain.readside.queries.catalog import CatalogQueries


class ProductsAdminPage(Page):
    TITLE = QT_TRANSLATE_NOOP("Pages", "Products")
    ADMIN_ONLY = True
    NEEDS_ACCOUNT = True

    def __init__(
        self,
        send: Send,
        catalog: Callable[[], CatalogQueries],
        who: SignedIn,
        moment: Moment,
    ) -> None:
        super().__init__("admin_products", who, moment)
        self._send, self._catalog = send, catalog
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.name.setPlaceholderText(self.tr("e.g. Ceramic Teapot 1 l"))
        self.price = money_box("price")
        self.description = QPlainTextEdit()
        self.description.setObjectName("description")
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(60)
        self.add = QPushButton(self.tr("Add product"))
        self.add.setObjectName("add")
        self.add_message = MessageLine("add_message")
        box = named(QGroupBox(self.tr("New product")), "new_product")
        box.setMaximumWidth(720)
        form = QFormLayout(box)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Price"), self.price)
        form.addRow(self.tr("Description"), self.description)
        form.addRow(self.add)
        form.addRow(self.add_message)
        name_form_labels(form)

        self.table = make_table(
            "table",
            [self.tr("Product"), self.tr("Price"), self.tr("Status"), self.tr("Rating")],
            label=self.tr("Products"),
        )
        self.new_price = money_box("new_price")
        accessible(self.new_price, self.tr("New price of the selected product"))
        self.reprice = QPushButton(self.tr("Change price"))
        self.reprice.setObjectName("reprice")
        self.retire = QPushButton(self.tr("Retire"))
        self.retire.setObjectName("retire")
        self.message = MessageLine("message")
        edit = QHBoxLayout()
        edit.addWidget(named(QLabel(self.tr("Selected product:")), "selected_label"))
        edit.addWidget(self.new_price)
        edit.addWidget(self.reprice)
        edit.addWidget(self.retire)
        edit.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Products")))
        layout.addWidget(box)
        layout.addWidget(self.table, 1)
        layout.addLayout(edit)
        layout.addWidget(self.message)
        self.command_widgets = [
            self.name,
            self.price,
            self.description,
            self.add,
            self.new_price,
            self.reprice,
            self.retire,
        ]

        self.add.clicked.connect(self._on_add)
        self.name.returnPressed.connect(self._on_add)
        self.reprice.clicked.connect(self._on_reprice)
        self.retire.clicked.connect(self._on_retire)
        self.table.itemSelectionChanged.connect(self._on_selection)

    def refresh(self) -> None:
        products = self._catalog().products(include_retired=True)
        rows = [
            (
                p.name,
                money(p.price_cents),
                "on sale" if p.active else "retired",
                stars(p.average_rating),
            )
            for p in products
        ]
        fill_table(self.table, rows, [p.product_id for p in products], numeric=(1,))

    def _on_selection(self) -> None:
        key = selected_key(self.table)
        product = self._catalog().product(key) if key else None
        if product:
            self.new_price.setValue(product.price_cents / 100)

    def _on_add(self) -> None:
        command = c.AddProduct(
            self.who.actor_id,
            self.name.text(),
            self.description.toPlainText(),
            round(self.price.value() * 100),
        )
        ok, _ = attempt(
            self.add_message,
            lambda: self._send(command),
            self.tr("Added {0}.").format(repr(self.name.text().strip())),
        )
        if ok:
            self.name.clear()
            self.description.clear()

    def _selected_or_complain(self) -> str | None:
        key = selected_key(self.table)
        if key is None:
            self.message.error(self.tr("Select a product in the table first."))
        return key

    def _on_reprice(self) -> None:
        if key := self._selected_or_complain():
            cents = round(self.new_price.value() * 100)
            command = c.ChangePrice(self.who.actor_id, key, cents)
            done = self.tr("Price set to {0}.").format(money(cents))
            attempt(self.message, lambda: self._send(command), done)

    def _on_retire(self) -> None:
        if key := self._selected_or_complain():
            command = c.RetireProduct(self.who.actor_id, key)
            attempt(self.message, lambda: self._send(command), self.tr("Product retired."))
