"""Posting, editing in place and deleting a review with the star control and text box."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from app.pages.catalog import CatalogPage
from app.shell.bootstrap import AppContext
from app.shell.main_window import MainWindow
from app.widgets.stars import STAR_SIZE
from domain.demo import DemoShop
from tests.app.conftest import click_row, events_since, signed_in


def open_product(qtbot: QtBot, window: MainWindow, name: str) -> CatalogPage:
    catalog = window.show_page("catalog")
    assert isinstance(catalog, CatalogPage)
    click_row(qtbot, catalog.table, name)
    return catalog


def test_post_edit_and_delete_a_review(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, demo: DemoShop
) -> None:
    signed_in(qtbot, window, "jon", "shopper-pass")
    detail = open_product(qtbot, window, "Tea Journal").detail
    before = ctx.shop.read.head()
    star_four = QPoint(3 * STAR_SIZE + STAR_SIZE // 2, STAR_SIZE // 2)
    qtbot.mouseClick(detail.rating, Qt.MouseButton.LeftButton, pos=star_four)
    assert detail.rating.value() == 4
    qtbot.keyClicks(detail.text, "Nice paper, sturdy binding.")
    qtbot.keyClick(detail.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert detail.review_message.text() == "Thanks! Your review is posted."
    assert detail.submit.text() == "Save changes" and detail.delete.isVisible()
    first = detail.reviews.item(0).text()
    assert "jon" in first and "your review" in first and "Nice paper" in first

    detail.rating.setFocus()
    qtbot.keyClick(detail.rating, Qt.Key.Key_2)
    detail.text.clear()
    qtbot.keyClicks(detail.text, "The binding broke after a week.")
    qtbot.mouseClick(detail.submit, Qt.MouseButton.LeftButton)
    assert detail.review_message.text() == "Your review is updated."
    assert "(edited)" in detail.reviews.item(0).text()
    assert "★★☆☆☆" in detail.average.text() or "2.0" in detail.average.text()

    qtbot.mouseClick(detail.delete, Qt.MouseButton.LeftButton)
    assert detail.review_message.text() == "Your review is deleted."
    assert detail.reviews.item(0).text() == "No reviews yet. Be the first!"
    assert events_since(ctx, before) == ["ReviewPosted", "ReviewEdited", "ReviewDeleted"]


def test_a_rating_outside_1_to_5_cannot_be_entered(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, demo: DemoShop
) -> None:
    signed_in(qtbot, window, "jon", "shopper-pass")
    detail = open_product(qtbot, window, "Tea Journal").detail
    detail.rating.setFocus()
    for key in (Qt.Key.Key_7, Qt.Key.Key_0, Qt.Key.Key_9):
        qtbot.keyClick(detail.rating, key)
    assert detail.rating.value() == 0
    for _ in range(8):
        qtbot.keyClick(detail.rating, Qt.Key.Key_Right)
    assert detail.rating.value() == 5
    detail.rating.setValue(7)
    assert detail.rating.value() == 5
    detail.rating.setValue(0)  # and with no stars chosen the shop says what is accepted
    qtbot.keyClicks(detail.text, "No stars")
    before = ctx.shop.read.head()
    qtbot.mouseClick(detail.submit, Qt.MouseButton.LeftButton)
    assert detail.review_message.text() == "A rating must be a whole number from 1 to 5; got 0."
    assert ctx.shop.read.head() == before


def test_a_draft_review_does_not_follow_another_user(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, demo: DemoShop
) -> None:
    """Found while taking screenshots: after a change of user the form kept the last text."""
    signed_in(qtbot, window, "ann", "shopper-pass")
    detail = open_product(qtbot, window, "Ceramic Teapot").detail
    assert detail.text.toPlainText().startswith("The shop sent a new lid")  # ann's own review
    ctx.session.sign_out()
    signed_in(qtbot, window, "jon", "shopper-pass")
    assert detail.text.toPlainText() == "" and detail.rating.value() == 0
    assert detail.submit.text() == "Post review"
