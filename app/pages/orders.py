"""The signed-in shopper's past orders, and the lines of the selected one."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QVBoxLayout

from app.pages.page import Page, fill_table, heading, make_table, selected_key
from app.platform.i18n import QT_TRANSLATE_NOOP
from app.widgets.format import money, when
from app.widgets.inputs import Moment, SignedIn
from app.widgets.names import named
from domain.readside.queries.shopping import ShoppingQueries


class OrdersPage(Page):
    TITLE = QT_TRANSLATE_NOOP("Pages", "Orders")
    NEEDS_ACCOUNT = True

    def __init__(
        self, shopping: Callable[[], ShoppingQueries], who: SignedIn, moment: Moment
    ) -> None:
        super().__init__("orders", who, moment)
        self._shopping = shopping
        self.table = make_table(
            "orders",
            [self.tr("Order"), self.tr("Placed"), self.tr("Items"), self.tr("Total")],
            label=self.tr("Your orders"),
        )
        self.lines = make_table(
            "lines",
            [self.tr("Product"), self.tr("Quantity"), self.tr("Unit price"), self.tr("Line total")],
            label=self.tr("Order lines"),
        )
        self.empty = named(QLabel(), "empty")
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Your orders")))
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 2)
        layout.addWidget(named(QLabel(self.tr("Lines of the selected order")), "lines_label"))
        layout.addWidget(self.lines, 1)
        self.table.itemSelectionChanged.connect(self._show_lines)
        self._orders: dict[str, list[tuple[object, ...]]] = {}

    def refresh(self) -> None:
        actor = self.who.actor_id
        orders = self._shopping().orders(actor) if actor else []
        self._orders = {
            o.order_id: [
                (
                    ln.name,
                    ln.quantity,
                    money(ln.unit_price_cents),
                    money(ln.quantity * ln.unit_price_cents),
                )
                for ln in o.lines
            ]
            for o in orders
        }
        rows = [
            (f"#{o.order_id[:8]}", when(o.placed_at), o.item_count, money(o.total_cents))
            for o in orders
        ]
        fill_table(self.table, rows, [o.order_id for o in orders], numeric=(2, 3))
        self.empty.setText(
            ""
            if orders
            else (self.tr("No orders yet.") if actor else self.tr("Sign in to see your orders."))
        )
        self._show_lines()

    def _show_lines(self) -> None:
        key = selected_key(self.table)
        fill_table(self.lines, self._orders.get(key or "", []), numeric=(1, 2, 3))
