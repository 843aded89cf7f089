"""One product: description, rating chart, add to cart, and its reviews (own one editable)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.pages.page import accessible, heading
from app.widgets.charts import RatingHistogram
from app.widgets.format import money, stars, when
from app.widgets.inputs import Moment, Send, SignedIn
from app.widgets.messages import MessageLine, attempt
from app.widgets.names import name_form_labels, named
from app.widgets.stars import StarRating
from domain.model import commands as c
from domain.model.review import review_id_for
from domain.readside.queries.catalog import CatalogQueries
from domain.readside.views import ReviewView


class ProductDetail(QScrollArea):
    def __init__(
        self,
        send: Send,
        catalog: Callable[[], CatalogQueries],
        who: SignedIn,
        moment: Moment,
    ) -> None:
        super().__init__()
        self.setObjectName("detail")
        accessible(self, self.tr("Product details"))  # a Tab stop: the arrows scroll it
        self._send, self._catalog, self.who, self.moment = send, catalog, who, moment
        self.product_id: str | None = None
        self._last_shown: str | None = None  # the last product shown (messages belong to it)
        self.own_review: ReviewView | None = None
        self._form_for: tuple[str | None, str | None] = (None, None)  # (product, author)
        self._on_sale = False  # the shown product is active; set by refresh()
        self.setWidgetResizable(True)
        body = QWidget()
        body.setObjectName("body")
        self.setWidget(body)
        # Built in the order they appear: the order of creation is the order of Tab.
        self._build_summary()
        buy = self._build_buying()
        self._build_review_form()
        self._build_reviews()
        self._lay_out(body, buy)
        self._connect()
        self.show_product(None)

    def _build_summary(self) -> None:
        self.title = heading("")
        self.title.setObjectName("title")
        self.title.setWordWrap(True)
        self.price = named(QLabel(), "price")
        self.description = named(QLabel(), "description")
        self.description.setWordWrap(True)
        self.average = named(QLabel(), "average")
        self.histogram = RatingHistogram("histogram")

    def _build_buying(self) -> QHBoxLayout:
        self.quantity = QSpinBox()
        self.quantity.setObjectName("quantity")
        self.quantity.setRange(1, 99)
        accessible(self.quantity, self.tr("Quantity to add"))
        self.add_to_cart = QPushButton(self.tr("Add to cart"))
        self.add_to_cart.setObjectName("add_to_cart")
        self.cart_message = MessageLine("cart_message")
        buy = QHBoxLayout()
        buy.addWidget(named(QLabel(self.tr("Quantity")), "quantity_label"))
        buy.addWidget(self.quantity)
        buy.addWidget(self.add_to_cart)
        buy.addStretch(1)
        return buy

    def _build_review_form(self) -> None:
        self.rating = StarRating("review_rating")
        self.text = QPlainTextEdit()
        self.text.setObjectName("review_text")
        self.text.setPlaceholderText(self.tr("What did you think? (Ctrl+Enter posts)"))
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(90)
        self.submit = QPushButton(self.tr("Post review"))
        self.submit.setObjectName("review_submit")
        self.delete = QPushButton(self.tr("Delete my review"))
        self.delete.setObjectName("review_delete")
        self.review_message = MessageLine("review_message")
        # Deleting asks nothing first; it can be undone instead, while its message shows: the
        # review is posted again as it was (the log keeps both the delete and the repost).
        self.undo = QPushButton(self.tr("Undo"))
        self.undo.setObjectName("review_undo")
        self.undo.setToolTip(self.tr("Post the deleted review again, as it was"))
        self.undo.hide()
        self._deleted: tuple[str, int, str] | None = None  # (product, rating, text)
        self.review_message.cleared.connect(self.undo.hide)
        self.review_box = QGroupBox(self.tr("Write a review"))
        self.review_box.setObjectName("review_box")
        form = QFormLayout(self.review_box)
        form.addRow(self.tr("Rating"), self.rating)
        form.addRow(self.tr("Review"), self.text)
        actions = QHBoxLayout()
        actions.addWidget(self.submit)
        actions.addWidget(self.delete)
        actions.addWidget(self.undo)
        actions.addStretch(1)
        form.addRow(actions)
        form.addRow(self.review_message)
        name_form_labels(form)

    def _build_reviews(self) -> None:
        self.reviews = QListWidget()
        self.reviews.setObjectName("reviews")
        accessible(self.reviews, self.tr("Reviews of this product"))
        self.reviews.setWordWrap(True)
        self.reviews.setMinimumHeight(160)

    def _lay_out(self, body: QWidget, buy: QHBoxLayout) -> None:
        layout = QVBoxLayout(body)
        for widget in (self.title, self.price, self.description, self.average, self.histogram):
            layout.addWidget(widget)
        layout.addLayout(buy)
        layout.addWidget(self.cart_message)
        layout.addWidget(self.review_box)
        layout.addWidget(named(QLabel(self.tr("Reviews")), "reviews_label"))
        layout.addWidget(self.reviews, 1)

    def _connect(self) -> None:
        self.add_to_cart.clicked.connect(self._on_add_to_cart)
        self.submit.clicked.connect(self._on_submit)
        self.delete.clicked.connect(self._on_delete)
        self.undo.clicked.connect(self._on_undo)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self.text, self._on_submit)

    # --- reading ----------------------------------------------------------------------------

    def show_product(self, product_id: str | None) -> None:
        if product_id is not None and product_id != self._last_shown:
            # A quantity chosen for one product must not carry over to the next one. A moment
            # with no product (a table refreshing after a command) is not another product:
            # the message the command left ("Added 2 to your cart.") stays.
            self.quantity.setValue(1)
            self.review_message.clear_message()
            self.cart_message.clear_message()
            self._last_shown = product_id
        self.product_id = product_id
        self.refresh()

    def refresh(self) -> None:
        catalog = self._catalog()
        product = catalog.product(self.product_id) if self.product_id else None
        body = self.widget()
        assert body is not None
        body.setVisible(product is not None)
        self._on_sale = bool(product and product.active)
        if product is None:
            return
        retired = "" if product.active else "  (retired)"
        self.title.setText(product.name + retired)
        self.price.setText(money(product.price_cents))
        self.description.setText(product.description or self.tr("No description."))
        count = product.review_count
        self.average.setText(
            f"{stars(product.average_rating)}  ·  " + self.tr("%n review(s)", "", count)
        )
        self.histogram.set_counts(catalog.rating_histogram(product.product_id))
        reviews = catalog.reviews_for(product.product_id)
        me = self.who.actor_id
        self.own_review = next((r for r in reviews if r.author_id == me), None)
        self.reviews.clear()
        for review in reviews:
            edited = self.tr("  (edited)") if review.edited else ""
            mine = self.tr("  — your review") if review.author_id == me else ""
            item = QListWidgetItem(
                f"{'★' * review.rating}{'☆' * (5 - review.rating)}  "
                f"{review.author_name} · {when(review.posted_at)}{edited}"
                f"{mine}\n{review.text}"
            )
            item.setData(Qt.ItemDataRole.UserRole, review.review_id)
            self.reviews.addItem(item)
        if not reviews:
            self.reviews.addItem(self.tr("No reviews yet. Be the first!"))
        self._load_form(product.active)
        self.update_enabled()

    def _load_form(self, active: bool) -> None:
        # The form belongs to one author and one product: anything typed for another is cleared.
        owner = (self.product_id, self.who.actor_id)
        if owner != self._form_for:
            self._form_for = owner
            self.rating.setValue(0)
            self.text.clear()
        if self.own_review is not None:
            self.review_box.setTitle(self.tr("Your review (edit it in place)"))
            self.submit.setText(self.tr("Save changes"))
            if not self.text.hasFocus():
                self.rating.setValue(self.own_review.rating)
                self.text.setPlainText(self.own_review.text)
        else:
            self.review_box.setTitle(self.tr("Write a review"))
            self.submit.setText(self.tr("Post review"))
        self.delete.setVisible(self.own_review is not None)
        self.add_to_cart.setText(self.tr("Add to cart") if active else self.tr("Retired"))

    def update_enabled(self) -> None:
        signed_in = self.who.account is not None
        live = not self.moment.is_past
        active = self._on_sale
        buying: tuple[QWidget, ...] = (self.quantity, self.add_to_cart)
        for widget in buying:
            widget.setEnabled(live and signed_in and active)
        reviewing: tuple[QWidget, ...] = (self.rating, self.text, self.submit, self.delete)
        for widget in reviewing:
            widget.setEnabled(live and signed_in)
        if not signed_in:
            self.review_box.setTitle(self.tr("Sign in to write a review"))

    # --- commands ---------------------------------------------------------------------------

    def _on_add_to_cart(self) -> None:
        if self.product_id is None:
            return
        command = c.AddItemToCart(self.who.actor_id, self.product_id, self.quantity.value())
        qty = self.quantity.value()
        done = self.tr("Added {0} to your cart.").format(qty)
        attempt(self.cart_message, lambda: self._send(command), done)

    def _on_submit(self) -> None:
        if self.product_id is None or not self.submit.isEnabled():
            return
        actor, rating, text = (
            self.who.actor_id,
            self.rating.value(),
            self.text.toPlainText(),
        )
        command: c.Command
        if self.own_review is None:
            command = c.PostReview(actor, self.product_id, rating, text)
            done = self.tr("Thanks! Your review is posted.")
        else:
            command = c.EditReview(actor, self.own_review.review_id, rating, text)
            done = self.tr("Your review is updated.")
        ok, _ = attempt(self.review_message, lambda: self._send(command), done)
        if ok:
            self.text.clearFocus()
            self.refresh()

    def _on_delete(self) -> None:
        if self.product_id is None or self.own_review is None:
            return
        actor = self.who.actor_id or ""
        deleted = (self.product_id, self.own_review.rating, self.own_review.text)
        command = c.DeleteReview(actor, review_id_for(self.product_id, actor))
        ok, _ = attempt(
            self.review_message,
            lambda: self._send(command),
            self.tr("Your review is deleted."),
        )
        if ok:
            self.rating.setValue(0)
            self.text.clear()
            self.refresh()
            self._deleted = deleted
            self.undo.show()

    def _on_undo(self) -> None:
        if self._deleted is None or self._deleted[0] != self.product_id:
            return
        product_id, rating, text = self._deleted
        command = c.PostReview(self.who.actor_id, product_id, rating, text)
        ok, _ = attempt(
            self.review_message, lambda: self._send(command), self.tr("Your review is back.")
        )
        if ok:
            self._deleted = None
            self.refresh()
