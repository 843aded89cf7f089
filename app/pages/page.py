"""The base of every page in the main window, and small helpers for their tables."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.platform.i18n import translate
from app.widgets.inputs import Moment, SignedIn
from app.widgets.names import named


class Page(QWidget):
    """A screen of the main window. It reads through its query object and sends commands
    through `send`; the main window refreshes it when the shop, the user or the moment changes.

    Widgets listed in `command_widgets` issue commands: they are disabled while the shop is
    shown as of a past moment (read-only) or, when `NEEDS_ACCOUNT`, while nobody is signed in.
    """

    TITLE = ""  # QT_TRANSLATE_NOOP("Pages", ...): translated where shown, by title()
    ADMIN_ONLY = False
    NEEDS_ACCOUNT = False

    def __init__(self, name: str, who: SignedIn, moment: Moment) -> None:
        super().__init__()
        self.setObjectName(name)
        # The region a screen reader announces when the focus enters the page: its title,
        # as the list of pages shows it.
        self.setAccessibleName(self.title())
        self.who = who
        self.moment = moment
        self.command_widgets: list[QWidget] = []

    def title(self) -> str:
        return translate("Pages", self.TITLE)

    def refresh(self) -> None:
        raise NotImplementedError

    def update_enabled(self) -> None:
        allowed = not self.moment.is_past and (
            not self.NEEDS_ACCOUNT or self.who.account is not None
        )
        for widget in self.command_widgets:
            widget.setEnabled(allowed)


def accessible(widget: QWidget, name: str, description: str = "") -> None:
    """What a screen reader says for a control that has no text of its own."""
    widget.setAccessibleName(name)
    if description:
        widget.setAccessibleDescription(description)


def heading(text: str, name: str = "heading") -> QLabel:
    label = named(QLabel(text), name)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.35)
    font.setBold(True)
    label.setFont(font)
    return label


MAX_COLUMN_WIDTH = 300


def make_table(
    name: str, headers: Sequence[str], stretch: int | Sequence[int] = 0, label: str = ""
) -> QTableWidget:
    """A read-only, row-selecting table whose column `stretch` (or columns, sharing it) takes
    the spare width. `label` is what a screen reader calls it (the object name is for
    recordings)."""
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setAccessibleName(label or name.replace("_", " ").capitalize())
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    # Tab leaves the table for the next control (rows are chosen with the arrows): otherwise
    # Tab walks the cells and a keyboard-only user never reaches "Add to cart".
    table.setTabKeyNavigation(False)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    # Not ResizeToContents: that re-measures every row on every inserted cell (1.5 ms a cell
    # here). fill_table sizes the columns once per fill instead.
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for column in [stretch] if isinstance(stretch, int) else stretch:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    header.setResizeContentsPrecision(200)
    return table


def fill_table(
    table: QTableWidget,
    rows: Sequence[Sequence[object]],
    keys: Sequence[str] | None = None,
    numeric: Sequence[int] = (),
) -> None:
    """Replace the rows, keeping the selection on the same key when it is still there."""
    selected = selected_key(table)
    table.setSortingEnabled(False)
    table.setUpdatesEnabled(False)
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for col, value in enumerate(row):
            text = "" if value is None else str(value)
            item = QTableWidgetItem(text)
            if len(text) > 40:
                item.setToolTip(text)
            if col in numeric:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if keys is not None and col == 0:
                item.setData(Qt.ItemDataRole.UserRole, keys[r])
            table.setItem(r, col, item)
    header = table.horizontalHeader()
    for column in range(table.columnCount()):
        if header.sectionResizeMode(column) != QHeaderView.ResizeMode.Stretch:
            table.resizeColumnToContents(column)
            # Long ids must not squeeze the stretching column; the full text is in the tooltip.
            header.resizeSection(column, min(header.sectionSize(column), MAX_COLUMN_WIDTH))
    table.setUpdatesEnabled(True)
    if selected is not None and keys is not None and selected in keys:
        table.selectRow(list(keys).index(selected))
    elif selected is not None:
        # The rows were rewritten in place: a selected row now shows another item, and no
        # selection change would be emitted, so views beside the table would go stale.
        table.clearSelection()


def cell_text(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return item.text() if item is not None else ""


def selected_key(table: QTableWidget) -> str | None:
    rows = table.selectionModel().selectedRows() if table.selectionModel() else []
    if not rows:
        return None
    item = table.item(rows[0].row(), 0)
    key = item.data(Qt.ItemDataRole.UserRole) if item else None
    return str(key) if key is not None else None
