"""Names for the parts Qt builds inside controls.

A line edit's clear button, a combo box's popup list and a scroll area's scroll bars are
widgets of their own: a screen reader announced them as an unnamed push button, list and
scroll bar (7 buttons and 5 lists in the AT-SPI tree, tests/a11y). `name_inner_parts` names
each after its control, once the window or dialog that holds them is built (a walk, not an
application-wide event filter: that would run on every event of the app for a thing done
once).
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractScrollArea, QComboBox, QLineEdit, QToolButton, QWidget

from app.platform.i18n import translate


def name_inner_parts(root: QWidget) -> None:
    for edit in root.findChildren(QLineEdit):
        if edit.isClearButtonEnabled():
            for button in edit.findChildren(QToolButton):
                if not button.accessibleName():
                    button.setAccessibleName(
                        translate("InnerParts", "Clear {0}").format(_called(edit))
                    )
    for combo in root.findChildren(QComboBox):
        view = combo.view()  # made now if Qt had not yet: the popup uses this one
        if not view.accessibleName():
            view.setAccessibleName(
                translate("InnerParts", "Choices for {0}").format(_called(combo))
            )
    for area in root.findChildren(QAbstractScrollArea):
        up_down, sideways = area.verticalScrollBar(), area.horizontalScrollBar()
        if not up_down.accessibleName():
            up_down.setAccessibleName(translate("InnerParts", "Scroll {0}").format(_called(area)))
        if not sideways.accessibleName():
            sideways.setAccessibleName(
                translate("InnerParts", "Scroll {0} sideways").format(_called(area))
            )


def _called(control: QWidget) -> str:
    if control.accessibleName():
        return control.accessibleName()
    if isinstance(control, QLineEdit) and control.placeholderText():
        return control.placeholderText()
    return control.objectName().replace("_", " ")
