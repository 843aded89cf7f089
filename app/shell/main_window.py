"""The main window: navigation, pages, time travel, who is signed in."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.dialogs.about import about_box
from app.dialogs.account import AccountDialog
from app.dialogs.demo_info import demo_info_box
from app.dialogs.password import PasswordDialog
from app.dialogs.report import ReportDialog
from app.pages.event_log import EventLogPage
from app.pages.page import Page
from app.pages.welcome import WelcomeDialog
from app.platform.theme import apply_scheme
from app.shell import window_settings
from app.shell.bootstrap import AppContext
from app.shell.horizon import Horizon
from app.shell.menus import MenuBar
from app.shell.open_recording import open_recording
from app.shell.past_banner import show_moment
from app.shell.rollout import Rollouts
from app.shell.screens import (
    account_dialog,
    build_pages,
    password_dialog,
    report_dialog,
    time_travel_bar,
    welcome_dialog,
)
from app.shell.status_bar import StatusBar
from app.widgets.inner_parts import name_inner_parts
from app.widgets.messages import MessageLine

SP = QStyle.StandardPixmap
NAV_ICONS = {
    "catalog": SP.SP_FileDialogContentsView,
    "cart": SP.SP_DialogSaveButton,
    "wallet": SP.SP_DriveHDIcon,
    "orders": SP.SP_FileDialogDetailedView,
    "admin_products": SP.SP_FileDialogNewFolder,
    "moderation": SP.SP_MessageBoxWarning,
    "analytics": SP.SP_FileDialogInfoView,
    "event_log": SP.SP_FileDialogListView,
    "reviews": SP.SP_FileDialogStart,
}


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.setObjectName("main")
        self.setWindowTitle(self.tr("Replay Shop"))
        self.ctx = ctx
        app = QApplication.instance()
        scheme = str(ctx.settings.value("view/colours", "system"))
        if isinstance(app, QApplication) and scheme != "system":
            apply_scheme(app, scheme)  # before any widget picks its colours
        self.dialog: AccountDialog | WelcomeDialog | None = None
        self.report_dialog: ReportDialog | None = None
        self.password_dialog: PasswordDialog | None = None
        self.info: QMessageBox | None = None
        # Other writers' events reach the screens only where the recorder sees them move in.
        self.horizon = Horizon(ctx, self._show_others_changes)

        self.pages = build_pages(ctx)  # each handed what it uses (app/shell/screens.py)
        self.stack = QStackedWidget()
        self.stack.setObjectName("pages")
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setAccessibleName(self.tr("Pages"))
        self.nav.setAccessibleDescription(
            self.tr(
                "The shop's pages; Ctrl+1 to Ctrl+8 show the page in that place, Ctrl+9 the last"
            )
        )
        self.nav.setFixedWidth(170)
        self.nav.setIconSize(QSize(20, 20))
        self._style_nav()
        for page in self.pages:
            self.stack.addWidget(page)
            item = QListWidgetItem(
                self.style().standardIcon(NAV_ICONS[page.objectName()]), page.title()
            )
            item.setData(Qt.ItemDataRole.UserRole, page.objectName())
            self.nav.addItem(item)
        self.banner = QLabel()
        self.banner.setObjectName("past_banner")
        self._show_banner()  # always there: the page below must not move when it changes
        self.time_bar = time_travel_bar(ctx)
        self._lay_out()

        self.status = StatusBar(self, lambda: ctx.shop.follower.seen, self.horizon.check)
        # Tests and the recorder's scripts reach these through the window.
        self.user_label, self.sign_button = self.status.user_label, self.status.sign_button
        self.recording_label, self.lag_label = self.status.recording_label, self.status.lag_label
        self._build_menus()

        self.nav.currentRowChanged.connect(self._on_nav)
        self.sign_button.clicked.connect(self._on_sign_button)
        ctx.signals.appended.connect(self._on_appended)
        for page in self.pages:
            if isinstance(page, EventLogPage):
                page.travel_requested.connect(self.time_bar.travel_to)
        ctx.view.changed.connect(self._on_view_changed)
        ctx.session.changed.connect(self._on_session_changed)
        self.rollouts = Rollouts(ctx)
        self.resize(1280, 800)
        if shown := window_settings.restore(self, ctx.settings, self.pages):
            self.show_page(shown)  # the page of the last run
        window_settings.fit_on_screen(self)
        self._on_session_changed()
        name_inner_parts(self)  # clear buttons and combo lists, for screen readers

    # --- building ---------------------------------------------------------------------------

    def _lay_out(self) -> None:
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        central = QWidget()
        central.setObjectName("central")
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.time_bar)
        layout.addLayout(body, 1)
        self.setCentralWidget(central)

    def _build_menus(self) -> None:
        """The menus of the table in app/shell/menus.py, wired to this window."""
        chosen = str(self.ctx.settings.value("view/colours", "system"))
        self.menus = MenuBar(self, self.pages, chosen)
        self.page_actions = self.menus.page_actions
        self.help_menu = self.menus.menus["menu_help"]
        self.record_action = self.menus.actions["record_this_session"]
        self.password_action = self.menus.actions["change_password"]
        self.record_action.setChecked(self.ctx.recorder is not None)
        self.record_action.setEnabled(self.ctx.recorder is not None)
        self.ctx.errors.bug_report = self.open_report
        self._show_recording()

    def _open_recording(self) -> None:
        open_recording(self)

    def set_colours(self, scheme: str) -> None:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        apply_scheme(app, scheme)
        self.ctx.settings.setValue("view/colours", scheme)
        self._style_nav()
        self._show_banner()
        self._show_recording()
        self._clear_messages()  # their colours were chosen for the old background
        self.refresh()

    def _style_nav(self) -> None:
        # A style sheet reads palette(base) when it is set: set again after a colour switch.
        self.nav.setStyleSheet(
            "QListWidget#nav { border: none; background: palette(base); }"
            "QListWidget#nav::item { padding: 8px 6px; }"
        )

    def _clear_messages(self) -> None:
        """Feedback answers one moment: a deposit's "Deposited $200.00" must not greet the next
        user, and "The cart is empty" must not sit beside a past cart with 4 items."""
        for page in self.pages:
            for line in page.findChildren(MessageLine):
                line.clear_message()

    # --- behaviour --------------------------------------------------------------------------

    def current_page(self) -> Page:
        page = self.stack.currentWidget()
        assert isinstance(page, Page)
        return page

    def show_page(self, name: str) -> Page:
        for row, page in enumerate(self.pages):
            if page.objectName() == name:
                self.nav.setCurrentRow(row)
                return page
        raise KeyError(name)

    def _on_appended(self, _events: object) -> None:
        self.refresh()

    def _show_others_changes(self) -> None:
        """Other instances' events were taken in (app/shell/horizon.py): read the page again."""
        if not self.ctx.closed:
            self.time_bar.sync_range()  # the log grew: the slider's "now" moves with it
            self.refresh()

    def refresh(self) -> None:
        page = self.current_page()
        page.refresh()
        page.update_enabled()

    def show_latest(self) -> None:
        """After another instance changed what this one was about to change: the read models
        first reach the log's head (their change is in the log, not yet in the read models
        perhaps), then the page is read again, so "shows the latest" holds."""
        recorder = self.ctx.recorder
        self.horizon.show_latest(recorder.current_seq if recorder is not None else 0)

    def start(self) -> None:
        """After the window shows: offer the first-run choices on an empty store, and roll
        out read-model versions this build brings that the store does not have yet."""
        self.rollouts.switched.connect(self._on_rolled_out)
        self.rollouts.start()
        self.horizon.start()
        if self.ctx.shop.read.head() == 0:
            self.dialog = welcome_dialog(self.ctx, self)
            self.dialog.finished.connect(self._on_welcome_done)
            self.dialog.open()

    def _on_rolled_out(self, message: str) -> None:
        if not self.ctx.closed:
            self.refresh()
            self.statusBar().showMessage(message, 15_000)

    def _on_welcome_done(self, result: int) -> None:
        dialog = self.dialog
        assert isinstance(dialog, WelcomeDialog)
        if result == 1 and dialog.demo_password:
            self.time_bar.sync_range()
            self.refresh()
            self.info = demo_info_box(self, dialog.demo_password)
            self.info.open()
        elif result == 2:
            self.open_sign_in(sign_up=True, admin=True)

    def open_password_dialog(self) -> PasswordDialog:
        dialog = password_dialog(self.ctx, self)
        self.password_dialog = dialog
        dialog.accepted.connect(
            lambda: self.statusBar().showMessage(self.tr("Your password was changed."), 10_000)
        )
        dialog.open()
        return dialog

    def open_sign_in(self, sign_up: bool = False, admin: bool = False) -> AccountDialog:
        if self.dialog is not None and not self.dialog.isVisible():
            self.dialog.deleteLater()  # a closed one is not reused: start with a clean form
        dialog = account_dialog(self.ctx, self, sign_up=sign_up, admin=admin)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _on_sign_button(self) -> None:
        if self.ctx.session.account:
            self.ctx.session.sign_out()
        else:
            self.open_sign_in()

    def _number_pages(self) -> None:
        shown = [page for row, page in enumerate(self.pages) if not self.nav.item(row).isHidden()]
        self.menus.number_pages(self.pages, shown)

    def _on_nav(self, row: int) -> None:
        if row >= 0:
            self._clear_messages()
            self.stack.setCurrentIndex(row)
            self.refresh()

    def _on_session_changed(self) -> None:
        account = self.ctx.session.account
        admin = self.ctx.session.is_admin
        self._clear_messages()
        for row, page in enumerate(self.pages):
            self.nav.item(row).setHidden(page.ADMIN_ONLY and not admin)
            self.page_actions[page.objectName()].setVisible(not page.ADMIN_ONLY or admin)
        self._number_pages()
        if (self.current_page().ADMIN_ONLY and not admin) or self.nav.currentRow() < 0:
            self.nav.setCurrentRow(0)
        self.status.show_account(account, admin)
        self.menus.set_signed_in(account is not None)
        for page in self.pages:
            page.update_enabled()
        self.refresh()

    def _on_view_changed(self) -> None:
        self._clear_messages()
        self._show_banner()
        for page in self.pages:
            page.update_enabled()
        self.refresh()

    def _show_banner(self) -> None:
        view = self.ctx.view
        show_moment(self.banner, view.past_label if view.is_past else None)

    def open_report(self, problem: str = "") -> ReportDialog:
        dialog = report_dialog(self.ctx, self, problem)
        self.report_dialog = dialog
        dialog.open()
        return dialog

    def _on_record_toggled(self) -> None:
        if self.ctx.recorder is not None:
            self.ctx.recorder.enabled = self.record_action.isChecked()
        self._show_recording()

    def _show_recording(self) -> None:
        self.status.show_recording(self.ctx.recorder is not None and self.ctx.recorder.enabled)

    def _about(self) -> None:
        shop = self.ctx.shop
        self.info = about_box(self, shop.read.log_head(), shop.read_models_in_use())
        self.info.open()

    # --- settings ---------------------------------------------------------------------------

    def save_settings(self) -> None:
        window_settings.save(self, self.ctx.settings, self.pages, self.current_page())

    def shutdown(self) -> None:
        """Stop everything this window and its context started, before the store goes away.

        Timers first (a search debounce still pending would read the store after it closed),
        then dialogs, then the context: background jobs, read models, the store, the recorder.
        Nothing of this window runs afterwards, whether an event loop runs again or not.
        """
        for timer in self.findChildren(QTimer):
            timer.stop()
        for dialog in (self.dialog, self.report_dialog, self.info, self.password_dialog):
            if dialog is not None and shiboken6.isValid(dialog):
                dialog.close()
        if self.ctx.errors.bug_report == self.open_report:
            self.ctx.errors.bug_report = None  # an error dialog must not call into a closed window
        self.ctx.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.ctx.recorder is not None:
            self.ctx.recorder.observe_end()  # what the user saw last, while it is still shown
        self.save_settings()
        super().closeEvent(event)
