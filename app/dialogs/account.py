"""Sign in and sign up, in one dialog. It is opened with open(), never exec().

The command runs as a background job: a password check or a new hash is scrypt, 0.3 s and
seconds on a busy machine, which on the GUI thread froze the dialog with no sign of life. While
it runs the dialog says so, with a busy cursor, and takes no second submit and no cancel: the
result would sign in through a dialog already gone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.dialogs.job_dialog import JobDialog
from app.widgets.inputs import Jobs, Prepare, SignedIn
from app.widgets.messages import MessageLine, attempt, show_working
from app.widgets.names import name_form_labels, named
from domain.model import commands as c
from domain.model.account import MIN_PASSWORD_LENGTH
from domain.model.passwords import Passwords
from domain.readside.queries.accounts import AccountQueries
from domain.readside.views import AccountView


class AccountDialog(JobDialog):
    """`prepare` makes the sign-in or sign-up command ready to run as a job of `jobs`;
    `passwords` compares the two typed passwords; `who` is who is signed in now (an admin
    creating an account) and `sign_in` makes the new account the signed-in one, read from the
    live `accounts`."""

    def __init__(
        self,
        prepare: Prepare,
        jobs: Jobs,
        passwords: Passwords,
        who: SignedIn,
        sign_in: Callable[[AccountView], None],
        accounts: AccountQueries,
        parent: QWidget | None,
        sign_up: bool = False,
        admin: bool = False,
    ) -> None:
        super().__init__(jobs, prepare, MessageLine("message"), parent)
        self.setObjectName("account_dialog")
        self._passwords, self._who = passwords, who
        self._sign_in, self._accounts = sign_in, accounts
        self.admin = admin
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm = QLineEdit()
        self.confirm.setObjectName("confirm")
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.hint = named(
            QLabel(
                self.tr("At least {0} characters that are not spaces.").format(MIN_PASSWORD_LENGTH)
            ),
            "hint",
        )
        self.buttons = QDialogButtonBox()
        self.buttons.setObjectName("buttons")
        self.submit = self.buttons.addButton(
            self.tr("Sign in"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.submit.setObjectName("submit")
        self.submit.setDefault(True)
        self.cancel = cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("cancel")
        self.switch = QPushButton()
        self.switch.setObjectName("switch_mode")
        self.switch.setFlat(True)
        # Not auto-default: once clicked it would take over Enter, and Enter in the form would
        # switch the mode back instead of submitting (found by recording a session).
        self.switch.setAutoDefault(False)
        cancel.setAutoDefault(False)
        self.form = QFormLayout(self)
        self.form.addRow(self.tr("Username"), self.username)
        self.form.addRow(self.tr("Password"), self.password)
        self.form.addRow(self.tr("Repeat password"), self.confirm)
        self.form.addRow("", self.hint)
        self.form.addRow(self.message)
        self.form.addRow(self.buttons)
        self.form.addRow(self.switch)
        name_form_labels(self.form)
        self.submit.clicked.connect(self._on_submit)
        cancel.clicked.connect(self.reject)
        self.switch.clicked.connect(lambda: self.set_mode(not self.sign_up))
        self.set_mode(sign_up)

    def set_mode(self, sign_up: bool) -> None:
        self.sign_up = sign_up
        if self.admin:
            title = self.tr("Create the first administrator")
        else:
            title = self.tr("Create an account") if sign_up else self.tr("Sign in")
        self.setWindowTitle(self.tr("Replay Shop: {0}").format(title))
        self.submit.setText(self.tr("Create account") if sign_up else self.tr("Sign in"))
        self.form.setRowVisible(self.confirm, sign_up)
        self.form.setRowVisible(self.hint, sign_up)
        self.switch.setVisible(not self.admin)
        self.switch.setText(
            self.tr("I already have an account")
            if sign_up
            else self.tr("New here? Create an account")
        )
        self.message.clear_message()

    def _on_submit(self) -> None:
        if self.working:  # Enter again while the first is checked: the buttons are off
            return
        name, password = self.username.text(), self.password.text()
        if self.sign_up and not self._passwords.same(password, self.confirm.text()):
            self.message.error(self.tr("The two passwords differ; type the same password twice."))
            return
        if self.sign_up:
            command: c.Command = c.RegisterAccount(
                self._who.actor_id, name, password, admin=self.admin
            )
        else:
            command = c.SignIn(None, name, password)
        checking = (
            self.tr("Creating the account…") if self.sign_up else self.tr("Checking the password…")
        )
        self.run_command(command, "sign_up" if self.sign_up else "sign_in", checking)

    def set_working(self, working: bool) -> None:
        super().set_working(working)
        buttons = (self.submit, self.cancel, self.switch)
        show_working(self, working, buttons, (self.username, self.password, self.confirm))

    def answered(self, outcome: Callable[[], Any]) -> None:
        ok, account_id = attempt(self.message, outcome)
        if not ok:
            self.password.selectAll()
            self.password.setFocus()
            return
        account = self._accounts.by_id(account_id)
        assert account is not None
        self.password.clear()
        self.confirm.clear()
        self._sign_in(account)
        self.accept()
