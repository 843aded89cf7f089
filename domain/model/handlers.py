"""One small handler per command: load aggregates, call one method on each, return a result.

Handlers never commit or publish; the bus does that. Cross-aggregate facts a rule needs (is the
product active, is the actor an admin) come from loading those aggregates, never from read models.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from domain.model import commands as c
from domain.model.account import Account, ShopSetup, Username, username_key
from domain.model.cart import Cart
from domain.model.errors import QT_TRANSLATE_NOOP, AdminExists, UnknownAccount, UnknownProduct
from domain.model.events import OrderLine
from domain.model.product import Product
from domain.model.review import Review, review_id_for
from domain.model.unit_of_work import UnitOfWork
from domain.model.wallet import Wallet


def register_account(cmd: c.RegisterAccount, uow: UnitOfWork) -> str:
    role = "shopper"
    setup = uow.get(ShopSetup, ShopSetup.ID)
    if cmd.admin:
        # Only the first-run setup creates an administrator, and only while there is none.
        if setup.first_admin is not None:
            raise AdminExists()
        role = "admin"
    account_id = uow.new_id()
    uow.get(Account, account_id).register(cmd.username, cmd.password, role, uow.passwords)
    uow.get(Username, username_key(cmd.username)).claim(cmd.username.strip(), account_id)
    if role == "admin":
        setup.appoint_first_admin(account_id)
    return account_id


def sign_in(cmd: c.SignIn, uow: UnitOfWork) -> str:
    entry = uow.get(Username, username_key(cmd.username))
    if entry.account_id is None:
        raise UnknownAccount(cmd.username.strip())
    account = uow.get(Account, entry.account_id)
    account.check_password(cmd.password, uow.passwords)
    return account.id


def change_password(cmd: c.ChangePassword, uow: UnitOfWork) -> None:
    account = uow.actor(cmd.actor_id, QT_TRANSLATE_NOOP("Action", "change your password"))
    account.change_password(cmd.old_password, cmd.new_password, uow.passwords)


def _product(uow: UnitOfWork, product_id: str) -> Product:
    product = uow.get(Product, product_id)
    if not product.exists:
        raise UnknownProduct(product_id)
    return product


def add_product(cmd: c.AddProduct, uow: UnitOfWork) -> str:
    uow.admin(cmd.actor_id, QT_TRANSLATE_NOOP("Action", "add products"))
    product = uow.get(Product, uow.new_id())
    product.add(cmd.name, cmd.description, cmd.price_cents)
    return product.id


def change_price(cmd: c.ChangePrice, uow: UnitOfWork) -> None:
    uow.admin(cmd.actor_id, QT_TRANSLATE_NOOP("Action", "change prices"))
    _product(uow, cmd.product_id).change_price(cmd.price_cents)


def retire_product(cmd: c.RetireProduct, uow: UnitOfWork) -> None:
    uow.admin(cmd.actor_id, QT_TRANSLATE_NOOP("Action", "retire products"))
    _product(uow, cmd.product_id).retire()


def post_review(cmd: c.PostReview, uow: UnitOfWork) -> str:
    author = uow.actor(cmd.actor_id, QT_TRANSLATE_NOOP("Action", "write a review"))
    _product(uow, cmd.product_id)  # reviews of retired products stay, but must name a real one
    review = uow.get(Review, review_id_for(cmd.product_id, author.id))
    review.post(cmd.rating, cmd.text)
    return review.id


def _review(uow: UnitOfWork, review_id: str) -> Review:
    return uow.get(Review, review_id)


def edit_review(cmd: c.EditReview, uow: UnitOfWork) -> None:
    author = uow.actor(cmd.actor_id, QT_TRANSLATE_NOOP("Action", "edit a review"))
    _review(uow, cmd.review_id).edit(author.id, cmd.rating, cmd.text)


def delete_review(cmd: c.DeleteReview, uow: UnitOfWork) -> None:
    author = uow.actor(cmd.actor_id, QT_TRANSLATE_NOOP("Action", "delete a review"))
    _review(uow, cmd.review_id).delete(author.id)


def hide_review(cmd: c.HideReview, uow: UnitOfWork) -> None:
    admin = uow.admin(cmd.actor_id, QT_TRANSLATE_NOOP("Action", "hide reviews"))
    _review(uow, cmd.review_id).hide(admin.id, cmd.reason)


def unhide_review(cmd: c.UnhideReview, uow: UnitOfWork) -> None:
    admin = uow.admin(cmd.actor_id, QT_TRANSLATE_NOOP("Action", "show hidden reviews again"))
    _review(uow, cmd.review_id).unhide(admin.id, cmd.reason)


def add_item_to_cart(cmd: c.AddItemToCart, uow: UnitOfWork) -> None:
    shopper = uow.actor(cmd.actor_id, QT_TRANSLATE_NOOP("Action", "fill a cart"))
    product = _product(uow, cmd.product_id)
    product.ensure_available()
    uow.get(Cart, shopper.id).add(product.id, cmd.quantity, product.price_cents)


def change_quantity(cmd: c.ChangeQuantity, uow: UnitOfWork) -> None:
    shopper = uow.actor(cmd.actor_id, QT_TRANSLATE_NOOP("Action", "change a cart"))
    uow.get(Cart, shopper.id).change_quantity(cmd.product_id, cmd.quantity)


def remove_item_from_cart(cmd: c.RemoveItemFromCart, uow: UnitOfWork) -> None:
    shopper = uow.actor(cmd.actor_id, QT_TRANSLATE_NOOP("Action", "change a cart"))
    uow.get(Cart, shopper.id).remove(cmd.product_id)


def check_out(cmd: c.CheckOut, uow: UnitOfWork) -> str:
    shopper = uow.actor(cmd.actor_id, QT_TRANSLATE_NOOP("Action", "check out"))
    cart = uow.get(Cart, shopper.id)
    lines = []
    for product_id, quantity in cart.lines.items():
        product = _product(uow, product_id)
        product.ensure_available()  # a product retired since it was added cannot be sold
        lines.append(OrderLine(product_id, product.name, quantity, product.price_cents))
    order_id = uow.new_id()
    total = cart.check_out(order_id, lines)
    uow.get(Wallet, shopper.id).debit(uow.new_id(), total, order_id)
    return order_id


def deposit_funds(cmd: c.DepositFunds, uow: UnitOfWork) -> str:
    shopper = uow.actor(cmd.actor_id, QT_TRANSLATE_NOOP("Action", "deposit funds"))
    tx_id = uow.new_id()
    uow.get(Wallet, shopper.id).deposit(tx_id, cmd.amount_cents, cmd.note)
    return tx_id


def correct_transaction(cmd: c.CorrectTransaction, uow: UnitOfWork) -> str:
    uow.admin(cmd.actor_id, QT_TRANSLATE_NOOP("Action", "correct wallet transactions"))
    wallet = uow.get(Wallet, cmd.wallet_id)
    found = uow.wallet_transaction(wallet.stream_id, cmd.tx_id)
    new_tx_id = uow.new_id()
    wallet.correct(cmd.tx_id, found, uow.new_id(), new_tx_id, cmd.correct_amount_cents, cmd.reason)
    return new_tx_id


Handler = Callable[[Any, UnitOfWork], Any]

HANDLERS: dict[type[c.Command], Handler] = {
    c.RegisterAccount: register_account,
    c.SignIn: sign_in,
    c.ChangePassword: change_password,
    c.AddProduct: add_product,
    c.ChangePrice: change_price,
    c.RetireProduct: retire_product,
    c.PostReview: post_review,
    c.EditReview: edit_review,
    c.DeleteReview: delete_review,
    c.HideReview: hide_review,
    c.UnhideReview: unhide_review,
    c.AddItemToCart: add_item_to_cart,
    c.ChangeQuantity: change_quantity,
    c.RemoveItemFromCart: remove_item_from_cart,
    c.CheckOut: check_out,
    c.DepositFunds: deposit_funds,
    c.CorrectTransaction: correct_transaction,
}
