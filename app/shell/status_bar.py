"""The main window's status bar: how far the read side is behind, recording, who is signed in.

Its strings keep the translators' context they were filed under ("MainWindow"), so the German
texts stay.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QMainWindow, QPushButton

from app.platform.i18n import translate
from app.widgets.colors import text_color
from domain.readside.follower import Lag
from domain.readside.views import AccountView

# Also how soon other app instances' changes show here: their events reach this process's
# projections at once (NOTIFY on a server), and this timer then reads the page again.
LAG_CHECK_MS = 500
LAG_SHOWN_FROM = 0  # events; own commands never lag (read-your-writes), others' may


class LagText(QObject):
    """How far the read side is behind, in words. A QObject for its `tr`: pyside6-lupdate marks
    a count's text as having plural forms for `self.tr(text, "", n)`, but not for `translate()`
    with a variable `n` (only with a literal number)."""

    def behind(self, events: int) -> str:
        return self.tr("Read side {0} event(s) behind", "", events).format(f"{events:,}")


class StatusBar:
    """The labels and the sign-in button on `window`'s status bar, and the lag check.

    `seen` is what the read side's thread last saw of the log (never a query: the check may
    run while the store closes); `checked` is told what each check saw (app/shell/horizon.py
    takes other instances' events in from it).
    """

    def __init__(
        self, window: QMainWindow, seen: Callable[[], Lag], checked: Callable[[Lag], None]
    ) -> None:
        self._seen, self._checked = seen, checked
        self.user_label = QLabel()
        self.user_label.setObjectName("user")
        self.sign_button = QPushButton()
        self.sign_button.setObjectName("sign_in_out")
        self.sign_button.setFlat(True)
        bar = window.statusBar()
        bar.setObjectName("status")
        self.recording_label = QLabel()
        self.recording_label.setObjectName("recording")
        self.lag_label = QLabel()
        self.lag_label.setObjectName("read_side_lag")
        # A recording keeps that the read side stopped (a projection failed: the app's doing),
        # not the count, so a replay can compare it; being behind depends on other processes
        # writing and on the machine's load, so it is not observed at all.
        self.lag_label.setProperty("observed", "the read side stopped")
        self.lag_label.hide()
        self.lag_text = LagText(window)
        bar.addPermanentWidget(self.lag_label)
        # Parented to the window, which stops every timer of its own at shutdown; unnamed: the
        # check is not a user's step.
        self.lag_timer = QTimer(window, interval=LAG_CHECK_MS)
        self.lag_timer.timeout.connect(self.show_lag)
        self.lag_timer.start()
        bar.addPermanentWidget(self.recording_label)
        bar.addPermanentWidget(self.user_label)
        bar.addPermanentWidget(self.sign_button)

    def show_lag(self) -> None:
        """Eventual consistency made visible: how far the projections are behind the log."""
        seen = self._seen()
        if seen.failure:
            text = translate("MainWindow", "Read side stopped at event {0}: {1}").format(
                f"{seen.reached:,}", seen.failure
            )
        elif seen.events > LAG_SHOWN_FROM:
            text = self.lag_text.behind(seen.events)
        else:
            text = ""
        self.lag_label.setText(text)
        self.lag_label.setProperty("unobserved", not seen.failure)
        self.lag_label.setToolTip(
            translate(
                "MainWindow",
                "Screens show the shop as of the last event the read models have applied. "
                "Your own changes are always shown; other windows' may take a moment.",
            )
        )
        self.lag_label.setVisible(bool(text))
        self._checked(seen)

    def show_account(self, account: AccountView | None, admin: bool) -> None:
        if account is None:
            self.user_label.setText(translate("MainWindow", "Not signed in"))
        elif admin:
            self.user_label.setText(
                translate("MainWindow", "Signed in as {0} (administrator)").format(account.username)
            )
        else:
            self.user_label.setText(
                translate("MainWindow", "Signed in as {0}").format(account.username)
            )
        self.sign_button.setText(
            translate("MainWindow", "Sign out") if account else translate("MainWindow", "Sign in…")
        )

    def show_recording(self, on: bool) -> None:
        self.recording_label.setText(
            translate("MainWindow", "● REC") if on else translate("MainWindow", "Not recording")
        )
        red = text_color("recording")
        self.recording_label.setStyleSheet(f"color: {red}; font-weight: bold;" if on else "")
        self.recording_label.setToolTip(
            translate(
                "MainWindow",
                "This session is being recorded (never your passwords); Help → Report a "
                "problem saves it for a bug report.",
            )
            if on
            else translate("MainWindow", "Recording is off (View → Record)")
        )
