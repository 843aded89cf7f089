"""Help → About: the version, the event log's head and the read models in use.

Its strings keep the translators' context they were filed under ("MainWindow"), so the German
texts stay.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from app.platform.i18n import translate
from app.platform.version import app_version
from app.widgets.format import when
from app.widgets.names import name_box_buttons
from domain.readside.builds import ReadModelInUse


def about_box(
    parent: QWidget, log_head: tuple[int, str], read_models: list[ReadModelInUse]
) -> QMessageBox:
    """The About box, not yet open: `log_head` is (position, digest) of the event log."""
    box = QMessageBox(
        QMessageBox.Icon.Information,
        translate("MainWindow", "About Replay Shop"),
        translate("MainWindow", "Replay Shop {0}").format(app_version()),
        parent=parent,
    )
    box.setObjectName("about")
    name_box_buttons(box)
    about = translate(
        "MainWindow",
        "An event-sourced shop: nothing is ever lost, and every session can be replayed.",
    )
    position, digest = log_head
    box.setInformativeText(
        translate(
            "MainWindow",
            "{0}\n\nEvent log head: {1}\n(keep it: `replayshop verify --expect-head` "
            "shows later that this history was not cut or rewritten)"
            "\n\nRead models in use:\n{2}",
        ).format(about, f"{position}:{digest}", _in_use(read_models))
    )
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label = box.findChild(QLabel, "qt_msgbox_informativelabel")
    if label is not None:  # a replay's store is chained anew: its hash is its own
        observed = translate("MainWindow", "{0}\n\nEvent log head: (this store's)").format(about)
        label.setProperty("observed", observed)
    return box


def _in_use(read_models: list[ReadModelInUse]) -> str:
    """Each projection version the window reads, and when it was built from the log."""
    lines = []
    for model in read_models:
        when_built = (
            translate("MainWindow", "built {0}").format(when(model.built_at))
            if model.built_at
            else translate("MainWindow", "built before this was noted")
        )
        lines.append(f"{model.name} v{model.version}, {when_built}")
    return "\n".join(lines)
