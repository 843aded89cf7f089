"""Account → Change password…: the current password, the new one twice."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from app.widgets.inputs import Send, SignedIn
from app.widgets.messages import MessageLine, attempt
from app.widgets.names import name_form_labels, named
from domain.model import commands as c
from domain.model.account import MIN_PASSWORD_LENGTH
from domain.model.passwords import Passwords


class PasswordDialog(QDialog):
    """Opened with open(); closes itself once the change is stored. `send` runs the change
    for `who`; `passwords` compares the new password with its repetition."""

    def __init__(
        self, send: Send, passwords: Passwords, who: SignedIn, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("password_dialog")
        self.setWindowTitle(self.tr("Replay Shop: Change password"))
        self._send, self._passwords, self._who = send, passwords, who
        self.old = self._masked("old_password")
        self.new = self._masked("new_password")
        self.confirm = self._masked("confirm")
        self.message = MessageLine("message")
        buttons = QDialogButtonBox()
        buttons.setObjectName("buttons")
        self.submit = buttons.addButton(
            self.tr("Change password"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.submit.setObjectName("submit")
        self.submit.setDefault(True)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("cancel")
        cancel.setAutoDefault(False)
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
        cancel.clicked.connect(self.reject)

    def _masked(self, name: str) -> QLineEdit:
        field = QLineEdit()
        field.setObjectName(name)
        field.setEchoMode(QLineEdit.EchoMode.Password)
        return field

    def _on_submit(self) -> None:
        new = self.new.text()
        if not self._passwords.same(new, self.confirm.text()):
            self.message.error(self.tr("The two new passwords differ; type the same one twice."))
            return
        command = c.ChangePassword(self._who.actor_id, self.old.text(), new)
        ok, _ = attempt(self.message, lambda: self._send(command))
        if not ok:
            self.old.selectAll()
            self.old.setFocus()
            return
        for field in (self.old, self.new, self.confirm):
            field.clear()
        self.accept()
