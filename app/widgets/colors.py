"""Colours that keep their meaning and stay readable on the user's palette, light or dark.

Fixed colours measured 1.6:1 against a dark theme's window; these pairs are chosen per
background lightness and each meets WCAG's 4.5:1 for text (tests/unit/test_colors.py).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette

# (on a light background, on a dark background)
TEXT = {
    "error": ("#b00020", "#ff8a80"),
    "success": ("#1b5e20", "#81c784"),
    "recording": ("#b71c1c", "#ff8a80"),
    "warning": ("#664d03", "#ffe08a"),
}
# Row and banner backgrounds; the palette's own text colour is drawn on them.
TINT = {
    "hidden": ("#fde2e1", "#5c2b29"),
    "deleted": ("#eeeeee", "#3c3c3c"),
    "edited": ("#fff4d6", "#4d4220"),
    "past": ("#fff3cd", "#4d4220"),
}


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def text_color(role: str, palette: QPalette | None = None) -> str:
    """For `palette`, by default the application's (a widget's own may lag a switch)."""
    light, dark = TEXT[role]
    return dark if is_dark(palette or QGuiApplication.palette()) else light


def tint(role: str, palette: QPalette | None = None) -> str:
    light, dark = TINT[role]
    return dark if is_dark(palette or QGuiApplication.palette()) else light


def luminance(color: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    """WCAG 2 contrast ratio, 1 to 21."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)
