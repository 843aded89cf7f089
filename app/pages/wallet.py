"""The wallet: balance, transactions, deposits; admins can view any wallet and correct it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.pages.page import Page, accessible, fill_table, heading, make_table, selected_key
from app.platform.i18n import QT_TRANSLATE_NOOP, translate
from app.widgets.format import currency_affixes, money, when
from app.widgets.inputs import Moment, Send, SignedIn
from app.widgets.messages import MessageLine, attempt
from app.widgets.names import name_form_labels, named
from domain.model import commands as c
from domain.readside.queries.accounts import AccountQueries
from domain.readside.queries.shopping import ShoppingQueries
from domain.readside.views import TransactionView

# The kinds the log records, shown in the user's language.
KINDS = (
    QT_TRANSLATE_NOOP("Wallet", "deposit"),
    QT_TRANSLATE_NOOP("Wallet", "debit"),
    QT_TRANSLATE_NOOP("Wallet", "reversal"),
)


def describe(tx: TransactionView) -> str:
    kinds = {
        "deposit": translate("Wallet", "the deposit of {0} on {1}"),
        "debit": translate("Wallet", "the debit of {0} on {1}"),
        "reversal": translate("Wallet", "the reversal of {0} on {1}"),
    }
    shown = kinds.get(tx.kind, translate("Wallet", "the transaction of {0} on {1}"))
    return shown.format(money(abs(tx.amount_cents)), when(tx.at))


def readable_note(tx: TransactionView, by_id: dict[str, TransactionView]) -> str:
    """The note with the transaction it refers to named, not its raw id.

    The log keeps ids ("Reverses 9f3c…: typo"); a person wants "Reverses the deposit of
    $20.00 on 2026-11-30 14:02: typo"."""
    original = by_id.get(tx.corrects_tx_id or "")
    if original is None:
        return tx.note
    _, _, reason = tx.note.partition(": ")
    if tx.kind == "reversal":
        text = translate("Wallet", "Reverses {0}").format(describe(original))
    else:
        text = translate("Wallet", "Corrects {0}").format(describe(original))
    return text + (f": {reason}" if reason else "")


class MoneyBox(QDoubleSpinBox):
    """An amount box that remembers text it could not take ("0", "abc").

    Qt puts the last good value back when such text loses the focus, which a click on Deposit
    does before the click lands: the amount sent was silently the one before. The page asks
    `refused()` first and names the text instead."""

    def __init__(self) -> None:
        super().__init__()
        self._rejected: str | None = None
        self.lineEdit().textEdited.connect(self._forget)

    def _forget(self, _text: str) -> None:
        self._rejected = None

    def fixup(self, text: str) -> str:
        self._rejected = text  # Qt asks for a fix only for text it cannot take as it is
        return super().fixup(text)

    def refused(self) -> str | None:
        """The text typed last (without the currency sign, "" for none), if the box could not
        take it; None if it could. Asked once."""
        rejected, self._rejected = self._rejected, None
        if not self.hasAcceptableInput():  # still in the box: a button that takes no focus
            rejected = self.text()
        if rejected is None:
            return None
        return rejected.removeprefix(self.prefix()).removesuffix(self.suffix()).strip()

    def accepted_range(self) -> tuple[str, str]:
        return money(round(self.minimum() * 100)), money(round(self.maximum() * 100))


def money_box(name: str) -> MoneyBox:
    box = MoneyBox()
    box.setObjectName(name)
    prefix, suffix = currency_affixes()
    box.setPrefix(prefix)
    box.setSuffix(suffix)
    box.setDecimals(2)
    box.setRange(0.01, 10_000.00)
    box.setValue(20.00)
    box.setGroupSeparatorShown(True)
    return box


