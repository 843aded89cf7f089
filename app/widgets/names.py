"""Object names for the widgets that show something: a recording calls a widget by its path
(`main/central/pages/catalog/splitter/detail/body/price`), and a widget without a name of
its own by its place among its unnamed siblings (`…/body/QLabel#0`), which a label added
above it would change for every recording (issue #35). The recorder's test walks every page
and dialog and fails on such a place (tests/app/test_widget_names.py)."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QFormLayout, QMessageBox, QWidget

W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str) -> W:
    """`widget`, with an object name: a recording calls it by its path (`…/detail/price`), not
    by its place among its unnamed siblings (`…/body/QLabel#0`), which a label added above it
    would change."""
    widget.setObjectName(name)
    return widget


def name_form_labels(form: QFormLayout) -> None:
    """Name each label of a form after its field: `username_label` for `username`."""
    for row in range(form.rowCount()):
        label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        if label is None or field is None:
            continue
        shown, widget = label.widget(), field.widget()
        name = widget.objectName() if widget is not None else ""
        if shown is not None and name and not shown.objectName():
            shown.setObjectName(f"{name}_label")


def name_box_buttons(box: QMessageBox) -> None:
    """Name a message box's standard buttons (`ok`, `close`): Qt leaves them unnamed, and adds
    an OK button only as the box is shown unless one is there already."""
    if not box.buttons():
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
    for button in box.buttons():
        standard = box.standardButton(button)
        if standard != QMessageBox.StandardButton.NoButton and not button.objectName():
            button.setObjectName(str(standard.name).lower())
