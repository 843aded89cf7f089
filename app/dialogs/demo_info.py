"""After the first run loaded the demo shop: its passwords, shown once.

Its strings keep the translators' context they were filed under ("MainWindow"), so the German
texts stay.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from app.platform.i18n import translate
from app.widgets.names import name_box_buttons


def demo_info_box(parent: QWidget, admin_password: str) -> QMessageBox:
    """The box, not yet open."""
    box = QMessageBox(
        QMessageBox.Icon.Information,
        translate("MainWindow", "Demo shop loaded"),
        translate("MainWindow", "The demo shop is ready."),
        parent=parent,
    )
    box.setObjectName("demo_info")
    name_box_buttons(box)
    # It shows the admin password: a recording keeps only that it was shown.
    box.setProperty("sensitive", True)
    box.setInformativeText(
        translate(
            "MainWindow",
            "Administrator: admin / {0}\n"
            "Shoppers: ann, bob, carla, … with the password shopper-pass.\n"
            "Write the admin password down: it is shown only now.",
        ).format(admin_password)
    )
    return box
