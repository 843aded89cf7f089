"""The line above the pages that says which moment they show: now, or a read-only past.

Its strings keep the translators' context they were filed under ("MainWindow"), so the German
texts stay.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from app.platform.i18n import translate
from app.widgets.colors import text_color, tint


def show_moment(banner: QLabel, past_label: str | None) -> None:
    """The past (`past_label` names when) in warning colours, or the live shop plainly."""
    if past_label is not None:
        banner.setText(
            translate(
                "MainWindow",
                "You are looking at the shop as it was on {0}. "
                'This is the past: read-only. Use "Back to now" to return.',
            ).format(past_label)
        )
        banner.setStyleSheet(
            f"background: {tint('past')}; color: {text_color('warning')};"
            "padding: 6px; border-bottom: 1px solid palette(mid); font-weight: bold;"
        )
    else:
        banner.setText(
            translate("MainWindow", "Live: the shop as it is now. Drag the slider to look back.")
        )
        banner.setStyleSheet(
            "padding: 6px; color: palette(window-text);border-bottom: 1px solid palette(midlight);"
        )
    banner.setProperty("past", past_label is not None)
