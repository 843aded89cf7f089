"""Account → Change password…: the current password, the new one twice.

The change runs as a background job, `change_password`, as sign-in does (app/dialogs/account.py):
it checks the current password and hashes the new one, two rounds of scrypt, 0.6 s and
seconds on a busy machine, which on the GUI thread froze the dialog with no sign of life.
While it runs the dialog says so, with a busy cursor, and takes no second submit and no
cancel: the password would still change, behind a dialog the user believed cancelled.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from app.dialogs.job_dialog import JobDialog
from app.widgets.inputs import Jobs, Prepare, SignedIn
from app.widgets.messages import MessageLine, attempt, show_working
from app.widgets.names import name_form_labels, named
from domain.model import commands as c
from domain.model.account import MIN_PASSWORD_LENGTH
from domain.model.errors import DomainError, PasswordTooShort, WrongPassword
from domain.model.passwords import Passwords


class PasswordDialog(JobDialog):
    """Opened with open(); closes itself once the change is stored. `prepare` makes the
    change for `who` ready to run as a job of `jobs`; `passwords` compares the new password
    with its repetition."""

    def __init__(
        self,
        prepare: Prepare,
        jobs: Jobs,
        passwords: Passwords,
        who: SignedIn,
        parent: QWidget | None,
    ) -> None:
        super().__init__(jobs, prepare, MessageLine("message"), parent)
        self.setObjectName("password_dialog")
        self.setWindowTitle(self.tr("Replay Shop: Change password"))
        self._passwords, self._who = passwords, who
        self.old = self._masked("old_password")
        self.new = self._masked("new_password")
        self.confirm = self._masked("confirm")
        buttons = QDialogButtonBox()
        buttons.setObjectName("buttons")
        self.submit = buttons.addButton(
            self.tr("Change password"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.submit.setObjectName("submit")
        self.submit.setDefault(True)
        self.cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel.setObjectName("cancel")
        self.cancel.setAutoDefault(False)
        form = QFormLayout(self)
        form.addRow(self.tr("Current password"), self.old)
        form.addRow(self.tr("New password"), self.new)
        form.addRow(self.tr("Repeat new password"), self.confirm)
        rule = self.tr("At least {0} characters that are not spaces.").format(MIN_PASSWORD_LENGTH)
        form.addRow("", named(QLabel(rule), "rule"))
        form.addRow(self.message)
        form.addRow(buttons)
        name_form_labels(form)
        self.submit.clicked.connect(self._on_submit)
        self.cancel.clicked.connect(self.reject)

    def _masked(self, name: str) -> QLineEdit:
        field = QLineEdit()
        field.setObjectName(name)
        field.setEchoMode(QLineEdit.EchoMode.Password)
        return field

    def _on_submit(self) -> None:
        if self.working:  # Enter again while the first is checked: the buttons are off
            return
        new = self.new.text()
        if not self._passwords.same(new, self.confirm.text()):
            self.message.error(self.tr("The two new passwords differ; type the same one twice."))
            return
        command = c.ChangePassword(self._who.actor_id, self.old.text(), new)
        self.run_command(command, "change_password", self.tr("Changing the password…"))

    def set_working(self, working: bool) -> None:
        super().set_working(working)
        show_working(self, working, (self.submit, self.cancel), (self.old, self.new, self.confirm))

    def answered(self, outcome: Callable[[], Any]) -> None:
        refusals: list[DomainError] = []
        ok, _ = attempt(self.message, lambda: _noting_refusal(outcome, refusals))
        if ok:
            for field in (self.old, self.new, self.confirm):
                field.clear()
            self.accept()
            return
        # The domain says "Wrong password for 'ann'": with three password fields, the dialog
        # says which one, and selects the field a retyping goes to.
        if refusals and isinstance(refusals[0], PasswordTooShort):
            self._retype(self.new)
            return
        if refusals and isinstance(refusals[0], WrongPassword):
            self.message.error(
                self.tr(
                    "The current password is wrong, so nothing was changed. "
                    "Passwords are case-sensitive."
                )
            )
        self._retype(self.old)

    def _retype(self, field: QLineEdit) -> None:
        field.selectAll()
        field.setFocus()


def _noting_refusal(outcome: Callable[[], Any], refusals: list[DomainError]) -> Any:
    try:
        return outcome()
    except DomainError as refusal:
        refusals.append(refusal)
        raise
