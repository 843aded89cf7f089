# What the user saw is kept as they saw it, long lines and typographic signs too:
# ruff: noqa: E501
"""x]0;pwned[2J

Written from ../../tmp/replayshop-cli-fuzz-in_6bk3o/good/evil.shoprec by `replayshop recording script` on 2026-12-06.
Edit it as any test: delete a step, change a value. The app starts through the factory a
replay uses, on the recording's starting state, with the recorded ids and times handed back in
the order they were taken. Each failure names its step.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from app.replay_factory import make_replay_app
from recorder.scripted import ScriptedShop

RECORDING = Path(__file__).parent / "../../tmp/replayshop-cli-fuzz-in_6bk3o/good/evil.shoprec"
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def shop(qtbot: QtBot) -> Iterator[ScriptedShop]:
    with ScriptedShop(RECORDING, make_replay_app, qtbot) as shop:
        yield shop


def test_evil(shop: ScriptedShop, qtbot: QtBot) -> None:
    # 1. the shop opens
    shop.step("the shop opens")
    shop.window.resize(1280, 800)
    shop.sees(
        {
            "main/central/past_banner": "Live: the shop as it is now. Drag the slider to look back.",
            "main/central/time_travel/QLabel#0": "Time travel:",
            "main/central/time_travel/slider": "280 of 0..280",
            "main/central/time_travel/QLabel#1": "Now · 280 events",
            "main/central/time_travel/now": "Back to now [disabled]",
            "main/central/nav": ("> Catalog\n  Cart\n  Wallet\n  Orders\n  Reviews"),
            "main/central/pages/catalog/splitter/detail/body/title": "Assam Breakfast Tea",
            "main/central/pages/catalog/splitter/detail/body/QLabel#0": "$11.50",
            "main/central/pages/catalog/splitter/detail/body/QLabel#1": "Malty, brisk black tea from the Brahmaputra valley. 250 g tin.",
            "main/central/pages/catalog/splitter/detail/body/QLabel#2": "★★★★☆  4.3  ·  3 reviews",
            "main/central/pages/catalog/splitter/detail/body/histogram": "★★★★★: 2; ★★★★: 0; ★★★: 1; ★★: 0; ★: 0",
            "main/central/pages/catalog/splitter/detail/body/QLabel#3": "Quantity",
            "main/central/pages/catalog/splitter/detail/body/quantity": "1 [disabled]",
            "main/central/pages/catalog/splitter/detail/body/add_to_cart": "Add to cart [disabled]",
            "main/central/pages/catalog/splitter/detail/body/cart_message": "",
            "main/central/pages/catalog/splitter/detail/body/review_box/QLabel#0": "Rating",
            "main/central/pages/catalog/splitter/detail/body/review_box/review_rating": "0 of 5 stars",
            "main/central/pages/catalog/splitter/detail/body/review_box/QLabel#1": "Review",
            "main/central/pages/catalog/splitter/detail/body/review_box/review_text": " [disabled]",
            "main/central/pages/catalog/splitter/detail/body/review_box/review_submit": "Post review [disabled]",
            "main/central/pages/catalog/splitter/detail/body/review_box/review_message": "",
            "main/central/pages/catalog/splitter/detail/body/QLabel#4": "Reviews",
            "main/central/pages/catalog/splitter/detail/body/reviews": (
                "  ★★★★★  carla · 2026-11-24 13:15 / The best I have tried. Worth every cent. #favourite\n"
                "  ★★★★★  ann · 2026-11-07 04:37 / Exactly as described, I reorder every month. #daily\n"
                "  ★★★☆☆  ines · 2026-11-04 22:51 / It's fine. Nothing special."
            ),
            "main/central/pages/catalog/splitter/list/search": "",
            "main/central/pages/catalog/splitter/list/sort": "Sort: Name",
            "main/central/pages/catalog/splitter/list/products": (
                "> Assam Breakfast Tea | $11.50 | ★★★★☆  4.3 | 3\n"
                "  Bamboo Tea Tray | $31.50 | ★★★★☆  3.5 | 2\n"
                "  Bamboo Whisk (Chasen) | $16.90 | ★★★★☆  4.0 | 2\n"
                "  Cast Iron Kettle | $64.50 | no ratings | 0\n"
                "  Ceramic Teapot 1 l | $39.00 | ★★★★☆  4.0 | 2\n"
                "  Chai Spice Blend | $8.90 | ★★★★☆  4.5 | 2\n"
                "  Cold Brew Bottle | $22.50 | ★★★★☆  4.0 | 1\n"
                "  Darjeeling First Flush | $21.90 | ★★★☆☆  3.0 | 1\n"
                "  Digital Scale 0.1 g | $18.50 | ★★★★★  5.0 | 1\n"
                "  Earl Grey Supreme | $11.90 | ★☆☆☆☆  1.0 | 1\n"
                "  Glass Tea Cups (set of 4) | $24.00 | no ratings | 0\n"
                "  Honey Sticks (20 pack) | $6.50 | ★★★★★  5.0 | 1\n"
                "  Jasmine Pearls | $18.90 | ★☆☆☆☆  1.0 | 1\n"
                "  Linen Tea Towels (pair) | $15.90 | ★★★★☆  4.0 | 2\n"
                "  Matcha Ceremonial Grade | $28.90 | ★★★★☆  4.0 | 2\n"
                "  Milk Frother | $12.90 | ★★★☆☆  2.7 | 3\n"
                "  Oolong Tie Guan Yin | $17.90 | ★★★★☆  4.0 | 2\n"
                "  Peppermint Leaves | $7.90 | ★★★☆☆  3.0 | 1\n"
                "  Porcelain Gaiwan | $19.90 | ★★★★★  5.0 | 1\n"
                "  Rooibos Vanilla | $9.90 | ★★★★☆  4.5 | 2\n"
                "  Sencha Green Tea | $14.90 | ★★★★☆  4.0 | 1\n"
                "  Tea Journal | $13.90 | no ratings | 0\n"
                "  Tea Tin Set | $14.50 | ★★★☆☆  3.0 | 2\n"
                "  Variable Temperature Kettle | $79.00 | ★★★★☆  4.0 | 2\n"
                "  Yerba Mate Gourd | $24.90 | ★★★★★  5.0 | 1"
            ),
            "main/central/pages/catalog/splitter/list/QLabel#0": "25 products",
            "main/status/recording": "● REC",
            "main/status/user": "Not signed in",
            "main/status/sign_in_out": "Sign in…",
        },
    )

    # 2. choose about replay shop
    shop.step("choose about replay shop")
    qtbot.mousePress(shop.widget("main", "QMenuBar#0"), LEFT, pos=QPoint(69, 9))
    shop.menu("about_replay_shop")
    shop.sees(
        {
            "main/about/qt_msgboxex_icon_label": "",
            "main/about/qt_msgbox_label": "Replay Shop 0.1.0",
            "main/about/qt_msgbox_buttonbox/QPushButton#0": "OK",
            "main/about/qt_msgbox_informativelabel": (
                "An event-sourced shop: nothing is ever lost, and every session can be replayed.\n"
                "\n"
                "Event log head: (this store's)"
            ),
        },
    )

    # 3. press Escape
    shop.step("press Escape")
    qtbot.keyClick(shop.focus("main/about", "qt_msgbox_buttonbox/QPushButton#0"), Qt.Key.Key_Escape)
    shop.sees(
        gone=["main/about/*"],
    )

    # 4. press Control+Q
    shop.step("press Control+Q")
    qtbot.keyClick(
        shop.focus("main/central/time_travel/slider"),
        Qt.Key.Key_Q,
        Qt.KeyboardModifier.ControlModifier,
    )

    shop.done()