class CorrectionDialog(QDialog):
    """Ask for the right amount and a reason; the caller sends the command on accept."""

    def __init__(self, parent: QWidget, owner: str, tx: TransactionView, note: str) -> None:
        super().__init__(parent)
        self.setObjectName("correction")
        self.setWindowTitle(self.tr("Correct a transaction"))
        self.amount = money_box("amount")
        # Prefilled with what was recorded: most corrections change a digit or two.
        self.amount.setValue(abs(tx.amount_cents) / 100)
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(self.tr("Why was it wrong?"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.setObjectName("buttons")
        buttons.button(QDialogButtonBox.StandardButton.Ok).setObjectName("ok")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setObjectName("cancel")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        about = QLabel(
            self.tr("Wallet of {0}: {1}").format(owner, describe(tx))
            + (f" ({note})" if note else "")
            + "\n"
            + self.tr(
                "It will be reversed, then recorded again with the right amount. Nothing is edited."
            )
        )
        form.addRow(named(about, "transaction"))
        form.addRow(self.tr("Correct amount"), self.amount)
        form.addRow(self.tr("Reason"), self.reason)
        self.message = MessageLine("message")
        form.addRow(self.message)
        form.addRow(buttons)
        name_form_labels(form)

    def accept(self) -> None:
        typed = self.amount.refused()
        if typed is not None:  # stay open: what was typed is not what Qt put back in the box
            low, high = self.amount.accepted_range()
            self.message.error(
                self.tr('"{0}" is not an amount: enter {1} to {2}.').format(typed, low, high)
            )
            return
        super().accept()


class WalletPage(Page):
    TITLE = QT_TRANSLATE_NOOP("Pages", "Wallet")
    NEEDS_ACCOUNT = True

    def __init__(
        self,
        send: Send,
        shopping: Callable[[], ShoppingQueries],
        accounts: Callable[[], AccountQueries],
        who: SignedIn,
        moment: Moment,
    ) -> None:
        super().__init__("wallet", who, moment)
        self._send, self._shopping, self._accounts = send, shopping, accounts
        self.account = QComboBox()
        self.account.setObjectName("account")
        accessible(self.account, self.tr("Wallet of account"))
        self.account_label = named(QLabel(self.tr("Wallet of")), "account_label")
        self.balance = heading("", "balance")
        self.amount = money_box("amount")
        accessible(self.amount, self.tr("Amount to deposit"))
        self.deposit = QPushButton(self.tr("Deposit"))
        self.deposit.setObjectName("deposit")
        self.correct = QPushButton(self.tr("Correct selected…"))
        self.correct.setObjectName("correct")
        self.message = MessageLine("message")
        self.table = make_table(
            "transactions",
            [
                self.tr("When"),
                self.tr("Kind"),
                self.tr("Amount"),
                self.tr("Note"),
                self.tr("Status"),
            ],
            3,
            self.tr("Transactions"),
        )
        self.command_widgets = [self.amount, self.deposit, self.correct]
        self.dialog: CorrectionDialog | None = None
        self._by_id: dict[str, TransactionView] = {}

        top = QHBoxLayout()
        top.addWidget(self.account_label)
        top.addWidget(self.account)
        top.addStretch(1)
        deposit = QHBoxLayout()
        deposit.addWidget(named(QLabel(self.tr("Add store credit:")), "amount_label"))
        deposit.addWidget(self.amount)
        deposit.addWidget(self.deposit)
        deposit.addStretch(1)
        deposit.addWidget(self.correct)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.balance)
        layout.addLayout(deposit)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)

        self.account.currentIndexChanged.connect(self.refresh)
        self.deposit.clicked.connect(self._on_deposit)
        self.correct.clicked.connect(self._on_correct)

    def _wallet_id(self) -> str | None:
        if self.who.is_admin and self.account.currentData():
            return str(self.account.currentData())
        return self.who.actor_id

    def refresh(self) -> None:
        admin = self.who.is_admin
        self.account_label.setVisible(admin)
        self.account.setVisible(admin)
        self.correct.setVisible(admin)
        if admin and self.account.count() == 0:
            self.account.blockSignals(True)
            for account in self._accounts().all():
                self.account.addItem(account.username, account.account_id)
            self.account.setCurrentIndex(max(0, self.account.findData(self.who.actor_id)))
            self.account.blockSignals(False)
        wallet_id = self._wallet_id()
        wallet = self._shopping().wallet(wallet_id) if wallet_id else None
        self.balance.setText(
            self.tr("Balance: {0}").format(money(wallet.balance_cents))
            if wallet
            else self.tr("Sign in to see your wallet.")
        )
        txs = wallet.transactions if wallet else ()
        self._by_id = {t.tx_id: t for t in txs}
        rows = [
            (
                when(t.at),
                translate("Wallet", t.kind),
                money(t.amount_cents),
                readable_note(t, self._by_id),
                self.tr("reversed") if t.reversed_by else "",
            )
            for t in txs
        ]
        fill_table(self.table, rows, [t.tx_id for t in txs], numeric=(2,))
        self.deposit.setEnabled(wallet_id == self.who.actor_id and not self.moment.is_past)

    def _on_deposit(self) -> None:
        typed = self.amount.refused()
        if typed is not None:
            low, high = self.amount.accepted_range()
            self.message.error(
                self.tr(
                    '"{0}" is not an amount to deposit: enter {1} to {2}. Nothing was deposited.'
                ).format(typed, low, high)
            )
            return
        cents = round(self.amount.value() * 100)
        command = c.DepositFunds(self.who.actor_id, cents, "Deposit")
        done = self.tr("Deposited {0}.").format(money(cents))
        attempt(self.message, lambda: self._send(command), done)

    def _on_correct(self) -> None:
        tx_id, wallet_id = selected_key(self.table), self._wallet_id()
        if tx_id is None or wallet_id is None:
            self.message.error(self.tr("Select the transaction to correct first."))
            return
        tx = self._by_id[tx_id]
        owner = self.account.currentText() if self.who.is_admin else ""
        if not owner and self.who.account is not None:
            owner = self.who.account.username
        # open(), not exec(): a nested event loop would block replay (see docs/architecture.md).
        self.dialog = CorrectionDialog(self, owner, tx, readable_note(tx, self._by_id))
        self.dialog.accepted.connect(lambda: self._send_correction(wallet_id, tx_id))
        self.dialog.open()

    def _send_correction(self, wallet_id: str, tx_id: str) -> None:
        assert self.dialog is not None
        cents = round(self.dialog.amount.value() * 100)
        command = c.CorrectTransaction(
            self.who.actor_id, wallet_id, tx_id, cents, self.dialog.reason.text()
        )
        attempt(
            self.message,
            lambda: self._send(command),
            self.tr("Corrected: reversed and re-recorded as {0}.").format(money(cents)),
        )
