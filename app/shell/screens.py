"""Wiring the screens: each page and dialog is handed the few things it uses, taken here
from the app's context, so none of them reaches through the whole app (issue 31).

A page gets `send` (the bus, with the session's context), a getter of its query object for
the moment shown (now, or the past a time trip built), who is signed in and which moment is
shown; a dialog gets what its form needs. Only this module and the main window see
`AppContext`.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.dialogs.account import AccountDialog
from app.dialogs.password import PasswordDialog
from app.dialogs.report import ReportDialog, ReportSource
from app.pages.admin_products import ProductsAdminPage
from app.pages.analytics import AnalyticsPage
from app.pages.cart import CartPage
from app.pages.catalog import CatalogPage
from app.pages.event_log import EventLogPage
from app.pages.moderation import ModerationPage
from app.pages.orders import OrdersPage
from app.pages.page import Page
from app.pages.reviews import ReviewsPage
from app.pages.time_travel import TimeTravelBar
from app.pages.wallet import WalletPage
from app.pages.welcome import WelcomeDialog
from app.shell.bootstrap import AppContext
from domain.demo import seed_demo


def build_pages(ctx: AppContext) -> list[Page]:
    """The pages in the navigation's order. A new page goes last: a recording clicks the
    list by position, so earlier items must not move."""
    send, who, moment, clock = ctx.handle, ctx.session, ctx.view, ctx.time
    # The getters are asked at each read: `view.read` is the past while a trip shows one.
    return [
        CatalogPage(send, lambda: ctx.view.read.catalog, who, moment, clock),
        CartPage(send, lambda: ctx.view.read.shopping, who, moment),
        WalletPage(
            send, lambda: ctx.view.read.shopping, lambda: ctx.view.read.accounts, who, moment
        ),
        OrdersPage(lambda: ctx.view.read.shopping, who, moment),
        ProductsAdminPage(send, lambda: ctx.view.read.catalog, who, moment),
        ModerationPage(send, lambda: ctx.view.read.reviews, who, moment, clock),
        AnalyticsPage(lambda: ctx.view.read.analytics, who, moment),
        EventLogPage(lambda: ctx.view.read.event_log, who, moment),
        ReviewsPage(lambda: ctx.view.read.reviews, who, moment, clock),
    ]


def time_travel_bar(ctx: AppContext) -> TimeTravelBar:
    return TimeTravelBar(ctx.shop.read, ctx.view, ctx.jobs, ctx.signals.appended, ctx.time)


def welcome_dialog(ctx: AppContext, parent: QWidget | None) -> WelcomeDialog:
    bus = ctx.shop.bus

    def seed() -> str:
        return seed_demo(bus).admin_password

    return WelcomeDialog(seed, ctx.jobs, parent)


def account_dialog(
    ctx: AppContext, parent: QWidget | None, sign_up: bool = False, admin: bool = False
) -> AccountDialog:
    return AccountDialog(
        ctx.prepare,
        ctx.jobs,
        ctx.shop.bus.passwords,
        ctx.session,
        ctx.session.sign_in,
        ctx.shop.read.accounts,
        parent,
        sign_up=sign_up,
        admin=admin,
    )


def password_dialog(ctx: AppContext, parent: QWidget | None) -> PasswordDialog:
    return PasswordDialog(ctx.prepare, ctx.jobs, ctx.shop.bus.passwords, ctx.session, parent)


def report_dialog(ctx: AppContext, parent: QWidget | None, problem: str = "") -> ReportDialog:
    source = ReportSource(
        recorder=ctx.recorder,
        db_path=ctx.db_path,
        recorded_sessions=ctx.recorded_sessions,
        settle=lambda: ctx.shop.follower.ensure(),
        now=ctx.shop.bus.clock,
        answer=ctx.answer,
    )
    return ReportDialog(source, parent, problem)
