"""The main window: navigation, pages, time travel, who is signed in."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QByteArray, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.dialogs.account import AccountDialog
from app.dialogs.password import PasswordDialog
from app.dialogs.report import ReportDialog
from app.pages.event_log import EventLogPage
from app.pages.page import Page
from app.pages.welcome import WelcomeDialog
from app.platform.i18n import QT_TRANSLATE_NOOP, translate
from app.platform.theme import SCHEMES, apply_scheme
from app.platform.version import app_version
from app.shell.bootstrap import AppContext
from app.shell.feedback import MessageLine, bug_report_action
from app.shell.open_recording import open_recording
from app.shell.rollout import Rollouts
from app.shell.screens import (
    account_dialog,
    build_pages,
    password_dialog,
    report_dialog,
    time_travel_bar,
    welcome_dialog,
)
from app.widgets.colors import text_color, tint
from app.widgets.format import when
from app.widgets.inner_parts import name_inner_parts
from domain.readside.versions import built_times

SP = QStyle.StandardPixmap
# Also how soon other app instances' changes show here: their events reach this process's
# projections at once (NOTIFY on a server), and this timer then reads the page again.
LAG_CHECK_MS = 500
LAG_SHOWN_FROM = 0  # events; own commands never lag (read-your-writes), others' may
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

        self.user_label = QLabel()
        self.user_label.setObjectName("user")
        self.sign_button = QPushButton()
        self.sign_button.setObjectName("sign_in_out")
        self.sign_button.setFlat(True)
        self.statusBar().setObjectName("status")
        self.recording_label = QLabel()
        self.recording_label.setObjectName("recording")
        self.lag_label = QLabel()
        self.lag_label.setObjectName("read_side_lag")
        # A recording keeps that the read side stopped (a projection failed: the app's doing),
        # not the count, so a replay can compare it; being behind depends on other processes
        # writing and on the machine's load, so it is not observed at all.
        self.lag_label.setProperty("observed", "the read side stopped")
        self.lag_label.hide()
        self.statusBar().addPermanentWidget(self.lag_label)
        self._lag_timer = QTimer(self, interval=LAG_CHECK_MS)  # unnamed: not a user's step
        self._lag_timer.timeout.connect(self._show_lag)
        self._lag_timer.start()
        # What the screens were last read at: the log's head when the window was made.
        self._shown_position = ctx.shop.read.head()
        self.statusBar().addPermanentWidget(self.recording_label)
        self.statusBar().addPermanentWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.sign_button)
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
        self._restore_settings()
        self._fit_on_screen()
        self._on_session_changed()
        name_inner_parts(self)  # clear buttons and combo lists, for screen readers

    # --- building ---------------------------------------------------------------------------

    def _build_menus(self) -> None:
        # File comes first, as on every desktop; the others keep their order (recordings and
        # muscle memory open Account, View and Help by name).
        # Marked here, translated in _action: the names recordings keep stay English.
        file = self._menu(QT_TRANSLATE_NOOP("MainWindow", "&File"), "menu_file")
        self._action(
            file,
            QT_TRANSLATE_NOOP("MainWindow", "&Open recording…"),
            self._open_recording,
            QT_TRANSLATE_NOOP(
                "MainWindow",
                "Open a saved session in the replay viewer (it never touches this shop)",
            ),
            QKeySequence.StandardKey.Open,
        )
        report = self._action(
            file,
            QT_TRANSLATE_NOOP("MainWindow", "&Report a problem…"),
            lambda: self.open_report(),
            QT_TRANSLATE_NOOP(
                "MainWindow",
                "Save this session, with a note, as one file to attach to a bug report",
            ),
        )
        file.addSeparator()
        self._action(
            file,
            QT_TRANSLATE_NOOP("MainWindow", "&Quit"),
            self.close,
            QT_TRANSLATE_NOOP("MainWindow", "Quit Replay Shop"),
            # Ctrl+Q, as on every Linux desktop, and not the platform's standard key: Qt's
            # offscreen platform binds none, so a replay there would not quit where the user did.
            "Ctrl+Q",
        )
        account = self._menu(QT_TRANSLATE_NOOP("MainWindow", "&Account"), "menu_account")
        self.sign_in_action = self._action(
            account,
            QT_TRANSLATE_NOOP("MainWindow", "Sign &in…"),
            self.open_sign_in,
            QT_TRANSLATE_NOOP("MainWindow", "Sign in to shop or administer"),
            "Ctrl+L",
        )
        self.sign_up_action = self._action(
            account,
            QT_TRANSLATE_NOOP("MainWindow", "&Create account…"),
            lambda: self.open_sign_in(sign_up=True),
            QT_TRANSLATE_NOOP("MainWindow", "Create a shopper's account"),
        )
        self.sign_out_action = self._action(
            account,
            QT_TRANSLATE_NOOP("MainWindow", "Sign &out"),
            self.ctx.session.sign_out,
            QT_TRANSLATE_NOOP("MainWindow", "Sign out of this shop"),
        )
        self.password_action = self._action(
            account,
            QT_TRANSLATE_NOOP("MainWindow", "Change &password…"),
            lambda: self.open_password_dialog(),
            QT_TRANSLATE_NOOP("MainWindow", "Change the password of the signed-in account"),
        )
        view = self._menu(QT_TRANSLATE_NOOP("MainWindow", "&View"), "menu_view")
        self.page_actions: dict[str, QAction] = {}
        for number, page in enumerate(self.pages, start=1):
            action = self._action(
                view,
                page.TITLE,
                lambda _=False, p=page: self.show_page(p.objectName()),
                "",
                f"Ctrl+{number}",
                name=f"page_{page.objectName()}",
                context="Pages",
            )
            action.setStatusTip(self.tr("Show the page “{0}”").format(page.title()))
            self.page_actions[page.objectName()] = action
        view.addSeparator()
        self._action(
            view,
            QT_TRANSLATE_NOOP("MainWindow", "Back to &now"),
            self.time_bar.back_to_now,
            QT_TRANSLATE_NOOP("MainWindow", "Leave the past and show the shop as it is now"),
            "Ctrl+0",
        )
        self.record_action = self._action(
            view,
            QT_TRANSLATE_NOOP("MainWindow", "&Record this session"),
            self._on_record_toggled,
            QT_TRANSLATE_NOOP(
                "MainWindow",
                "Keep what you do in this session, for a bug report (never your passwords)",
            ),
        )
        self.record_action.setCheckable(True)
        self.record_action.setChecked(self.ctx.recorder is not None)
        self.record_action.setEnabled(self.ctx.recorder is not None)
        colours = view.addMenu(self.tr("&Colours"))
        colours.setObjectName("menu_colours")
        group = QActionGroup(self)
        chosen = str(self.ctx.settings.value("view/colours", "system"))
        labels = (
            QT_TRANSLATE_NOOP("MainWindow", "As the &system"),
            QT_TRANSLATE_NOOP("MainWindow", "&Light"),
            QT_TRANSLATE_NOOP("MainWindow", "&Dark"),
        )
        for scheme, label in zip(SCHEMES, labels, strict=True):
            action = self._action(
                colours,
                label,
                lambda _=False, s=scheme: self.set_colours(s),
                QT_TRANSLATE_NOOP(
                    "MainWindow", "Colours of the whole app; kept for the next start"
                ),
                name=f"colours_{scheme}",
            )
            action.setCheckable(True)
            action.setChecked(scheme == chosen)
            group.addAction(action)
        self.help_menu = self._menu(QT_TRANSLATE_NOOP("MainWindow", "&Help"), "menu_help")
        self.help_menu.addAction(report)
        self._action(
            self.help_menu,
            QT_TRANSLATE_NOOP("MainWindow", "&About Replay Shop"),
            self._about,
            QT_TRANSLATE_NOOP(
                "MainWindow", "The version, the event log's head and the read models in use"
            ),
        )
        bug_report_action[:] = [self._report_from_error]
        self._show_recording()

    def _menu(self, title: str, name: str) -> QMenu:
        menu = self.menuBar().addMenu(translate("MainWindow", title))
        menu.setObjectName(name)
        return menu

    def _action(  # type: ignore[no-untyped-def]
        self, menu, text, slot, tip, shortcut=None, name=None, context="MainWindow"
    ) -> QAction:
        """`text` and `tip` are the English sources: shown translated, and the text names the
        action, which is what a recording keeps, so a German session replays in English."""
        action = QAction(translate(context, text), self)
        action.setObjectName(
            name or text.replace("&", "").replace("…", "").strip().lower().replace(" ", "_")
        )
        action.setStatusTip(translate(context, tip) if tip else "")
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

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

    def _show_lag(self) -> None:
        """Eventual consistency made visible: how far the projections are behind the log.

        Reads what the follower thread last saw, never the database: this timer may fire
        while the store is closing."""
        seen = self.ctx.shop.follower.seen
        if seen.failure:
            text = self.tr("Read side stopped at event {0}: {1}").format(
                f"{seen.reached:,}", seen.failure
            )
        elif seen.events > LAG_SHOWN_FROM:
            behind = (
                self.tr("Read side {0} event behind")
                if seen.events == 1
                else self.tr("Read side {0} events behind")
            )
            text = behind.format(f"{seen.events:,}")
        else:
            text = ""
        self.lag_label.setText(text)
        self.lag_label.setProperty("unobserved", not seen.failure)
        self.lag_label.setToolTip(
            self.tr(
                "Screens show the shop as of the last event the read models have applied. "
                "Your own changes are always shown; other windows' may take a moment."
            )
        )
        self.lag_label.setVisible(bool(text))
        self._show_others_changes(seen.reached)

    def _show_others_changes(self, reached: int) -> None:
        """Another instance's (or process's) commands reach this window through the read side:
        once the projections hold events past both what the page showed and this process's own
        commands (which refresh it themselves), the page is read again."""
        own = self.ctx.shop.follower.written
        if reached > max(self._shown_position, own) and not self.ctx.closed:
            self._shown_position = reached
            self.time_bar.sync_range()  # the log grew: the slider's "now" moves with it
            self.refresh()
        else:
            self._shown_position = max(self._shown_position, own)

    def refresh(self) -> None:
        page = self.current_page()
        page.refresh()
        page.update_enabled()

    def show_latest(self) -> None:
        """After another instance changed what this one was about to change: the read models
        first reach the log's head (their change is in the log, not yet in the read models
        perhaps), then the page is read again, so "shows the latest" holds."""
        shop = self.ctx.shop
        shop.follower.ensure(shop.read.head())
        self.time_bar.sync_range()
        self.refresh()

    def start(self) -> None:
        """After the window shows: offer the first-run choices on an empty store, and roll
        out read-model versions this build brings that the store does not have yet."""
        self.rollouts.switched.connect(self._on_rolled_out)
        self.rollouts.start()
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
            self.info = QMessageBox(
                QMessageBox.Icon.Information,
                self.tr("Demo shop loaded"),
                self.tr("The demo shop is ready."),
                parent=self,
            )
            self.info.setObjectName("demo_info")
            # It shows the admin password: a recording keeps only that it was shown.
            self.info.setProperty("sensitive", True)
            self.info.setInformativeText(
                self.tr(
                    "Administrator: admin / {0}\n"
                    "Shoppers: ann, bob, carla, … with the password shopper-pass.\n"
                    "Write the admin password down: it is shown only now."
                ).format(dialog.demo_password)
            )
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
        """Ctrl+N shows the page in the Nth place of the list as it is now, and Ctrl+9 the last,
        as tabs in a browser: a shopper's five pages are Ctrl+1 to Ctrl+5 (Reviews is also
        Ctrl+9, as it was before), with no shortcut left pointing at a hidden page."""
        shown = [page for row, page in enumerate(self.pages) if not self.nav.item(row).isHidden()]
        for page in self.pages:
            place = shown.index(page) + 1 if page in shown else 0
            keys = [f"Ctrl+{place}"] if 0 < place <= 8 else []
            if page is shown[-1]:
                keys.append("Ctrl+9")
            self.page_actions[page.objectName()].setShortcuts([QKeySequence(k) for k in keys])

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
        if account is None:
            self.user_label.setText(self.tr("Not signed in"))
        elif admin:
            self.user_label.setText(
                self.tr("Signed in as {0} (administrator)").format(account.username)
            )
        else:
            self.user_label.setText(self.tr("Signed in as {0}").format(account.username))
        self.sign_button.setText(self.tr("Sign out") if account else self.tr("Sign in…"))
        self.sign_in_action.setEnabled(account is None)
        self.sign_up_action.setEnabled(account is None)
        self.sign_out_action.setEnabled(account is not None)
        self.password_action.setEnabled(account is not None)
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
        if view.is_past:
            self.banner.setText(
                self.tr(
                    "You are looking at the shop as it was on {0}. "
                    'This is the past: read-only. Use "Back to now" to return.'
                ).format(view.past_label)
            )
            self.banner.setStyleSheet(
                f"background: {tint('past')}; color: {text_color('warning')};"
                "padding: 6px; border-bottom: 1px solid palette(mid); font-weight: bold;"
            )
        else:
            self.banner.setText(
                self.tr("Live: the shop as it is now. Drag the slider to look back.")
            )
            self.banner.setStyleSheet(
                "padding: 6px; color: palette(window-text);"
                "border-bottom: 1px solid palette(midlight);"
            )
        self.banner.setProperty("past", view.is_past)

    def open_report(self, problem: str = "") -> ReportDialog:
        dialog = report_dialog(self.ctx, self, problem)
        self.report_dialog = dialog
        dialog.open()
        return dialog

    def _report_from_error(self, problem: str) -> None:
        self.open_report(problem)

    def _on_record_toggled(self) -> None:
        if self.ctx.recorder is not None:
            self.ctx.recorder.enabled = self.record_action.isChecked()
        self._show_recording()

    def _show_recording(self) -> None:
        on = self.ctx.recorder is not None and self.ctx.recorder.enabled
        self.recording_label.setText(self.tr("● REC") if on else self.tr("Not recording"))
        red = text_color("recording")
        self.recording_label.setStyleSheet(f"color: {red}; font-weight: bold;" if on else "")
        self.recording_label.setToolTip(
            self.tr(
                "This session is being recorded (never your passwords); Help → Report a "
                "problem saves it for a bug report."
            )
            if on
            else self.tr("Recording is off (View → Record)")
        )

    def _about(self) -> None:
        self.info = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("About Replay Shop"),
            self.tr("Replay Shop {0}").format(app_version()),
            parent=self,
        )
        self.info.setObjectName("about")
        about = self.tr(
            "An event-sourced shop: nothing is ever lost, and every session can be replayed."
        )
        position, digest = self.ctx.shop.read.log_head()
        self.info.setInformativeText(
            self.tr(
                "{0}\n\nEvent log head: {1}\n(keep it: `replayshop verify --expect-head` "
                "shows later that this history was not cut or rewritten)"
                "\n\nRead models in use:\n{2}"
            ).format(about, f"{position}:{digest}", self._read_models_in_use())
        )
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label = self.info.findChild(QLabel, "qt_msgbox_informativelabel")
        if label is not None:  # a replay's store is chained anew: its hash is its own
            observed = self.tr("{0}\n\nEvent log head: (this store's)").format(about)
            label.setProperty("observed", observed)
        self.info.open()

    def _read_models_in_use(self) -> str:
        """Each projection version this window reads, and when it was built from the log."""
        built_at = built_times(self.ctx.shop.engine)
        lines = []
        for projection in self.ctx.shop.projector.projections:
            built = built_at.get(projection.key)
            when_built = (
                self.tr("built {0}").format(when(built))
                if built
                else self.tr("built before this was noted")
            )
            lines.append(f"{projection.NAME} v{projection.VERSION}, {when_built}")
        return "\n".join(lines)

    # --- settings ---------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        settings = self.ctx.settings
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        for key, splitter in self._splitters().items():
            state = settings.value(f"splitters/{key}")
            if isinstance(state, QByteArray):
                splitter.restoreState(state)
        page = settings.value("window/page")
        if isinstance(page, str) and page in {p.objectName() for p in self.pages}:
            self.show_page(page)

    def _fit_on_screen(self) -> None:
        """Inside the screen's free area, title bar included: at 1280x800 a 800 px tall window
        put the status bar (REC, Sign in) below the bottom of the screen."""
        screen = self.screen().availableGeometry()
        # The frame is only known once shown; these cover the title bars and borders of
        # common desktops.
        title_bar, border = 32, 4
        width = min(self.width(), screen.width() - 2 * border)
        height = min(self.height(), screen.height() - title_bar - border)
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
        frame = self.geometry().adjusted(-border, -title_bar, border, border)
        if not screen.contains(frame):
            self.move(
                screen.left() + (screen.width() - width) // 2 - border,
                screen.top() + (screen.height() - height - title_bar - border) // 2,
            )

    def _splitters(self) -> dict[str, QSplitter]:
        found: dict[str, QSplitter] = {}
        for page in self.pages:
            for splitter in page.findChildren(QSplitter):
                found[f"{page.objectName()}_{splitter.objectName()}"] = splitter
        return found

    def save_settings(self) -> None:
        settings = self.ctx.settings
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/page", self.current_page().objectName())
        for key, splitter in self._splitters().items():
            settings.setValue(f"splitters/{key}", splitter.saveState())
        settings.sync()

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
        if bug_report_action == [self._report_from_error]:
            bug_report_action.clear()  # an error dialog must not call into a closed window
        self.ctx.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.ctx.recorder is not None:
            self.ctx.recorder.observe_end()  # what the user saw last, while it is still shown
        self.save_settings()
        super().closeEvent(event)
