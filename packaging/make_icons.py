"""Render the SVG icon to the PNG sizes desktops ask for (run once; the PNGs are committed)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SIZES = (16, 32, 48, 64, 128, 256)


def main() -> None:
    QGuiApplication(sys.argv[:1])
    here = Path(__file__).parent / "icons"
    renderer = QSvgRenderer(str(here / "replayshop.svg"))
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        image.save(str(here / f"replayshop-{size}.png"))


if __name__ == "__main__":
    main()
