"""Guards against a Qt binding that corrupts Python's reference counts.

PySide6 6.12.0 released one reference to None per item setData call; on Python 3.11 that
aborts the app after a few thousand table refreshes. This fails fast if a bump brings it back.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidgetItem, QTableWidgetItem


def test_item_set_data_keeps_reference_counts_balanced() -> None:
    items = [QListWidgetItem("x"), QTableWidgetItem("y")]
    before = sys.getrefcount(None)
    for _ in range(200):
        for item in items:
            item.setData(Qt.ItemDataRole.UserRole, "key")
    assert abs(sys.getrefcount(None) - before) < 50
