"""The Reviews page: the newest reviews of the shop, narrowed by author, #tag and days,
through real widgets on a real store seeded with the demo."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.pages.reviews import ReviewsPage
from app.shell.bootstrap import AppContext
from app.shell.main_window import MainWindow
from domain.demo import DemoShop
from domain.model import commands as c


def shown(page: ReviewsPage) -> list[list[str]]:
    table = page.table
    return [
        [table.item(r, col).text() for col in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def test_lookups_by_tag_author_and_day(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, demo: DemoShop
) -> None:
    ann, jon = demo.shopper_ids["ann"], demo.shopper_ids["jon"]
    product = ctx.handle(c.AddProduct(demo.admin_id, "Party hat", "", 300))
    ctx.handle(c.PostReview(ann, product, 5, "A perfect #Birthday present"))
    ctx.handle(c.PostReview(jon, product, 3, "Fine for a #birthday"))
    page = window.show_page("reviews")
    assert isinstance(page, ReviewsPage)
    newest = shown(page)
    assert newest[0][4] == "Fine for a #birthday" and page.summary.text().startswith("The ")

    qtbot.keyClicks(page.tag, "#BIRTHDAY")
    qtbot.waitUntil(lambda: len(shown(page)) == 2)
    assert [row[2] for row in shown(page)] == ["jon", "ann"]
    assert page.summary.text() == "2 reviews found"

    qtbot.keyClicks(page.author, "Ann")
    qtbot.waitUntil(lambda: len(shown(page)) == 1)
    assert shown(page)[0][3] == "★★★★★"
    assert page.summary.text() == "1 review found"  # not "1 review(s)"

    today = ctx.shop.read.reviews.find(tag="birthday")[0].posted_at[:10]
    qtbot.keyClicks(page.since, "yesterday")
    qtbot.waitUntil(lambda: "is not a date" in page.message.text())
    assert len(shown(page)) == 1  # the last good answer stays while the date is wrong
    page.since.clear()
    qtbot.keyClicks(page.since, today)
    qtbot.keyClicks(page.until, today)
    qtbot.waitUntil(lambda: page.message.text() == "" and len(shown(page)) == 1)
