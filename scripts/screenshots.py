"""Take the README's screenshots: `xvfb-run -s "-screen 0 1600x1000x24" .venv/bin/python
scripts/screenshots.py docs/screenshots`. Seeds a fresh demo shop and shows each main view at
1280x800, as a user would see it. `--german` takes the German one instead (german.png), with
the translations loaded as on a German desktop."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QLocale, QTimer
from PySide6.QtWidgets import QApplication

from app.pages.catalog import CatalogPage
from app.pages.event_log import EventLogPage
from app.pages.moderation import ModerationPage
from app.platform.i18n import install_translations
from app.shell.bootstrap import bootstrap
from app.shell.main_window import MainWindow
from domain.demo import seed_demo
from domain.model import commands as c


def main(out: Path, german: bool = False) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv)
    if german:
        QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    install_translations()  # as the app does: English's plural forms need their catalogue too
    tmp = Path(tempfile.mkdtemp())
    ctx = bootstrap(tmp / "shop.db", tmp / "shop.ini")
    demo = seed_demo(ctx.shop.bus, admin_password="admin-password")
    ann = demo.shopper_ids["ann"]
    for product in demo.product_ids[3:6]:
        ctx.handle(c.AddItemToCart(ann, product, 1))
    window = MainWindow(ctx)
    window.resize(1280, 800)
    window.show()
    shots: list[tuple[str, str, str]] = [
        ("ann", "catalog", "catalog"),
        ("ann", "cart", "cart"),
        ("ann", "wallet", "wallet"),
        ("ann", "orders", "orders"),
        ("admin", "admin_products", "admin-products"),
        ("admin", "moderation", "moderation"),
        ("admin", "analytics", "analytics"),
        ("admin", "event_log", "event-log"),
        ("admin", "catalog", "time-travel"),
        ("ann", "catalog", "dark"),  # View → Colours → Dark
    ]
    if german:
        shots = [("ann", "wallet", "german")]

    def take() -> None:
        for who, page_name, file_name in shots:
            account = ctx.shop.read.accounts.by_id(demo.admin_id if who == "admin" else ann)
            assert account is not None
            if ctx.session.actor_id != account.account_id:
                ctx.session.sign_in(account)
            page = window.show_page(page_name)
            if isinstance(page, CatalogPage):
                for row in range(page.table.rowCount()):
                    item = page.table.item(row, 0)
                    if item is not None and item.text().startswith("Ceramic Teapot"):
                        page.table.selectRow(row)
            if isinstance(page, ModerationPage):
                page.table.selectRow(1)
            if isinstance(page, EventLogPage):
                page.table.selectRow(0)  # the newest event, in full beside the list
            if file_name == "dark":
                window.time_bar.back_to_now()
                window.set_colours("dark")
                page.refresh()
            if file_name == "time-travel":
                window.time_bar.travel_to(ctx.shop.read.head() // 2)
                while not ctx.view.is_past:
                    app.processEvents()
            app.processEvents()
            window.grab().save(str(out / f"{file_name}.png"))
            print(f"saved {out / file_name}.png")
        window.set_colours("system")
        window.shutdown()
        app.quit()

    QTimer.singleShot(500, take)
    app.exec()


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--german"]
    main(Path(args[0] if args else "docs/screenshots"), german="--german" in sys.argv)
