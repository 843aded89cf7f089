"""The cart: change quantities, remove lines, see the running total, check out."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout

from app.pages.page import (
    Page,
    accessible,
    cell_text,
    fill_table,
    heading,
    make_table,
    selected_key,
)
from app.platform.i18n import QT_TRANSLATE_NOOP
from app.widgets.format import money
from app.widgets.inputs import Moment, Send, SignedIn
from app.widgets.messages import MessageLine, attempt
from app.widgets.names import named
from domain.model import commands as c
from domain.readside.queries.shopping import ShoppingQueries


class CartPage(Page):
    TITLE = QT_TRANSLATE_NOOP("Pages", "Cart")
    NEEDS_ACCOUNT = True

    def __init__(
        self, send: Send, shopping: Callable[[], ShoppingQueries], who: SignedIn, moment: Moment
    ) -> None:
        super().__init__("cart", who, moment)
        self._send, self._shopping = send, shopping
        self.table = make_table(
            "lines",
            [self.tr("Product"), self.tr("Unit price"), self.tr("Quantity"), self.tr("Line total")],
            label=self.tr("Cart lines"),
        )
        self.quantity = QSpinBox()
        self.quantity.setObjectName("quantity")
        self.quantity.setRange(1, 99)
        accessible(self.quantity, self.tr("Quantity of the selected line"))
        self.set_quantity = QPushButton(self.tr("Set quantity"))
        self.set_quantity.setObjectName("set_quantity")
        self.remove = QPushButton(self.tr("Remove line"))
        self.remove.setObjectName("remove")
        self.total = heading("", "total")
        self.checkout = QPushButton(self.tr("Check out"))
        self.checkout.setObjectName("checkout")
        self.checkout.setDefault(True)
        self.message = MessageLine("message")
        self.command_widgets = [self.quantity, self.set_quantity, self.remove, self.checkout]
        self._has_lines = False

        edit = QHBoxLayout()
        edit.addWidget(named(QLabel(self.tr("Selected line:")), "selected_label"))
        edit.addWidget(self.quantity)
        edit.addWidget(self.set_quantity)
        edit.addWidget(self.remove)
        edit.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.total)
        bottom.addStretch(1)
        bottom.addWidget(self.checkout)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Your cart")))
        layout.addWidget(self.table, 1)
        layout.addLayout(edit)
        layout.addLayout(bottom)
        layout.addWidget(self.message)

        self.table.itemSelectionChanged.connect(self._on_selection)
        self.set_quantity.clicked.connect(self._on_set_quantity)
        self.remove.clicked.connect(self._on_remove)
        self.checkout.clicked.connect(self._on_checkout)

    def refresh(self) -> None:
        actor = self.who.actor_id
        cart = self._shopping().cart(actor) if actor else None
        lines = cart.lines if cart else ()
        rows = [
            (
                line.name + ("" if line.active else " (retired)"),
                money(line.unit_price_cents),
                line.quantity,
                money(line.total_cents),
            )
            for line in lines
        ]
        fill_table(self.table, rows, [line.product_id for line in lines], numeric=(1, 2, 3))
        total = cart.total_cents if cart else 0
        if not actor:
            self.total.setText(self.tr("Sign in to shop."))
        elif not lines:
            self.total.setText(self.tr("Your cart is empty. Add products from the catalog."))
        else:
            self.total.setText(self.tr("Total: {0}").format(money(total)))
        self._has_lines = bool(lines)
        self.update_enabled()

    def update_enabled(self) -> None:
        super().update_enabled()
        # Nothing to check out: the button says so by being off, before anyone tries.
        if not self._has_lines:
            self.checkout.setEnabled(False)
        self._on_selection()

    def _on_selection(self) -> None:
        key = selected_key(self.table)
        if key is not None:
            self.quantity.setValue(int(cell_text(self.table, self.table.currentRow(), 2) or 1))
        for widget in (self.set_quantity, self.remove):
            widget.setEnabled(key is not None and not self.moment.is_past)

    def _on_set_quantity(self) -> None:
        key = selected_key(self.table)
        if key:
            command = c.ChangeQuantity(self.who.actor_id, key, self.quantity.value())
            attempt(self.message, lambda: self._send(command))

    def _on_remove(self) -> None:
        key = selected_key(self.table)
        if key:
            command = c.RemoveItemFromCart(self.who.actor_id, key)
            attempt(self.message, lambda: self._send(command), self.tr("Removed from your cart."))

    def _on_checkout(self) -> None:
        command = c.CheckOut(self.who.actor_id)
        ok, order_id = attempt(self.message, lambda: self._send(command))
        if ok:
            order = next(
                o
                for o in self._shopping().orders(self.who.actor_id or "")
                if o.order_id == order_id
            )
            items = ", ".join(f"{line.quantity} × {line.name}" for line in order.lines)
            self.message.success(
                self.tr("Order placed: {0}. Paid {1} from your wallet.").format(
                    items, money(order.total_cents)
                )
            )
